"""Tests for briefparser.io: reading letters from text, HTML, XML and PDF."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import pickle
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from briefparser import io as bio
from briefparser.io import (
    Document,
    DocumentMeta,
    ReadError,
    iter_input_paths,
    read_bytes,
    read_path,
    read_stream,
)

FIXTURES = Path(__file__).parent / "fixtures" / "io"

PDF_EXTRA_MESSAGE = "reading PDF needs the optional extra: pip install 'briefparser[pdf]'"


def read_error(call: Callable[[], object]) -> ReadError:
    """Run ``call``, expect a ReadError and return it."""
    with pytest.raises(ReadError) as caught:
        call()
    return caught.value


def op_xml(metadata: str = "", body: str = "<al>Tekst.</al>") -> bytes:
    """A small officiële-publicatie document with the given meta elements and body."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<officiele-publicatie><metadata>{metadata}</metadata>"
        f"<kamerstuk><stuk><algemeen><vrije-tekst><tekst>{body}</tekst>"
        "</vrije-tekst></algemeen></stuk></kamerstuk></officiele-publicatie>"
    ).encode()


def meta_tag(name: str, content: str, scheme: str = "") -> str:
    return f'<meta name="{name}" scheme="{scheme}" content="{content}"/>'


def pdf_with_text(*pages: str) -> bytes:
    """A minimal valid PDF with one line of Helvetica text per page (empty: a blank page)."""
    page_ids = [4 + 2 * index for index in range(len(pages))]
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for page_id, text in zip(page_ids, pages, strict=True):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("cp1252") if text else b""
        objects.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>"
            ).encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- plain text -------------------------------------------------------------

DUTCH = "De kosten bedragen € 5 miljoen; de geëvalueerde regeling loopt tot 2026."
LATIN_1 = "De geëvalueerde regeling: één coördinator, café en reünie in België."

TEXT_DECODING = [
    pytest.param(DUTCH.encode(), DUTCH, "utf_8", id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + DUTCH.encode(), DUTCH, "utf_8_sig", id="utf-8-with-bom"),
    pytest.param(DUTCH.encode("cp1252"), DUTCH, "cp1252", id="cp1252-euro-and-e-trema"),
    pytest.param("€ 5 voor één".encode("cp1252"), "€ 5 voor één", "cp1252", id="cp1252-short"),
    pytest.param(DUTCH.encode("utf-16"), DUTCH, "utf_16", id="utf-16-with-bom"),
    pytest.param(
        b"regel 1\r\nregel 2\rregel 3\n", "regel 1\nregel 2\nregel 3\n", "utf_8", id="crlf"
    ),
]


@pytest.mark.parametrize(("data", "expected", "encoding"), TEXT_DECODING)
def test_text_is_decoded_and_encoding_reported(data: bytes, expected: str, encoding: str) -> None:
    document = read_bytes(data, source="brief.txt", suffix=".txt")
    assert document.text == expected
    assert document.encoding == encoding
    assert document.format == "txt"
    assert document.source == "brief.txt"
    assert document.meta == DocumentMeta()


def test_latin_1_text_is_decoded_with_a_codec_that_gives_the_same_text() -> None:
    data = LATIN_1.encode("latin-1")
    document = read_bytes(data, source="brief.txt", suffix=".txt")
    assert document.text == LATIN_1
    assert document.encoding is not None
    assert data.decode(document.encoding) == LATIN_1


def test_cp1252_is_not_mistaken_for_a_central_european_code_page() -> None:
    text = "Het bedrag stijgt met 1½ miljoen; ‘zie bijlage’ – aldus de geëvalueerde nota."
    document = read_bytes(text.encode("cp1252"), source="-", suffix="txt")
    assert document.text == text
    assert document.encoding == "cp1252"


_rng = random.Random(20241114)

TEXT_ERRORS = [
    pytest.param(b"", "empty file", id="empty"),
    pytest.param(b" \n\t\r\n ", "empty file", id="whitespace-only"),
    pytest.param(codecs.BOM_UTF8 + b"\n", "empty file", id="bom-and-newline-only"),
    pytest.param(" \n".encode("utf-16"), "empty file", id="utf-16-whitespace-only"),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "binary file, not text", id="nul-bytes"),
    pytest.param(bytes(range(1, 32)) * 10, "binary file, not text", id="control-characters"),
    pytest.param(bytes(range(0x80, 0x100)) * 8, "binary file, not text", id="invalid-utf-8"),
    pytest.param(
        _rng.randbytes(4096).replace(b"\x00", b""), "binary file, not text", id="random-bytes"
    ),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)), "binary file, not text", id="png"),
    pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8" * 40, "binary file, not text", id="bad-utf-16"),
]


