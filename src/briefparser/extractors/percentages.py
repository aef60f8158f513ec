"""Percentages and percentage points.

Fractions and ratios ("twee derde", "één op de acht") are no percentages: only a number
with a percent unit after it counts, or a bare number in a list that ends in one
("10, 25 c.q. 35%"), or right after the noun "percentage" ("het percentage van 40 naar 30").
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache

import regex

from briefparser import patterns, rules
from briefparser.extractors import cues
from briefparser.extractors.base import Claims, Found
from briefparser.extractors.cues import Cues, after_figure, barrier_regex, breakable, make_cues
from briefparser.extractors.money import (
    cue_vocabulary,
    reading,
    settled_qualifier,
)
from briefparser.normalize import exact, fold, fold_word, quantity, regex_timeout
from briefparser.rules import alternation


@cache
def _units() -> dict[str, str]:
    """Written unit (lower case) -> "percent" or "procentpunt"."""
    return {fold(k): v for k, v in rules.numbers().percent_units.items()}


def _unit_regex(n: str) -> str:
    return rf"(?P<unit{n}>{breakable(list(rules.numbers().percent_units))})(?![\p{{L}}])"


@cache
def _percent_regex() -> regex.Pattern[str]:
    dashes, spelled = patterns.range_joiners()
    return regex.compile(
        rf"""
        (?P<sign>(?<![\p{{L}}\d])[+−-])?+
        (?P<num1>{patterns.number()})(?:\s?+{_unit_regex("1")})?+
        (?:(?:\s++(?P<conn>{breakable(spelled)})\s++|\s*+(?P<conn>{alternation(dashes)})\s*+)
           (?P<num2>{patterns.number()})\s?+{_unit_regex("2")})?+
        """,
        patterns.FLAGS | regex.IGNORECASE,
    )


def _percent_starts() -> tuple[str, ...]:
    """Where a match of ``_percent_regex`` may begin: a sign before a number, a digit,
    a number or fraction word."""
    words = patterns.number_words()
    return rf"[+−-](?=\d|{words})", *patterns.number_trigger()


@cache
def _percent_trigger() -> regex.Pattern[str]:
    """The trigger as one pattern; ``_percent_triggers`` scans for its parts apart."""
    return patterns.trigger(*_percent_starts())


@cache
def _percent_triggers() -> tuple[regex.Pattern[str], ...]:
    """The parts of the trigger, scanned for one by one by ``patterns.trigger_starts``."""
    return tuple(patterns.trigger(start) for start in _percent_starts())


@cache
def _unit_cues() -> Cues:
    """Any percent unit after a figure: without one ``_percent_regex`` finds nothing that
    counts."""
    def unit(form: str) -> Callable[[str], str]:
        return lambda w: rf"{after_figure(form)}(?i:{w})(?![\p{{L}}])"

    return make_cues([(form, unit(form)) for form in rules.numbers().percent_units],
                     vocabulary=cue_vocabulary())


@cache
def _percent_barrier() -> regex.Pattern[str]:
    return barrier_regex([*rules.numbers().percent_units, *patterns.numeral_words(),
                          *patterns.range_words()], patterns.number_starts())


@cache
def _noun_cues() -> Cues:
    return make_cues([(noun, lambda w: f"(?i:{w})")
                      for noun in rules.numbers().percent_context.get("nouns", [])],
                     whole=False, broken=False)


@cache
def _list_regex() -> regex.Pattern[str]:
    """A bare number and a list joiner at the very end of the text before a percentage."""
    joiners = rules.numbers().percent_context.get("joiners", [])
    return regex.compile(
        rf"""(?<![\p{{L}}\d.,])(?P<num>{patterns.DIGITS})\s*+(?:{breakable(joiners)})\s*+$""",
        patterns.FLAGS | regex.IGNORECASE,
    )


@cache
def _noun_regex() -> regex.Pattern[str]:
    """The noun "percentage" (also in compounds), then a bare number within a few words."""
    context = rules.numbers().percent_context
    nouns = alternation(context.get("nouns", []))
    between = alternation(context.get("between", []))
    ranges = rules.numbers().ranges
    joiners = alternation([*context.get("joiners", []), *ranges.get("connectors", []),
                           *ranges.get("to", [])])
    return regex.compile(
        rf"""
        (?<![\p{{L}}])\p{{L}}{{0,30}}?(?:{nouns})(?![\p{{L}}])
        (?:\s++(?:{between})(?![\p{{L}}])){{0,4}}+\s++
        (?P<num>(?<![\p{{L}}\d.,]){patterns.DIGITS})(?![\p{{L}}%])
        (?:\s*+(?:{joiners})\s*+(?P<num>(?<![\p{{L}}\d.,]){patterns.DIGITS})(?![\p{{L}}%])){{0,5}}+
        """,
        patterns.FLAGS | regex.IGNORECASE,
    )


def _unit(word: str) -> str:
    return _units().get(fold_word(word), "percent")


def find_percentages(text: str, claims: Claims) -> list[Found]:
    out: list[Found] = []
    timeout = regex_timeout(text)
    spots = cues.cue_spots(text, _unit_cues(), timeout)
    if not spots:
        return out + _by_noun(text, claims, timeout)
    spans = cues.windows(text, spots, _percent_barrier(), timeout)
    positions = patterns.trigger_starts(_percent_triggers(), text, timeout, spans)
    matches = patterns.matches_at(_percent_regex(), text, positions, timeout, spans[0][0])
    for m in matches:
        if not (m.group("unit1") or m.group("unit2")):
            continue
        low = quantity(m.group("num1"))
        if low is None or m.group("num1").lower() == "een":
            continue
        start = m.start("sign") if m.group("sign") else m.start("num1")
        if m.group("sign") in ("-", "−"):
            low = -low
        unit2 = m.group("unit2") or m.group("unit1")
        if not m.group("num2"):
            out += _listed(text, claims, start, unit2, timeout)
            out += _pct(text, claims, start, m.end(), low, None, unit2)
            continue
        high = quantity(m.group("num2"))
        if high is None:
            continue
        how = reading(text, m.start(), m.end(), fold_word(m.group("conn")), low, high)
        if how != "range":
            end1 = m.end("unit1") if m.group("unit1") else m.end("num1")
            out += _listed(text, claims, start, unit2, timeout)
            out += _pct(text, claims, start, end1, low, None, m.group("unit1") or unit2)
            out += _pct(text, claims, m.start("num2"), m.end(), high, None, unit2,
                        connector=how == "change")
            continue
        out += _pct(text, claims, start, m.end(), low, high, unit2)
    out += _by_noun(text, claims, timeout)
    return out


# A number without a unit written after it is no percentage above this ("in 2024, 25%").
_MAX_BARE = Decimal(100)
# A list that shares one unit is short; a longer run of numbers is a table or noise.
_MAX_LISTED = 12


def _listed(text: str, claims: Claims, start: int, unit: str, timeout: float | None) -> list[Found]:
    """Bare numbers listed before a percentage that share its unit: "10, 25 c.q. 35%"."""
    out: list[Found] = []
    while len(out) < _MAX_LISTED:
        window_start = max(0, start - 40)
        m = _list_regex().search(text, window_start, start, timeout=timeout)
        if m is None:
            break
        value = quantity(m.group("num"))
        if value is None or value > _MAX_BARE:
            break
        found = _pct(text, claims, m.start("num"), m.end("num"), value, None, unit)
        if not found:
            break
        out += found
        start = m.start("num")
    return out


def _by_noun(text: str, claims: Claims, timeout: float | None) -> list[Found]:
    """Bare numbers right after the noun "percentage": "het percentage van 40 naar 30"."""
    out: list[Found] = []
    if not cues.cued(text, _noun_cues(), timeout):
        return out
    for m in _noun_regex().finditer(text, timeout=timeout):
        for i, (s, e) in enumerate(m.spans("num")):
            value = quantity(text[s:e])
            if value is None or value > _MAX_BARE or not claims.free(s, e):
                break
            out += _pct(text, claims, s, e, value, None, "%", connector=i > 0)
    return out


def _pct(text: str, claims: Claims, start: int, end: int, value: Decimal,
         high: Decimal | None, unit: str, *, connector: bool = False) -> list[Found]:
    if not claims.free(start, end):
        return []
    claims.claim(start, end)
    qualifier = None if connector else settled_qualifier(text, start, end)
    return [Found("percentage", start, end, {
        "value": exact(value), "high": exact(high) if high is not None else None,
        "unit": _unit(unit), "qualifier": qualifier,
    })]
