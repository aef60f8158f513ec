"""Read letters from files into plain text plus metadata.

Supported inputs are plain text (``.txt``, ``.text`` or no suffix), HTML pages
from officielebekendmakingen.nl and tweedekamer.nl (``.html``, ``.htm``),
officiële-publicatie XML (``.xml``) and, with the optional ``pdf`` extra, PDF
(``.pdf``).  The result is a :class:`Document`; mention offsets found later
refer to its ``text``.  Every failure to read a source is a :class:`ReadError`
whose one-line message names the source and the reason.

Block elements of HTML and XML become paragraphs separated by a blank line,
whitespace inside a paragraph collapses to single spaces, table rows become
lines with their cells separated by tabs, and XML footnotes follow the
paragraph that refers to them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal, Protocol
from xml.etree.ElementTree import Element, ParseError

import charset_normalizer
import defusedxml.ElementTree as defused_et
from bs4 import BeautifulSoup
from bs4.dammit import EncodingDetector
from bs4.element import NavigableString, PageElement, PreformattedString, Tag
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "MAX_BYTES",
    "MAX_XML_DEPTH",
    "SUPPORTED_SUFFIXES",
    "ByteStream",
    "Document",
    "DocumentMeta",
    "Format",
    "ReadError",
    "iter_input_paths",
    "read_bytes",
    "read_path",
    "read_stream",
]

Format = Literal["txt", "html", "xml", "pdf"]

MAX_BYTES: int = 200 * 1024 * 1024
"""Largest input accepted, in bytes; larger sources are refused before being read whole."""

MAX_XML_DEPTH: Final = 200
"""Deepest element nesting accepted in XML; official publications stay far below it."""

SUPPORTED_SUFFIXES: Final[Mapping[str, Format]] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xml": "xml",
    ".pdf": "pdf",
}
"""File suffixes read by :func:`read_path` (compared case-insensitively) and their formats."""

_PDF_EXTRA_HINT: Final = "reading PDF needs the optional extra: pip install 'briefparser[pdf]'"
_MAX_NOISE_SHARE: Final = 0.05
_NOISE_SAMPLE_CHARS: Final = 200_000
_NOISE_CATEGORIES: Final = frozenset({"Cc", "Cn", "Co", "Cs"})
_ASCII_NOISE: Final = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII: Final = re.compile("[^\x00-\x7f]")
_LINE_BREAK: Final = "\x00"
_INVISIBLE: Final = re.compile("[\x00\u00ad\u200b\ufeff]")
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)
_WHATWG_AS_CP1252: Final = frozenset({"ascii", "latin_1", "iso8859_1"})
_PREFERRED_SINGLE_BYTE: Final = "cp1252"
_SHORT_INPUT_BYTES: Final = 64


class ReadError(Exception):
    """A source that cannot be read as a letter.

    The message is one line, ``"<source>: <reason>"``; both parts are also
    available as attributes.

    >>> str(ReadError("brief.txt", "empty file"))
    'brief.txt: empty file'
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source.replace("\r", " ").replace("\n", " ")
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.source}: {self.reason}")

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return (type(self), (self.source, self.reason))


