"""Figure-dense sentences: the meaning component reads each sentence's words once and
shares them among its figures. The shared reading must give what reading the sentence
again for every figure gives, and a long table must take time linear in its length."""

from __future__ import annotations

import random
import time
from typing import Any

import pytest

import briefparser
from briefparser.components import sentence_starts, state
from briefparser.extraction import _make_doc
from briefparser.extractors.base import Found
from briefparser.extractors.meaning import (
    Figures,
    SentenceWords,
    Spans,
    _gap,
    _Text,
    _tokens,
    amount_subject,
    headcount_subject,
)
from briefparser.nlp import get_nlp

WORDS = ["de", "het", "een", "kosten", "steun", "aan", "voor", "bij aan", "uit", "van",
         "bedragen", "bedroeg", "is", "gaat om", "per", "opvangplek", "en", "of", "waarvan",
         "gerealiseerd", "begroot", "munitie", "NAVO-fondsen", "via", "bij", "operatie",
         "Interflex", "militairen", "werden", "ingezet", "in 2023", "tot en met 2024",
         "totaal", "omgerekend", "ten behoeve van", "herstel", "trekt", "uit voor"]
FIGURES = ["€ {n} miljoen", "{n} miljard euro", "€ {n}", "{n} militairen", "{n}",
           "USD {n} miljoen", "{n} medewerkers"]
GAPS = [" ", " ", " ", ", ", "; ", " (", ") ", ": ", "\n", " - ", " / "]


def _dense_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(20, 400)):
            if rng.random() < 0.4:
                parts.append(rng.choice(FIGURES).format(n=rng.randint(1, 999)))
            else:
                parts.append(rng.choice(WORDS))
            parts.append(rng.choice(GAPS))
        texts.append("".join(parts) + ".")
    return texts


def _prepared(text: str) -> tuple[_Text, Spans, dict[str, Any]]:
    """The text, its figure spans and the pipeline state, as ``annotate`` reads them."""
    nlp = get_nlp()
    doc = nlp(_make_doc(nlp, text, None))
    st = state(doc)
    starts = sentence_starts(doc) or [0]
    t = _Text(text, list(zip(starts, [*starts[1:], len(text)], strict=True)))
    blocked = Spans((f.start, f.end) for key in ("amount", "headcount", "date")
                    for f in st.get(key, []))
    return t, blocked, st


def test_shared_subjects_equal_plain_ones() -> None:
    subjects = tokens = 0
    for text in [*_dense_texts(7, 30), "(bedragen x € 1.000)\n" + "1 2\n" * 600]:
        t, blocked, st = _prepared(text)
        shared = SentenceWords(t, blocked)
        amounts = sorted(st.get("amount", []), key=lambda f: (f.start, f.end))
        for i, f in enumerate(amounts):
            previous = amounts[i - 1] if i and t.sentence(amounts[i - 1].start) == t.sentence(
                f.start) else None
            plain = amount_subject(t, f, blocked, previous)
            assert amount_subject(t, f, blocked, previous, shared) == plain, text[:80]
            subjects += plain is not None
        for f in st.get("headcount", []):
            plain = headcount_subject(t, f, blocked)
            assert headcount_subject(t, f, blocked, shared) == plain, text[:80]
            subjects += plain is not None
        # Every stretch between two word edges of a sentence.
        for s_start, s_end in t.sentences[:3]:
            edges = sorted({s_start, s_end, *(x for w in t.words for x in w
                                              if s_start <= x <= s_end)})[:40]
            for a in edges:
                for b in edges:
                    if a <= b:
                        want = _tokens(t, a, b, blocked)
                        assert _tokens(t, a, b, blocked, shared=shared) == want, (a, b)
                        tokens += None in want
    assert subjects > 200 and tokens > 100


def _found(start: int, end: int) -> Found:
    return Found("amount", start, end)


@pytest.mark.parametrize("nested", [False, True])
def test_figures_inside_equal_a_plain_count(nested: bool) -> None:
    rng = random.Random(3)
    text = " ".join("w" * rng.randint(1, 4) for _ in range(300))
    t = _Text(text, [(0, len(text))])
    for _ in range(20):
        spans = set()
        while len(spans) < 40:
            s = rng.randrange(len(text) - 10)
            spans.add((s, s + rng.randint(1, 10 if nested else 1)))
        figures = []
        for s, e in sorted(spans):
            if nested or not figures or s >= figures[-1].end:  # none inside another
                figures.append(_found(s, e))
        rng.shuffle(figures)
        others = Figures(t, figures)
        for _ in range(100):
            f = rng.choice(figures)
            lo = rng.randrange(len(text))
            hi = lo + rng.randrange(200)
            crossed = [g for g in figures if g is not f and lo <= g.start and g.end <= hi]
            held = sum(t.words_between(g.start, g.end) for g in crossed)
            assert others.inside(lo, hi, f) == (len(crossed), held)
            d = _found(lo, lo + 3)
            closer = any(_gap(g, d) < _gap(f, d) for g in figures
                         if g is not f and 0 <= g.start < hi)
            assert others.closer(f, d, 0, hi) == closer


def test_dense_table_takes_linear_time() -> None:
    briefparser.extract("x")
    text = ("(bedragen x € 1.000)\n" + "1 2\n" * 100_000)[:50_000]
    start = time.perf_counter()
    record = briefparser.extract(text)
    # Generous bound for a slow CI machine; the point is "not quadratic per sentence".
    assert time.perf_counter() - start < 5
    assert len(record.amounts) > 20_000
