"""Fast paths of the count, amount and percentage extractors find exactly what the plain
patterns find: seeded texts built from the rule tables, the corpus texts and random
claims, each compared against a plain reference."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from briefparser import patterns, rules
from briefparser.extractors import cues, headcounts, money, percentages
from briefparser.extractors.base import Claims, Found

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# Digit forms of ``patterns.DIGITS`` and near misses.
_DIGITS = ["3", "45", "2024", "1.250.000", "10.612,4", "3 000", "8 392,6", "7.4", "13,6",
           "0,5", "100", "12.30", "1e", "19 637", "1 58", "1 5", "2A4", "F-35", "113751",
           "3.800", "1234567890123", "5/6", "٣", "²", "45.300,-", "380"]
_SEPARATORS = ["", " ", " ", " ", "  ", "\n", "\u00a0", "\t", "- ", "-\n", ", ", ". "]
_BARRIERS = [";", ":", "(", ")", "!", "?", '"', "[", "]", "|", "*", "“", ",", ".", "/"]
_SIGNS = ["-/-", "-", "–", "−", "+", "+/-"]
# Characters that change length when case-folded, or that are no ASCII letters.
_ODD = ["ß", "ﬁ", "İ", "é", "Ö", "ë"]


def _tokens() -> list[list[str]]:
    """Pools of words from the rule tables, one pool a kind."""
    numbers, cash, counts = rules.numbers(), rules.money(), headcounts.counts_table()
    persons = rules.persons()
    person_words = [*persons.heads, *persons.staff_units,
                    *(f for forms in persons.heads.values() for f in forms),
                    *(f for forms in persons.staff_units.values() for f in forms),
                    "militairen", "soldaten", "Kamerleden", "Oekraïners", "landmachtmilitairen",
                    "mensen", "woningen", "examens", "fte", "formatieplaatsen"]
    person_words += _plurals([*persons.heads, *persons.staff_units])
    words = [*numbers.units, *numbers.multipliers, *numbers.fractions, *numbers.vague,
             "drieëntwintig", "tweehonderd", "vijf-", "zesduizend", "tweede", "tientallen",
             "eenentwintig", "Honderden", "EEN"]
    grammar = counts.grammar
    count_words = [*grammar.range_connectors, *grammar.range_openers, grammar.range_joiner,
                   *grammar.ratio_joiners, *grammar.year_before, *grammar.staff_of,
                   *counts.per.rate_words, *counts.vague.before, *counts.elision.before,
                   *counts.elision.after, *counts.elision.population_nouns,
                   *persons.between.words[:10], "Oekraïense", "extra", "per", "jaar"]
    ranges = [w for key in ("connectors", "between", "pair", "from", "to")
              for w in numbers.ranges.get(key, [])]
    currency = [w for cur in cash.currency for w in (*cur.before, *cur.after)]
    scales = [*numbers.scales, *numbers.ocr_scales, *cash.implicit.scales]
    percent = [*numbers.percent_units, *numbers.percent_context.get("nouns", []),
               *numbers.percent_context.get("between", [])[:12],
               *numbers.percent_context.get("joiners", [])]
    qualifiers = [p for row in rules.qualifiers().qualifier for p in row.phrases]
    filler = ["de", "het", "kosten", "budget van", "voor", "in", "x", "Den Haag", "bedragen",
              "steun", "militaire", "brigade", "is", "c.q.", "groep", "fase",
              *cash.implicit.leaders[:8]]
    return [_DIGITS, _DIGITS, words, person_words, count_words, ranges, currency, currency,
            scales, percent, qualifiers, filler, _BARRIERS, _SIGNS]


def _plurals(lemmas: list[str]) -> list[str]:
    """Plural forms of the person nouns and staff units, as ``noun_of`` reads them."""
    out = []
    for lemma in lemmas:
        for form in (lemma + "s", lemma + "en", lemma + "'s", lemma + lemma[-1] + "en"):
            noun = headcounts.noun_of(form)
            if noun is not None and not noun.singular:
                out.append(form)
                break
    return out


def _generated(seed: int, n: int) -> list[str]:
    """Short texts of figures (amounts, percentages, counts) between table words, numbers,
    signs and barriers, with odd case, spacing, glued words and OCR hyphens."""
    rng = random.Random(seed)
    pools = _tokens()
    numbers, cash = rules.numbers(), rules.money()
    digits, words, persons = pools[0], pools[2], pools[3]
    before = [w for cur in cash.currency for w in cur.before]
    after = [w for cur in cash.currency for w in cur.after]
    scales = [*numbers.scales, *numbers.ocr_scales]
    units = list(numbers.percent_units)
    ranges = [w for key in ("connectors", "pair", "to") for w in numbers.ranges.get(key, [])]
    qualifiers = pools[10]

    def pick(items: list[str]) -> str:
        return rng.choice(items)

    def maybe(items: list[str], p: float = 0.5) -> str:
        return pick(items) if rng.random() < p else ""

    def broken(word: str) -> str:
        """A word as OCR may break it: a hyphen, maybe a blank or line break, inside."""
        if len(word) < 6 or not word.isalpha() or rng.random() < 0.6:
            return word
        i = rng.randrange(1, len(word))
        return word[:i] + pick(["-", "- ", "-\n"]) + word[i:]

    def cased(word: str) -> str:
        roll = rng.random()
        if roll < 0.06:
            return word.upper()
        if roll < 0.12:
            return word.capitalize()
        return word

    def token() -> str:
        if rng.random() < 0.02:
            return pick(_ODD)
        return cased(broken(pick(pick(pools))))

    def gap() -> str:
        return pick(["", " ", " ", " ", "  ", "\n", "\u00a0", "- "])

    def number() -> str:
        return pick(digits) if rng.random() < 0.75 else cased(broken(pick(words)))

    def amount() -> str:
        core = number() + maybe([gap() + broken(pick(scales))])
        if rng.random() < 0.5:
            core = pick(before) + pick(["", " ", " ", "  "]) + core + maybe([",-", ",--"], 0.1)
        else:
            core = core + pick([" ", "", "  ", "\n"]) + broken(pick(after))
        return maybe(_SIGNS, 0.15) + core

    def percent() -> str:
        return maybe(["+", "-", "−"], 0.15) + number() + pick(["", " ", "  ", "\n"]) \
            + broken(pick(units))

    figures: list[Callable[[], str]] = [
        amount,
        lambda: amount() + " " + broken(pick(ranges)) + " " + amount(),
        lambda: pick(before) + " " + number() + gap() + pick(ranges) + gap() + number()
        + " " + broken(pick(scales)),
        lambda: number() + " " + broken(pick(scales)),
        percent,
        lambda: number() + gap() + pick(ranges) + gap() + percent(),
        lambda: number() + pick([", ", " c.q. ", " en ", " of "]) + percent(),
        lambda: cased(pick(["het percentage", "percentages", "Het arbeidspercentage"]))
        + pick([" van ", " is ", " ging van ", " "]) + pick(digits)
        + maybe([" naar " + pick(digits), " tot " + pick(digits)]),
        lambda: maybe(qualifiers) + " " + number() + " " + maybe(pools[4], 0.3) + " "
        + cased(broken(pick(persons))),
        lambda: number() + maybe([gap() + pick(scales)], 0.2) + " " + pick(ranges) + " "
        + number() + " " + cased(pick(persons)),
        lambda: pick(["tussen ", "tussen de "]) + number() + " en " + number() + " "
        + pick(persons),
    ]

    out = []
    for _ in range(n):
        parts = [pick(figures)() if rng.random() < 0.7 else token()]
        for _ in range(rng.randint(0, 5)):
            parts.append(pick(_SEPARATORS))
            parts.append(pick(figures)() if rng.random() < 0.35 else token())
        out.append("".join(parts))
    return out


def _corpus() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def _texts(seed: int, n: int) -> list[str]:
    return _generated(seed, n) + (_corpus() if seed == 1 else [])


def _claimed(text: str, rng: random.Random) -> list[tuple[int, int]]:
    spans = []
    for _ in range(rng.randint(0, 3)):
        start = rng.randrange(len(text) + 1)
        spans.append((start, min(len(text), start + rng.randint(1, 8))))
    return spans


def _claims(text: str, spans: list[tuple[int, int]]) -> Claims:
    claims = Claims(len(text))
    for start, end in spans:
        claims.claim(start, end)
    return claims


def _found(hits: list[Found]) -> list[tuple[str, int, int, dict[str, Any]]]:
    return [(h.kind, h.start, h.end, h.attrs) for h in hits]


SEEDS = [1, 2, 3]


# --- headcounts: trigger positions ---------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_count_trigger_positions_equal_the_trigger(seed: int) -> None:
    """``_trigger_positions`` is ``trigger_starts`` with the count trigger less the lone
    words that are no count: the same offsets, and None where case folding changes the
    length of the text."""
    texts = _texts(seed, 1500)
    positions = 0
    nones = 0
    lone = 0
    for text in texts:
        want = patterns.trigger_starts(headcounts._count_trigger(), text, 5.0)
        got = headcounts._trigger_positions(text, 5.0)
        if want is None:
            assert got is None, text
            nones += 1
            continue
        kept = [p for p in want
                if text[p].isdigit() or not headcounts._lone_word_no_count(text, p)]
        assert got == kept, text
        positions += len(kept)
        lone += len(want) - len(kept)
    assert positions > 2000
    assert lone > 50
    assert nones > 0 or seed != 1


# --- headcounts: the matches that ``_read_counts`` reads ----------------------------------


class _PlainMatches:
    """``_Matches`` without its fast path: ``_count_regex().search`` from ``pos``."""

    def __init__(self, text: str, claims: Claims) -> None:
        self.text = text

    def next(self, pos: int) -> headcounts._Match | None:
        m = headcounts._count_regex().search(self.text, pos, timeout=5.0)
        return None if m is None else (m.start(), m.end(), m.groupdict())


def _read(text: str, claims: Claims, starts: list[int],
          matches: Any) -> list[tuple[headcounts._Match, Any]]:
    """The matches that ``_read_counts`` turns into counts, with the counts: its loop,
    recording the match as well as the count."""
    out = []
    pos = 0
    while (found := matches.next(pos)) is not None:
        start, pos, groups = found
        ocr = groups["ocr"] is not None
        if not ocr and not claims.free(start, pos):
            continue
        count = headcounts._read_one(text, found, starts)
        if count is None:
            if ocr:
                pos = start + 2
            continue
        if claims.free(count.start, count.end):
            out.append((found, count))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_count_matches_equal_plain_search(seed: int) -> None:
    """Every match of ``_Matches`` that ``_read_counts`` turns into a count is the match
    that plain search gives there, with the same groups; none is left out. (Matches that
    give no count, such as "een" or claimed ones, ``_Matches`` may pass over.)"""
    rng = random.Random(seed)
    read = 0
    for text in _texts(seed, 1500):
        claims = _claims(text, _claimed(text, rng))
        starts = headcounts.sentence_starts(text)
        want = _read(text, claims, starts, _PlainMatches(text, claims))
        got = _read(text, claims, starts, headcounts._Matches(text, claims))
        assert got == want, text
        read += len(want)
    assert read > 1000


@pytest.mark.parametrize("seed", SEEDS)
def test_find_counts_equals_plain_search(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """``find_counts`` gives the same headcounts and quantities as with ``_Matches``
    replaced by plain search, and leaves the same claims."""
    rng = random.Random(seed + 100)
    found = 0
    for text in _texts(seed, 1200):
        spans = _claimed(text, rng)
        fast_claims = _claims(text, spans)
        fast = headcounts.find_counts(text, fast_claims)
        with monkeypatch.context() as m:
            m.setattr(headcounts, "_Matches", _PlainMatches)
            plain_claims = _claims(text, spans)
            plain = headcounts.find_counts(text, plain_claims)
        assert [_found(f) for f in fast] == [_found(f) for f in plain], text
        assert fast_claims._mask == plain_claims._mask, text
        found += len(plain[0]) + len(plain[1])
    assert found > 150


# --- money and percentages: cues, windows and triggers -------------------------------------


@contextmanager
def _unpruned(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Money and percentages with no pruning: every text has a cue, the window is the
    whole text, the triggers let the pattern try everywhere and captions are looked for
    in all of the text."""
    with monkeypatch.context() as m:
        m.setattr(cues, "cue_spots", lambda text, found, timeout: [len(text)])
        m.setattr(cues, "windows", lambda text, spots, barrier, timeout: [(0, len(text))])
        m.setattr(cues, "cued", lambda text, found, timeout: True)
        m.setattr(money, "_caption_units", lambda text, timeout: None)
        m.setattr(patterns, "trigger_starts", lambda starts, text, timeout, spans=None: None)
        m.setattr(money, "_nature_words", lambda: ("",))
        yield


