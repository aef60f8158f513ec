"""Orchestration: text in, validated LetterRecord out."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import regex
from spacy.language import Language
from spacy.tokens import Doc

from briefparser.components import (
    MeaningAnnotator,
    sentence_starts,
    set_header,
    set_letter_date,
    set_taxonomy,
    state,
)
from briefparser.extractors.base import Found
from briefparser.extractors.letter import parse_header
from briefparser.extractors.meaning import Meaning, Taxonomy, load_taxonomy
from briefparser.io import Document, DocumentMeta, read_path
from briefparser.models import (
    MENTION_FIELDS,
    Amount,
    AmountNature,
    Check,
    CheckKind,
    DateKind,
    DateMention,
    Headcount,
    LetterMeta,
    LetterRecord,
    Percentage,
    Qualifier,
    Quantity,
    Relation,
)
from briefparser.nlp import get_nlp
from briefparser.normalize import regex_timeout


class DroppedError(RuntimeError):
    """A letter that the pipeline left out of its output (an error handler dropped it)."""


_DROPPED = "the pipeline's error handler dropped this letter"


# Letters that nlp.pipe takes at a time, at most so many characters together (a longer
# letter goes on its own); each component runs over all of them in turn. Memory follows
# the batch, not the input.
BATCH_SIZE = 128
BATCH_CHARS = 500_000


def extract(
    text: str,
    *,
    letter_date: dt.date | None = None,
    source: str | None = None,
    nlp: Language | None = None,
    taxonomy: Path | None = None,
) -> LetterRecord:
    """Extract every figure from one letter's text.

    ``letter_date`` is used when the text has no date line of its own (news items);
    relative dates stay unresolved when neither gives a date. ``taxonomy`` is a TOML file
    of categories to use instead of the built-in one (see ``data/taxonomy.toml``).
    """
    return _extract(nlp or get_nlp(), text, letter_date, taxonomy, source, None)


def extract_document(
    document: Document,
    *,
    letter_date: dt.date | None = None,
    nlp: Language | None = None,
    taxonomy: Path | None = None,
) -> LetterRecord:
    """Extract from a document read by :mod:`briefparser.io`, using its metadata too."""
    given = letter_date or document.meta.date
    return _extract(nlp or get_nlp(), document.text, given, taxonomy, document.source,
                    document.meta)


def _extract(nlp: Language, text: str, given: dt.date | None, taxonomy: Path | None,
             source: str | None, meta: DocumentMeta | None) -> LetterRecord:
    if len(text) > CHUNK_CHARS:
        return _extract_long(nlp, text, given, taxonomy, source, meta)
    doc = nlp(_make_doc(nlp, text, given, taxonomy))
    return build_record(doc, source=source, given_date=given, meta=meta)


def extract_file(
    path: str | Path, *, letter_date: dt.date | None = None, taxonomy: Path | None = None
) -> LetterRecord:
    """Read a .txt, .html, .xml or .pdf letter and extract from it."""
    return extract_document(read_path(Path(path)), letter_date=letter_date, taxonomy=taxonomy)


def extract_many(
    documents: Iterable[Document],
    *,
    letter_date: dt.date | None = None,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    taxonomy: Path | None = None,
) -> Iterator[tuple[Document, LetterRecord]]:
    """Stream documents through ``nlp.pipe``, in input order; long ones go in pieces.
    Raises the error of the first letter that fails."""
    for document, result in extract_each(documents, letter_date=letter_date, nlp=nlp,
                                         batch_size=batch_size, taxonomy=taxonomy):
        if isinstance(result, Exception):
            raise result
        yield document, result


def extract_each(
    documents: Iterable[Document],
    *,
    letter_date: dt.date | None = None,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    taxonomy: Path | None = None,
) -> Iterator[tuple[Document, LetterRecord | Exception]]:
    """Like ``extract_many``, but a letter that fails gives its error in place of a
    record, and the letters around it go on. briefparser's components keep a letter's
    error to themselves; when another component of the pipeline (a trained one's)
    raises, the rest of the batch is done again one letter at a time; a letter that an
    error handler (``nlp.set_error_handler``) dropped gives a ``DroppedError``."""
    nlp = nlp or get_nlp()

    def start(document: Document) -> Doc:
        try:
            doc = _make_doc(nlp, document.text, letter_date or document.meta.date, taxonomy)
        except Exception as exc:
            doc = Doc(nlp.vocab)
            state(doc, "")["error"] = exc
        state(doc)["keep_going"] = True
        return doc

    def finish(doc: Doc, done: Document) -> LetterRecord | Exception:
        result: LetterRecord | Exception | None = state(doc).get("error")
        if result is None:
            try:
                result = build_record(doc, source=done.source,
                                      given_date=letter_date or done.meta.date,
                                      meta=done.meta)
            except Exception as exc:
                result = exc
        return result

    def alone(done: Document) -> LetterRecord | Exception:
        try:
            for doc, _ in nlp.pipe([(start(done), done)], as_tuples=True):
                return finish(doc, done)
        except Exception as exc:
            return exc
        return DroppedError(_DROPPED)

    def flush(batch: list[Document]) -> Iterator[tuple[Document, LetterRecord | Exception]]:
        # Where each letter stands: an error handler may drop a doc from the stream.
        where = {id(d): i for i, d in enumerate(batch)}
        docs = ((start(d), d) for d in batch)
        finished = 0
        try:
            for doc, done in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
                at = where[id(done)]
                for dropped in batch[finished:at]:
                    yield dropped, DroppedError(_DROPPED)
                finished = at + 1
                yield done, finish(doc, done)
        except Exception:
            for done in batch[finished:]:
                yield done, alone(done)
            return
        for dropped in batch[finished:]:
            yield dropped, DroppedError(_DROPPED)

    pending: list[Document] = []
    chars = 0
    for document in documents:
        if len(document.text) <= CHUNK_CHARS:
            if pending and chars + len(document.text) > BATCH_CHARS:
                yield from flush(pending)
                pending, chars = [], 0
            pending.append(document)
            chars += len(document.text)
            if len(pending) >= batch_size:
                yield from flush(pending)
                pending, chars = [], 0
            continue
        yield from flush(pending)
        pending, chars = [], 0
        try:
            long: LetterRecord | Exception = extract_document(
                document, letter_date=letter_date, nlp=nlp, taxonomy=taxonomy)
        except Exception as exc:
            long = exc
        yield document, long
    yield from flush(pending)


# Texts longer than this are processed in pieces, so that memory stays bounded by the
# piece size rather than the text size. Pieces end at a paragraph, line or sentence
# break where there is one; a figure is never longer than the overlap-free margin below.
CHUNK_CHARS = 200_000
_BREAK_SEARCH = 20_000


def split_text(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) of ``text`` cut at natural breaks into pieces of at most ``size``.
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        floor = max(start + 1, limit - _BREAK_SEARCH)
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            found = text.rfind(sep, floor, limit)
            if found != -1:
                cut = found + len(sep)
                break
        if cut <= start:
            cut = limit
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def _extract_long(nlp: Language, text: str, given: dt.date | None, taxonomy: Path | None,
                  source: str | None, meta: DocumentMeta | None) -> LetterRecord:
    """Extract a long text piece by piece and join the records, offsets and indices shifted."""
    header = parse_header(text)
    reference = header.date or given
    records: list[tuple[int, LetterRecord]] = []
    for offset, piece in split_text(text):
        piece_header = header if offset == 0 else replace(header, date_span=None,
                                                          other_dates={})
        doc = _make_doc(nlp, piece, reference, taxonomy)
        set_header(doc, piece_header)
        records.append((offset, build_record(nlp(doc), source=source, given_date=given,
                                             meta=meta)))
    return _join(text, records)


def _join(text: str, records: list[tuple[int, LetterRecord]]) -> LetterRecord:
    first = records[0][1]
    lists: dict[str, list[Any]] = {k: [] for k in MENTION_FIELDS}
    relations: list[Relation] = []
    checks: list[Check] = []
    topics: list[str] = []
    for offset, record in records:
        base = len(lists["amounts"])
        for key, items in lists.items():
            items += [m.model_copy(update={"start": m.start + offset, "end": m.end + offset})
                      for m in getattr(record, key)]
        relations += [r.model_copy(update={"total": r.total + base,
                                           "parts": tuple(p + base for p in r.parts)})
                      for r in record.relations]
        checks += [c.model_copy(update={"amounts": tuple(a + base for a in c.amounts)})
                   for c in record.checks]
        topics += [t for t in record.topics if t not in topics]
    letter = first.letter.model_copy(update={"sha256": text_sha256(text)})
    update: dict[str, Any] = {k: tuple(v) for k, v in lists.items()}
    update.update(letter=letter, relations=tuple(relations), checks=tuple(checks),
                  topics=tuple(topics))
    return LetterRecord.model_validate({**first.model_dump(), **update})


def text_sha256(text: str) -> str:
    """The hash a letter's text is known by (``LetterMeta.sha256``, the store's key)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _make_doc(
    nlp: Language, text: str, letter_date: dt.date | None, taxonomy: Path | None = None
) -> Doc:
    doc = nlp.make_doc(tokenizer_text(text))
    state(doc, text)
    return set_taxonomy(set_letter_date(doc, letter_date), taxonomy)