@pytest.mark.parametrize(("data", "reason"), TEXT_ERRORS)
def test_text_that_cannot_be_read_is_refused(data: bytes, reason: str) -> None:
    error = read_error(lambda: read_bytes(data, source="brief.txt", suffix=".txt"))
    assert str(error) == f"brief.txt: {reason}"
    assert error.source == "brief.txt"
    assert error.reason == reason


# --- sniffing (standard input) ----------------------------------------------

SNIFFED = [
    pytest.param(op_xml(), "xml", id="xml-declaration"),
    pytest.param(b"<officiele-publicatie><al>Tekst.</al></officiele-publicatie>", "xml", id="op"),
    pytest.param(b"\n  <!DOCTYPE html><html><p>Tekst.</p></html>", "html", id="doctype-html"),
    pytest.param(b"<HTML><BODY><P>Tekst.</P></BODY></HTML>", "html", id="html-uppercase"),
    pytest.param(
        b'<?xml version="1.0"?>\n<!DOCTYPE html>\n<html><p>Tekst.</p></html>', "html", id="xhtml"
    ),
    pytest.param(b"<!-- kop --><html><p>Tekst.</p></html>", "html", id="comment-then-html"),
    pytest.param(
        '<?xml version="1.0" encoding="UTF-16"?><r><al>Tekst.</al></r>'.encode("utf-16"),
        "xml",
        id="xml-utf-16",
    ),
    pytest.param(b"Geachte voorzitter,\n", "txt", id="plain-text"),
    pytest.param(b"<p>Tekst zonder html-element.</p>", "txt", id="fragment-is-text"),
]


@pytest.mark.parametrize(("data", "fmt"), SNIFFED)
def test_format_is_sniffed_without_suffix(data: bytes, fmt: str) -> None:
    document = read_bytes(data, source="-")
    assert document.format == fmt
    assert document.source == "-"
    assert "Tekst" in document.text or "Geachte" in document.text


def test_pdf_is_sniffed_without_suffix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    error = read_error(lambda: read_bytes(b"%PDF-1.7\n...", source="-"))
    assert str(error) == f"-: {PDF_EXTRA_MESSAGE}"


def test_stream_like_stdin_is_read() -> None:
    data = (FIXTURES / "kst-motie.xml").read_bytes()
    document = read_stream(io.BytesIO(data))
    assert document.source == "-"
    assert document.format == "xml"
    assert document.meta.number == "9999"


# --- XML ----------------------------------------------------------------------

BRIEF_TEXT = (
    "Tweede Kamer der Staten-Generaal\n\n"
    "Vergaderjaar 2024-2025\n\n"
    "36 600 X Vaststelling van de begrotingsstaten van het Ministerie van Defensie (X) "
    "voor het jaar 2025\n\n"
    "Nr. 99\n\n"
    "BRIEF VAN DE MINISTER VAN DEFENSIE\n\n"
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
    "Den Haag, 14 november 2024\n\n"
    "Voortgang\n\n"
    "De munitievoorraad groeit. In 2025 is € 1,2 miljard beschikbaar1 voor de aanschaf "
    "van munitie.\n\n"
    "1 Kamerstuk 36 600 X, nr. 12.\n\n"
    "– artillerie: € 450 miljoen;\n\n"
    "– luchtverdediging: € 750 miljoen.\n\n"
    "Tabel 1 Uitgaven (bedragen x € 1 mln)\n"
    "Onderdeel\t2025\t2026\n"
    "Munitie\t1.200\t1.350\n"
    "Totaal\t1.200\t1.350\n\n"
    "De CO2-uitstoot van oefenterreinen blijft gelijk.\n\n"
    "De Minister van Defensie,\n\n"
    "R.P. Brekelmans"
)

MOTIE_TEXT = (
    "21 501-20 Europese Raad\n\n"
    "Nr. 9999\n\n"
    "MOTIE VAN DE LEDEN JANSEN EN DE VRIES\n\n"
    "Voorgesteld 5 maart 2025\n\n"
    "De Kamer,\n\n"
    "gehoord de beraadslaging,\n\n"
    "verzoekt de regering:\n\n"
    "1. ten minste 5.000 extra plaatsen te realiseren;\n\n"
    "2. de Kamer voor 1 juli 2025 te informeren,\n\n"
    "en gaat over tot de orde van de dag.\n\n"
    "Jansen\n\n"
    "De Vries"
)

