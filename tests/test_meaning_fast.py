"""The cue matchers give each cue the character offsets of its token span, read from the
tokens it starts and ends with; they must equal those of spaCy's ``Span``."""

from __future__ import annotations

import random
from pathlib import Path

from spacy.tokens import Doc

from briefparser.components import CueMatcher, MeaningAnnotator
from briefparser.extraction import _make_doc
from briefparser.extractors.meaning import load_taxonomy, status_table
from briefparser.nlp import get_nlp

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _reference(matcher: CueMatcher, doc: Doc) -> list[tuple[str, int, int]]:
    hits, anchored = matcher._word_cues(doc)
    if len(matcher.tokens) and (anchored or matcher._unanchored):
        hits |= {(matcher._keys[key], start, end) for key, start, end in matcher.tokens(doc)}
    out = []
    for index, start, end in sorted(hits, key=lambda h: (h[1], h[2], h[0])):
        span = doc[start:end]
        out.append((matcher.specs[index].label, span.start_char, span.end_char))
    return out


def _texts(phrases: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    fillers = ["de", "het", "van", "en", ",", ".", "werd", "steun", "2024", "€", "5", "(",
               ")", "NAVO-fondsen", "begroting"]
    gaps = [" ", " ", "  ", "\n", "\n\n", " \n "]
    texts = []
    for _ in range(300):
        parts = [rng.choice(phrases if rng.random() < 0.5 else fillers)
                 for _ in range(rng.randint(1, 30))]
        if rng.random() < 0.5:
            parts = [p.upper() if rng.random() < 0.2 else p for p in parts]
        texts.append("".join(p + rng.choice(gaps) for p in parts))
    return texts


def test_cue_offsets_equal_span_offsets() -> None:
    nlp = get_nlp()
    annotator = nlp.get_pipe("briefparser_meaning")
    assert isinstance(annotator, MeaningAnnotator)
    taxonomy = load_taxonomy()
    status_phrases = [w for row in status_table().cue for w in row.words]
    category_phrases = [w for node in taxonomy.category for w in (*node.cues, *node.weak_cues)]
    pairs = [(annotator.status, status_phrases),
             (annotator.categories(taxonomy), category_phrases)]
    corpus = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    long_cues = 0
    for seed, (matcher, phrases) in enumerate(pairs):
        for text in corpus + _texts(phrases, seed):
            doc = _make_doc(nlp, text, None)
            want = _reference(matcher, doc)
            assert [(c.label, c.start, c.end) for c in matcher(doc)] == want, text[:80]
            long_cues += sum(" " in text[s:e] for _, s, e in want)
    assert long_cues > 100
