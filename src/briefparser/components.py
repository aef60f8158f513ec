"""briefparser's spaCy components. All ``Language.factory`` registrations live here.

Each component reads the document text and adds its mentions to ``doc._.briefparser``,
a plain dict shared by the components of one document:

- ``claims``: characters already taken (by a non-entity or an earlier mention);
- ``letter_date``: the date relative dates resolve against;
- ``amount``/``percentage``/``date``/``headcount``/``quantity``: lists of ``Found``.

The components work in any Dutch pipeline, blank or trained.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from briefparser.extractors.base import Claims
from briefparser.extractors.blocked import claim_blocked
from briefparser.extractors.dates import find_dates
from briefparser.extractors.headcounts import find_counts
from briefparser.extractors.letter import parse_header
from briefparser.extractors.money import find_amounts
from briefparser.extractors.percentages import find_percentages

EXT = "briefparser"

if not Doc.has_extension(EXT):
    Doc.set_extension(EXT, default=None)


def state(doc: Doc) -> dict[str, Any]:
    """The briefparser state of ``doc``, created on first use."""
    current: dict[str, Any] | None = doc._.get(EXT)
    if current is None:
        # Doc.text joins every token on each access: keep one copy.
        text = doc.text
        current = {"text": text, "claims": Claims(len(text)), "letter_date": None,
                   "header": None}
        doc._.set(EXT, current)
    return current


def set_letter_date(doc: Doc, date: dt.date | None) -> Doc:
    """Give ``doc`` the letter date the caller knows (used when the header has none)."""
    state(doc)["given_date"] = date
    return doc


class LetterHeader:
    """Reads the header, fixes the reference date, claims non-entities."""

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        header = parse_header(st["text"])
        st["header"] = header
        st["letter_date"] = header.date or st.get("given_date")
        claim_blocked(st["text"], st["claims"])
        return doc


class MoneyExtractor:
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st["amount"] = find_amounts(st["text"], st["claims"])
        return doc


class PercentageExtractor:
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st["percentage"] = find_percentages(st["text"], st["claims"])
        return doc


class DateExtractor:
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        found = find_dates(st["text"], st["claims"], st.get("letter_date"))
        header = st.get("header")
        if header is not None and header.date_span is not None:
            for hit in found:
                if (hit.start, hit.end) == header.date_span:
                    hit.attrs["role"] = "letter_date"
        st["date"] = found
        return doc


class CountExtractor:
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st["headcount"], st["quantity"] = find_counts(st["text"], st["claims"])
        return doc


@Language.factory("briefparser_letter")
def make_letter(nlp: Language, name: str) -> LetterHeader:
    return LetterHeader()


@Language.factory("briefparser_money")
def make_money(nlp: Language, name: str) -> MoneyExtractor:
    return MoneyExtractor()


@Language.factory("briefparser_percentages")
def make_percentages(nlp: Language, name: str) -> PercentageExtractor:
    return PercentageExtractor()


@Language.factory("briefparser_dates")
def make_dates(nlp: Language, name: str) -> DateExtractor:
    return DateExtractor()


@Language.factory("briefparser_counts")
def make_counts(nlp: Language, name: str) -> CountExtractor:
    return CountExtractor()


# Order matters: non-entities first, then money before percentages, dates and counts,
# so that a year or a bare number inside an amount is never taken twice.
PIPE_NAMES = (
    "briefparser_letter",
    "briefparser_money",
    "briefparser_percentages",
    "briefparser_dates",
    "briefparser_counts",
)