XML_FIXTURES = [
    pytest.param(
        "kst-brief.xml",
        BRIEF_TEXT,
        DocumentMeta(
            identifier="kst-36600-X-99",
            dossier="36 600 X",
            number="99",
            doc_type="Brief",
            date=dt.date(2024, 11, 14),
            title="Brief van de minister van Defensie over de voortgang van de munitievoorraad",
            sender="R.P. Brekelmans",
            categories=("Openbare orde en veiligheid | Defensie", "Financiën | Begroting"),
        ),
        id="kamerbrief",
    ),
    pytest.param(
        "kst-motie.xml",
        MOTIE_TEXT,
        DocumentMeta(
            identifier="kst-21501-20-9999",
            dossier="21 501-20",
            number="9999",
            doc_type="Motie",
            date=dt.date(2025, 3, 5),
            title="Motie van de leden Jansen en De Vries over een voorbeeld",
            sender="A. Jansen; B. de Vries",
            categories=(),
        ),
        id="motie-without-issued-date",
    ),
]


@pytest.mark.parametrize(("name", "text", "meta"), XML_FIXTURES)
def test_xml_fixture_text_and_metadata(name: str, text: str, meta: DocumentMeta) -> None:
    path = FIXTURES / name
    document = read_path(path)
    assert document.text == text
    assert document.meta == meta
    assert document.format == "xml"
    assert document.encoding is None
    assert document.source == str(path)


XML_META = [
    pytest.param(
        meta_tag("OVERHEIDop.dossiernummer", "36600-X"), "dossier", "36 600 X", id="chapter"
    ),
    pytest.param(
        meta_tag("OVERHEIDop.dossiernummer", "21501-02"), "dossier", "21 501-02", id="sub-dossier"
    ),
    pytest.param(
        meta_tag("OVERHEIDop.dossiernummer", "36725-XXIII"),
        "dossier",
        "36 725 XXIII",
        id="long-chapter",
    ),
    pytest.param(meta_tag("OVERHEIDop.dossiernummer", "19637"), "dossier", "19 637", id="plain"),
    pytest.param(
        meta_tag("OVERHEIDop.dossiernummer", "36 600  X"), "dossier", "36 600 X", id="spaced"
    ),
    pytest.param(
        meta_tag("OVERHEIDop.dossiernummer", "36600-x"), "dossier", "36600-x", id="unclear-kept"
    ),
    pytest.param(
        meta_tag("OVERHEIDop.dossiernummer", "27925")
        + meta_tag("OVERHEIDop.dossiernummer", "29521"),
        "dossier",
        "27 925; 29 521",
        id="two-dossiers",
    ),
    pytest.param(
        meta_tag("DC.identifier", "kst-36600-X-12"), "dossier", "36 600 X", id="dossier-from-id"
    ),
    pytest.param(meta_tag("DC.identifier", "kst-36600-X-12"), "number", "12", id="nr-from-id"),
    pytest.param(meta_tag("OVERHEIDop.dossiernummer", ""), "dossier", None, id="empty-content"),
    pytest.param(
        meta_tag("DC.type", "officiële publicatie", "OVERHEID.Informatietype")
        + meta_tag("DC.type", "Kamerstuk", "OVERHEIDop.Parlementair")
        + meta_tag("DC.type", "Brief", "OVERHEIDop.KamerstukTypen"),
        "doc_type",
        "Brief",
        id="most-specific-type",
    ),
    pytest.param(
        meta_tag("DC.type", "Kamerstuk", "OVERHEIDop.Parlementair"),
        "doc_type",
        "Kamerstuk",
        id="only-generic-type",
    ),
    pytest.param(
        meta_tag("DCTERMS.available", "2024-11-15") + meta_tag("DCTERMS.issued", "2024-11-14"),
        "date",
        dt.date(2024, 11, 14),
        id="issued-before-available",
    ),
    pytest.param(
        meta_tag("DCTERMS.issued", "2024-02-30") + meta_tag("DCTERMS.available", "2024-03-01"),
        "date",
        dt.date(2024, 3, 1),
        id="invalid-issued-date",
    ),
    pytest.param(
        meta_tag("DCTERMS.issued", "2024-11-14T10:00:00"),
        "date",
        dt.date(2024, 11, 14),
        id="date-time",
    ),
    pytest.param(meta_tag("DCTERMS.issued", "onbekend"), "date", None, id="no-date"),
    pytest.param(
        meta_tag("DC.title", "Titel; Brief; Onderwerp")
        + meta_tag("OVERHEIDop.documenttitel", "Onderwerp"),
        "title",
        "Onderwerp",
        id="documenttitel-first",
    ),
    pytest.param(meta_tag("DC.title", "Titel"), "title", "Titel", id="dc-title"),
    pytest.param(
        meta_tag("DC.creator", "Ministerie van Financiën"),
        "sender",
        "Ministerie van Financiën",
        id="creator-as-sender",
    ),
    pytest.param(
        meta_tag("DC.creator", "Tweede Kamer der Staten-Generaal"),
        "sender",
        None,
        id="chamber-is-no-sender",
    ),
    pytest.param(
        meta_tag("DC.creator", "Ministerie van Financiën")
        + meta_tag("OVERHEIDop.indiener", "E. Heinen"),
        "sender",
        "E. Heinen",
        id="indiener-before-creator",
    ),
    pytest.param(
        meta_tag("OVERHEID.category", "Financiën | Begroting")
        + meta_tag("OVERHEID.category", "Financiën | Begroting")
        + meta_tag("OVERHEID.category", "Zorg | Ziekten"),
        "categories",
        ("Financiën | Begroting", "Zorg | Ziekten"),
        id="categories-unique",
    ),
    pytest.param(
        meta_tag("dc.identifier", "kst-1-2"), "identifier", "kst-1-2", id="lowercase-name"
    ),
]


