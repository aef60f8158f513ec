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


class Amount(Mention):
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
        default=None, description="begin, mid, end, approx, by, after or as_of, when written."
    )
    role: str | None = Field(
        default=None,
        description="letter_date, deadline, as_of, reference or vergaderjaar, when clear.",
    )


class Headcount(Mention):
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


class LetterRecord(Record):
    """Everything briefparser extracted from one letter."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    letter: LetterMeta = Field(description="Letter metadata.")
    amounts: tuple[Amount, ...] = Field(default=(), description="Monetary amounts.")
    dates: tuple[DateMention, ...] = Field(default=(), description="Dates and periods.")
    headcounts: tuple[Headcount, ...] = Field(default=(), description="Numbers of people.")
    percentages: tuple[Percentage, ...] = Field(default=(), description="Percentages.")
    quantities: tuple[Quantity, ...] = Field(default=(), description="Counted things.")
