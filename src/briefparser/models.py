"""The records briefparser produces: strict, frozen pydantic models.

Field names are part of the public contract: outside tools read the JSON
form (``model_dump(mode="json")``), so rename nothing without a major version.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

SCHEMA_VERSION = "1"

# Decimals go to JSON as exact strings without exponent ("13600000000", "0.78").
ExactDecimal = Annotated[
    Decimal,
    PlainSerializer(lambda d: format(d, "f"), return_type=str, when_used="json"),
]


class Record(BaseModel):
    """Base of every exported model: strict, frozen, no unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Qualifier(StrEnum):
    """How a figure relates to the exact value written."""

    APPROX = "approx"
    LESS_THAN = "less_than"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    AT_LEAST = "at_least"


class AmountNature(StrEnum):
    """What kind of amount it is, when the letter says so."""

    STRUCTURAL = "structural"
    ONE_OFF = "one_off"
    CUMULATIVE = "cumulative"
    TRAJECTORY = "trajectory"


class DateKind(StrEnum):
    """How a date mention is written."""

    ABSOLUTE = "absolute"
    RELATIVE = "relative"
    PERIOD = "period"


class Mention(Record):
    """A stretch of the letter's text that states one fact."""

    text: str = Field(description="The exact text of the mention: source_text[start:end].")
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset just past the last character.")
    sentence: str = Field(description="The sentence the mention stands in.")


class Figure(Mention):
    """A mention of a figure, with what it means (filled by the meaning component)."""

    status: str | None = Field(
        default=None,
        description="What the figure is, from the cue words around it: begroot, geraamd, "
        "gereserveerd, toegezegd, gecontracteerd, geleverd, bijgedragen, gedeclareerd, vergoed, "
        "uitgekeerd, uitgegeven, gerealiseerd, mutatie or tarief for amounts; getraind, "
        "opgeleid, ingezet or gepland for headcounts; null when the letter does not say.",
    )
    category: str | None = Field(
        default=None,
        description="Taxonomy category as an id path ('militaire_steun/eigen_voorraad'); "
        "null when no cue points to one.",
    )
    as_of: str | None = Field(
        default=None,
        description="ISO date a cumulative figure stands at ('Op 31 augustus 2025 stond ...').",
    )
    period_start: str | None = Field(
        default=None, description="ISO start of the period the figure covers; null when open."
    )
    period_end: str | None = Field(
        default=None, description="ISO end of the period the figure covers; null when open."
    )
    subject: str | None = Field(
        default=None,
        description="Short normalised phrase saying what the figure is of "
        "('commerciële aankopen bij de industrie').",
    )


class Amount(Figure):
    """A monetary amount."""

    value: ExactDecimal | None = Field(
        description="Value in whole currency units; null for vague amounts (honderden miljoenen)."
    )
    currency: str = Field(description="ISO 4217 code; NLG for gulden.")
    qualifier: Qualifier | None = Field(
        default=None, description="Qualifier word before the amount (ongeveer, bijna, ...)."
    )
    high: ExactDecimal | None = Field(
        default=None, description="Upper end of a range (tussen € 2 en 3 miljard); else null."
    )
    vague: bool = Field(default=False, description="True for amounts without exact value.")
    implicit_currency: bool = Field(
        default=False, description="True when the currency is implied by context, not written."
    )
    per: str | None = Field(
        default=None, description="Unit the amount is per: 'jaar', 'opvangplek per dag', ..."
    )
    nature: AmountNature | None = Field(
        default=None, description="structural, one_off, cumulative or trajectory, when stated."
    )


class DateMention(Mention):
    """A date, a partial date or a period."""

    value: str | None = Field(
        description="ISO at the precision written (2025, 2025-08, 2025-08-31, 2024-Q3, 2025-H1); "
        "start of a period; null when unresolved or open at the start."
    )
    kind: DateKind = Field(description="absolute, relative (needs the letter date) or period.")
    end_value: str | None = Field(default=None, description="End of a period; null when open.")
    modifier: str | None = Field(
        default=None,
        description="begin, mid, end, approx, by, after, as_of, since, from or until, "
        "when written.",
    )
    role: str | None = Field(
        default=None,
        description="letter_date, received, adopted, updated (dates of this document), "
        "deadline, as_of or reference (to another document), when clear.",
    )


class Headcount(Figure):
    """A number of people, with the noun it counts."""

    value: int | None = Field(description="Number of people; null for vague counts (duizenden).")
    high: int | None = Field(default=None, description="Upper end of a range; else null.")
    noun: str = Field(description="Singular lemma of the counted noun: militair, asielzoeker, fte.")
    qualifier: Qualifier | None = Field(default=None, description="Qualifier word before it.")
    vague: bool = Field(default=False, description="True for counts without exact value.")
    per: str | None = Field(default=None, description="Unit the count is per: 'rotatie', 'jaar'.")
    of: str | None = Field(
        default=None, description="Who staff units count, when said (9.100 fte aan leraren)."
    )


