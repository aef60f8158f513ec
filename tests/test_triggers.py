"""Anchored matching finds what plain matching finds: every trigger hits every start."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from briefparser import patterns
from briefparser.extractors import blocked, headcounts, money, percentages

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

SAMPLES = [
    "Zie Kamerstuk 21 501-20, nr. 1872 en TK 36 600 X; artikel 5 lid 2; één op de acht.",
    "Om 10.30 uur, Postbus 20061; kenmerk 2024-0001; 2024D41207; Stb. 2021, 45.",
    "(bedragen x € 1.000)\nMunitie 45.300\nIn miljoenen euro's: -/- f 2 min. en EUR 7.4 mln.",
    "Tussen de 1,5 en 2 procent, +3%-punt, twee- tot driehonderd militairen, 1 58 man.",
    "Honderden miljoenen euro, tientallen mensen, anderhalf miljard, ﬁnanciën € 5 mln.",
]


def _texts() -> list[str]:
    return [*SAMPLES, *(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))]


def _pairs() -> list[tuple[str, regex.Pattern[str], regex.Pattern[str]]]:
    pairs = [(rule.name, pattern, starts) for rule, pattern, _, starts in blocked._rules()
             if starts is not None]
    pairs += [(f"caption{i}", cap, starts) for i, (cap, starts) in
              enumerate(zip(money._caption_regexes(), money._caption_triggers(), strict=True))
              if starts is not None]
    pairs += [
        ("amount", money._amount_regex(), money._amount_trigger()),
        ("vague", money._vague_regex(), money._vague_trigger()),
        ("percent", percentages._percent_regex(), percentages._percent_trigger()),
        ("count", headcounts._count_regex(), headcounts._count_trigger()),
    ]
    return pairs


@pytest.mark.parametrize(("name", "pattern", "starts"), _pairs(), ids=lambda v: v
                         if isinstance(v, str) else "")
def test_anchored_equals_plain(name: str, pattern: regex.Pattern[str],
                               starts: regex.Pattern[str]) -> None:
    for text in _texts():
        plain = [m.span() for m in pattern.finditer(text, timeout=5.0)]
        anchored = [m.span() for m in patterns.finditer_at(pattern, text, starts, 5.0)]
        assert anchored == plain, name


def test_search_at_equals_search() -> None:
    pattern, starts = headcounts._count_regex(), headcounts._count_trigger()
    for text in _texts():
        positions = patterns.trigger_starts(starts, text, 5.0)
        for pos in range(0, len(text), 97):
            plain = pattern.search(text, pos, timeout=5.0)
            anchored = patterns.search_at(pattern, text, positions, pos, 5.0)
            assert (anchored and anchored.span()) == (plain and plain.span())


def test_blocked_matches_contain_a_keyword() -> None:
    for rule, pattern, keywords, _ in blocked._rules():
        if not keywords:
            continue
        for text in _texts():
            for m in pattern.finditer(text, timeout=5.0):
                assert any(word in m.group().casefold() for word in keywords), rule.name