# spaCy's prefix and suffix rules take time quadratic in the length of a token ("%" or
# "€" 100,000 times: many minutes). A run without whitespace longer than this reaches
# the tokenizer cut by spaces, so no token is longer; words in letters are far shorter.
LONG_RUN = 200
_LONG_RUN = regex.compile(rf"\S{{{LONG_RUN + 1},}}+", regex.V1)
# A long run at the start of the text, or after whitespace: the engine skips ahead to
# whitespace, so these rule out a long run far faster than a scan for the run itself.
_LONG_RUN_FIRST = regex.compile(rf"\S{{{LONG_RUN + 1}}}", regex.V1)
_LONG_RUN_NEXT = regex.compile(rf"\s\S{{{LONG_RUN + 1}}}", regex.V1)


def tokenizer_text(text: str) -> str:
    """``text`` for the tokenizer: in every run of more than ``LONG_RUN`` characters
    without whitespace, each ``LONG_RUN``-th character is a space. The length stays the
    same, so token offsets are offsets in ``text``; the extractors read ``text`` itself.

    >>> tokenizer_text("ab " + "%" * 500)[:3], tokenizer_text("a " + "%" * 500).count(" ")
    ('ab ', 3)
    """
    if _LONG_RUN_FIRST.match(text) is None and _LONG_RUN_NEXT.search(text) is None:
        return text
    runs = list(_LONG_RUN.finditer(text, timeout=regex_timeout(text)))
    parts = []
    done = 0
    for run in runs:
        for cut in range(run.start() + LONG_RUN, run.end(), LONG_RUN):
            parts += [text[done:cut], " "]
            done = cut + 1
    return "".join([*parts, text[done:]])


