"""Load the Dutch language tables in ``data/`` into validated models.

The tables are TOML files shipped in the package. Each loads into a pydantic
model, so a typo in a table fails at start-up with the file and field named.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Table(BaseModel):
    """Base for rule tables: unknown keys are typos."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NumberTable(Table):
    units: dict[str, int]
    multipliers: dict[str, int]
    connectors: dict[str, list[str]]
    scales: dict[str, int]
    ocr_scales: dict[str, int]
    fractions: dict[str, Decimal]
    vague: dict[str, int]
    ranges: dict[str, list[str]] = {}
    percent_units: dict[str, str] = {}
    percent_context: dict[str, list[str]] = {}


class Currency(Table):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    before: list[str] = []
    after: list[str] = []
    factor: Decimal = Decimal(1)
    contextual: bool = False


class LegacyCurrency(Table):
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    until_year: int
    year_words: list[str]


class ImplicitCurrency(Table):
    currency: str
    scales: list[str]
    followers: list[str]
    leaders: list[str] = []
    legacy: LegacyCurrency | None = None


class Caption(Table):
    pattern: str
    # Matches the case-folded text wherever a match of ``pattern`` may begin; without
    # one the pattern is tried everywhere.
    trigger: str | None = None


class MoneyTable(Table):
    currency: list[Currency]
    implicit: ImplicitCurrency
    per: dict[str, str]
    nature: dict[str, list[str]]
    caption: list[Caption]


class QualifierRow(Table):
    value: str = Field(pattern=r"^(approx|less_than|more_than|at_most|at_least)$")
    phrases: list[str]
    unless_after: list[str] = []


class QualifierTable(Table):
    qualifier: list[QualifierRow]


class Demonym(Table):
    endings: dict[str, str]


class Between(Table):
    words: list[str]
    adjective_endings: list[str]
    max_between: int = Field(ge=0, le=5)


class PersonTable(Table):
    heads: dict[str, list[str]]
    staff_units: dict[str, list[str]]
    demonym: Demonym
    between: Between


class DateTable(Table):
    months: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    modifiers: dict[str, str]
    relative_years: dict[str, int]
    relative_days: dict[str, int]
    relative_weeks: dict[str, int]
    relative_months: dict[str, int]


def load(name: str) -> dict[str, Any]:
    """The TOML table ``data/<name>`` shipped in the package, as plain data."""
    with resources.files("briefparser").joinpath("data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def numbers() -> NumberTable:
    return NumberTable.model_validate(load("numbers.toml"))


@cache
def money() -> MoneyTable:
    return MoneyTable.model_validate(load("money.toml"))


@cache
def qualifiers() -> QualifierTable:
    return QualifierTable.model_validate(load("qualifiers.toml"))


@cache
def persons() -> PersonTable:
    return PersonTable.model_validate(load("persons.toml"))


@cache
def dates() -> DateTable:
    return DateTable.model_validate(load("dates.toml"))


def alternation(words: list[str] | set[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first so none shadows another.

    >>> alternation(["mln", "mln."])
    'mln\\\\.|mln'
    """
    import regex

    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