@pytest.mark.parametrize(("metadata", "field", "expected"), XML_META)
def test_xml_metadata_field(metadata: str, field: str, expected: object) -> None:
    document = read_bytes(op_xml(metadata), source="-")
    assert getattr(document.meta, field) == expected


def test_xml_dossier_and_number_fall_back_on_the_body() -> None:
    body = (
        "<dossier><dossiernummer><dossiernr>36 600</dossiernr>"
        "<begrotingshoofdstuk>VII</begrotingshoofdstuk></dossiernummer><titel>Titel</titel>"
        '</dossier><stuknr>Nr. <ondernummer kamer="2">7</ondernummer></stuknr>'
    )
    document = read_bytes(op_xml(body=body), source="-")
    assert document.meta.dossier == "36 600 VII"
    assert document.meta.number == "7"
    assert document.text == "36 600 VII Titel\n\nNr. 7"


def test_xml_sub_dossier_number_keeps_its_hyphen() -> None:
    body = (
        "<dossier><dossiernummer><dossiernr>21 501</dossiernr>-<raadnr>20</raadnr>"
        "</dossiernummer><titel>Europese Raad</titel></dossier>"
    )
    document = read_bytes(op_xml(body=body), source="-")
    assert document.text == "21 501-20 Europese Raad"
    assert document.meta.dossier == "21 501-20"


XML_BODIES = [
    pytest.param(
        "<al>Een   alinea\n   over\tmeerdere regels.</al><al>Tweede.</al>",
        "Een alinea over meerdere regels.\n\nTweede.",
        id="whitespace-collapsed",
    ),
    pytest.param(
        '<al>Eerste<noot id="a" type="voet"><noot.nr>1</noot.nr><noot.al>Noot een.</noot.al>'
        '</noot> en tweede<noot id="b" type="voet"><noot.nr>2</noot.nr><noot.al>Noot twee.'
        "</noot.al></noot>.</al><al>Verder.</al>",
        "Eerste1 en tweede2.\n\n1 Noot een.\n\n2 Noot twee.\n\nVerder.",
        id="footnotes-after-paragraph",
    ),
    pytest.param(
        "<table><tgroup cols='2'><tbody><row><entry>a</entry><entry>1<noot><noot.nr>3</noot.nr>"
        "<noot.al>Bron.</noot.al></noot></entry></row></tbody></tgroup></table>",
        "a\t13\n\n3 Bron.",
        id="footnote-in-table",
    ),
    pytest.param(
        "<table><tgroup cols='3'><tbody><row><entry>a</entry><entry/><entry>c</entry></row>"
        "<row><entry/><entry/><entry/></row></tbody></tgroup></table>",
        "a\t\tc",
        id="empty-cells-and-rows",
    ),
    pytest.param(
        "<divisie><kop><nr>1.</nr><titel>Inleiding</titel></kop><al>Tekst.</al></divisie>",
        "1. Inleiding\n\nTekst.",
        id="numbered-heading",
    ),
    pytest.param(
        "<lijst><li><li.nr>a.</li.nr><al>punt</al><lijst><li><li.nr>1°</li.nr><al>sub</al>"
        "</li></lijst></li><li><li.nr>b.</li.nr><lijst><li><li.nr>1°</li.nr><al>x</al></li>"
        "</lijst></li></lijst>",
        "a. punt\n\n1° sub\n\nb. 1° x",
        id="nested-lists",
    ),
    pytest.param(
        "<al>Zie <extref doc='x'>artikel 3</extref> en <nadruk type='cur'>nota</nadruk>.</al>",
        "Zie artikel 3 en nota.",
        id="inline-elements",
    ),
    pytest.param(
        "<onbekend>Los blok</onbekend><al>Met <onbekend>binnen</onbekend> tekst.</al>",
        "Los blok\n\nMet binnen tekst.",
        id="unknown-elements",
    ),
    pytest.param("<al>vóór&#160;€&#x20AC;</al>", "vóór €€", id="character-references"),
    pytest.param("<al>ver\u00adgoeding</al>", "vergoeding", id="soft-hyphen-dropped"),
]


@pytest.mark.parametrize(("body", "text"), XML_BODIES)
def test_xml_body_text(body: str, text: str) -> None:
    assert read_bytes(op_xml(body=body), source="-").text == text