def _compare(seed: int, n: int, find: Callable[[str, Claims], list[Found]],
             monkeypatch: pytest.MonkeyPatch) -> int:
    rng = random.Random(seed + 200)
    found = 0
    for text in _texts(seed, n):
        spans = _claimed(text, rng)
        fast_claims = _claims(text, spans)
        fast = find(text, fast_claims)
        plain_claims = _claims(text, spans)
        with _unpruned(monkeypatch):
            plain = find(text, plain_claims)
        assert _found(fast) == _found(plain), text
        assert fast_claims._mask == plain_claims._mask, text
        found += len(plain)
    return found


@pytest.mark.parametrize("seed", SEEDS)
def test_find_amounts_equals_unpruned(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _compare(seed, 1200, money.find_amounts, monkeypatch) > 300


@pytest.mark.parametrize("seed", SEEDS)
def test_find_percentages_equals_unpruned(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _compare(seed, 1200, percentages.find_percentages, monkeypatch) > 150


_CAPTIONS = ["(bedragen x € 1.000)", "Bedragen in € mln", "(x f 1000)", "x € 1 mln",
             "In miljoenen euro's", "in miljoenen gul- dens", "(x 1 miljoen euro)",
             "(in € mln)", "in f 1000", "(bedragen in miljoenen)", "bedragen x 1.000",
             "(€ mln)", "(mln. euro)", "(EUR 1.000)", "(x EUR1 mln)", "in EURmln",
             "bedragen in duizenden euro", "(bedragen x 1 000 000)"]
_ROWS = ["Post A 12,5", "Munitie 45.300", "Post B -/- 3,0", "Totaal 118 0663", "2024 2025",
         "Luchtverdediging 112.750", "1000 woningen", "Regel 7 3,4 5,6"]


@pytest.mark.parametrize("seed", SEEDS)
def test_find_amounts_in_tables_equals_unpruned(seed: int,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables under captions between generated text: the amounts of the table cells and
    of the text are those of the plain patterns."""
    rng = random.Random(seed + 500)
    generated = _generated(seed, 900)
    found = 0
    for n in range(300):
        parts = [generated[3 * n]]
        for _ in range(rng.randint(1, 2)):
            caption = rng.choice(_CAPTIONS)
            parts.append(rng.choice([caption, caption.upper(), caption.lower()]))
            parts += [rng.choice(_ROWS) for _ in range(rng.randint(0, 4))]
            parts.append(rng.choice(["", generated[3 * n + 1]]))
        parts.append(generated[3 * n + 2])
        text = "\n".join(parts)
        fast = money.find_amounts(text, Claims(len(text)))
        with _unpruned(monkeypatch):
            plain = money.find_amounts(text, Claims(len(text)))
        assert _found(fast) == _found(plain), text
        found += len(plain)
    assert found > 500


@pytest.mark.parametrize("seed", SEEDS)
def test_amount_nature_equals_unpruned(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nature words ("structureel", "in totaal") near amounts, in odd case and with odd
    characters: the amounts carry the nature the plain search finds."""
    rng = random.Random(seed + 400)
    natures = [w for words in rules.money().nature.values() for w in words]
    texts = []
    for text in _generated(seed, 600):
        word = rng.choice(natures)
        word = rng.choice([word, word.upper(), word.capitalize(), word.replace("a", "ä")])
        cut = rng.randrange(len(text) + 1)
        texts.append(text[:cut] + rng.choice([" ", "", "\n", "-"]) + word
                     + rng.choice([" ", "", "e ", "ß"]) + text[cut:])
    with_nature = 0
    for text in texts:
        fast = money.find_amounts(text, Claims(len(text)))
        with monkeypatch.context() as m:
            m.setattr(money, "_nature_words", lambda: ("",))
            plain = money.find_amounts(text, Claims(len(text)))
        assert _found(fast) == _found(plain), text
        with_nature += sum(1 for hit in plain if hit.attrs["nature"])
    assert with_nature > 30


@pytest.mark.parametrize("seed", SEEDS)
def test_trigger_starts_in_spans_equals_trigger_starts(seed: int) -> None:
    """``trigger_starts`` with the parts of a trigger over random spans finds the offsets
    of ``trigger_starts`` with the whole trigger that lie in a span."""
    rng = random.Random(seed + 300)
    checked = 0
    pairs = [(money._amount_triggers(), money._amount_trigger()),
             (percentages._percent_triggers(), percentages._percent_trigger())]
    for text in _texts(seed, 500):
        cuts = sorted(rng.randrange(len(text) + 1) for _ in range(2 * rng.randint(1, 3)))
        spans = list(zip(cuts[::2], cuts[1::2], strict=True))
        for parts, whole in pairs:
            got = patterns.trigger_starts(parts, text, 5.0, spans)
            every = patterns.trigger_starts(whole, text, 5.0)
            if every is None:
                assert got is None, text
                continue
            want = [p for p in every if any(first <= p <= last for first, last in spans)]
            assert got == want, text
            checked += len(want)
    assert checked > 200
