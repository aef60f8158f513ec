"""Regex fragments shared by the extractors, built from the data tables.

Every fragment uses possessive quantifiers or bounded repeats so that no
pattern can backtrack catastrophically; the tests run them on hostile input.
"""

from __future__ import annotations

from functools import cache

import regex

from briefparser import rules
from briefparser.rules import alternation

FLAGS = regex.VERBOSE | regex.V1

# A number in digits: Dutch thousands groups with dot or (narrow no-break)
# space, decimal comma; or an English decimal point before a scale word or %.
DIGITS = r"""
(?:
    \d{1,3}+(?:\.\d{3}+){1,6}+(?:,\d{1,9}+)?+(?!\d)          # 1.250.000   10.612,4
  | \d{1,3}+(?:[ \u00a0\u202f\u2009]\d{3}+){1,4}+(?:,\d{1,9}+)?+(?!\.?+\d)  # 3 000   8 392,6
  | \d{1,12}+\.\d{1,2}+(?=\s?+(?:%|procent|miljoen|miljard|mln|mld|mrd|min\.|mid\.))  # 7.4 mln
  | \d{1,15}+(?:,\d{1,9}+)?+(?![\d])                        # 13,6   2025
)
"""

# Not glued to a word, another number or a footnote dot before it: "schetsen.1",
# "miljoen.4", "F-35", "2A4".
NUMBER_START = r"(?<![\p{L}\d.,/_]|\p{L}-)"


@cache
def word_number() -> str:
    """A written number word (drieëntwintig, honderdtwintig), checked later in Python."""
    table = rules.numbers()
    morphs = list(table.units) + list(table.multipliers)
    return rf"(?:{alternation(morphs)})\p{{L}}{{0,40}}+"


@cache
def scale() -> str:
    """A scale word after a number: miljoen, mld., ..."""
    words = list(rules.numbers().scales)
    return rf"(?:{alternation(words)})(?![\p{{L}}])"


@cache
def ocr_scale() -> str:
    return rf"(?:{alternation(list(rules.numbers().ocr_scales))})"


@cache
def vague() -> str:
    """Plural number words that give an order of magnitude: honderden, miljarden."""
    return rf"(?:{alternation(list(rules.numbers().vague))})(?![\p{{L}}])"


@cache
def fraction() -> str:
    return rf"(?:{alternation(list(rules.numbers().fractions))})(?![\p{{L}}])"


@cache
def number(guard: bool = True) -> str:
    """Any exact number: digits, a word number or a fraction word.

    With ``guard`` the number may not be glued to a word or number before it;
    without, it may (after a currency sign such as "f380").
    """
    start = NUMBER_START if guard else ""
    return (
        rf"(?:{start}{DIGITS}|(?<![\p{{L}}]){fraction()}"
        rf"|(?<![\p{{L}}]){word_number()}(?![\p{{L}}]))"
    )


def spaced(phrase: str) -> str:
    r"""A literal phrase as regex, any run of whitespace between its words.

    >>> spaced("ten hoogste")
    'ten\\s+hoogste'
    """
    return r"\s+".join(regex.escape(word) for word in phrase.split())


@cache
def qualifier_regex() -> regex.Pattern[str]:
    """Matches a qualifier phrase at the very end of the text before a figure."""
    parts = []
    for row in rules.qualifiers().qualifier:
        for phrase in row.phrases:
            parts.append((phrase, row.value))
    # One named group per qualifier value, longest phrases first across all values.
    parts.sort(key=lambda p: -len(p[0]))
    alts = "|".join(
        rf"(?P<{value}>{spaced(phrase)})" for phrase, value in parts
    )
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{alts})\s*+$", regex.V1)


@cache
def _unless_after() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for row in rules.qualifiers().qualifier:
        if row.unless_after:
            for phrase in row.phrases:
                out[phrase.lower()] = frozenset(w.lower() for w in row.unless_after)
    return out


def qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier written right before ``start`` and where it begins.

    >>> qualifier_before("voor ongeveer € 13,6 miljard", 14)
    ('approx', 5)
    >>> qualifier_before("loopt op tot EUR 18 mld", 13)
    (None, 13)
    """
    window_start = max(0, start - 40)
    window = text[window_start:start]
    m = qualifier_regex().search(window, timeout=1.0)
    if not m:
        return None, start
    value = next(name for name, val in m.groupdict().items() if val)
    phrase = " ".join(m.group(0).lower().split())
    blockers = _unless_after().get(phrase)
    if blockers:
        before = text[max(0, window_start + m.start() - 30) : window_start + m.start()]
        words = before.lower().split()
        if words and words[-1] in blockers:
            return None, start
    return value, window_start + m.start()
