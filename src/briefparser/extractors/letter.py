"""Letter metadata from the header: date line, dossier, number, sender, title."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

import regex

from briefparser import rules
from briefparser.rules import alternation

# Only the top of a letter is its header; the signature is searched at the end.
HEADER_CHARS = 3000
FOOTER_CHARS = 1500

# Function words that stay lower case in a sender's title ("Minister van Defensie").
_LOWER = {"van", "voor", "en", "de", "het", "der", "den", "in", "op", "met"}


@dataclass
class HeaderInfo:
    date: dt.date | None = None
    date_span: tuple[int, int] | None = None
    place: str | None = None
    dossiers: list[str] = field(default_factory=list)
    number: str | None = None
    vergaderjaar: str | None = None
    sender: str | None = None
    title: str | None = None
    doc_type: str | None = None


@cache
def _date_line() -> regex.Pattern[str]:
    months = alternation(list(rules.dates().months))
    return regex.compile(
        rf"""^[ \t]*+(?:
            (?P<place>'s-Gravenhage|Den\s+Haag|\p{{Lu}}[\p{{L}}'-]{{1,30}}+(?:\s\p{{Lu}}[\p{{L}}-]{{1,30}}+)?+)\s*+,\s*+
          | (?:Datum|Date|Den\s+Haag)\s*+:?\s*+
        )
        (?P<date>[0-3]?\d\s++(?:(?i:{months}))\s++(?:1[89]\d\d|20\d\d)|(?:[0-3]?\d)-(?:[01]?\d)-(?:1[89]\d\d|20\d\d))
        [ \t.]*+$""",
        regex.V1 | regex.VERBOSE | regex.MULTILINE,
    )


_DOSSIER_LINE = regex.compile(
    r"^[ \t]*+(?P<dossier>\d{2}\s?\d{3}+(?:[-–][\dA-Z]{1,5}+)?+(?:\s[IVXLC]{1,6}+(?![\p{L}]))?+)"
    r"(?:[ \t]++(?P<title>\p{Lu}[^\n]{2,200}+))?+$",
    regex.V1 | regex.MULTILINE,
)
_NUMBER = regex.compile(r"^[ \t]*+Nr\.\s*+(?P<nr>\d{1,5}+)", regex.V1 | regex.MULTILINE)
_VERGADERJAAR = regex.compile(
    r"(?i)vergaderjaar\s++(?P<a>\d{4})\s?+[-–‒]\s?+(?P<b>\d{2,4}+)", regex.V1
)
_SENDER = regex.compile(
    r"(?P<type>BRIEF|MOTIE|AMENDEMENT|NOTA|VERSLAG)\s++VAN\s++(?:DE|HET)\s++"
    r"(?P<who>(?:MINISTERS?|STAATSSECRETARIS(?:SEN)?|MINISTER-PRESIDENT|LEDEN|LID)"
    r"[\p{Lu}\s,'-]{0,200}?)(?=\s*+(?:\n|$|Aan\s))",
    regex.V1,
)
_SIGNATURE = regex.compile(
    r"^[ \t]*+De\s++(?P<who>(?:Minister|Staatssecretaris|Minister-President)[\p{L} ,'-]{0,120}?)"
    r"\s*+,?[ \t]*+$",
    regex.V1 | regex.MULTILINE,
)


def parse_date_text(text: str) -> dt.date | None:
    """Parse "14 november 2024" or "14-11-2024".

    >>> parse_date_text("3 mei 2024")
    datetime.date(2024, 5, 3)
    """
    parts = regex.split(r"[\s-]+", text.strip())
    if len(parts) != 3:
        return None
    day, month_word, year = parts
    months = rules.dates().months
    month = int(month_word) if month_word.isdigit() else months.get(month_word.lower())
    try:
        return dt.date(int(year), month or 0, int(day))
    except ValueError:
        return None


def title_case(shout: str) -> str:
    """"MINISTER VAN BUITENLANDSE ZAKEN" -> "Minister van Buitenlandse Zaken".

    >>> title_case("MINISTERS VAN DEFENSIE EN VAN BUITENLANDSE ZAKEN")
    'Ministers van Defensie en van Buitenlandse Zaken'
    """
    words = regex.sub(r"\s+", " ", shout.strip(" ,")).split(" ")
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low if i and low in _LOWER else low[:1].upper() + low[1:])
    return " ".join(out)


def parse_header(text: str) -> HeaderInfo:
    """Letter metadata from the top (and signature) of a letter."""
    info = HeaderInfo()
    head = text[:HEADER_CHARS]
    m = _date_line().search(head, timeout=1.0)
    if m:
        info.date = parse_date_text(m.group("date"))
        info.date_span = m.span("date")
        place = m.group("place")
        info.place = regex.sub(r"\s+", " ", place) if place else None
    first_lines = head[: m.start() if m else 1200]
    for d in _DOSSIER_LINE.finditer(first_lines, timeout=1.0):
        info.dossiers.append(regex.sub(r"\s+", " ", d.group("dossier")).strip())
        if info.title is None and d.group("title"):
            info.title = d.group("title").strip()
    n = _NUMBER.search(first_lines, timeout=1.0)
    info.number = n.group("nr") if n else None
    v = _VERGADERJAAR.search(head[:400], timeout=1.0)
    if v:
        info.vergaderjaar = f"{v.group('a')}-{v.group('b')}"
    s = _SENDER.search(head, timeout=1.0)
    if s:
        info.doc_type = s.group("type").lower()
        info.sender = title_case(s.group("who"))
    else:
        sig = _SIGNATURE.search(text[-FOOTER_CHARS:], timeout=1.0)
        if sig:
            info.sender = regex.sub(r"\s+", " ", sig.group("who")).strip(" ,")
    if info.title is None:
        info.title = _headline(text)
    return info


def _headline(text: str) -> str | None:
    """The first line of a news item, when it reads as a headline."""
    for line in text.splitlines()[:3]:
        line = line.strip()
        if line:
            if len(line) <= 160 and not line.endswith((".", ":", ",")) and not line[0].isdigit():
                return line
            return None
    return None
