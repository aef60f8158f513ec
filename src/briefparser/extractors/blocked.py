"""Text that looks like a figure but is not one: citations, ids, addresses, times.

Each rule is a row of ``data/blocked.toml``; the matches are claimed before any
extractor runs, so nothing inside them becomes an amount, date or headcount.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

import regex
from pydantic import BaseModel, ConfigDict

from briefparser.extractors.base import Claims
from briefparser.normalize import regex_timeout


class BlockRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    pattern: str
    group: str | None = None
    ignore_case: bool = False


class BlockTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: list[BlockRule]


@cache
def _rules() -> list[tuple[BlockRule, regex.Pattern[str]]]:
    with resources.files("briefparser").joinpath("data").joinpath("blocked.toml").open("rb") as f:
        table = BlockTable.model_validate(tomllib.load(f))
    out = []
    for rule in table.rule:
        flags = regex.V1 | regex.VERBOSE | regex.MULTILINE
        if rule.ignore_case:
            flags |= regex.IGNORECASE
        out.append((rule, regex.compile(rule.pattern, flags)))
    return out


def find_blocked(text: str) -> list[tuple[int, int, str]]:
    """(start, end, rule name) of every stretch that must not become a figure.

    >>> find_blocked("zie Kamerstuk 21 501-20, nr. 1872.")[0]
    (4, 33, 'kamerstuk')
    """
    out = []
    timeout = regex_timeout(text)
    for rule, pattern in _rules():
        for m in pattern.finditer(text, timeout=timeout):
            span = m.span(rule.group) if rule.group else m.span()
            if span[1] > span[0]:
                out.append((span[0], span[1], rule.name))
    return out


def claim_blocked(text: str, claims: Claims) -> None:
    for start, end, _ in find_blocked(text):
        claims.claim(start, end)
