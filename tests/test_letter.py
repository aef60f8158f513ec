"""Letter header parsing as case tables: one header, one field, its expected value.

The OCR headers are written for these tests in the style of scanned Kamerstukken
(1970–1994): page numbers between lines, an apostrophe split from "s-Gravenhage",
"Zitting" for the session, a garbled day, a sender over two lines.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from briefparser.extraction import extract
from briefparser.extractors.letter import normalize_dossier, parse_date_text, parse_header

# Challenge development set, case ch001.
MODERN = """Tweede Kamer der Staten-Generaal
Vergaderjaar 2024-2025
36 600 X Vaststelling van de begrotingsstaten van het Ministerie van Defensie (X) voor het jaar 2025
Nr. 74 BRIEF VAN DE MINISTER VAN DEFENSIE
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 14 november 2024
"""

# Challenge development set, case ch003.
TWO_DOSSIERS = (
    "27 925 Bestrijding internationaal terrorisme\n"
    "29 521 Nederlandse deelname aan vredesmissies\n"
    "Nr. 512 BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN, VAN DEFENSIE EN VOOR BUITENLANDSE "
    "HANDEL EN ONTWIKKELINGSSAMENWERKING\n"
    "Den Haag, 29 september 2023\n"
)

# Challenge development set, case ch005.
RECORD = """Nummer: 2024D41207, datum: 2024-10-08, bijgewerkt: 2024-10-15 09:12, versie: 2
Onderdeel van zaak 2024Z16003; officiële HTML versie (kst-36600-X-12).
"""

OCR_ZITTING = """Tweede Kamer der Staten-Generaal
2
Zitting 1982-1983
17 600
Hoofdstuk XII Ministerie van Verkeer en Waterstaat
Nr. 41
BRIEF VAN DE MINISTER VAN VERKEER EN
WATERSTAAT
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
's-Gravenhage, 14 maart 1983
Naar aanleiding van de vragen van de vaste commissie deel ik u het volgende mee.
De Minister van Verkeer en Waterstaat, N. Smit-Kroes
Tweede Kamer, zitting 1982-1983, 17 600 hoofdstuk XII, nr. 41
"""

OCR_GARBLED = """Tweede Kamer der
Staten-Generaal
2
Vergaderjaar 1990-1991
21 800 XIII
Vaststelling van de begroting van de uitgaven en de ontvangsten van hoofdstuk XIII \
(Ministerie van Economische Zaken) voor het jaar
1991
IMr. 57
BRIEF VAN DE STAATSSECRETARIS VAN ECONOMISCHE ZAKEN
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
'
s-Gravenhage, ISoktober 1990
Met deze brief informeer ik u over de programma's.
"""

OCR_INLINE = """Tweede Kamer der Staten-Generaa!
Vergaderjaar 1985-1986
18100
Regeling subsidies kleine ondernemers
Nr. 3
BRIEF VAN DE STAATSSECRETARIS VAN ECONOMISCHE
ZAKEN
Aan de Heer Voorzitter van de Tweede Kamer der Staten-Generaal
' s-Gravenhage, 3 februari 1986 In vervolg op mijn brief van 12 december 1985 bericht ik u.
"""

OCR_OLD = """Zitting 1971-1972 -11 500
1
Overzicht van de uitvoering van de werkzaamheden
BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN
Nr. 7
's-Gravenhage, 2 maart 1972.
Ter voldoening aan de toezegging bericht ik u het volgende.
"""

OCR_GLUED_DOSSIER = """Tweede Kamer der Staten-Generaal
Vergaderjaar 1988-1989
20 800 IXB
20800X111
Nr. 12
BRIEF VAN DE MINISTERS VAN FINANCIËN EN VAN ECONOMISCHE ZAKEN
Rijswijk, 9 mei 1989
"""

RIJKSOVERHEID = """Tweede Kamer der Staten-Generaal
Vergaderjaar 2024–2025
36 045 Situatie in Oekraïne
Nr. 236 BRIEF VAN DE MINISTERS VAN DEFENSIE EN VAN BUITENLANDSE ZAKEN
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Datum 17 juni 2025
Betreft Stand van zaken militaire steun
Ons kenmerk BS2025014471
Uw kenmerk 2025Z08812

In aanloop naar de NAVO-top informeren wij uw Kamer.

De Minister van Defensie,

R.P. Brekelmans

De Minister van Buitenlandse Zaken,