XML_OTHER = [
    pytest.param(
        b'<?xml version="1.0"?><x:doc xmlns:x="urn:x"><x:al>Met naamruimte.</x:al></x:doc>',
        "Met naamruimte.",
        id="namespaced",
    ),
    pytest.param(
        '<?xml version="1.0" encoding="ISO-8859-1"?><r><al>geëvalueerd</al></r>'.encode("latin-1"),
        "geëvalueerd",
        id="declared-latin-1",
    ),
    pytest.param(
        '<?xml version="1.0" encoding="windows-1252"?><r><al>€ 5</al></r>'.encode("cp1252"),
        "€ 5",
        id="declared-cp1252",
    ),
    pytest.param(b"<r><al>Geen declaratie.</al></r>", "Geen declaratie.", id="no-declaration"),
]


@pytest.mark.parametrize(("data", "text"), XML_OTHER)
def test_other_xml_is_read_as_text(data: bytes, text: str) -> None:
    document = read_bytes(data, source="a.xml", suffix=".xml")
    assert document.text == text
    assert document.meta == DocumentMeta()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]><lolz>&lol9;</lolz>"
)

XML_REFUSED = [
    pytest.param(BILLION_LAUGHS, "document type declaration", id="billion-laughs"),
    pytest.param(
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
        "document type declaration",
        id="external-entity",
    ),
    pytest.param(
        b'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]><r/>',
        "document type declaration",
        id="parameter-entity",
    ),
    pytest.param(
        b'<?xml version="1.0"?><!DOCTYPE officiele-publicatie SYSTEM "op.dtd">'
        b"<officiele-publicatie><al>x</al></officiele-publicatie>",
        "document type declaration",
        id="external-dtd",
    ),
    pytest.param(
        b"<a>" * 10_000 + b"</a>" * 10_000, "nested deeper than 200 levels", id="10000-deep"
    ),
    pytest.param(
        b"<a>" * 1_000_000 + b"</a>" * 1_000_000,
        "nested deeper than 200 levels",
        id="1000000-deep",
    ),
    pytest.param(b"<a>" * 201 + b"x" + b"</a>" * 201, "nested deeper than 200", id="201-deep"),
    pytest.param(b"<r><al>open</r>", "malformed XML: mismatched tag", id="mismatched-tag"),
    pytest.param(b"<r><al>open", "malformed XML: no element found", id="unclosed"),
    pytest.param(b"<r>a&nbsp;b</r>", "malformed XML: undefined entity", id="html-entity"),
    pytest.param(b"Dit is geen XML.", "malformed XML: syntax error", id="not-xml"),
    pytest.param(
        b'<?xml version="1.0" encoding="x-onbekend"?><r>a</r>', "malformed XML", id="bad-encoding"
    ),
    pytest.param(op_xml(body=""), "no text found in XML", id="metadata-only"),
]


@pytest.mark.parametrize(("data", "reason"), XML_REFUSED)
def test_unsafe_or_broken_xml_is_refused_quickly(data: bytes, reason: str) -> None:
    started = time.perf_counter()
    error = read_error(lambda: read_bytes(data, source="a.xml", suffix=".xml"))
    assert time.perf_counter() - started < 2.0
    assert str(error).startswith("a.xml: ")
    assert reason in str(error)
    assert "\n" not in str(error)


def test_xml_nested_200_deep_is_accepted() -> None:
    data = b"<a>" * 200 + b"diep" + b"</a>" * 200
    assert read_bytes(data, source="a.xml", suffix="xml").text == "diep"


# --- HTML ---------------------------------------------------------------------

HTML_FIXTURE_TEXT = (
    "Tweede Kamer der Staten-Generaal\n\n"
    "Vergaderjaar 2024-2025\n\n"
    "36 600 X Vaststelling van de begrotingsstaten van het Ministerie van Defensie (X) "
    "voor het jaar 2025\n\n"
    "Nr. 99 BRIEF VAN DE MINISTER VAN DEFENSIE\n\n"
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
    "Den Haag, 14 november 2024\n\n"
    "In 2025 is € 1,2 miljard beschikbaar1 voor de aanschaf van munitie.\n\n"
    "Tabel 1 Uitgaven (bedragen x € 1 mln)\n"
    "Onderdeel\t2025\n"
    "Munitie\t1.200\n\n"
    "De Minister van Defensie,\nR.P. Brekelmans\n\n"
    "1 Kamerstuk 36 600 X, nr. 12."
)


