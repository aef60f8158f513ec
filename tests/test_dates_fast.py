"""Shortcuts of the dates extractor and of ``patterns.digit_runs`` find exactly what the
plain search finds: seeded texts built from the phrase tables, compared against the full
pattern."""

from __future__ import annotations

import random

import pytest

from briefparser import patterns, rules
from briefparser.extractors import dates
from briefparser.extractors.base import Claims

_BLANKS = [" ", " ", "  ", "\n", "\t", "\u00a0", "\u2009", " \n "]
_OTHER_WORDS = ["in", "brief", "van", "x", "2024", "(", "de", "het", "ter", "sindsdien",
                "Tot", "TOT", "ß", "ﬁ", "İ", "a.s.", "t", "m", "vóór", "“"]


def _prefix_texts(seed: int, n: int) -> list[str]:
    """The text before a date as the extractor cuts it: the last 40 characters of words
    from the prefix phrases, "het", "de" and others, with odd case, blanks and glue."""
    rng = random.Random(seed)
    phrases = [ph for row in dates.phrases().prefix for ph in row.phrases]
    out = []
    for _ in range(n):
        pieces: list[str] = []
        for _ in range(rng.randint(0, 5)):
            word = rng.choice([*phrases, *_OTHER_WORDS])
            pieces.extend(word.split())
        pieces += rng.choice(phrases).split() if rng.random() < 0.8 else []
        pieces += [rng.choice(["het", "de", "Het", "DE"])] if rng.random() < 0.4 else []
        text = rng.choice(["", "(", "x", "1"])
        for piece in pieces:
            glue = rng.random()
            text += ("" if glue < 0.05 else rng.choice("(-/") if glue < 0.1
                     else rng.choice(_BLANKS))
            text += "".join(c.upper() if rng.random() < 0.1 else c for c in piece)
        text += rng.choice(["", " ", "  ", "\n", "\u00a0"])
        out.append(text[-40:] if rng.random() < 0.7 else text[-rng.randint(1, 40):])
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_prefix_match_equals_full_search(seed: int) -> None:
    texts = _prefix_texts(seed, 4000)
    found = 0
    for before in texts:
        want = dates._prefix_regex().search(before, timeout=5.0)
        got = dates._prefix_match(before, before.casefold().split())
        assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup)), (
            before)
        found += want is not None and want.start() > 0
    assert found > 1000


_OTHER_DIGITS = ["٣", "٠١٢", "۴", "０", "１２", "३", "४५", "๓", "𝟘", "߃"]
_NOT_DIGITS = ["“", "”", "‘", "’", "€", "–", "—", "²", "½", "①", "Ⅻ", "…", "?", "ß", "é"]


def _digit_texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    pool = [*_NOT_DIGITS, "12", "3", "2024", "x", " ", "\n", "mln", "-", "."]
    out = []
    for _ in range(n):
        parts = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        if rng.random() < 0.3:
            parts.insert(rng.randint(0, len(parts)), rng.choice(_OTHER_DIGITS))
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_digit_runs_equal_the_regex(seed: int) -> None:
    texts = _digit_texts(seed, 3000)
    texts += ["“Kamerstuk 36 600” kost € 5 mln – zie 1²", "٣ juni 2024", "１２ mei", "२०२४",
              "op 24.3.2021 om 10 uur", "", "?", "€"]
    other = 0
    for text in texts:
        want = [m.span() for m in patterns._DIGIT_RUN.finditer(text, timeout=5.0)]
        assert patterns.digit_runs.__wrapped__(text, 5.0) == want, text
        other += any(d in text for d in _OTHER_DIGITS)
    assert other > 500


def _after_number_texts(seed: int, n: int) -> list[str]:
    """A number, blanks and a word that may or may not go on a date: connectors, months
    whole and broken by OCR, units of time, and near misses."""
    rng = random.Random(seed)
    t, p = rules.dates(), dates.phrases()
    months = [f for m in t.months for f in dates._month_forms(m)[:40]]
    words = [*months, *p.offset.units, "en", "op", "t/m", "tot en met", "tot", "a", "t", "m",
             "ap", "tm", "to", "ｍei", "éen", "ªb", "ß", "İ", "x", "-", "(mei", "E N"]
    tails = ["", " 2025", " 25 juni", " geleden", " na dagtekening", ".", " 1994"]
    return [rng.choice(["", "x ", "(", "in "]) + rng.choice(["3", "12", "31", "100", "365"])
            + rng.choice(_BLANKS) + rng.choice(words) + rng.choice(tails) for _ in range(n)]


@pytest.mark.parametrize("seed", [1, 2])
def test_digit_starts_find_what_the_trigger_finds(seed: int) -> None:
    tried = 0
    for text in _after_number_texts(seed, 3000):
        claims = Claims(len(text))
        found = patterns.finditer_at(dates._atom_regex(), text, dates._atom_trigger(), 5.0)
        want = [m.span() for m in found]
        assert [m.span() for m in dates._atom_matches(text, claims)] == want, text
        tried += len(want)
    assert tried > 1000