class Percentage(Mention):
    """A percentage or a change in percentage points."""

    value: ExactDecimal = Field(description="Number of percent (5,9% -> 5.9).")
    high: ExactDecimal | None = Field(default=None, description="Upper end of a range.")
    unit: str = Field(default="percent", description="percent or procentpunt.")
    qualifier: Qualifier | None = Field(default=None, description="Qualifier word before it.")


class Quantity(Mention):
    """A counted number of things that are not people (woningen, F-16's)."""

    value: ExactDecimal | None = Field(description="The number; null when vague.")
    noun: str = Field(description="The counted noun as written, lower case.")
    qualifier: Qualifier | None = Field(default=None, description="Qualifier word before it.")


class Relation(Record):
    """How amounts of one letter hang together."""

    kind: str = Field(description="part_of: the parts are amounts that make up the total.")
    total: int = Field(ge=0, description="Index of the total in the record's amounts.")
    parts: tuple[int, ...] = Field(description="Indices of the parts in the record's amounts.")
    complete: bool = Field(
        description="True when the letter presents the parts as the whole total "
        "('Het gaat om 3 soorten steun', a table's Totaal row); false for 'waarvan', 'hiervan'."
    )
    cue: str = Field(description="The words that announce the breakdown, as written.")


class CheckKind(StrEnum):
    """What a consistency check compares."""

    SUM = "sum"
    PARTS_WITHIN_TOTAL = "parts_within_total"
    REALISED_EXCEEDS_BUDGET = "realised_exceeds_budget"
    CONFLICTING_VALUES = "conflicting_values"


class Check(Record):
    """A consistency check over amounts of one letter."""

    kind: CheckKind = Field(
        description="sum (complete parts add up to their total), parts_within_total (partial "
        "parts do not exceed it), realised_exceeds_budget (a realised amount above the budget "
        "of the same category), conflicting_values (the same figure stated with two values)."
    )
    passed: bool = Field(description="True when the amounts are consistent.")
    difference: ExactDecimal = Field(
        description="sum: parts minus total; parts_within_total: parts minus total; "
        "realised_exceeds_budget: realised minus budget; conflicting_values: second minus first."
    )
    tolerance: ExactDecimal = Field(
        ge=0, description="Allowed difference from rounding: half a unit of the last written "
        "digit of each amount involved."
    )
    message: str = Field(description="One line in English saying what was compared.")
    amounts: tuple[int, ...] = Field(
        description="Indices in the record's amounts; for sums the total comes first."
    )


class LetterMeta(Record):
    """What the letter says about itself."""

    date: dt.date | None = Field(description="The letter's own date; null when unknown.")
    date_source: str | None = Field(
        default=None, description="Where the date came from: header, metadata or argument."
    )
    dossier: str | None = Field(default=None, description="First kamerstuk dossier: '21 501-02'.")
    dossiers: tuple[str, ...] = Field(default=(), description="All dossiers in the header.")
    number: str | None = Field(default=None, description="Document number in the dossier.")
    vergaderjaar: str | None = Field(default=None, description="Session year: '2024-2025'.")
    doc_type: str | None = Field(default=None, description="brief, motie, ... when known.")
    sender: str | None = Field(default=None, description="'Minister van Defensie', ...")
    place: str | None = Field(default=None, description="Place on the date line.")
    title: str | None = Field(default=None, description="Dossier title or first heading.")
    identifier: str | None = Field(default=None, description="Publication id, when known.")
    categories: tuple[str, ...] = Field(default=(), description="Subject categories, if given.")
    source: str | None = Field(default=None, description="File name or other origin.")
    sha256: str = Field(description="SHA-256 of the letter's text (UTF-8).")


# The record fields that hold mentions, in record order.
MENTION_FIELDS = ("amounts", "dates", "headcounts", "percentages", "quantities")


class LetterRecord(Record):
    """Everything briefparser extracted from one letter."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    letter: LetterMeta = Field(description="Letter metadata.")
    amounts: tuple[Amount, ...] = Field(default=(), description="Monetary amounts.")
    dates: tuple[DateMention, ...] = Field(default=(), description="Dates and periods.")
    headcounts: tuple[Headcount, ...] = Field(default=(), description="Numbers of people.")
    percentages: tuple[Percentage, ...] = Field(default=(), description="Percentages.")
    quantities: tuple[Quantity, ...] = Field(default=(), description="Counted things.")
    relations: tuple[Relation, ...] = Field(
        default=(), description="Breakdowns: amounts that are parts of a total."
    )
    checks: tuple[Check, ...] = Field(
        default=(), description="Consistency checks over the amounts (sums, budgets, repeats)."
    )
    topics: tuple[str, ...] = Field(
        default=(),
        description="The letter's main topics: top-level taxonomy ids, strongest first, "
        "including those its metadata categories map to.",
    )