def test_html_fixture_body_text_and_metadata() -> None:
    document = read_path(FIXTURES / "kst-brief.html")
    assert document.text == HTML_FIXTURE_TEXT
    assert document.format == "html"
    assert document.encoding == "utf_8"
    assert document.meta == DocumentMeta(
        identifier="kst-36600-X-99",
        dossier="36 600 X",
        number="99",
        doc_type="Brief",
        date=dt.date(2024, 11, 15),
        title="Brief van de minister van Defensie over de munitievoorraad",
        sender="R.P. Brekelmans",
        categories=("Openbare orde en veiligheid | Defensie",),
    )


@pytest.mark.parametrize(
    "chrome",
    ["Ga direct naar inhoud", "Zoeken", "999", "tracking", "Gerelateerd", "Cookies", "Publicatie"],
)
def test_html_page_chrome_is_dropped(chrome: str) -> None:
    assert chrome not in read_path(FIXTURES / "kst-brief.html").text


HTML_BODIES = [
    pytest.param(
        b"<html><body><p>Een <b>open<p>Twee<div>drie <i>vier",
        "Een open\n\nTwee\n\ndrie vier",
        id="unclosed-tags",
    ),
    pytest.param(
        b"<html><body><p>Kosten</td></tr> &euro; 5 <p>mln</span></div></i> na</b></body></html>",
        "Kosten € 5\n\nmln na",
        id="stray-end-tags",
    ),
    pytest.param(
        b"<html><body><nav>Menu</nav><script>var x = '<p>';</script><p>Brief</p>"
        b"<style>p{}</style><footer>Voet</footer></body></html>",
        "Brief",
        id="nav-script-style-footer",
    ),
    pytest.param(
        b"<html><body><aside>Zijbalk</aside><header>Kop</header><main><h1>Titel</h1>"
        b"<p>Tekst</p></main><p>Buiten main</p></body></html>",
        "Titel\n\nTekst",
        id="main-container",
    ),
    pytest.param(
        b"<html><body><div class='stuk'><p>Stuk</p></div><p>Rest</p></body></html>",
        "Stuk",
        id="div-stuk-container",
    ),
    pytest.param(
        b"<html><body><main></main><p>Alleen hier</p></body></html>",
        "Alleen hier",
        id="empty-container-falls-back",
    ),
    pytest.param(
        b"<html><body><p hidden>Verborgen</p><p style='display: none'>Weg</p><p>Zichtbaar</p>",
        "Zichtbaar",
        id="hidden-elements",
    ),
    pytest.param(
        b"<html><p>Regel een<br>regel twee<br/><br>regel drie</p></html>",
        "Regel een\nregel twee\nregel drie",
        id="line-breaks",
    ),
    pytest.param(
        b"<html><table><tr><th>Post</th><th>2025</th></tr><tr><td>A <b>1</b></td>"
        b"<td>1.000</td></tr></table><p>Na</p></html>",
        "Post\t2025\nA 1\t1.000\n\nNa",
        id="table",
    ),
    pytest.param(
        b"<html><ul><li>een</li><li>twee<ul><li>drie</li></ul></li></ul></html>",
        "een\n\ntwee\n\ndrie",
        id="lists",
    ),
    pytest.param(
        b"<html><p>a&nbsp;b &amp; c &euro;&#8364; <!-- commentaar --> d</p></html>",
        "a b & c €€ d",
        id="entities-and-comments",
    ),
]


@pytest.mark.parametrize(("data", "text"), HTML_BODIES)
def test_html_body_text(data: bytes, text: str) -> None:
    assert read_bytes(data, source="a.html", suffix=".html").text == text


HTML_ENCODINGS = [
    pytest.param(
        '<html><head><meta charset="windows-1252"></head><body><p>€ 5 voor één</p>'.encode(
            "cp1252"
        ),
        "cp1252",
        id="declared-cp1252",
    ),
    pytest.param(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "</head><body><p>€ 5 voor één</p>".encode("cp1252"),
        "cp1252",
        id="latin-1-read-as-cp1252",
    ),
    pytest.param(
        '<html><head><meta charset="utf-8"></head><body><p>€ 5 voor één</p>'.encode("cp1252"),
        "cp1252",
        id="wrong-declaration",
    ),
    pytest.param(
        "<html><body><p>€ 5 voor één, zonder declaratie maar lang genoeg</p>".encode("cp1252"),
        "cp1252",
        id="undeclared-cp1252",
    ),
    pytest.param(
        "<html><body><p>€ 5 voor één</p>".encode("utf-16"), "utf_16", id="utf-16-with-bom"
    ),
]


@pytest.mark.parametrize(("data", "encoding"), HTML_ENCODINGS)
def test_html_encoding(data: bytes, encoding: str) -> None:
    document = read_bytes(data, source="a.html", suffix=".html")
    assert document.text.startswith("€ 5 voor één")
    assert document.encoding == encoding


