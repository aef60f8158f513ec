"""Letter metadata from the header: date line, dossier, number, sender, title.

Handles the Kamerstuk header ("Vergaderjaar 2024-2025", "36 600 X Vaststelling ...",
"Nr. 74", "BRIEF VAN DE MINISTER VAN ...", "Den Haag, 14 november 2024"), the
rijksoverheid letter head ("Datum 17 juni 2025", "Betreft ...", "Ons kenmerk ..."),
the fields of a parliamentary document record ("Nummer: 2024D41207, datum: ...") and
the OCR forms of older letters ("Zitting 1970-1971", "'s-Gravenhage, ISapril 1994",
"IMr. 97", a sender split over two lines).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from briefparser import patterns, rules
from briefparser.normalize import regex_timeout
from briefparser.rules import alternation

# Only the top of a letter is its header; the signature is searched at the end.
HEADER_CHARS = 3000
FOOTER_CHARS = 1500

# Function words that stay lower case in a sender's title ("Minister van Defensie").
_LOWER = {"van", "voor", "en", "de", "het", "der", "den", "in", "op", "met"}

_YEAR = r"(?:1[89]\d\d|20\d\d)"
# How a year of _YEAR begins.
_YEAR_OPENINGS = ("18", "19", "20")
_FLAGS = regex.V1 | regex.VERBOSE | regex.MULTILINE
# Labels of dated fields; a line starting with one is no "place, date" line.
_LABELS = r"(?i:datum|date|bijgewerkt|ontvangen|vastgesteld|voorgesteld|ingezonden)(?![\p{L}])"


@dataclass
class HeaderInfo:
    date: dt.date | None = None
    date_span: tuple[int, int] | None = None
    # The date as far as it can be read: "1994-04" when OCR garbled the day.
    date_value: str | None = None
    place: str | None = None
    dossiers: list[str] = field(default_factory=list)
    number: str | None = None
    vergaderjaar: str | None = None
    sender: str | None = None
    title: str | None = None
    titles: list[str] = field(default_factory=list)
    subject: str | None = None
    doc_type: str | None = None
    addressee: str | None = None
    signers: list[str] = field(default_factory=list)
    signer_names: list[str] = field(default_factory=list)
    # Other dates of the document: "received" (ontvangen), "adopted" (vastgesteld,
    # voorgesteld), "updated" (bijgewerkt), each with its span.
    other_dates: dict[str, tuple[dt.date, tuple[int, int]]] = field(default_factory=dict)
    identifiers: dict[str, str] = field(default_factory=dict)


@cache
def _date_text() -> str:
    """A written date: "14 november 2024", "14-11-2024", "2024-10-08", "ISapril 1994"."""
    months = alternation(list(rules.dates().months))
    return rf"""(?:
        (?P<day>[0-3]?\d)\s?+(?P<month>(?i:{months}))(?![\p{{L}}])\s*+(?P<year>{_YEAR})(?!\d)
      | (?P<ocrday>[0-9IlSO|]{{1,2}}+)\s?+(?P<ocrmonth>(?i:{months}))(?![\p{{L}}])\s*+(?P<ocryear>{_YEAR})(?!\d)
      | (?P<nd>[0-3]?\d)[-./](?P<nm>[01]?\d)[-./](?P<ny>{_YEAR})(?!\d)
      | (?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)
    )"""


@cache
def _date_line() -> regex.Pattern[str]:
    return regex.compile(
        rf"""^[ \t]*+(?:
            (?i:datum|date)[ \t]*+:?\s{{0,3}}+
          | (?P<place>(?:['’‘]\s{{0,3}}+)?s[-\s]Gravenhage|Den\s++Haag)[ \t]*+,?[ \t]*+
          | (?!{_LABELS})
            (?P<place2>\p{{Lu}}[\p{{L}}'-]{{1,30}}+(?:[ -]\p{{Lu}}[\p{{L}}-]{{1,30}}+)?+)[ \t]*+,[ \t]*+
        )
        (?P<date>{_date_text()})
        (?=\.?+[ \t]*+$|\.?+[ \t]++\p{{Lu}})""",
        _FLAGS,
    )


# How a date line may open, after spaces and tabs: a label ("Datum"), the quote of
# "'s-Gravenhage", "s-Gravenhage" or "Den Haag". Other date lines have a comma.
_DATE_LINE_OPENINGS = frozenset("dDsS'’‘")


def _first_date_line(head: str) -> regex.Match[str] | None:
    """``_date_line().search(head)``, tried only at the line starts where it may match:
    up to the line of the last year, as a date line holds one."""
    last = max(head.rfind(opening) for opening in _YEAR_OPENINGS)
    if last < 0:
        return None
    end = head.find("\n", last)
    pos = 0
    for line in (head if end < 0 else head[:end]).split("\n"):
        if "," in line or line.lstrip(" \t")[:1] in _DATE_LINE_OPENINGS:
            m = _date_line().match(head, pos)
            if m:
                return m
        pos += len(line) + 1
    return None


_FIELD_ROLE = {"datum": "document", "bijgewerkt": "updated", "ontvangen": "received",
               "vastgesteld": "adopted", "voorgesteld": "adopted"}


def _field_starts(low: str | None) -> list[int] | None:
    """Where a label of :func:`_field_dates` starts in ``low``, the case-folded text
    (``patterns.folded``), in order; None (anywhere) without it."""
    if low is None:
        return None
    return sorted(_offsets(low, _FIELD_ROLE))


def _offsets(text: str, words: Iterable[str]) -> list[int]:
    """Every offset where one of ``words`` occurs in ``text``, word after word."""
    return [pos for word in words for pos in patterns.find_all(text, word)]


@cache
def _field_dates() -> regex.Pattern[str]:
    """Dates in labelled fields: "datum: 2024-10-08", "Vastgesteld 12 maart 2024"."""
    return regex.compile(
        rf"""(?<![\p{{L}}])(?P<label>(?i:{"|".join(_FIELD_ROLE)}))
             [ \t]*+:?[ \t]*+(?:op[ \t]++)?(?P<date>{_date_text()})""",
        _FLAGS,
    )


_CHAPTER = r"(?:[IVXLC1]{1,6}+[A-D]?+)"
_DOSSIER = rf"(?P<dossier>\d{{2}}\s?\d{{3}}+(?:\s?+[-–]\s?+[\dA-Z]{{1,5}}+)?+(?:\s?+(?P<chapter>{_CHAPTER})(?![\p{{L}}\d]))?+)"
_DOSSIER_LINE = regex.compile(
    rf"^[ \t]*+{_DOSSIER}(?:[ \t]++(?P<title>\p{{Lu}}[^\n]{{2,300}}+))?+[ \t]*+$", _FLAGS)
_NUMBER = regex.compile(r"^[ \t]*+(?:[Il1]?[NM]r|NR|nr)[.,]?[ \t]*+(?P<nr>\d{1,5}+)(?!\d)", _FLAGS)
_VERGADERJAAR = regex.compile(
    rf"(?i:vergaderjaar|zitting)[ \t]++(?P<a>{_YEAR})[ \t]?+[-–‒][ \t]?+(?P<b>\d{{2}}(?:\d\d)?+)(?!\d)"
    rf"(?:[ \t]*+[-,]?[ \t]*+(?P<dossier>\d{{2}}\s\d{{3}}+))?+",
    _FLAGS,
)
_SENDER = regex.compile(
    r"""(?P<type>BRIEF|MOTIE|AMENDEMENT|NOTA|VERSLAG|ADVIES|MEMORIE)[ \t]++VAN[ \t]++(?:DE|HET)[ \t]++
        (?P<who>(?:MINISTERS?|STAATSSECRETARIS(?:SEN)?|MINISTER-PRESIDENT|LEDEN|LID|COMMISSIE|VASTE)
                [^\n\p{Ll}]{0,200}+(?:\n(?=\p{Lu}{2})[^\n\p{Ll}\d]{2,200}+)?+)""",
    _FLAGS,
)
_ADDRESSEE = regex.compile(
    r"^[ \t]*+Aan[ \t]++(?:de[ \t]++)?(?P<to>(?:[Hh]eer[ \t]++)?Voorzitter[^\n]{0,150}+)", _FLAGS)
# Titles as written in a signature ("De Minister van Defensie,"): every match of
# _SIGNATURE holds one on the line where it starts.
_SIGNER_TITLES = ("Minister", "Staatssecretaris")
_SIGNATURE = regex.compile(
    rf"""^[ \t]*+De[ \t]++(?P<who>(?:{"|".join(_SIGNER_TITLES)}|Minister-President)[^\n]{{0,160}}?)"""
    r"""[ \t]*+(?:,[ \t]*+(?P<name>(?:\p{Lu}\.[ \t]?+){1,5}+[^\n]{1,80}+)|,?[ \t]*+\n(?:[ \t]*+\n)?+[ \t]*+(?P<name2>(?:\p{Lu}\.[ \t]?+){1,5}+[^\n]{1,80}+|\p{Lu}[^\n]{1,80}+)|,[ \t]*+$)""",
    _FLAGS,
)
_SUBJECT = regex.compile(r"^[ \t]*+(?:Betreft|Onderwerp)(?![\p{L}])[ \t]*+:?[ \t]*+(?P<s>[^\n]{2,300}+)", _FLAGS)
_IDENTIFIERS = {
    "document": regex.compile(r"(?i:nummer)[ \t]*+:[ \t]*+(?P<id>\d{4}[A-Z]\d{4,8}+)", regex.V1),
    "zaak": regex.compile(r"(?i:zaak)[ \t]*+:?[ \t]*+(?P<id>\d{4}Z\d{4,8}+)", regex.V1),
    "kst": regex.compile(r"(?P<id>kst-\d{4,6}+(?:-[\w]{1,8}+){1,3}+)", regex.V1),
    "kenmerk": regex.compile(r"(?<!(?i:uw)[ \t]{1,3})(?i:kenmerk)[ \t]*+:?[ \t]*+(?P<id>[\w/.-]{3,40}+)", regex.V1),
    "uw_kenmerk": regex.compile(r"(?i:uw[ \t]++kenmerk)[ \t]*+:?[ \t]*+(?P<id>[\w/.-]{3,40}+)", regex.V1),
}
# Header lines that are no part of the title.
_NOT_TITLE = regex.compile(
    r"""^[ \t]*+(?:\d{1,3}+|Tweede[ \t]++Kamer.*+|Eerste[ \t]++Kamer.*+|Staten[ -]?Generaa.*+
        |Generaal|Kamerstukken|(?i:vergaderjaar|zitting)[ \t].*+)[ \t]*+$""",
    _FLAGS,
)
_SPACE = regex.compile(r"\s++", regex.V1)


# Words without which a header pattern cannot match (case-folded, any one suffices).
_NEEDS = {
    "subject": ("betreft", "onderwerp"),
    "addressee": ("voorzitter",),
    "document": ("nummer",),
    "zaak": ("zaak",),
    "kst": ("kst-",),
    "kenmerk": ("kenmerk",),
    "uw_kenmerk": ("kenmerk",),
}


def _has(low: str, what: str) -> bool:
    """Whether the case-folded text ``low`` holds a word that ``what`` needs."""
    return any(map(low.__contains__, _NEEDS[what]))


def _line_starts(text: str, words: Iterable[str]) -> list[int]:
    """The starts of the lines of ``text`` that hold one of ``words``, in order."""
    return sorted({text.rfind("\n", 0, pos) + 1 for pos in _offsets(text, words)})


def _signatures(footer: str) -> Iterator[regex.Match[str]]:
    """``_SIGNATURE.finditer(footer)``, tried only at the starts of lines with a title."""
    starts = _line_starts(footer, _SIGNER_TITLES)
    if not starts:
        return iter(())
    return patterns.matches_at(_SIGNATURE, footer, starts, regex_timeout(footer))


# Whitespace to str.split that is no whitespace to the regex \s.
_SPLIT_ONLY_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f")


def _collapse(text: str) -> str:
    r"""``text`` with every run of whitespace (regex ``\s``) as one space."""
    if not text.isprintable() and any(c in text for c in _SPLIT_ONLY_SPACE):
        return _SPACE.sub(" ", text, timeout=1.0)
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + inner + (" " if text[-1].isspace() else "")


def _clean(text: str) -> str:
    if text.isalpha():
        return text
    return _collapse(text).strip(" ,.")


def parse_date_match(m: regex.Match[str]) -> tuple[dt.date | None, str | None]:
    """(date, ISO value at the precision readable) from a match of the date text."""
    months = rules.dates().months
    if m.group("ocrday"):
        month = months[_clean(m.group("ocrmonth")).lower()]
        return None, f"{int(m.group('ocryear')):04d}-{month:02d}"
    if m.group("day"):
        y, mo, d = int(m.group("year")), months[_clean(m.group("month")).lower()], int(m.group("day"))
    elif m.group("nd"):
        y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    else:
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    try:
        date = dt.date(y, mo, d)
    except ValueError:
        return None, None
    return date, date.isoformat()


def parse_date_text(text: str) -> dt.date | None:
    """Parse "14 november 2024", "14-11-2024" or "2024-10-08".

    >>> parse_date_text("3 mei 2024")
    datetime.date(2024, 5, 3)
    >>> parse_date_text("31 februari 2024") is None
    True
    """
    m = regex.fullmatch(_date_text(), text.strip(), flags=regex.V1 | regex.VERBOSE)
    return parse_date_match(m)[0] if m else None


def title_case(shout: str) -> str:
    """"MINISTER VAN BUITENLANDSE ZAKEN" -> "Minister van Buitenlandse Zaken".

    >>> title_case("MINISTERS VAN DEFENSIE EN VAN BUITENLANDSE ZAKEN")
    'Ministers van Defensie en van Buitenlandse Zaken'
    """
    first, *rest = _collapse(shout.strip(" ,.")).lower().split(" ")
    return " ".join([first[:1].upper() + first[1:],
                     *(w if w in _LOWER else w[:1].upper() + w[1:] for w in rest)])


_DOSSIER_PARTS = regex.compile(
    rf"(?P<a>\d{{2}})\s?(?P<b>\d{{3}})(?:\s?+[-–]\s?+(?P<sub>[\dA-Z]{{1,5}}))?+(?:\s?+(?P<ch>{_CHAPTER}))?+",
    regex.V1)


def normalize_dossier(raw: str) -> str:
    """The cited form of a dossier number.

    >>> normalize_dossier("19200"), normalize_dossier("22300X111"), normalize_dossier("21 501 - 16")
    ('19 200', '22 300 XIII', '21 501-16')
    """
    m = _DOSSIER_PARTS.fullmatch(raw.strip())
    if m is None:
        return _clean(raw)
    out = f"{m.group('a')} {m.group('b')}"
    if m.group("sub"):
        out += f"-{m.group('sub')}"
    if m.group("ch"):
        out += " " + m.group("ch").replace("1", "I")
    return out


def parse_header(text: str) -> HeaderInfo:
    """Letter metadata from the top (and signature) of a letter."""
    info = HeaderInfo()
    head = text[:HEADER_CHARS]
    limit = regex_timeout(head)
    low = patterns.casefolded(head)
    low_fits = len(low) == len(head)
    line = _first_date_line(head)
    if line:
        info.date, info.date_value = parse_date_match(line)
        info.date_span = line.span("date")
        if line.group("place") or line.group("place2"):
            place = _clean(line.group("place") or line.group("place2"))
            info.place = regex.sub(r"^['’‘]\s*+s[-\s]", "'s-", place, timeout=1.0)
    for f in patterns.matches_at(_field_dates(), head, _field_starts(low if low_fits else None),
                                 limit):
        if info.date_span is not None and f.start("date") < info.date_span[1] <= f.end("date"):
            continue
        date, _ = parse_date_match(f)
        role = _FIELD_ROLE[f.group("label").lower()]
        if date is not None and role not in info.other_dates:
            info.other_dates[role] = (date, f.span("date"))
    if info.date is None and info.date_value is None:
        for role in ("document", "adopted"):
            if role in info.other_dates:
                info.date, info.date_span = info.other_dates[role][0], info.other_dates[role][1]
                info.date_value = info.date.isoformat()
                del info.other_dates[role]
                break
    sender = _SENDER.search(head, timeout=limit)
    top_end = min(line.start() if line else 1500, sender.start() if sender else 1500, 1500)
    top = head[:top_end]
    v = _VERGADERJAAR.search(head[:600], timeout=limit)
    if v:
        b = v.group("b")
        end = b if len(b) == 4 else v.group("a")[:2] + b
        info.vergaderjaar = f"{v.group('a')}-{end}"
        if v.group("dossier"):
            info.dossiers.append(normalize_dossier(v.group("dossier")))
    _dossiers_and_titles(top, info)
    if not (sender or v or info.dossiers):
        info.titles = []  # no Kamerstuk header: the first lines are the text itself
    n = _NUMBER.search(head[: max(top_end, sender.end() if sender else 0, line.end() if line else 0)],
                       timeout=limit)
    info.number = n.group("nr") if n else None
    if sender:
        info.doc_type = sender.group("type").lower()
        info.sender = title_case(sender.group("who"))
    to = _ADDRESSEE.search(head, timeout=limit) if _has(low, "addressee") else None
    if to:
        info.addressee = _clean(to.group("to"))
    for sig in _signatures(text[-FOOTER_CHARS:]):
        info.signers.append(_clean(sig.group("who")))
        name = sig.group("name") or sig.group("name2")
        if name:
            info.signer_names.append(_clean(name))
    if info.sender is None and info.signers:
        info.sender = info.signers[0]
    subject = _SUBJECT.search(head, timeout=limit) if _has(low, "subject") else None
    if subject:
        info.subject = _clean(subject.group("s"))
    top_low = low[:1500] if low_fits else patterns.casefolded(head[:1500])
    for key, pattern in _IDENTIFIERS.items():
        found = pattern.search(head[:1500], timeout=limit) if _has(top_low, key) else None
        if found:
            info.identifiers[key] = found.group("id")
    info.title = (info.titles[0] if info.titles else None) or info.subject
    if info.title is None and info.date is None and not info.identifiers:
        info.title = _headline(text)
    return info


# Kamerstuk headers repeat their lines from letter to letter ("Kamerstukken").
@lru_cache(maxsize=1024)
def _top_line(raw: str) -> tuple[str, str | None] | str | None:
    """What a header line holds: None for no title part, (dossier, its title or None)
    for a dossier line, the line cleaned for any other line."""
    if _NOT_TITLE.match(raw) or _NUMBER.match(raw):
        return None
    if _date_line().match(raw) or _ADDRESSEE.match(raw):
        return None
    d = _DOSSIER_LINE.match(raw)
    if d:
        title = d.group("title")
        return normalize_dossier(d.group("dossier")), _clean(title) if title else None
    return _clean(raw)


def _dossiers_and_titles(top: str, info: HeaderInfo) -> None:
    """Dossier numbers and the title lines between the session year and the sender."""
    fragments: list[str] = []
    for raw in filter(str.strip, top.splitlines()):
        line = _top_line(raw)
        if line is None:
            continue
        if isinstance(line, tuple):
            dossier, title = line
            if dossier not in info.dossiers:
                info.dossiers.append(dossier)
            if title is not None:
                fragments.append(title)
            continue
        # A line that starts in lower case or with a number carries on the title above
        # ("voor het jaar" / "1994").
        if fragments and (line[:1].islower() or line[:1].isdigit()):
            fragments[-1] = f"{fragments[-1]} {line}"
        elif line[:1].isupper() and len(line) > 3:
            fragments.append(line)
    info.titles = fragments


def _headline(text: str) -> str | None:
    """The first line of a news item, when it reads as a headline."""
    for line in text.splitlines()[:3]:
        line = line.strip()
        if line:
            if len(line) <= 160 and not line.endswith((".", ":", ",")) and not line[0].isdigit():
                return line
            return None
    return None
