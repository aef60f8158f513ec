"""The dates extractor tries its pattern only at candidate positions taken from digit runs
and word tables; those must find exactly what the full trigger scan finds, also after a
change to the tables."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from briefparser import patterns, rules
from briefparser.extractors import dates
from briefparser.extractors.base import Claims

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _generated(seed: int, n: int) -> list[str]:
    """Short texts built from every date table, with odd case, spacing and lead-ins."""
    rng = random.Random(seed)
    t, p = rules.dates(), dates.phrases()
    numbers = list(rules.numbers().units)
    ordinals = [*t.ordinals, *p.last]
    lean = list(p.lean_before)
    days = [d + part for d in t.weekdays for part in ["", *dates._DAY_PARTS]]

    def pick(items: Iterable[str]) -> str:
        return rng.choice(list(items))

    def broken(month: str) -> str:
        """A month name as OCR may break it: a hyphen, maybe a blank, inside."""
        if len(month) < 7 or rng.random() < 0.5:
            return month
        i = rng.randrange(1, len(month))
        return month[:i] + pick(["-", "- ", "-\n"]) + month[i:]

    makers: list[Callable[[], str]] = [
        lambda: pick(t.modifiers) + " " + pick(["2025", "mei", "dit jaar", "maart 2024",
                                                "het voorjaar", "Q1", "week 8", "3 mei",
                                                *t.months]),
        lambda: pick(["", "het "]) + pick(ordinals) + " kwartaal "
        + pick(["", "van 2024", "2025", "van dit jaar"]),
        lambda: pick(["", "de ", "het "]) + pick(ordinals) + " "
        + pick(["helft", "jaarhelft", "halfjaar", "half jaar"]) + pick(["", " van 2024"]),
        lambda: pick(["", *lean, "het", "de"]) + " " + pick(t.seasons)
        + pick(["", " 2024", " van dit jaar"]),
        lambda: pick(["week ", "de jaren ", "jaren "]) + pick(["8", "'80", "negentig", "1990"]),
        lambda: pick([n for row in p.named_day for n in row.names]) + pick(["", " 2025"]),
        lambda: pick([*numbers, "3", "100"]) + " " + pick(p.offset.units) + " "
        + pick([*p.offset.after_letter, *p.offset.before_letter]),
        lambda: pick([ph for row in p.anaphor for ph in row.phrases]) + pick(["", " dan"]),
        lambda: pick([*t.relative_years, *t.relative_days, *t.relative_weeks,
                      *t.relative_months]),
        lambda: pick(["", *lean]) + " " + pick(days) + pick(["", " a.s.", " jl.", " 28"]),
        lambda: pick(["3", "12", "ISap", "1-"]) + pick(["", " ", "-"]) + pick(t.months)
        + pick(["", " 1994", " 2025", "-2025"]),
        lambda: pick(["I", "l", "S", "O", "|", "1", "IS", "lO", "l1", "1I", "|5", "ln", "in",
                      "s", "Ol"]) + pick(["", " ", "  ", "\n"]) + broken(pick(t.months))
        + pick([" 1994", "2025", "\n2024", "", " 20242"]),
        lambda: pick(["gasjaar ", "het jaar ", "jaar ", "jaar", "van ", "in ", "(", ""])
        + pick(["2022/2023", "2022/23", "2024-25", "2024–2026", "20242", "2024", "1999-00",
                "2023-2024", "2024-10-08", "18-12"]) + pick(["", " ", ".", "/2", "-10-08", "4"]),
        lambda: pick(["2024-10-08", "14-11-2024", "3.800", "19 637", "Nr. 3403", "1 58",
                      "2021–2027", "2024/2025", "1e", "12.30 uur"]),
    ]

    def vary(s: str) -> str:
        out = []
        for ch in s:
            if ch == " ":
                out.append(rng.choice([" ", " ", "  ", "\n", " \n ", "\t", "- "]))
            else:
                out.append(ch.upper() if rng.random() < 0.08 else ch)
        return "".join(out)

    return [rng.choice(["", "x ", "(", "in ", "sinds ", "2024 ", ". ", "voor de ", "begin "])
            + vary(rng.choice(makers)()) + rng.choice(["", ".", " en", " tot 2026", ",", " x"])
            for _ in range(n)]


def _reference(text: str, claims: Claims) -> list[tuple[int, int]]:
    found = patterns.finditer_at(dates._atom_regex(), text, dates._atom_trigger(), 5.0)
    return [m.span() for m in found if claims.free(*m.span())]


def _claims(text: str, rng: random.Random) -> Claims:
    """Claims at random places, half of them from where a run of digits begins."""
    claims = Claims(len(text))
    digits = [i for i, c in enumerate(text) if c.isdigit() and not text[i - 1 : i].isdigit()]
    for _ in range(rng.randint(0, 2)):
        start = rng.choice(digits) if digits and rng.random() < 0.5 else rng.randrange(
            len(text) + 1)
        claims.claim(start, min(len(text), start + rng.randint(1, 8)))
    return claims


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_candidates_find_what_the_trigger_finds(seed: int) -> None:
    rng = random.Random(seed)
    texts = _generated(seed, 1500)
    if seed == 1:
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    tried = 0
    for text in texts:
        claims = _claims(text, rng) if text else Claims(0)
        want = _reference(text, claims)
        got = [m.span() for m in dates._atom_matches(text, claims)]
        assert got == want, text
        tried += len(want)
    assert tried > 500