HTML_REFUSED = [
    pytest.param(b"<html><body><nav>Alleen menu</nav></body></html>", "no text found in HTML"),
    pytest.param(b"<html>\x00\x01\x02\x03\x00\x00</html>", "binary file, not text"),
    pytest.param(b"   ", "empty file"),
]


@pytest.mark.parametrize(("data", "reason"), HTML_REFUSED, ids=["no-text", "binary", "empty"])
def test_html_that_cannot_be_read_is_refused(data: bytes, reason: str) -> None:
    error = read_error(lambda: read_bytes(data, source="a.html", suffix="html"))
    assert str(error) == f"a.html: {reason}"


def test_deeply_nested_html_is_read_without_recursion_error() -> None:
    data = b"<html><body>" + b"<div><span>" * 10_000 + b"diep"
    started = time.perf_counter()
    assert read_bytes(data, source="a.html", suffix="html").text == "diep"
    assert time.perf_counter() - started < 5.0


# --- PDF ----------------------------------------------------------------------


def test_pdf_text_is_read_page_by_page() -> None:
    pytest.importorskip("pypdf")
    data = pdf_with_text("Kosten: 12 miljoen euro (structureel).", "Tweede pagina: 45%.")
    document = read_bytes(data, source="brief.pdf", suffix=".pdf")
    assert document.text == "Kosten: 12 miljoen euro (structureel).\n\nTweede pagina: 45%."
    assert document.format == "pdf"
    assert document.encoding is None
    assert document.meta == DocumentMeta()


def test_pdf_is_read_from_a_path(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "brief.PDF"
    path.write_bytes(pdf_with_text("Een pagina."))
    assert read_path(path).text == "Een pagina."


def encrypted_pdf(user_password: str) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_REFUSED = [
    pytest.param(lambda: pdf_with_text(""), "no text found in PDF", id="blank-page"),
    pytest.param(lambda: encrypted_pdf("geheim"), "encrypted PDF", id="encrypted"),
    pytest.param(lambda: encrypted_pdf(""), "no text found in PDF", id="owner-password-only"),
    pytest.param(lambda: b"%PDF-1.4\n1 0 obj\n<< /Type", "broken PDF", id="truncated"),
    pytest.param(lambda: b"Geen PDF maar tekst.", "broken PDF", id="not-a-pdf"),
]


@pytest.mark.parametrize(("make", "reason"), PDF_REFUSED)
def test_pdf_that_cannot_be_read_is_refused(make: Callable[[], bytes], reason: str) -> None:
    pytest.importorskip("pypdf")
    data = make()
    error = read_error(lambda: read_bytes(data, source="brief.pdf", suffix=".pdf"))
    assert str(error).startswith(f"brief.pdf: {reason}")
    assert "\n" not in str(error)


def test_missing_pdf_extra_gives_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf_with_text("Tekst."))
    error = read_error(lambda: read_path(path))
    assert str(error) == f"{path}: {PDF_EXTRA_MESSAGE}"


# --- paths, sizes and directories ----------------------------------------------

TXT = "Geachte voorzitter,\n"
HTML = "<!DOCTYPE html><html><body><p>Geachte voorzitter,</p></body></html>"
XML = (
    "<?xml version='1.0'?><officiele-publicatie><al>Geachte voorzitter,</al></officiele-publicatie>"
)

DISPATCH = [
    pytest.param("brief.txt", TXT, "txt", id="txt"),
    pytest.param("brief.text", TXT, "txt", id="text"),
    pytest.param("BRIEF.TXT", TXT, "txt", id="uppercase-suffix"),
    pytest.param("brief.html", HTML, "html", id="html"),
    pytest.param("brief.htm", HTML, "html", id="htm"),
    pytest.param("brief.xml", XML, "xml", id="xml"),
    pytest.param("brief", TXT, "txt", id="no-suffix-text"),
    pytest.param("brief", XML, "xml", id="no-suffix-sniffed-xml"),
    pytest.param("brief.txt", XML, "txt", id="suffix-wins-over-content"),
]


@pytest.mark.parametrize(("name", "content", "fmt"), DISPATCH)
def test_read_path_dispatches_by_suffix(tmp_path: Path, name: str, content: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    document = read_path(path)
    assert document.format == fmt
    assert document.source == str(path)
    assert "Geachte voorzitter," in document.text


PATH_ERRORS: list[Any] = [
    pytest.param("brief.docx", b"PK\x03\x04", "unsupported file type '.docx'", id="unsupported"),
    pytest.param("ontbreekt.txt", None, "no such file", id="missing"),
    pytest.param("map.txt", "dir", "is a directory, not a file", id="directory"),
]


@pytest.mark.parametrize(("name", "content", "reason"), PATH_ERRORS)
def test_read_path_errors(tmp_path: Path, name: str, content: object, reason: str) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    error = read_error(lambda: read_path(path))
    assert str(error).startswith(f"{path}: {reason}")


def test_large_file_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "groot.txt"
    path.write_bytes(b"x" * 11)
    monkeypatch.setattr(bio, "MAX_BYTES", 10)

    def refuse_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file should not be opened")

    monkeypatch.setattr(Path, "open", refuse_open)
    error = read_error(lambda: read_path(path))
    assert str(error) == f"{path}: file of 11 bytes is larger than the limit of 10 bytes"


def test_file_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "precies.txt"
    path.write_bytes(b"x" * 10)
    monkeypatch.setattr(bio, "MAX_BYTES", 10)
    assert read_path(path).text == "x" * 10


def test_large_bytes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bio, "MAX_BYTES", 10)
    error = read_error(lambda: read_bytes(b"x" * 11, source="-"))
    assert str(error) == "-: larger than the limit of 10 bytes"


