"""Percentages and percentage points."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import regex

from briefparser import patterns
from briefparser.extractors.base import Claims, Found
from briefparser.normalize import exact, parse_quantity, regex_timeout

_PCT_UNIT = r"(?P<unit{n}>%-punt(?:en)?|%\s?punt(?:en)?|procentpunt(?:en)?|%|procent|percent)"


@cache
def _percent_regex() -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        (?P<sign>(?<![\p{{L}}\d])[+−-])?+
        (?P<num1>{patterns.number()})(?:\s?+{_PCT_UNIT.format(n="1")}(?![\p{{L}}]))?+
        (?:\s++(?P<conn>en|tot|à|a|-|–)\s++(?P<num2>{patterns.number()})
           \s?+{_PCT_UNIT.format(n="2")}(?![\p{{L}}]))?+
        """,
        patterns.FLAGS | regex.IGNORECASE,
    )


def _unit(word: str) -> str:
    return "procentpunt" if "punt" in word.lower() else "percent"


def find_percentages(text: str, claims: Claims) -> list[Found]:
    out: list[Found] = []
    for m in _percent_regex().finditer(text, timeout=regex_timeout(text)):
        if not (m.group("unit1") or m.group("unit2")):
            continue
        low = parse_quantity(m.group("num1"))
        if low is None or m.group("num1").lower() in ("een", "één"):
            continue
        start = m.start("sign") if m.group("sign") else m.start("num1")
        if m.group("sign") in ("-", "−"):
            low = -low
        high = parse_quantity(m.group("num2")) if m.group("num2") else None
        end = m.end()
        if high is not None:
            before = text[max(0, m.start() - 12) : m.start()].lower().split()
            if m.group("conn").lower() == "en" and not (before and before[-1] in ("tussen", "de")):
                # "3% en 5%" are two percentages, not a range.
                start2 = m.start("num2")
                out += _pct(text, claims, start, m.end("unit1") if m.group("unit1") else
                            m.end("num1"), low, None, m.group("unit1") or m.group("unit2"))
                out += _pct(text, claims, start2, end, high, None, m.group("unit2"))
                continue
        out += _pct(text, claims, start, end, low, high, m.group("unit2") or m.group("unit1"))
    return out


def _pct(text: str, claims: Claims, start: int, end: int, value: Decimal,
         high: Decimal | None, unit: str) -> list[Found]:
    if not claims.free(start, end):
        return []
    claims.claim(start, end)
    qualifier, _ = patterns.qualifier_before(text, start)
    return [Found("percentage", start, end, {
        "value": exact(value), "high": exact(high) if high is not None else None,
        "unit": _unit(unit), "qualifier": qualifier,
    })]