C.C.J. Veldkamp
"""

MOTION = """21 501-20 Europese Raad
Nr. 9999
MOTIE VAN DE LEDEN JANSEN EN DE VRIES
Voorgesteld 5 maart 2025
De Kamer,
gehoord de beraadslaging,
verzoekt de regering de Kamer voor 1 juli 2025 te informeren,
en gaat over tot de orde van de dag.
"""

REPORT = """Tweede Kamer der Staten-Generaal
Vergaderjaar 2023-2024
21 501-28 Raad voor Onderwijs, Jeugd, Cultuur en Sport
Nr. 250 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG
Vastgesteld 12 maart 2024
De vaste commissie heeft vragen voorgelegd (ontvangen 3 april 2024).
"""

NUMERIC_DATE = """36 410 XV Vaststelling van de begrotingsstaten
Nr. 3 BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID
Den Haag, 14-11-2024
"""

NEWS = """Nederland levert in hoog tempo militaire steun aan Oekraïne
Het kabinet heeft dit jaar extra geld vrijgemaakt. Vorige week sprak de minister in Brussel.
"""

BODY_ONLY = """Op 3 mei 2024 De Raad besloot anders.
"""

HAGUE_NO_COMMA = """Nr. 5 BRIEF VAN DE MINISTER VAN FINANCIËN
Den Haag 14 november 2024
"""

SHORT_SESSION = """Vergaderjaar 2024-25
36 600 VII
Nr. 12
"""

# (id, header, field, expected value); other_dates as {role: (date, text of its span)}.
FIELDS: list[tuple[str, str, str, Any]] = [
    ("modern-date", MODERN, "date", dt.date(2024, 11, 14)),
    ("modern-place", MODERN, "place", "Den Haag"),
    ("modern-dossier", MODERN, "dossiers", ["36 600 X"]),
    ("modern-number", MODERN, "number", "74"),
    ("modern-vergaderjaar", MODERN, "vergaderjaar", "2024-2025"),
    ("modern-doc-type", MODERN, "doc_type", "brief"),
    ("modern-sender", MODERN, "sender", "Minister van Defensie"),
    ("modern-title", MODERN, "title", "Vaststelling van de begrotingsstaten van het Ministerie "
     "van Defensie (X) voor het jaar 2025"),
    ("modern-addressee", MODERN, "addressee", "Voorzitter van de Tweede Kamer der Staten-Generaal"),
    ("two-dossiers", TWO_DOSSIERS, "dossiers", ["27 925", "29 521"]),
    ("two-dossiers-number", TWO_DOSSIERS, "number", "512"),
    ("two-dossiers-sender", TWO_DOSSIERS, "sender", "Ministers van Buitenlandse Zaken, van "
     "Defensie en voor Buitenlandse Handel en Ontwikkelingssamenwerking"),
    ("two-dossiers-title", TWO_DOSSIERS, "title", "Bestrijding internationaal terrorisme"),
    ("two-dossiers-vergaderjaar", TWO_DOSSIERS, "vergaderjaar", None),
    ("record-date", RECORD, "date", dt.date(2024, 10, 8)),
    ("record-updated", RECORD, "other_dates", {"updated": (dt.date(2024, 10, 15), "2024-10-15")}),
    ("record-ids", RECORD, "identifiers", {"document": "2024D41207", "zaak": "2024Z16003",
                                           "kst": "kst-36600-X-12"}),
    ("record-no-title", RECORD, "title", None),
    ("zitting-vergaderjaar", OCR_ZITTING, "vergaderjaar", "1982-1983"),
    ("zitting-date", OCR_ZITTING, "date", dt.date(1983, 3, 14)),
    ("zitting-place", OCR_ZITTING, "place", "'s-Gravenhage"),
    ("zitting-dossier", OCR_ZITTING, "dossiers", ["17 600"]),
    ("zitting-number", OCR_ZITTING, "number", "41"),
    ("zitting-sender-two-lines", OCR_ZITTING, "sender", "Minister van Verkeer en Waterstaat"),
    ("zitting-title", OCR_ZITTING, "title", "Hoofdstuk XII Ministerie van Verkeer en Waterstaat"),
    ("zitting-signer", OCR_ZITTING, "signers", ["Minister van Verkeer en Waterstaat"]),
    ("zitting-signer-name", OCR_ZITTING, "signer_names", ["N. Smit-Kroes"]),
    ("garbled-no-date", OCR_GARBLED, "date", None),
    ("garbled-partial-date", OCR_GARBLED, "date_value", "1990-10"),
    ("garbled-place", OCR_GARBLED, "place", "'s-Gravenhage"),
    ("garbled-number", OCR_GARBLED, "number", "57"),
    ("garbled-dossier", OCR_GARBLED, "dossiers", ["21 800 XIII"]),
    ("garbled-title-two-lines", OCR_GARBLED, "title", "Vaststelling van de begroting van de "
     "uitgaven en de ontvangsten van hoofdstuk XIII (Ministerie van Economische Zaken) voor het "
     "jaar 1991"),
    ("inline-date", OCR_INLINE, "date", dt.date(1986, 2, 3)),
    ("inline-place", OCR_INLINE, "place", "'s-Gravenhage"),
    ("inline-dossier-glued", OCR_INLINE, "dossiers", ["18 100"]),
    ("inline-sender", OCR_INLINE, "sender", "Staatssecretaris van Economische Zaken"),
    ("inline-title", OCR_INLINE, "title", "Regeling subsidies kleine ondernemers"),
    ("inline-addressee", OCR_INLINE, "addressee",
     "Heer Voorzitter van de Tweede Kamer der Staten-Generaal"),
    ("old-date-full-stop", OCR_OLD, "date", dt.date(1972, 3, 2)),
    ("old-dossier-on-zitting-line", OCR_OLD, "dossiers", ["11 500"]),
    ("old-vergaderjaar", OCR_OLD, "vergaderjaar", "1971-1972"),
    ("old-number-after-sender", OCR_OLD, "number", "7"),
    ("old-title", OCR_OLD, "title", "Overzicht van de uitvoering van de werkzaamheden"),
    ("glued-dossier", OCR_GLUED_DOSSIER, "dossiers", ["20 800 IXB", "20 800 XIII"]),
    ("glued-place", OCR_GLUED_DOSSIER, "place", "Rijswijk"),
    ("glued-sender", OCR_GLUED_DOSSIER, "sender",
     "Ministers van Financiën en van Economische Zaken"),
    ("rijksoverheid-date", RIJKSOVERHEID, "date", dt.date(2025, 6, 17)),
    ("rijksoverheid-place", RIJKSOVERHEID, "place", None),
    ("rijksoverheid-vergaderjaar-en-dash", RIJKSOVERHEID, "vergaderjaar", "2024-2025"),
    ("rijksoverheid-subject", RIJKSOVERHEID, "subject", "Stand van zaken militaire steun"),
    ("rijksoverheid-kenmerk", RIJKSOVERHEID, "identifiers",
     {"kenmerk": "BS2025014471", "uw_kenmerk": "2025Z08812"}),
    ("their-kenmerk-first", "Uw kenmerk 2025Z08812\nOns kenmerk BS2025014471\n", "identifiers",
     {"kenmerk": "BS2025014471", "uw_kenmerk": "2025Z08812"}),
    ("rijksoverheid-signers", RIJKSOVERHEID, "signers",
     ["Minister van Defensie", "Minister van Buitenlandse Zaken"]),
    ("rijksoverheid-signer-names", RIJKSOVERHEID, "signer_names",
     ["R.P. Brekelmans", "C.C.J. Veldkamp"]),
    ("motion-date", MOTION, "date", dt.date(2025, 3, 5)),
    ("motion-type", MOTION, "doc_type", "motie"),
    ("motion-sender", MOTION, "sender", "Leden Jansen en de Vries"),
    ("motion-dossier", MOTION, "dossiers", ["21 501-20"]),
    ("motion-title", MOTION, "title", "Europese Raad"),
    ("report-date", REPORT, "date", dt.date(2024, 3, 12)),
    ("report-received", REPORT, "other_dates", {"received": (dt.date(2024, 4, 3), "3 april 2024")}),
    ("report-dossier", REPORT, "dossiers", ["21 501-28"]),
    ("numeric-date", NUMERIC_DATE, "date", dt.date(2024, 11, 14)),
    ("numeric-dossier", NUMERIC_DATE, "dossiers", ["36 410 XV"]),
    ("news-no-date", NEWS, "date", None),
    ("news-no-dossier", NEWS, "dossiers", []),
    ("news-headline", NEWS, "title", "Nederland levert in hoog tempo militaire steun aan Oekraïne"),
    ("news-no-sender", NEWS, "sender", None),
    ("body-sentence-is-no-date-line", BODY_ONLY, "date", None),
    ("hague-without-comma", HAGUE_NO_COMMA, "date", dt.date(2024, 11, 14)),
    ("hague-without-comma-place", HAGUE_NO_COMMA, "place", "Den Haag"),
    ("short-session", SHORT_SESSION, "vergaderjaar", "2024-2025"),
    ("short-session-dossier", SHORT_SESSION, "dossiers", ["36 600 VII"]),
]


@pytest.mark.parametrize(("header", "field", "expected"), [r[1:] for r in FIELDS],
                         ids=[r[0] for r in FIELDS])
def test_header_field(header: str, field: str, expected: Any) -> None:
    value = getattr(parse_header(header), field)
    if field == "other_dates":
        # Spans are shown as the text they cover.
        value = {role: (date, header[s:e]) for role, (date, (s, e)) in value.items()}
    assert value == expected


DATE_SPANS = [
    ("modern", MODERN, "14 november 2024"),
    ("garbled", OCR_GARBLED, "ISoktober 1990"),
    ("inline", OCR_INLINE, "3 februari 1986"),
    ("record", RECORD, "2024-10-08"),
    ("motion", MOTION, "5 maart 2025"),
]


@pytest.mark.parametrize(("header", "date_text"), [r[1:] for r in DATE_SPANS],
                         ids=[r[0] for r in DATE_SPANS])
def test_date_span(header: str, date_text: str) -> None:
    span = parse_header(header).date_span
    assert span is not None
    assert header[span[0] : span[1]] == date_text


@pytest.mark.parametrize(("text", "expected"), [
    ("3 mei 2024", dt.date(2024, 5, 3)),
    ("14-11-2024", dt.date(2024, 11, 14)),
    ("2024-10-08", dt.date(2024, 10, 8)),
    ("1 dec. 1989", dt.date(1989, 12, 1)),
    ("31 april 2024", None),
    ("mei 2024", None),
])
def test_parse_date_text(text: str, expected: dt.date | None) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("36 600 X", "36 600 X"),
    ("19200", "19 200"),
    ("21 501-16", "21 501-16"),
    ("22300X111", "22 300 XIII"),
    ("22 300 IXB", "22 300 IXB"),
])
def test_normalize_dossier(raw: str, expected: str) -> None:
    assert normalize_dossier(raw) == expected


def _roles(text: str, letter_date: dt.date | None = None) -> dict[str, str | None]:
    record = extract(text, letter_date=letter_date)
    return {d.text: d.role for d in record.dates}


def test_letter_date_role_in_record() -> None:
    roles = _roles(MODERN)
    assert roles["14 november 2024"] == "letter_date"
    assert "2024-2025" not in roles


def test_garbled_letter_date_keeps_role_and_month() -> None:
    record = extract(OCR_GARBLED)
    (mention,) = [d for d in record.dates if d.text == "ISoktober 1990"]
    assert (mention.value, mention.role) == ("1990-10", "letter_date")
    assert record.letter.date is None


def test_record_dates_have_roles() -> None:
    roles = _roles(RECORD)
    assert roles == {"2024-10-08": "letter_date", "2024-10-15": "updated"}


def test_report_dates_have_roles() -> None:
    roles = _roles(REPORT)
    assert roles["12 maart 2024"] == "letter_date"
    assert roles["3 april 2024"] == "received"


def test_relative_dates_use_the_header_date() -> None:
    text = OCR_INLINE + "Op 20 januari jl. besloot ik dit jaar anders.\n"
    record = extract(text, letter_date=dt.date(2000, 1, 1))
    values = {d.text: d.value for d in record.dates}
    assert values["20 januari jl."] == "1986-01-20"
    assert values["dit jaar"] == "1986"
    assert record.letter.date_source == "header"


def test_news_uses_the_callers_letter_date() -> None:
    record = extract(NEWS, letter_date=dt.date(2025, 9, 19))
    values = {d.text: (d.value, d.end_value) for d in record.dates}
    assert values["dit jaar"] == ("2025", None)
    assert values["Vorige week"] == ("2025-09-08", "2025-09-14")
    assert (record.letter.date, record.letter.date_source) == (dt.date(2025, 9, 19), "argument")


def test_news_without_any_date_leaves_relative_dates_open() -> None:
    record = extract(NEWS)
    assert record.letter.date is None
    assert record.letter.date_source is None
    assert {d.text: d.value for d in record.dates} == {"dit jaar": None, "Vorige week": None}