def test_large_stream_is_refused_without_reading_it_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bio, "MAX_BYTES", 10)
    requested: list[int] = []

    class Endless(io.RawIOBase):
        def read(self, size: int | None = -1) -> bytes:
            assert size is not None
            assert size >= 0, "the stream must not be read whole"
            requested.append(size)
            return b"x" * size

    error = read_error(lambda: read_stream(Endless()))
    assert str(error) == "-: larger than the limit of 10 bytes"
    assert requested == [11]


@pytest.fixture
def letter_tree(tmp_path: Path) -> Path:
    files = [
        "b.txt",
        "a.xml",
        "c.html",
        "d.htm",
        "e.pdf",
        "f.text",
        "UPPER.TXT",
        "notes.md",
        "zonder-suffix",
        ".verborgen.txt",
        "a/b.txt",
        "sub/z.txt",
        "sub/.git/x.txt",
        ".verborgen-map/y.txt",
    ]
    for name in files:
        path = tmp_path / "brieven" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TXT, encoding="utf-8")
    return tmp_path / "brieven"


def test_directory_walk_is_recursive_sorted_and_filtered(letter_tree: Path) -> None:
    found = [path.relative_to(letter_tree).as_posix() for path in iter_input_paths([letter_tree])]
    assert found == [
        "UPPER.TXT",
        "a/b.txt",
        "a.xml",
        "b.txt",
        "c.html",
        "d.htm",
        "e.pdf",
        "f.text",
        "sub/z.txt",
    ]


def test_files_are_yielded_as_given_in_order(letter_tree: Path) -> None:
    given = [letter_tree / "notes.md", letter_tree / ".verborgen.txt", letter_tree / "sub"]
    assert list(iter_input_paths(given)) == [
        letter_tree / "notes.md",
        letter_tree / ".verborgen.txt",
        letter_tree / "sub" / "z.txt",
    ]


def test_relative_directory_gives_relative_paths(
    letter_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(letter_tree.parent)
    assert next(iter_input_paths([Path("brieven")])) == Path("brieven/UPPER.TXT")


def test_missing_input_path_raises_when_reached(letter_tree: Path) -> None:
    missing = letter_tree / "ontbreekt.txt"
    paths = iter_input_paths([letter_tree / "b.txt", missing])
    assert next(paths) == letter_tree / "b.txt"
    error = read_error(lambda: next(paths))
    assert str(error) == f"{missing}: no such file or directory"


# --- errors and models --------------------------------------------------------


def test_read_error_is_one_line_and_survives_pickling() -> None:
    error = ReadError("map/brief.xml", "malformed XML:\n  line 3")
    assert str(error) == "map/brief.xml: malformed XML: line 3"
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, ReadError)
    assert (copy.source, copy.reason, str(copy)) == (error.source, error.reason, str(error))


@pytest.mark.parametrize("model", [Document, DocumentMeta], ids=lambda model: model.__name__)
def test_every_model_field_is_described(model: type[BaseModel]) -> None:
    assert all(info.description for info in model.model_fields.values())


def test_models_are_frozen_and_strict() -> None:
    document = read_bytes(b"Tekst.", source="-")
    with pytest.raises(ValidationError):
        document.text = "Anders."  # type: ignore[misc]
    with pytest.raises(ValidationError):
        DocumentMeta(onbekend="x")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Document(text="x", source="-", format="docx")


# --- properties -----------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1))
def test_any_utf8_text_reads_back_or_is_refused(text: str) -> None:
    expected = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        document = read_bytes(text.encode("utf-8"), source="-", suffix="txt")
    except ReadError as error:
        assert error.reason in {"empty file", "binary file, not text"}
    else:
        assert document.text == expected
        assert document.encoding == "utf_8"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from([None, "txt", "html", "xml", "pdf"]))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes, suffix: str | None) -> None:
    try:
        document = read_bytes(data, source="-", suffix=suffix)
    except ReadError as error:
        assert "\n" not in str(error)
    else:
        assert document.text.strip()
