"""Orchestration: text in, validated LetterRecord out."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from briefparser.components import set_letter_date, state
from briefparser.extractors.base import Found
from briefparser.io import Document, DocumentMeta, read_path
from briefparser.models import (
    Amount,
    AmountNature,
    DateKind,
    DateMention,
    Headcount,
    LetterMeta,
    LetterRecord,
    Percentage,
    Qualifier,
    Quantity,
)
from briefparser.nlp import get_nlp


def extract(
    text: str,
    *,
    letter_date: dt.date | None = None,
    source: str | None = None,
    nlp: Language | None = None,
) -> LetterRecord:
    """Extract every figure from one letter's text.

    ``letter_date`` is used when the text has no date line of its own (news items);
    relative dates stay unresolved when neither gives a date.
    """
    nlp = nlp or get_nlp()
    doc = nlp(_make_doc(nlp, text, letter_date))
    return build_record(doc, source=source, given_date=letter_date)


def extract_document(
    document: Document, *, letter_date: dt.date | None = None, nlp: Language | None = None
) -> LetterRecord:
    """Extract from a document read by :mod:`briefparser.io`, using its metadata too."""
    nlp = nlp or get_nlp()
    given = letter_date or document.meta.date
    doc = nlp(_make_doc(nlp, document.text, given))
    return build_record(doc, source=document.source, given_date=given, meta=document.meta)


def extract_file(path: str | Path, *, letter_date: dt.date | None = None) -> LetterRecord:
    """Read a .txt, .html, .xml or .pdf letter and extract from it."""
    return extract_document(read_path(Path(path)), letter_date=letter_date)


def extract_many(
    documents: Iterable[Document],
    *,
    letter_date: dt.date | None = None,
    nlp: Language | None = None,
    batch_size: int = 16,
) -> Iterator[tuple[Document, LetterRecord]]:
    """Stream documents through ``nlp.pipe``."""
    nlp = nlp or get_nlp()

    def docs() -> Iterator[tuple[Doc, Document]]:
        for document in documents:
            given = letter_date or document.meta.date
            yield _make_doc(nlp, document.text, given), document

    for doc, document in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        given = letter_date or document.meta.date
        yield document, build_record(doc, source=document.source, given_date=given,
                                     meta=document.meta)


def _make_doc(nlp: Language, text: str, letter_date: dt.date | None) -> Doc:
    return set_letter_date(nlp.make_doc(text), letter_date)


def build_record(
    doc: Doc,
    *,
    source: str | None,
    given_date: dt.date | None,
    meta: DocumentMeta | None = None,
) -> LetterRecord:
    st = state(doc)
    text: str = st["text"]
    header = st["header"]
    sentences = _Sentences(doc, text)
    date = header.date
    date_source = "header" if date else None
    if date is None and meta is not None and meta.date is not None:
        date, date_source = meta.date, "metadata"
    if date is None and given_date is not None:
        date, date_source = given_date, "argument"
    letter = LetterMeta(
        date=date,
        date_source=date_source,
        dossier=(header.dossiers[0] if header.dossiers else (meta.dossier if meta else None)),
        dossiers=tuple(header.dossiers) or ((meta.dossier,) if meta and meta.dossier else ()),
        number=header.number or (meta.number if meta else None),
        vergaderjaar=header.vergaderjaar,
        doc_type=header.doc_type or (meta.doc_type if meta else None),
        sender=header.sender or (meta.sender if meta else None),
        place=header.place,
        title=(meta.title if meta and meta.title else header.title),
        identifier=meta.identifier if meta else None,
        categories=meta.categories if meta else (),
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )

    def common(f: Found) -> dict[str, Any]:
        return {"text": text[f.start : f.end], "start": f.start, "end": f.end,
                "sentence": sentences.of(f.start)}

    def ordered(items: list[Found]) -> list[Found]:
        return sorted(items, key=lambda f: (f.start, f.end))

    amounts = tuple(
        Amount(**common(f), value=f.attrs["value"], currency=f.attrs["currency"],
               qualifier=_enum(Qualifier, f.attrs.get("qualifier")), high=f.attrs.get("high"),
               vague=f.attrs.get("vague", False),
               implicit_currency=f.attrs.get("implicit_currency", False),
               per=f.attrs.get("per"), nature=_enum(AmountNature, f.attrs.get("nature")))
        for f in ordered(st.get("amount", []))
    )
    dates = tuple(
        DateMention(**common(f), value=f.attrs["value"], kind=DateKind(f.attrs["kind"]),
                    end_value=f.attrs.get("end_value"), modifier=f.attrs.get("modifier"),
                    role=f.attrs.get("role"))
        for f in ordered(st.get("date", []))
    )
    headcounts = tuple(
        Headcount(**common(f), value=f.attrs["value"], high=f.attrs.get("high"),
                  noun=f.attrs["noun"], qualifier=_enum(Qualifier, f.attrs.get("qualifier")),
                  vague=f.attrs.get("vague", False), per=f.attrs.get("per"),
                  of=f.attrs.get("of"))
        for f in ordered(st.get("headcount", []))
    )
    percentages = tuple(
        Percentage(**common(f), value=f.attrs["value"], high=f.attrs.get("high"),
                   unit=f.attrs.get("unit", "percent"),
                   qualifier=_enum(Qualifier, f.attrs.get("qualifier")))
        for f in ordered(st.get("percentage", []))
    )
    quantities = tuple(
        Quantity(**common(f), value=f.attrs["value"], noun=f.attrs["noun"],
                 qualifier=_enum(Qualifier, f.attrs.get("qualifier")))
        for f in ordered(st.get("quantity", []))
    )
    return LetterRecord(letter=letter, amounts=amounts, dates=dates, headcounts=headcounts,
                        percentages=percentages, quantities=quantities)


E = TypeVar("E", Qualifier, AmountNature)


def _enum(cls: type[E], value: str | None) -> E | None:
    return cls(value) if value is not None else None


class _Sentences:
    """Find the sentence around a character offset, computed on first use."""

    def __init__(self, doc: Doc, text: str) -> None:
        self._doc = doc
        self._text = text
        self._starts: list[int] | None = None

    def _compute(self) -> list[int]:
        doc = self._doc
        if not len(doc):
            return []
        flags = doc.to_array("SENT_START")
        offsets = doc.to_array("IDX")
        starts = [int(offsets[i]) for i in range(len(doc)) if i == 0 or flags[i] == 1]
        return starts

    def of(self, offset: int) -> str:
        if self._starts is None:
            self._starts = self._compute()
        starts = self._starts
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return ""
        end = starts[i + 1] if i + 1 < len(starts) else len(self._text)
        return self._text[starts[i] : end].strip()