def check_taxonomy(path: Path, nlp: Language | None = None) -> Taxonomy:
    """Load and compile a taxonomy file; raises TaxonomyError naming the file."""
    nlp = nlp or get_nlp()
    taxonomy = load_taxonomy(path)
    if "briefparser_meaning" in nlp.pipe_names:
        pipe = nlp.get_pipe("briefparser_meaning")
        if isinstance(pipe, MeaningAnnotator):
            pipe.categories(taxonomy, path)
    return taxonomy


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
        sha256=text_sha256(text),
    )

    def common(f: Found) -> dict[str, Any]:
        return {"text": text[f.start : f.end], "start": f.start, "end": f.end,
                "sentence": sentences.of(f.start)}

    def ordered(items: list[Found]) -> list[Found]:
        return sorted(items, key=lambda f: (f.start, f.end))

    amount_found = ordered(st.get("amount", []))
    amounts = tuple(
        Amount(**common(f), value=f.attrs["value"], currency=f.attrs["currency"],
               qualifier=_enum(Qualifier, f.attrs.get("qualifier")), high=f.attrs.get("high"),
               vague=f.attrs.get("vague", False),
               implicit_currency=f.attrs.get("implicit_currency", False),
               per=f.attrs.get("per"), nature=_enum(AmountNature, f.attrs.get("nature")),
               **_meaning(f))
        for f in amount_found
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
                  of=f.attrs.get("of"), **_meaning(f))
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
    relations, checks, topics = _relations(st, amount_found, letter.categories)
    return LetterRecord(letter=letter, amounts=amounts, dates=dates, headcounts=headcounts,
                        percentages=percentages, quantities=quantities, relations=relations,
                        checks=checks, topics=topics)


_MEANING_ATTRS = ("status", "category", "as_of", "period_start", "period_end", "subject")


def _meaning(f: Found) -> dict[str, Any]:
    return {key: f.attrs.get(key) for key in _MEANING_ATTRS}


def _relations(
    st: dict[str, Any], amounts: list[Found], categories: tuple[str, ...]
) -> tuple[tuple[Relation, ...], tuple[Check, ...], tuple[str, ...]]:
    """Breakdowns, checks and topics of the meaning component, with amounts as indices."""
    meaning: Meaning | None = st.get("meaning")
    taxonomy: Taxonomy | None = st.get("taxonomy_model")
    if meaning is None:
        return (), (), ()
    index = {id(f): i for i, f in enumerate(amounts)}
    relations = tuple(
        Relation(kind="part_of", total=index[id(b.total)],
                 parts=tuple(index[id(p)] for p in b.parts), complete=b.complete, cue=b.cue)
        for b in meaning.breakdowns
    )
    checks = tuple(
        Check(kind=CheckKind(c.kind), passed=c.passed, difference=c.difference,
              tolerance=c.tolerance, message=c.message,
              amounts=tuple(index[id(f)] for f in c.amounts))
        for c in meaning.checks
    )
    topics = list(meaning.topics)
    if taxonomy is not None:
        topics += [t for t in taxonomy.topics_for_meta(categories) if t not in topics]
    return relations, checks, tuple(topics)


E = TypeVar("E", Qualifier, AmountNature)


def _enum(cls: type[E], value: str | None) -> E | None:
    return cls(value) if value is not None else None


class _Sentences:
    """Find the sentence around a character offset.

    Mentions in one sentence share one string object, so that a text dense with figures
    does not hold a copy of the sentence per figure.
    """

    def __init__(self, doc: Doc, text: str) -> None:
        self._doc = doc
        self._text = text
        self._starts: list[int] | None = None
        self._made: dict[int, str] = {}

    def of(self, offset: int) -> str:
        if self._starts is None:
            self._starts = sentence_starts(self._doc)
        starts = self._starts
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return ""
        made = self._made.get(i)
        if made is None:
            end = starts[i + 1] if i + 1 < len(starts) else len(self._text)
            made = self._made[i] = self._text[starts[i] : end].strip()
        return made