class DocumentMeta(BaseModel):
    """Metadata of a letter, taken from officiële-publicatie ``meta`` fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    identifier: str | None = Field(
        default=None,
        description='Publication identifier (DC.identifier), e.g. "kst-36600-X-12".',
    )
    dossier: str | None = Field(
        default=None,
        description=(
            'Dossier number in its cited form, e.g. "36 600 X" or "21 501-20" '
            '(OVERHEIDop.dossiernummer); several dossiers are joined with "; ".'
        ),
    )
    number: str | None = Field(
        default=None,
        description='Number of the document within its dossier (ondernummer), e.g. "12".',
    )
    doc_type: str | None = Field(
        default=None,
        description='Most specific document type given (DC.type), e.g. "Brief" or "Motie".',
    )
    date: dt.date | None = Field(
        default=None,
        description="Date of issue (DCTERMS.issued), else of availability (DCTERMS.available).",
    )
    title: str | None = Field(
        default=None,
        description="Title of the document (OVERHEIDop.documenttitel, else DC.title).",
    )
    sender: str | None = Field(
        default=None,
        description=(
            'Who submitted the document (OVERHEIDop.indiener, several joined with "; "), '
            "else its creator (DC.creator) when that is not a chamber of the States General."
        ),
    )
    categories: tuple[str, ...] = Field(
        default=(),
        description="Policy categories (OVERHEID.category), in document order.",
    )


class Document(BaseModel):
    """A letter read from a source: its plain text and metadata."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(description="Plain text of the letter; mention offsets refer to it.")
    source: str = Field(description='Path of the source as given, or "-" for standard input.')
    format: Format = Field(description="Format the source was read as.")
    encoding: str | None = Field(
        default=None,
        description=(
            'Python codec used to decode the source, e.g. "utf_8" or "cp1252" '
            "(text and HTML; None for XML and PDF, which carry their own encoding)."
        ),
    )
    meta: DocumentMeta = Field(
        default_factory=DocumentMeta,
        description="Metadata of the letter; all empty for plain text.",
    )


def read_bytes(data: bytes, *, source: str, suffix: str | None = None) -> Document:
    """Read a letter from bytes.

    ``suffix`` (such as ``".xml"`` or ``"xml"``) chooses the format; without
    one the format is sniffed from the first bytes: an XML declaration or
    ``<officiele-publicatie`` is XML, ``<html`` or ``<!doctype html`` is HTML,
    ``%PDF`` is PDF, anything else is text.

    >>> read_bytes("Kosten: € 5 miljoen.\\r\\n".encode(), source="-").text
    'Kosten: € 5 miljoen.\\n'
    """
    if len(data) > MAX_BYTES:
        raise ReadError(source, f"larger than the limit of {MAX_BYTES} bytes")
    fmt = _format_for_suffix(suffix, source) if suffix else _sniff(data)
    if not data.strip():
        raise ReadError(source, "empty file")
    if fmt == "xml":
        return _read_xml(data, source)
    if fmt == "html":
        return _read_html(data, source)
    if fmt == "pdf":
        return _read_pdf(data, source)
    return _read_text(data, source)


class ByteStream(Protocol):
    """Anything with a binary ``read(size)``, such as ``sys.stdin.buffer`` or an open file."""

    def read(self, size: int, /) -> bytes | None: ...


def read_stream(stream: ByteStream, *, source: str = "-", suffix: str | None = None) -> Document:
    """Read a letter from a binary stream such as ``sys.stdin.buffer``.

    At most :data:`MAX_BYTES` bytes are read; a longer stream is refused.
    """
    try:
        data = stream.read(MAX_BYTES + 1) or b""
    except OSError as exc:
        raise ReadError(source, exc.strerror or str(exc)) from None
    return read_bytes(data, source=source, suffix=suffix)


