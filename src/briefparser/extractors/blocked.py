"""Text that looks like a figure but is not one: citations, ids, addresses, times.

Each rule is a row of ``data/blocked.toml``; the matches are claimed before any
extractor runs, so nothing inside them becomes an amount, date or headcount.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from briefparser import patterns, rules
from briefparser.extractors.base import Claims
from briefparser.normalize import regex_timeout
from briefparser.rules import Table


class BlockRule(Table):
    name: str
    pattern: str
    group: str | None = None
    ignore_case: bool = False
    keywords: list[str] = []
    needles: list[str] = []
    triggers: list[str] = []


class BlockTable(Table):
    rule: list[BlockRule]


class _Rule(NamedTuple):
    rule: BlockRule
    pattern: regex.Pattern[str]
    keywords: tuple[str, ...]  # case-folded
    # Each needle with whether it needs a timeout (see patterns.unbounded).
    needles: tuple[tuple[regex.Pattern[str], bool], ...]
    starts: patterns.Starts | None
    gated: bool  # whether the rule has keywords or needles

    def may_match(self, low: str, timeout: float | None) -> bool:
        """Whether the case-folded text holds a keyword or needle (when the rule has any)."""
        if not self.gated:
            return True
        if any(map(low.__contains__, self.keywords)):
            return True
        for needle, slow in self.needles:
            found = needle.search(low, timeout=timeout) if slow else needle.search(low)
            if found is not None:
                return True
        return False


@cache
def _rules() -> list[_Rule]:
    table = BlockTable.model_validate(rules.load("blocked.toml"))
    out = []
    for rule in table.rule:
        flags = regex.V1 | regex.VERBOSE | regex.MULTILINE
        if rule.ignore_case:
            flags |= regex.IGNORECASE
        starts = tuple(patterns.trigger(t) for t in rule.triggers) or None
        keywords = tuple(word.casefold() for word in rule.keywords)
        needles = tuple((patterns.trigger(n), patterns.unbounded(n)) for n in rule.needles)
        out.append(_Rule(rule, regex.compile(rule.pattern, flags), keywords, needles, starts,
                         bool(keywords or needles)))
    return out


def find_blocked(text: str) -> list[tuple[int, int, str]]:
    """(start, end, rule name) of every stretch that must not become a figure.

    >>> find_blocked("zie Kamerstuk 21 501-20, nr. 1872.")[0]
    (4, 33, 'kamerstuk')
    """
    out = []
    timeout = regex_timeout(text)
    # Keywords and needles hold for the case-folded text only where folding keeps each
    # character one character ("İ" becomes two), and needles read digits as 0-9:
    # otherwise every rule runs.
    low = patterns.folded(text)
    if low is not None and patterns.other_digits(text):
        low = None
    for r in _rules():
        if r.gated and low is not None and not r.may_match(low, timeout):
            continue
        matches = (r.pattern.finditer(text, timeout=timeout) if r.starts is None
                   else patterns.matches_at(r.pattern, text,
                                            patterns.trigger_starts(r.starts, text, timeout),
                                            timeout))
        group, name = r.rule.group, r.rule.name
        for m in matches:
            start, end = m.span(group) if group else m.span()
            if end > start:
                out.append((start, end, name))
    return out


def claim_blocked(text: str, claims: Claims) -> None:
    for start, end, _ in find_blocked(text):
        claims.claim(start, end)