def read_path(path: Path) -> Document:
    """Read the letter in the file at ``path``, choosing the reader by suffix.

    ``.txt`` and ``.text`` are text, ``.html`` and ``.htm`` HTML, ``.xml`` XML
    and ``.pdf`` PDF; a file without suffix is sniffed like standard input.
    The size is checked before the file is read.
    """
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ReadError(source, "no such file") from None
    except OSError as exc:
        raise ReadError(source, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(source, "is a directory, not a file")
    if info.st_size > MAX_BYTES:
        raise ReadError(
            source, f"file of {info.st_size} bytes is larger than the limit of {MAX_BYTES} bytes"
        )
    suffix = path.suffix or None
    if suffix is not None:
        _format_for_suffix(suffix, source)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ReadError(source, exc.strerror or str(exc)) from None
    with handle:
        return read_stream(handle, source=source, suffix=suffix)


def iter_input_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the files to read for the given paths.

    A file is yielded as given, whatever its suffix.  A directory is walked
    recursively, without following symbolic links to directories, yielding
    only files with a supported suffix, skipping hidden files and
    directories (names starting with "."), sorted by their path below the
    directory.  A path that does not exist raises :class:`ReadError` when
    the iteration reaches it.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk_directory(path)
        elif path.exists():
            yield path
        else:
            raise ReadError(str(path), "no such file or directory")


def _walk_directory(root: Path) -> list[Path]:
    def fail(exc: OSError) -> None:
        raise ReadError(str(exc.filename or root), exc.strerror or str(exc))

    found: list[Path] = []
    for directory, subdirectories, filenames in os.walk(root, onerror=fail):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        found.extend(
            Path(directory, name)
            for name in filenames
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
        )
    return sorted(found, key=lambda path: path.relative_to(root).parts)


def _format_for_suffix(suffix: str, source: str) -> Format:
    normalised = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
    fmt = SUPPORTED_SUFFIXES.get(normalised)
    if fmt is None:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise ReadError(source, f"unsupported file type {normalised!r} (supported: {supported})")
    return fmt


def _sniff(data: bytes) -> Format:
    """Guess the format of ``data`` from its first bytes.

    >>> _sniff(b'<?xml version="1.0"?><officiele-publicatie/>')
    'xml'
    >>> _sniff(b'<?xml version="1.0"?>\\n<!DOCTYPE html><html></html>')
    'html'
    >>> _sniff(b"%PDF-1.7")
    'pdf'
    >>> _sniff(b"Geachte voorzitter,")
    'txt'
    """
    head = data[:4096]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            start = head.decode(codec, errors="ignore")
            break
    else:
        start = head.decode("latin_1")
    start = start.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("%pdf"):
        return "pdf"
    is_xml = start.startswith("<?xml")
    if is_xml:
        start = start.partition("?>")[2].lstrip()
    while start.startswith("<!--"):
        start = start.partition("-->")[2].lstrip()
    if start.startswith(("<!doctype html", "<html")):
        return "html"
    if is_xml or start.startswith("<officiele-publicatie"):
        return "xml"
    return "txt"


def _read_text(data: bytes, source: str) -> Document:
    text, encoding = _decode(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(source, "empty file")
    return Document(text=text, source=source, format="txt", encoding=encoding)


def _decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return the text with the name of the codec used.

    A byte-order mark wins, then a ``declared`` encoding that decodes the
    data, then strict UTF-8, then cp1252 when charset-normalizer finds it
    plausible (the sources are Dutch), then charset-normalizer's best guess.
    Inputs shorter than 64 bytes are too short for detection: cp1252 is used
    when it decodes them.  Text with too many control or unassigned
    characters is refused as binary.
    """
    decoded = _decode_with_bom(data, source)
    if decoded is None and declared is not None:
        decoded = _decode_declared(data, declared)
    if decoded is None:
        if b"\x00" in data:
            raise ReadError(source, "binary file, not text")
        decoded = _decode_detected(data, source)
    text, encoding = decoded
    text = text.removeprefix("\ufeff")
    if text.strip() and _looks_binary(text):
        raise ReadError(source, "binary file, not text")
    return text, encoding


def _decode_with_bom(data: bytes, source: str) -> tuple[str, str] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                if codec == "utf_8_sig":
                    return None
                raise ReadError(source, "binary file, not text") from None
    return None


def _decode_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    try:
        codec = codecs.lookup(declared).name.replace("-", "_")
    except LookupError:
        return None
    if codec in _WHATWG_AS_CP1252:
        codec = _PREFERRED_SINGLE_BYTE
    elif codec.startswith(("utf_16", "utf_32")):
        codec = "utf_8"
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _decode_detected(data: bytes, source: str) -> tuple[str, str]:
    try:
        return data.decode("utf_8"), "utf_8"
    except UnicodeDecodeError:
        pass
    if len(data) < _SHORT_INPUT_BYTES:
        try:
            return data.decode(_PREFERRED_SINGLE_BYTE), _PREFERRED_SINGLE_BYTE
        except UnicodeDecodeError:
            pass
    match = charset_normalizer.from_bytes(data, cp_isolation=[_PREFERRED_SINGLE_BYTE]).best()
    if match is None:
        match = charset_normalizer.from_bytes(data).best()
    if match is None:
        raise ReadError(source, "binary file, not text")
    return str(match), match.encoding


def _looks_binary(text: str) -> bool:
    """Tell whether control, unassigned or private-use characters are too common.

    >>> _looks_binary("Geachte voorzitter,\\n\\tmet vriendelijke groet")
    False
    >>> _looks_binary("PK\\x03\\x04\\x14\\x00\\x06\\x00")
    True
    """
    if len(text) > _NOISE_SAMPLE_CHARS:
        half = _NOISE_SAMPLE_CHARS // 2
        text = text[:half] + text[-half:]
    noise = len(_ASCII_NOISE.findall(text)) + sum(
        1 for char in _NON_ASCII.findall(text) if unicodedata.category(char) in _NOISE_CATEGORIES
    )
    return noise > _MAX_NOISE_SHARE * len(text)


@dataclass
class _Table:
    lines: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)


class _TextBuilder:
    """Collects text from a tree walk into paragraphs, table lines and notes."""

    def __init__(self) -> None:
        self._paragraphs: list[str] = []
        self._buffers: list[list[str]] = [[]]
        self._tables: list[_Table] = []
        self._notes: list[str] = []
        self._note_numbers: list[str] = []
        self._prefix = ""

    def text(self, value: str | None) -> None:
        if value:
            self._buffers[-1].append(_INVISIBLE.sub("", value))

    def space(self) -> None:
        self._buffers[-1].append(" ")

    def line_break(self) -> None:
        self._buffers[-1].append(_LINE_BREAK)

    def break_paragraph(self) -> None:
        if len(self._buffers) > 1:
            self.space()
            return
        content = self._take()
        if not content:
            return
        if self._tables:
            self._tables[-1].lines.append(content)
            return
        if self._prefix:
            content = f"{self._prefix} {content}"
            self._prefix = ""
        self._add_paragraph(content)

    def hold_prefix(self) -> None:
        if len(self._buffers) > 1 or self._tables:
            self.space()
            return
        content = self._take()
        if content:
            self._prefix = f"{self._prefix} {content}".strip()

    def release_prefix(self) -> None:
        if self._prefix:
            prefix, self._prefix = self._prefix, ""
            self._add_paragraph(prefix)

    def table_start(self) -> None:
        self.break_paragraph()
        self._tables.append(_Table())

    def cell_start(self) -> None:
        self._buffers.append([])

    def cell_end(self) -> None:
        if len(self._buffers) == 1:
            return
        content = self._take()
        self._buffers.pop()
        if self._tables:
            self._tables[-1].cells.append(content.replace("\n", " "))
        else:
            self.text(f" {content} ")

    def row_end(self) -> None:
        if not self._tables:
            self.break_paragraph()
            return
        table = self._tables[-1]
        if any(table.cells):
            table.lines.append("\t".join(table.cells).rstrip("\t"))
        table.cells.clear()

    def table_end(self) -> None:
        if not self._tables:
            return
        self.row_end()
        if len(self._buffers) == 1:
            leftover = self._take()
            if leftover:
                self._tables[-1].lines.append(leftover)
        table = self._tables.pop()
        if not table.lines:
            return
        if len(self._buffers) > 1:
            self.text(" " + " ".join(" ".join(table.lines).split()) + " ")
        elif self._tables:
            self._tables[-1].lines.extend(table.lines)
        else:
            self._add_paragraph("\n".join(table.lines))

    def note_start(self) -> None:
        self._buffers.append([])
        self._note_numbers.append("")

    def note_number_end(self) -> None:
        if not self._note_numbers:
            return
        number = self._take()
        self._note_numbers[-1] = number
        self._buffers[-2].append(number)

    def note_end(self) -> None:
        if not self._note_numbers:
            return
        body = self._take()
        self._buffers.pop()
        note = f"{self._note_numbers.pop()} {body}".strip()
        if note:
            self._notes.append(note)

    def result(self) -> str:
        while self._tables:
            self.table_end()
        while len(self._buffers) > 1:
            leftover = self._take()
            self._buffers.pop()
            self.text(f" {leftover} ")
        self.break_paragraph()
        self.release_prefix()
        self._paragraphs.extend(self._notes)
        self._notes.clear()
        return "\n\n".join(self._paragraphs)

    def _take(self) -> str:
        raw = "".join(self._buffers[-1])
        self._buffers[-1].clear()
        lines = (" ".join(part.split()) for part in raw.split(_LINE_BREAK))
        return "\n".join(line for line in lines if line)

    def _add_paragraph(self, content: str) -> None:
        self._paragraphs.append(content)
        self._paragraphs.extend(self._notes)
        self._notes.clear()


_XML_SKIP: Final = frozenset({"metadata", "meta", "noot.ref", "colspec", "spanspec"})
_XML_PARAGRAPHS: Final = frozenset(
    {
        "al",
        "titel",
        "title",
        "kop",
        "tussenkop",
        "subtitel",
        "tekstregel",
        "stuknr",
        "datumtekst",
        "dossier",
    }
)
_XML_SPACED: Final = frozenset({"nr", "label", "begrotingshoofdstuk", "li", "li.nr", "lijst"})
_XML_INLINE: Final = frozenset(
    {
        "nadruk",
        "extref",
        "intref",
        "inf",
        "sup",
        "sub",
        "datum",
        "ondernummer",
        "afkorting",
        "dossierref",
        "u",
        "i",
        "b",
    }
)
_XML_ROWS: Final = frozenset({"row", "tr"})
_XML_CELLS: Final = frozenset({"entry", "td", "th"})
_XML_HINTS: Final = frozenset({"dossiernummer", "ondernummer"})


class _XmlRenderer:
    """Turns start, text and end events of an officiële-publicatie XML walk into text."""

    def __init__(self) -> None:
        self.builder = _TextBuilder()
        self.meta: list[tuple[str, str, str]] = []
        self.hints: dict[str, list[str]] = {name: [] for name in _XML_HINTS}
        self._actions: list[tuple[Callable[[], None], bool, bool]] = []
        self._skip_depth = 0
        self._paragraph_depth = 0
        self._captures: list[tuple[str, list[str]]] = []

    def start(self, element: Element) -> None:
        tag = _local_name(element.tag)
        if tag == "meta":
            self.meta.append(
                (
                    element.get("name", ""),
                    element.get("content", ""),
                    element.get("scheme", ""),
                )
            )
        if self._skip_depth or tag in _XML_SKIP:
            self._skip_depth += 1
            self._actions.append((self._end_skip, False, False))
            return
        spaced = tag in _XML_SPACED or tag in _XML_PARAGRAPHS
        if spaced:
            for _, parts in self._captures:
                parts.append(" ")
        capturing = tag in _XML_HINTS
        if capturing:
            self._captures.append((tag, []))
        self._actions.append((self._start_rendering(tag), capturing, spaced))

    def text(self, value: str | None) -> None:
        if self._skip_depth or not value:
            return
        self.builder.text(value)
        for _, parts in self._captures:
            parts.append(value)

    def end(self) -> None:
        action, capturing, spaced = self._actions.pop()
        action()
        if spaced:
            for _, parts in self._captures:
                parts.append(" ")
        if capturing:
            name, parts = self._captures.pop()
            value = " ".join("".join(parts).split())
            if value:
                self.hints[name].append(value)

    def _start_rendering(self, tag: str) -> Callable[[], None]:
        builder = self.builder
        if tag == "noot":
            builder.note_start()
            return builder.note_end
        if tag == "noot.nr":
            return builder.note_number_end
        if tag == "table":
            builder.table_start()
            return builder.table_end
        if tag in _XML_ROWS:
            return builder.row_end
        if tag in _XML_CELLS:
            builder.cell_start()
            return builder.cell_end
        if self._paragraph_depth:
            if tag in _XML_PARAGRAPHS:
                builder.space()
                self._paragraph_depth += 1
                return self._end_nested_paragraph
            if tag in _XML_SPACED:
                builder.space()
                return builder.space
            return _nothing
        if tag in _XML_INLINE:
            return _nothing
        builder.break_paragraph()
        if tag == "li.nr":
            return builder.hold_prefix
        if tag in _XML_PARAGRAPHS:
            self._paragraph_depth += 1
            return self._end_paragraph
        if tag == "li":
            return self._end_item
        return builder.break_paragraph

    def _end_skip(self) -> None:
        self._skip_depth -= 1

    def _end_paragraph(self) -> None:
        self._paragraph_depth -= 1
        self.builder.break_paragraph()

    def _end_nested_paragraph(self) -> None:
        self._paragraph_depth -= 1
        self.builder.space()

    def _end_item(self) -> None:
        self.builder.break_paragraph()
        self.builder.release_prefix()


def _nothing() -> None:
    return None


def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2].lower()


def _read_xml(data: bytes, source: str) -> Document:
    renderer = _XmlRenderer()
    _walk_xml(data, source, renderer)
    text = renderer.builder.result()
    if not text:
        raise ReadError(source, "no text found in XML")
    meta = _build_meta(
        renderer.meta,
        dossier_hints=renderer.hints["dossiernummer"],
        number_hints=renderer.hints["ondernummer"],
    )
    return Document(text=text, source=source, format="xml", encoding=None, meta=meta)


def _walk_xml(data: bytes, source: str, renderer: _XmlRenderer) -> None:
    """Feed ``renderer`` the events of the XML in ``data``, in document order.

    Parsing is incremental and refuses DTDs, entity declarations and
    external references.  Nesting deeper than :data:`MAX_XML_DEPTH` is
    refused as soon as it is seen.  Each element's text is passed on once it
    is known, and finished children are detached so memory stays bounded by
    the depth of the document rather than its size.
    """
    open_elements: list[tuple[Element, list[Element]]] = []
    try:
        events = defused_et.iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True)
        for event, element in events:
            if event == "start":
                if open_elements:
                    _pass_text_before(open_elements[-1], renderer)
                if len(open_elements) >= MAX_XML_DEPTH:
                    raise ReadError(
                        source, f"XML nested deeper than {MAX_XML_DEPTH} levels is refused"
                    )
                open_elements.append((element, []))
                renderer.start(element)
            else:
                entry = open_elements.pop()
                _pass_text_before(entry, renderer)
                renderer.end()
                if open_elements:
                    open_elements[-1][1][:] = [element]
    except ParseError as exc:
        raise ReadError(source, f"malformed XML: {exc}") from None
    except DTDForbidden:
        raise ReadError(
            source, "XML with a document type declaration (DTD) is refused for safety"
        ) from None
    except EntitiesForbidden:
        raise ReadError(source, "XML entity declarations are refused for safety") from None
    except ExternalReferenceForbidden:
        raise ReadError(source, "XML external references are refused for safety") from None
    except (LookupError, UnicodeError) as exc:
        raise ReadError(source, f"malformed XML: {exc}") from None


def _pass_text_before(entry: tuple[Element, list[Element]], renderer: _XmlRenderer) -> None:
    parent, finished = entry
    if finished:
        child = finished.pop()
        renderer.text(child.tail)
        parent.remove(child)
    else:
        renderer.text(parent.text)
        parent.text = None


_HTML_SKIP: Final = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "iframe",
        "form",
        "button",
        "select",
        "textarea",
    }
)
_HTML_BLOCKS: Final = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "ul",
    }
)
_HTML_CELLS: Final = frozenset({"td", "th"})


def _read_html(data: bytes, source: str) -> Document:
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    markup, encoding = _decode(data, source, declared)
    soup = BeautifulSoup(markup, "html.parser")
    meta = _build_meta(_html_meta_entries(soup))
    text = ""
    for container in _html_containers(soup):
        text = _render_html(container)
        if text:
            break
    if not text:
        raise ReadError(source, "no text found in HTML")
    return Document(text=text, source=source, format="html", encoding=encoding, meta=meta)


def _html_containers(soup: BeautifulSoup) -> Iterator[Tag]:
    """Yield the elements that may hold the letter, most specific first."""
    candidates = (
        soup.find(id="broodtekst"),
        soup.find(class_="stuk"),
        soup.find("main"),
        soup.find(role="main"),
        soup.find("article"),
        soup.body,
        soup,
    )
    for candidate in candidates:
        if isinstance(candidate, Tag):
            yield candidate


def _html_meta_entries(soup: BeautifulSoup) -> list[tuple[str, str, str]]:
    entries: list[tuple[str, str, str]] = []
    for tag in soup.find_all("meta"):
        if not isinstance(tag, Tag):
            continue
        name = _attribute(tag, "name")
        if name:
            scheme = _attribute(tag, "scheme") or _attribute(tag, "data-scheme")
            entries.append((name, _attribute(tag, "content"), scheme))
    return entries


def _attribute(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _render_html(root: Tag) -> str:
    builder = _TextBuilder()
    work: list[tuple[PageElement, bool]] = [(root, False)]
    while work:
        node, closing = work.pop()
        if isinstance(node, Tag):
            name = node.name.lower()
            if closing:
                _html_end(builder, name)
            elif name not in _HTML_SKIP and not _is_hidden(node):
                _html_start(builder, name)
                work.append((node, True))
                work.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            builder.text(str(node))
    return builder.result()


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = "".join(_attribute(tag, "style").split()).lower()
    return "display:none" in style


def _html_start(builder: _TextBuilder, name: str) -> None:
    if name == "table":
        builder.table_start()
    elif name in _HTML_CELLS:
        builder.cell_start()
    elif name == "br":
        builder.line_break()
    elif name in _HTML_BLOCKS:
        builder.break_paragraph()


def _html_end(builder: _TextBuilder, name: str) -> None:
    if name == "table":
        builder.table_end()
    elif name == "tr":
        builder.row_end()
    elif name in _HTML_CELLS:
        builder.cell_end()
    elif name in _HTML_BLOCKS:
        builder.break_paragraph()


def _read_pdf(data: bytes, source: str) -> Document:
    try:
        import pypdf
    except ImportError:
        raise ReadError(source, _PDF_EXTRA_HINT) from None
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() for page in reader.pages]
    except pypdf.errors.FileNotDecryptedError:
        raise ReadError(source, "encrypted PDF: a password is needed to read it") from None
    except pypdf.errors.DependencyError as exc:
        raise ReadError(source, f"encrypted PDF: {exc}") from None
    except Exception as exc:
        raise ReadError(source, f"broken PDF: {str(exc) or type(exc).__name__}") from None
    texts = (page.replace("\r\n", "\n").replace("\r", "\n").strip() for page in pages)
    text = "\n\n".join(page for page in texts if page)
    if not text:
        raise ReadError(source, "no text found in PDF (a scanned PDF needs OCR first)")
    return Document(text=text, source=source, format="pdf", encoding=None)


_KST_IDENTIFIER: Final = re.compile(r"kst-(?P<dossier>\d+(?:-[0-9A-Z]+)?)-(?P<number>\d+)")
_COMPACT_DOSSIER: Final = re.compile(
    r"(?P<head>\d{2})(?P<tail>\d{3})(?:-(?P<sub>\d{1,3})|-(?P<chapter>[A-Z]+))?"
)
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHAMBER: Final = re.compile(r"Staten-Generaal|\b(?:Eerste|Tweede) Kamer\b", re.IGNORECASE)
_GENERIC_DOC_TYPE_SCHEMES: Final = frozenset({"overheidop.parlementair", "overheid.informatietype"})


def _build_meta(
    entries: Sequence[tuple[str, str, str]],
    *,
    dossier_hints: Sequence[str] = (),
    number_hints: Sequence[str] = (),
) -> DocumentMeta:
    """Build :class:`DocumentMeta` from ``(name, content, scheme)`` meta entries.

    Names compare case-insensitively and empty contents count as absent.
    Dossier and number fall back on a ``kst-`` identifier, then on the hints
    found in the body of the document.
    """
    values: dict[str, list[tuple[str, str]]] = {}
    for name, content, scheme in entries:
        cleaned = " ".join(content.split())
        if cleaned:
            values.setdefault(name.strip().lower(), []).append((cleaned, scheme.strip().lower()))

    def every(*names: str) -> list[str]:
        return _unique(content for name in names for content, _ in values.get(name, []))

    identifier = next(
        (
            value
            for value in every("dc.identifier", "dcterms.identifier")
            if not value.startswith(("http:", "https:"))
        ),
        None,
    )
    kst = _KST_IDENTIFIER.fullmatch(identifier) if identifier else None
    dossiers = _unique(_normalise_dossier(value) for value in every("overheidop.dossiernummer"))
    if not dossiers and kst is not None:
        dossiers = [_normalise_dossier(kst["dossier"])]
    if not dossiers:
        dossiers = _unique(_normalise_dossier(value) for value in dossier_hints)
    numbers = every("overheidop.ondernummer")
    number = numbers[0] if numbers else kst["number"] if kst else next(iter(number_hints), None)
    indieners = every("overheidop.indiener")
    creators = [
        value for value in every("dc.creator", "dcterms.creator") if not _CHAMBER.search(value)
    ]
    sender = "; ".join(indieners) if indieners else next(iter(creators), None)
    titles = every("overheidop.documenttitel", "dc.title", "dcterms.title")
    return DocumentMeta(
        identifier=identifier,
        dossier="; ".join(dossiers) or None,
        number=number,
        doc_type=_doc_type(values.get("dc.type", []) + values.get("dcterms.type", [])),
        date=_first_date(every("dcterms.issued")) or _first_date(every("dcterms.available")),
        title=titles[0] if titles else None,
        sender=sender,
        categories=tuple(every("overheid.category")),
    )


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _doc_type(candidates: Sequence[tuple[str, str]]) -> str | None:
    specific = [value for value, scheme in candidates if scheme not in _GENERIC_DOC_TYPE_SCHEMES]
    chosen = specific or [value for value, _ in candidates]
    return chosen[0] if chosen else None


def _first_date(values: Iterable[str]) -> dt.date | None:
    for value in values:
        match = _ISO_DATE.match(value)
        if match is None:
            continue
        try:
            return dt.date.fromisoformat(match.group())
        except ValueError:
            continue
    return None


def _normalise_dossier(raw: str) -> str:
    """Write a dossier number in its cited form when its compact form is unambiguous.

    >>> _normalise_dossier("36600-X")
    '36 600 X'
    >>> _normalise_dossier("21501-02")
    '21 501-02'
    >>> _normalise_dossier("19637")
    '19 637'
    >>> _normalise_dossier("36 600  VII")
    '36 600 VII'
    >>> _normalise_dossier("2024Z16003")
    '2024Z16003'
    """
    value = " ".join(raw.split())
    match = _COMPACT_DOSSIER.fullmatch(value)
    if match is None:
        return value
    base = f"{match['head']} {match['tail']}"
    if match["sub"]:
        return f"{base}-{match['sub']}"
    if match["chapter"]:
        return f"{base} {match['chapter']}"
    return base
