"""Dates, partial dates, relative dates and periods.

Date atoms (a day, a month, a year, a quarter, a season, a relative phrase) are found
first, each with the calendar :class:`Shape` it names. An atom written without a year
gets one, in this order, from

1. a date it is coordinated with ("medio juni en begin november 1988");
2. a written or relative year earlier in its sentence ("in 2025 ... op 24 en 25 juni");
3. the letter date: the last or next such day when a marker says so ("jl.", "a.s.",
   "sinds", the tense of the sentence), else the nearest one.

Without a letter date such atoms stay unresolved (value null). Atoms joined by a
connector ("2021–2027", "mei 2024 tot en met mei 2025") then become one period, and
the words before an atom ("sinds", "tot en met", "uiterlijk", "per") set its kind,
modifier and role. Anaphora ("dat jaar", "een jaar eerder") last take their year from
the date before them.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Literal

import regex
from pydantic import model_validator

from briefparser import patterns, rules
from briefparser.extractors.base import Claims, Found
from briefparser.normalize import regex_timeout
from briefparser.patterns import digit_runs, find_all, latin1, spaced
from briefparser.rules import Table

YEAR = r"(?:1[89]\d\d|20\d\d)"

Lean = Literal["past", "future", "this"]


# --- the phrase table -------------------------------------------------------------


class PrefixRow(Table):
    phrases: list[str]
    period: Literal["open_start", "open_end"] | None = None
    modifier: str | None = None
    role: str | None = None
    lean: Lean | None = None
    point_only: bool = False


class ReferenceTable(Table):
    nouns: list[str]
    linkers: list[str]


class ConnectorTable(Table):
    always: list[str]
    between_words: list[str]


class SplitYearTable(Table):
    start_month: dict[str, int]


class AnaphorRow(Table):
    phrases: list[str]
    years: int
    keep_precision: bool = False
    not_before: tuple[str, ...] = ()


class NamedDay(Table):
    names: list[str]
    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None

    @model_validator(mode="after")
    def _fixed_or_nth(self) -> NamedDay:
        if (self.day is None) == (self.weekday is None or self.nth is None):
            raise ValueError("a named day has either a day or a weekday and nth")
        return self


class OffsetTable(Table):
    units: dict[str, Literal["day", "week", "month", "year"]]
    after_letter: list[str]
    before_letter: list[str]


class TenseTable(Table):
    past: list[str]
    future: list[str]
    perfect_auxiliaries: list[str]


class PhraseTable(Table):
    last: list[str]
    open_end_suffixes: list[str]
    weekday_not_after: list[str]
    relative_day_not_after: list[str]
    glued_year_after: list[str]
    footnote_year_after: list[str]
    season_after: list[str]
    year_not_before: list[str]
    anchor_not_after: list[str]
    lean_after: dict[str, Lean]
    lean_before: dict[str, Lean]
    prefix: list[PrefixRow]
    reference: ReferenceTable
    connectors: ConnectorTable
    split_year: SplitYearTable
    anaphor: list[AnaphorRow]
    named_day: list[NamedDay]
    offset: OffsetTable
    tense: TenseTable


@cache
def phrases() -> PhraseTable:
    """The phrase table ``data/date_phrases.toml``."""
    return PhraseTable.model_validate(rules.load("date_phrases.toml"))


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _alt(words: Iterable[str]) -> str:
    """Alternation of phrases, longest first, any whitespace between words."""
    items = sorted({_norm(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(spaced(w) for w in items)


# --- calendar shapes --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shape:
    """What an atom names within one year.

    ``unit`` is one of: year, month (a = month), day (a = month, b = day), days
    (a = month, b..c = days), months (a..b = months; b < a runs into the next year),
    quarter (a), half (a), week (a = ISO week), decade (a = first year).
    """

    unit: str
    a: int = 0
    b: int = 0
    c: int = 0


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and (1 <= day <= 28 or 1 <= day <= _last_day(year, month))


def render(shape: Shape, year: int) -> tuple[str | None, str | None]:
    """(value, end_value) of ``shape`` in ``year``, at the precision it is written.

    >>> render(Shape("months", 9, 11), 2025)
    ('2025-09', '2025-11')
    >>> render(Shape("week", 24), 2025)
    ('2025-06-09', '2025-06-15')
    >>> render(Shape("day", 2, 30), 2025)
    (None, None)
    """
    u = shape.unit
    if u == "year":
        return f"{year:04d}", None
    if u == "month":
        return f"{year:04d}-{shape.a:02d}", None
    if u == "day":
        if not _valid(year, shape.a, shape.b):
            return None, None
        return dt.date(year, shape.a, shape.b).isoformat(), None
    if u == "days":
        if not (_valid(year, shape.a, shape.b) and _valid(year, shape.a, shape.c)):
            return None, None
        return (dt.date(year, shape.a, shape.b).isoformat(),
                dt.date(year, shape.a, shape.c).isoformat())
    if u == "months":
        end_year = year + 1 if shape.b < shape.a else year
        return f"{year:04d}-{shape.a:02d}", f"{end_year:04d}-{shape.b:02d}"
    if u == "quarter":
        return f"{year:04d}-Q{shape.a}", None
    if u == "half":
        return f"{year:04d}-H{shape.a}", None
    if u == "week":
        try:
            monday = dt.date.fromisocalendar(year, shape.a, 1)
        except ValueError:
            return None, None
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if u == "decade":
        return f"{shape.a:04d}", f"{shape.a + 9:04d}"
    raise ValueError(u)


def bounds(shape: Shape, year: int) -> tuple[dt.date, dt.date] | None:
    """First and last day ``shape`` covers in ``year``."""
    u = shape.unit
    if u in ("year", "decade"):
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if u == "month":
        return dt.date(year, shape.a, 1), dt.date(year, shape.a, _last_day(year, shape.a))
    if u in ("day", "days"):
        last = shape.c if u == "days" else shape.b
        if not (_valid(year, shape.a, shape.b) and _valid(year, shape.a, last)):
            return None
        return dt.date(year, shape.a, shape.b), dt.date(year, shape.a, last)
    if u in ("months", "quarter", "half"):
        first, last = {
            "months": (shape.a, shape.b),
            "quarter": (3 * shape.a - 2, 3 * shape.a),
            "half": (6 * shape.a - 5, 6 * shape.a),
        }[u]
        end_year = year + 1 if last < first else year
        return dt.date(year, first, 1), dt.date(end_year, last, _last_day(end_year, last))
    if u == "week":
        try:
            return dt.date.fromisocalendar(year, shape.a, 1), dt.date.fromisocalendar(
                year, shape.a, 7)
        except ValueError:
            return None
    raise ValueError(u)


def choose_year(shape: Shape, ref: dt.date, lean: Lean | None) -> int | None:
    """The year in which a year-less ``shape`` is meant, seen from ``ref``.

    ``past``: the last one that has begun; ``future``: the next one that has not
    ended; otherwise the nearest (the one containing ``ref`` first).

    >>> choose_year(Shape("day", 4, 13), dt.date(2024, 5, 3), "past")
    2024
    >>> choose_year(Shape("day", 11, 22), dt.date(2024, 12, 1), "future")
    2025
    >>> choose_year(Shape("month", 1), dt.date(2024, 11, 22), None)
    2025
    """
    candidates: list[tuple[int, dt.date, dt.date]] = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        b = bounds(shape, year)
        if b is not None:
            candidates.append((year, b[0], b[1]))
    if not candidates:
        return None
    if lean == "past":
        begun = [c for c in candidates if c[1] <= ref]
        return max(begun)[0] if begun else None
    if lean == "future":
        open_ = [c for c in candidates if c[2] >= ref]
        return min(open_)[0] if open_ else None

    def distance(c: tuple[int, dt.date, dt.date]) -> tuple[int, int]:
        _, lo, hi = c
        days = 0 if lo <= ref <= hi else min(abs((lo - ref).days), abs((hi - ref).days))
        return days, abs(c[0] - ref.year)

    return min(candidates, key=distance)[0]


def shift_years(value: str | None, years: int) -> str | None:
    """Move an ISO value of any precision by whole years.

    >>> shift_years("2023-05", -1), shift_years("2024-02-29", 1), shift_years("2023-Q1", 1)
    ('2022-05', None, '2024-Q1')
    """
    if value is None or not value[:4].isdigit():
        return None
    out = f"{int(value[:4]) + years:04d}{value[4:]}"
    if len(out) == 10:
        try:
            dt.date.fromisoformat(out)
        except ValueError:
            return None
    return out


# --- atoms ------------------------------------------------------------------------


YearSource = Literal["written", "phrase", "borrowed", "anchor", "letter", "none"]


@dataclass(slots=True)
class Atom:
    start: int
    end: int
    shape: Shape | None  # None: the value is fixed already (relative days, offsets)
    year: int | None = None
    source: YearSource = "none"
    value: str | None = None
    end_value: str | None = None
    modifier: str | None = None
    lean: Lean | None = None
    weekday: bool = False
    bare: bool = False  # a plain month or day range, no modifier, no year
    needs_month: bool = False  # "dinsdag 28": month comes from the next date
    anaphor: AnaphorRow | None = None
    open_end: bool = False  # "1994 en verdere jaren"
    prefix: PrefixRow | None = None
    role: str | None = None
    fixed: bool = False
    attrs: dict[str, object] = field(default_factory=dict)

    @property
    def relative(self) -> bool:
        return self.source in ("phrase", "anchor", "letter")


def _full_month(word: str) -> bool:
    return "." not in word and (len(word) > 4 or word in ("mei", "juni", "juli"))


def _month_alt(words: Iterable[str]) -> str:
    """Month names; a long one may be broken by an OCR hyphen ("decem-ber", "sep- tember")."""
    parts = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        if len(w) >= 7 and _full_month(w):
            parts.append(r"(?:-\s?+)?".join(regex.escape(c) for c in w))
        else:
            parts.append(regex.escape(w))
    return "|".join(parts)


# "maandagavond": a part of the day glued to a weekday.
_DAY_PARTS = ("ochtend", "morgen", "middag", "avond", "nacht")

_UNHYPHEN = regex.compile(r"-\s*+", regex.V1)


def _unhyphen(word: str) -> str:
    return _UNHYPHEN.sub("", word, timeout=1.0) if "-" in word else word


@lru_cache(maxsize=256)
def _month(word: str) -> int:
    return rules.dates().months[_norm(_unhyphen(word))]


@cache
def _atom_regex() -> regex.Pattern[str]:
    return _compile_atoms(set(ALTERNATIVES), modifiers=True)


def _leads(word: str, year: bool) -> bool:
    """Whether ``word`` may begin where a run of four digits or more begins (``year``),
    or where one of one to three digits does."""
    word = word.lstrip()
    digits = len(word) - len(word.lstrip("0123456789"))
    if year:
        return digits >= 4 or (digits > 0 and digits == len(word))
    return 1 <= digits <= 3


@cache
def _digit_atom_regex(year: bool) -> regex.Pattern[str]:
    """:func:`_atom_regex` for where a run of digits begins, of four or more (``year``) or
    of one to three: the same match with only the alternatives that may begin there."""
    t, p = rules.dates(), phrases()
    ords = [*t.ordinals, *p.last]
    lean = list(p.lean_before)
    # The words each alternative begins with, where that depends on the data. Beyond
    # those, q, h, week and decade begin with a letter; iso, split, yrange and the
    # years with four digits; num, ocr, dmy and offset with one to three before a
    # non-digit.
    openings: dict[str, Iterable[str]] = {
        "mon": t.months, "quarter": ["het", *ords], "half": ["de", "het", *ords],
        "mcount": ["de", *ords], "season": [*lean, "het", "de", *t.seasons],
        "named": [n for row in p.named_day for n in row.names],
        "anaphor": [ph for row in p.anaphor for ph in row.phrases], "relyear": t.relative_years,
        "relother": [*t.relative_days, *t.relative_weeks, *t.relative_months],
        "wdday": t.weekdays, "weekday": [*lean, *t.weekdays], "dmy": t.weekdays,
        "offset": rules.numbers().units,
    }
    years = {"iso", "split", "yrange", "year", "footyear", "glued"}
    days = {"num", "ocr", "dmy", "offset"}
    keep = {name for name in ALTERNATIVES if name in (years if year else days)
            or any(_leads(w, year) for w in openings.get(name, ()))}
    return _compile_atoms(keep, modifiers=any(_leads(m, year) for m in t.modifiers))


def _compile_atoms(keep: set[str], modifiers: bool) -> regex.Pattern[str]:
    t, p = rules.dates(), phrases()
    months = _month_alt(t.months)
    full = _month_alt(m for m in t.months if _full_month(m))
    rel_year = _alt(t.relative_years)
    rel_other = _alt(list(t.relative_days) + list(t.relative_weeks) + list(t.relative_months))
    ords = _alt(list(t.ordinals) + p.last)
    numbers = rules.numbers().units
    count = _alt(w for w, v in numbers.items() if 1 <= v <= 12) + r"|\d{1,2}+"
    any_count = _alt(numbers) + r"|\d{1,3}+"
    decades = _alt(w for w, v in numbers.items() if v % 10 == 0 and 20 <= v <= 90)
    seasons = _alt(t.seasons)
    weekdays = _alt(t.weekdays)
    mods = _alt(t.modifiers)
    lean_after = _alt(p.lean_after)
    lean_before = _alt(p.lean_before)
    named = _alt(n for row in p.named_day for n in row.names)
    anaphors = _alt(ph for row in p.anaphor for ph in row.phrases)
    units = _alt(p.offset.units)
    directions = _alt(p.offset.after_letter + p.offset.before_letter)
    glued = "|".join(regex.escape(w) for w in p.glued_year_after)
    foot = "|".join(regex.escape(w) for w in p.footnote_year_after)

    def year_or_rel(name: str) -> str:
        return (rf"(?:(?P<{name}>{YEAR})(?!\d)|(?P<{name}r>(?i:{rel_year}))(?![\p{{L}}]))")

    alternatives = {
        # 2024-10-08
        "iso": rf"(?<![.,/-])(?P<iy>{YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?!\d)",
        # 24.3.2021, 22-2-2016
        "num": rf"(?<![.,/-])(?P<nd>[0-3]?\d)(?P<sep>[-./])(?P<nm>[01]?\d)(?P=sep)(?P<ny>{YEAR})(?!\d)",
        # ISapril 1994: OCR garbled the day; month and year remain
        "ocr": rf"(?=\d?+[IlSO|])(?P<od>[0-9IlSO|]{{1,2}}+)\s?+(?P<om>(?i:{full}))(?![\p{{L}}])\s*+(?P<oy>{YEAR})(?!\d)",
        # 3 mei 2024, d.d.11 december 2020, dinsdag 28 mei, 24 en 25 juni a.s., 11 februari van dit jaar
        "dmy": rf"""(?:(?P<dwd>(?i:{weekdays}))\s++)?(?<!\d[.,])(?P<d>[0-3]?\d)(?:e|ste|de)?
                    (?:\s*+(?P<dsep>(?i:en|op|t/m|tot\s++en\s++met|tot)|[-–‒])\s*+(?P<d2>[0-3]?\d))?+
                    \s?+(?P<dm>(?i:{months}))(?![\p{{L}}])
                    (?:\s*+(?P<dy>{YEAR})(?!\d)
                      |\s++(?:van\s++)?(?P<dry>(?i:{rel_year}))(?![\p{{L}}])
                      |\s++(?P<dla>(?i:{lean_after}))(?![\p{{L}}]))?+""",
        # mei 2024, maart van dit jaar, mei jl., maart
        "mon": rf"""(?P<mm>(?i:{months}))(?![\p{{L}}])
                    (?:\s*+(?:van\s++)?(?P<my>{YEAR})(?!\d)
                      |\s++(?:van\s++)?(?P<mry>(?i:{rel_year}))(?![\p{{L}}])
                      |\s++(?P<mla>(?i:{lean_after}))(?![\p{{L}}]))?+""",
        # het derde kwartaal van 2024, laatste kwartaal 1991
        "quarter": rf"""(?:(?i:het)\s++)?(?P<qo>(?i:{ords}))\s++(?i:kwartaal)(?![\p{{L}}])
                        (?:\s++(?:van\s++)?(?:(?i:het\s++jaar)\s++)?{year_or_rel("qy")})?+""",
        # Q1 2026, Q3, Q4 van dit jaar
        "q": rf"""(?P<qn>Q[1-4])(?![\p{{L}}\d])
                  (?:\s?+(?P<qy2>{YEAR})(?!\d)|\s?+['’](?P<qyy>\d\d)(?!\d)
                    |\s++(?:van\s++)?(?P<qry>(?i:{rel_year}))(?![\p{{L}}]))?+""",
        # de eerste helft van 2025, het tweede halfjaar
        "half": rf"""(?:(?i:de|het)\s++)?(?P<ho>(?i:{ords}))\s++(?i:helft|jaarhelft|halfjaar|half\s++jaar)(?![\p{{L}}])
                     (?:\s++(?:van\s++)?(?:(?i:het\s++jaar)\s++)?{year_or_rel("hy")})?+""",
        # H1 2025
        "h": rf"(?P<hn>H[12])\s?+(?P<hy2>{YEAR})(?!\d)",
        # de eerste vier maanden van 2025, de laatste drie maanden, eerste maanden 1988
        "mcount": rf"""(?:(?i:de)\s++)?(?P<mo>(?i:{ords}))\s++(?:(?P<mn>(?i:{count}))\s++)?(?i:maanden)(?![\p{{L}}])
                       (?:\s++(?:van\s++)?(?:(?i:het\s++jaar)\s++)?{year_or_rel("mcy")})?+""",
        # het voorjaar van 2024, dit najaar, de zomer (after "voor", "in", ...)
        "season": rf"""(?:(?P<sl>(?i:{lean_before}|het|de))\s++)?(?P<sn>(?i:{seasons}))(?![\p{{L}}])
                       (?:\s*+(?:van\s++)?{year_or_rel("sy")})?+""",
        # week 8, week 8 van 2025
        "week": rf"(?i:week)\s++(?P<wk>[1-5]?\d)(?![\d.,])(?:\s++(?:van\s++)?(?P<wy>{YEAR})(?!\d))?+",
        # de jaren negentig, jaren '80
        "decade": rf"(?:(?i:de)\s++)?(?i:jaren)\s++(?:['’]\s?+)?(?P<dec>[2-9]0|1[89]\d0|20\d0|(?i:{decades}))(?![\p{{L}}\d])",
        # gasjaar 2022/2023, het jaar 1992/1993
        "split": rf"(?<=(?i:jaar)\s{{1,2}})(?P<s1>{YEAR})/(?P<s2>{YEAR}|\d\d)(?!\d)",
        # Prinsjesdag, Koningsdag 2025
        "named": rf"(?P<nmd>(?i:{named}))(?![\p{{L}}])(?:\s++(?P<nmy>{YEAR})(?!\d))?+",
        # twee jaar geleden, veertien dagen na dagtekening van deze brief
        "offset": rf"(?P<on>(?i:{any_count}))\s++(?P<ou>(?i:{units}))\s++(?P<odir>(?i:{directions}))(?![\p{{L}}])",
        # dat jaar, een jaar eerder
        "anaphor": rf"(?P<ana>(?i:{anaphors}))(?![\p{{L}}])",
        # dit jaar, vorig jaar
        "relyear": rf"(?P<ry>(?i:{rel_year}))(?![\p{{L}}])",
        # gisteren, vorige week, volgende maand
        "relother": rf"(?P<ro>(?i:{rel_other}))(?![\p{{L}}])",
        # dinsdag 28 (en woensdag 29 april)
        "wdday": rf"(?P<wdw>(?i:{weekdays}))\s++(?P<wdd>[0-3]?\d)(?![\d.,])",
        # dinsdag, komende vrijdag, maandagavond, vrijdag a.s.
        "weekday": rf"""(?:(?P<wl>(?i:{lean_before}))\s++)?(?P<wd>(?i:{weekdays}))(?i:{"|".join(_DAY_PARTS)})?+(?![\p{{L}}])
                        (?:\s++(?P<wla>(?i:{lean_after}))(?![\p{{L}}]))?+""",
        # 2024-25
        "yrange": rf"(?<![.,/]|\p{{L}}-)(?P<ya>{YEAR})[-–‒](?P<yb>\d\d)(?![\d\p{{L}}/-])",
        # 2024
        "year": rf"(?<![.,/]|\p{{L}}-)(?P<yy>{YEAR})(?![\d/]|,\d)",
        # van 20242: a footnote digit glued to the year
        "footyear": rf"(?<=(?i:{foot})\s)(?P<fy>{YEAR})(?=[1-9](?![\d.,]))",
    }
    body = "|".join(f"(?P<{name}>{pattern})" for name, pattern in alternatives.items()
                    if name in keep)
    mod = rf"(?:(?P<mod>(?i:{mods}))\s++)?" if modifiers else ""
    tail = rf"|(?<=(?i:{glued}))(?P<glued>{YEAR})(?!\d)" if "glued" in keep else ""
    return regex.compile(
        rf"""(?:(?<![\p{{L}}\d]){mod}(?:{body})
               {tail})""",
        regex.VERBOSE | regex.V1,
    )


@cache
def _atom_trigger() -> regex.Pattern[str]:
    """Where an atom may begin: a digit, a word that opens one, or a word that opens one
    only before such a word ("de zomer", "het derde kwartaal", "begin 2025")."""
    t, p = rules.dates(), phrases()
    opening = [
        *t.weekdays, *t.ordinals, *p.last, *t.seasons, *t.relative_years, *t.relative_days,
        *t.relative_weeks, *t.relative_months, *(n for row in p.named_day for n in row.names),
        *(ph for row in p.anaphor for ph in row.phrases), "week", "jaren",
    ]
    numbers = [w for w in rules.numbers().units]
    offset = rf"(?:{patterns.literals(numbers)})\s++(?:{patterns.literals(p.offset.units)})"
    months = patterns.word_heads(t.months, breakable=True, size=3).removeprefix("(?<![a-z])")
    heads = patterns.word_heads([*opening, "de", "het", *p.lean_before]).removeprefix(
        "(?<![a-z])")
    body = rf"\d|[ilso|q]|{heads}|{months}"
    after_article = patterns.literals([*t.ordinals, *p.last, *t.seasons, "jaren"])
    after_lean = patterns.literals([*t.seasons, *t.weekdays])
    return patterns.trigger(
        r"(?<!\d)\d",
        rf"""(?<![a-z])(?:{patterns.literals(opening)}|{offset}|{months}|q[1-4]|h[12]
            |(?:de|het)\s++(?:{after_article})
            |(?:{patterns.literals(p.lean_before)})\s++(?:{after_lean})
            |(?:{patterns.literals(t.modifiers)})\s++(?:{body}|h)
            # "ISapril 1994": OCR read the day as letters
            |(?<!\d)[ilso|][\dilso|]?\s?(?:{months}))""",
    )


# --- where atoms begin ------------------------------------------------------------
#
# The atom pattern is tried only where it can begin: at a run of digits that passes the
# checks of _digit_starts, at a word that opens one of its letter-led alternatives
# (_openings), at a letter that OCR made of a digit before a month and year
# (_ocr_starts), and at "|" (an OCR digit). A match there counts only where the trigger
# matches too, so the matches are those of ``patterns.finditer_at(_atom_regex(), text,
# _atom_trigger(), ...)``. A year on claimed text is not tried when its match could not
# reach the next start: it would be dropped and change nothing.

# Lower-case Latin-1 letters stay; every other byte becomes a blank.
_LETTER_BYTES = bytes(c if 97 <= c <= 122 or (c >= 0xDF and c != 0xF7) else 32
                      for c in range(256))
_DASHES = ("-", "–", "‒")
# What may follow one or two digits that begin an atom: a separator ("24.3.2021",
# "24-25 juni"), a letter ("3e", "3mei", "1I april") or an OCR digit.
_AFTER_DAY = frozenset(["-", ".", "/", "–", "‒", "|"])
# The letters OCR makes of a digit, and what else an OCR-garbled day may hold.
_OCR_LETTERS = frozenset("IlSO")
_OCR_DAY = frozenset("0123456789IlSO|")
# The longest run of blanks looked past for the word after a number.
_GAP = 64


def _letter_line(raw: bytes) -> bytes:
    """Latin-1 text with letters kept and all else blank, between blanks: offset ``i``
    of the text is offset ``i + 1`` here."""
    return b" " + raw.translate(_LETTER_BYTES) + b" "


def _phrase_words(phrase: str) -> list[bytes]:
    return _letter_line(latin1(phrase.casefold())[0]).split()


def _month_forms(word: str) -> list[str]:
    """A month name, and as far as its third piece the ways OCR hyphens may break it
    (see :func:`_month_alt`)."""
    if not (len(word) >= 7 and _full_month(word)):
        return [word]
    n = len(word)
    return [word] + [f"{word[:i]}-{word[i:j]}-{word[j:k]}" for i in range(1, n)
                     for j in range(i + 1, n + 1) for k in range(j, n + 1)]


def _joined(*parts: Iterable[str], sep: str = " ") -> list[str]:
    return [sep.join(w for w in combo if w) for combo in itertools.product(*parts)]


_Openings = tuple[frozenset[bytes], dict[tuple[bytes, bytes], frozenset[bytes] | None]]


@cache
def _openings() -> _Openings:
    """Words that may open an atom with a letter (the words of :func:`_letter_line`):
    a word that may do so alone, and pairs of first and second word, each with the
    third words that may follow (None: any).

    Each letter-led alternative of :func:`_atom_regex` but ocr (see :func:`_ocr_starts`)
    is spelled out as far as its third word; "1" stands for digits, which are blank
    between words."""
    t, p = rules.dates(), phrases()
    numbers = rules.numbers().units
    ords = [*t.ordinals, *p.last]
    lean = ["", *p.lean_before]
    months = [f for m in t.months for f in _month_forms(m)]
    days = [d + part for d in t.weekdays for part in ["", *_DAY_PARTS]]
    spelled = [
        *t.modifiers,
        *_joined(t.weekdays, ["1"]),  # dmy, wdday
        *months,  # mon
        *_joined(["", "het"], ords, ["kwartaal"]),  # quarter
        "q1", "h1",  # q, h
        *_joined(["", "de", "het"], ords, ["helft", "jaarhelft", "halfjaar", "half jaar"]),
        *_joined(["", "de"], ords, ["", "1", *(w for w, v in numbers.items() if 1 <= v <= 12)],
                 ["maanden"]),  # mcount
        *_joined([*lean, "het", "de"], t.seasons),  # season
        "week 1", "de jaren", "jaren",  # week, decade
        *(n for row in p.named_day for n in row.names),
        *_joined(numbers, p.offset.units, p.offset.after_letter + p.offset.before_letter),
        *(ph for row in p.anaphor for ph in row.phrases),
        *t.relative_years, *t.relative_days, *t.relative_weeks, *t.relative_months,
        *_joined(lean, days),  # weekday
    ]
    single: set[bytes] = set()
    thirds: dict[tuple[bytes, bytes], set[bytes] | None] = {}
    for phrase in spelled:
        words = _phrase_words(phrase)
        if len(words) == 1:
            single.add(words[0])
        elif words:
            pair = (words[0], words[1])
            known = thirds.setdefault(pair, set())
            if known is None or len(words) == 2:
                thirds[pair] = None
            else:
                known.add(words[2])
    return frozenset(single), {
        pair: None if known is None else frozenset(known) for pair, known in thirds.items()}


@cache
def _after_day() -> tuple[frozenset[bytes], frozenset[bytes]]:
    """Words that may follow a number that begins an atom, after a blank: the units of
    time after any number ("twee dagen geleden"); connectors ("24 en 25 juni") and month
    names after a day."""
    units = frozenset(w for u in phrases().offset.units for w in _phrase_words(u)[:1])
    day = [*(f for m in rules.dates().months for f in _month_forms(m)), "en", "op", "t/m", "tot"]
    return units, units | {w for phrase in day for w in _phrase_words(phrase)[:1]}


@cache
def _after_day_heads() -> tuple[frozenset[bytes], frozenset[bytes]]:
    """The first two bytes of the words of :func:`_after_day`, a word of one letter with
    the blank after it: the bytes a word of a letter line must begin with to be one."""
    units, after_day = _after_day()
    return (frozenset((w + b" ")[:2] for w in units),
            frozenset((w + b" ")[:2] for w in after_day))


def _occurrences(line: bytes, word: bytes) -> Iterable[int]:
    """Offsets in the text of ``word`` as a whole word of ``line``."""
    return find_all(line, b" " + word + b" ")


def _next_word(line: bytes, end: int) -> tuple[bytes, int]:
    """The word of ``line`` after the blank at ``end``, and the offset of the blank after it."""
    size = _GAP
    while True:
        chunk = line[end : end + size]
        rest = chunk.lstrip()
        if b" " in rest or end + size >= len(line):
            break
        size *= 2
    word = rest[: max(rest.find(b" "), 0)]
    return word, end + len(chunk) - len(rest) + len(word)


def _blanks_before(low: str, end: int) -> int:
    """Where the run of blanks that ends at ``end`` begins."""
    size = _GAP
    while True:
        window = low[max(0, end - size) : end]
        kept = window.rstrip()
        if kept or size >= end:
            return end - len(window) + len(kept)
        size *= 2


@cache
def _opening_words() -> frozenset[bytes]:
    """The words of :func:`_openings` that open an atom alone or come third."""
    single, thirds = _openings()
    return single.union(*(known for known in thirds.values() if known is not None))


@cache
def _opening_pairs() -> frozenset[tuple[bytes, bytes]]:
    """The pairs of :func:`_openings`."""
    return frozenset(_openings()[1])


def _word_starts(line: bytes) -> list[int]:
    """Where a word from :func:`_openings` begins, alone or with its next words."""
    single, thirds = _openings()
    words = line.split()
    present = _opening_words().intersection(words)
    starts = [i for word in present & single for i in _occurrences(line, word)]
    seconds: dict[bytes, set[bytes]] = {}
    for first, second in _opening_pairs().intersection(itertools.pairwise(words)):
        known = thirds[first, second]
        if known is None or not known.isdisjoint(present):
            seconds.setdefault(first, set()).add(second)
    for first, nexts in seconds.items():
        for i in _occurrences(line, first):
            second, end = _next_word(line, i + len(first) + 1)
            if second not in nexts:
                continue
            known = thirds[first, second]
            if known is None or _next_word(line, end)[0] in known:
                starts.append(i)
    return starts


@cache
def _glued_words() -> tuple[str, ...]:
    return tuple(w.casefold() for w in phrases().glued_year_after)


@cache
def _full_months() -> tuple[frozenset[str], int]:
    """The month names of the ocr alternative, case-folded, and the most characters one
    takes with its hyphens and blanks, an OCR day and its blank before it included."""
    full = [m for m in rules.dates().months if _full_month(m)]
    return (frozenset(m.casefold() for m in full),
            3 + max(3 * len(m) - 2 if len(m) >= 7 else len(m) for m in full))


def _ocr_day(text: str, low: str, line: bytes, i: int, month_end: int, months: frozenset[str]
             ) -> bool:
    """Whether an OCR-garbled day may begin at ``i``: a letter OCR makes of a digit at the
    start of a word, maybe one more such letter or digit, at most one blank, and a month
    that ends at ``month_end``."""
    if line[i] != 32 or text[i] not in _OCR_LETTERS:
        return False
    m = i + 1
    if text[m : m + 1] in _OCR_DAY:
        m += 1
    if text[m : m + 1].isspace():
        m += 1
    return m < month_end and "".join(low[m:month_end].replace("-", "").split()) in months


def _ocr_starts(text: str, low: str, line: bytes, runs: list[tuple[int, int]]) -> list[int]:
    """Where an OCR-garbled day may begin ("ISapril 1994", "l maart 1995"): see
    :func:`_ocr_day`, for a month that ends where blanks before a year begin."""
    months, reach = _full_months()
    endings = tuple(months)
    out: list[int] = []
    for start, end in runs:
        if end - start != 4 or low[start : start + 2] not in ("18", "19", "20"):
            continue
        month_end = _blanks_before(low, start) if low[start - 1 : start].isspace() else start
        tail = low[max(0, month_end - reach) : month_end]
        if "-" not in tail:
            # Unbroken, the month is the end of the text before the year.
            if not tail.endswith(endings):
                continue
            for month in endings:
                if tail.endswith(month):
                    first = month_end - len(month)
                    out.extend(i for i in range(max(0, first - 3), first)
                               if _ocr_day(text, low, line, i, month_end, months))
            continue
        if not "".join(tail.replace("-", "").split()).endswith(endings):
            continue
        for needle in (b" i", b" l", b" s", b" o"):
            i = line.find(needle, max(0, month_end - reach), month_end)
            while i != -1:
                if _ocr_day(text, low, line, i, month_end, months):
                    out.append(i)
                i = line.find(needle, i + 1, month_end)
    return out


def _numeric_date(low: str, runs: list[tuple[int, int]], k: int) -> bool:
    """Whether ``runs[k]`` may begin a date like 24.3.2021: a run of one or two digits,
    the same separator, and four digits."""
    if k + 2 >= len(runs):
        return False
    (_, end), (start1, end1), (start2, end2) = runs[k : k + 3]
    return (start1 == end + 1 and end1 - start1 <= 2 and low[end1 : end1 + 1] == low[end]
            and start2 == end1 + 1 and end2 - start2 >= 4)


def _digit_starts(low: str, line: bytes, runs: list[tuple[int, int]]
                  ) -> list[tuple[int, int | None]]:
    """Runs of digits that may begin an atom, each with the furthest end of an atom that
    begins there for a run of four or five digits (a year), None for a shorter one.

    Only a year has four or five digits (then a footnote digit); a year after a letter
    only after "jaar". One to three digits need a letter, a separator or a word from
    :func:`_after_day` after them; three digits a unit of time ("100 dagen geleden")."""
    units, after_day = _after_day()
    unit_heads, day_heads = _after_day_heads()
    out: list[tuple[int, int | None]] = []
    for k, (start, end) in enumerate(runs):
        n = end - start
        if n > 5:
            continue
        after = low[end : end + 1]
        if n >= 4:
            if low[start : start + 2] not in ("18", "19", "20"):
                continue
            if line[start] != 32 and (n == 5 or not low.endswith(_glued_words(), 0, start)):
                continue
            # A year runs on only into "-10-08", "-25" or "/2023".
            nxt = runs[k + 1] if k + 1 < len(runs) else (0, 0)
            longer = n == 4 and nxt[0] == end + 1 and (
                (after in _DASHES and nxt[1] - nxt[0] == 2)
                or (after == "/" and nxt[1] - nxt[0] in (2, 4)))
            out.append((start, start + 10 if longer else end))
            continue
        if line[start] != 32:
            continue
        if after.isspace():
            window = low[end : end + _GAP]
            rest = window.lstrip()
            if not rest and end + _GAP < len(low):
                out.append((start, None))
                continue
            if rest[:1] in _DASHES and n < 3:
                out.append((start, None))
                continue
            if not rest[:1].isalpha():
                continue
            # A word of Latin-1 letters after the blanks must begin as one looked for.
            at = end + 1 + len(window) - len(rest)
            if line[at] != 32 and line[at : at + 2] not in (unit_heads if n == 3 else day_heads):
                continue
            if _next_word(line, end + 1)[0] not in (units if n == 3 else after_day):
                continue
        elif n == 3 or not (after.isalpha() or after in _AFTER_DAY) or (
                after in (".", "/") and not _numeric_date(low, runs, k)):
            continue
        out.append((start, None))
    return out


def _atom_matches(text: str, claims: Claims) -> list[regex.Match[str]]:
    """The matches of the atom pattern at the trigger positions (see above) that lie
    on free text."""
    pattern, timeout = _atom_regex(), regex_timeout(text)
    day, year = _digit_atom_regex(False), _digit_atom_regex(True)
    low = patterns.folded(text)
    if low is None:
        return [m for m in pattern.finditer(text, timeout=timeout) if claims.free(*m.span())]
    line = _letter_line(latin1(low)[0])
    runs = digit_runs(low, timeout)
    starts = _digit_starts(low, line, runs)
    trigger = len(starts)
    starts += [(i, None) for i in _word_starts(line)]
    starts += [(i, None) for i in _ocr_starts(text, low, line, runs)]
    starts += [(i, None) for i in find_all(low, "|")]
    # The runs of digits come first in ``starts``: they are trigger positions already.
    order = sorted(range(len(starts)), key=lambda k: starts[k][0])
    out: list[regex.Match[str]] = []
    end = 0
    for k, index in enumerate(order):
        pos, reach = starts[index]
        if pos < end:
            continue
        if reach is not None and not claims.free(pos, pos + 1) and (
                k + 1 == len(order) or reach <= starts[order[k + 1]][0]):
            # Its match would be dropped and skip no other start.
            continue
        m = (pattern if index >= trigger else day if reach is None else year).match(text, pos)
        if m is None or (index >= trigger
                         and _atom_trigger().match(low, pos) is None):
            continue
        if claims.free(*m.span()):
            out.append(m)
        end = max(m.end(), pos + 1)
    return out


# --- context around an atom -------------------------------------------------------


@cache
def _prefix_regex() -> regex.Pattern[str]:
    p = phrases()
    rows = [(ph, i) for i, row in enumerate(p.prefix) for ph in row.phrases]
    rows.sort(key=lambda r: -len(r[0]))
    alts = "|".join(rf"(?P<p{i}_{k}>{spaced(_norm(ph))})" for k, (ph, i) in enumerate(rows))
    # "van" before a date inside "sinds/vanaf ... van" is part of the preposition.
    return regex.compile(
        rf"(?i)(?<![\p{{L}}])(?:{alts})\s*+(?:(?:het|de)\s++)?$", regex.V1
    )


@cache
def _reference_regex() -> regex.Pattern[str]:
    r = phrases().reference
    return regex.compile(
        rf"(?i)(?<![\p{{L}}])(?:{_alt(r.nouns)})\s++(?:[\p{{L}}\d.-]{{1,30}}+\s++){{0,3}}?"
        rf"(?:{_alt(r.linkers)})\s*+$",
        regex.V1,
    )


@cache
def _suffix_regex() -> regex.Pattern[str]:
    return regex.compile(
        rf"(?i)^\s++(?:{_alt(phrases().open_end_suffixes)})(?![\p{{L}}])", regex.V1
    )


@cache
def _suffix_heads() -> tuple[str, ...]:
    """The first words of the open-end suffixes, case-folded."""
    return tuple(w.casefold().split()[0] for w in phrases().open_end_suffixes)


@cache
def _connector_regex() -> regex.Pattern[str]:
    c = phrases().connectors
    return regex.compile(rf"(?i)^\s*+(?:{_alt(c.always)})\s*+$", regex.V1)


@cache
def _between_regex() -> regex.Pattern[str]:
    words = _alt(phrases().connectors.between_words)
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{words})\s++(?:de\s++)?$", regex.V1)


_COORD = regex.compile(r"(?i)^\s*+(?:,|en|of|t/m|tot\s++en\s++met|tot|[-–‒]|,?\s*+respectievelijk)\s*+$",
                       regex.V1)
_AND = regex.compile(r"(?i)^\s*+(?:en|op)\s*+$", regex.V1)
# A sentence ends at a full stop before a capital or digit, and at each line break
# that is not part of the blanks after such a stop.
_FULL_STOP = regex.compile(r"[.!?][\"”’»)]*+\s++(?=[\"“‘«(]?+[\p{Lu}\d])", regex.V1)
_WORD = regex.compile(r"\p{L}++", regex.V1)
_GUILLEMETS = regex.compile(r"«[^«»\n]{1,300}+»", regex.V1)


def _words_before(text: str, pos: int, n: int = 3) -> str:
    return _norm(" ".join(_WORD.findall(text[max(0, pos - 40) : pos], timeout=1.0)[-n:]))


@cache
def _suffixes(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f" {_norm(w)}" for w in words)


def _ends_with_any(before: str, words: list[str]) -> bool:
    b = f" {before}"
    return any(b.endswith(w) for w in _suffixes(tuple(words)))


class _Sentences:
    """Sentence bounds, cut to ``SENTENCE_REACH`` characters around a position so that
    a text without full stops (a table, OCR noise) stays linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._tenses: dict[tuple[int, int], Lean | None] = {}
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            text = self.text
            stops = [m.span() for m in _FULL_STOP.finditer(text, timeout=regex_timeout(text))]
            lines = text.split("\n")
            breaks = list(map(operator.add, itertools.accumulate(map(len, lines)),
                              itertools.count(1)))
            del breaks[-1]
            for start, end in reversed(stops):
                del breaks[bisect.bisect_left(breaks, start + 1) : bisect.bisect_right(breaks, end)]
            self._starts = [0, *sorted(breaks + [end for _, end in stops])]
        return self._starts

    def bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        # Cut at fixed steps, so that nearby dates in one long "sentence" share bounds.
        step = SENTENCE_REACH // 2
        base = pos - pos % step
        return max(self.starts[i], base - SENTENCE_REACH), min(end, base + step + SENTENCE_REACH)

    def tense(self, pos: int) -> Lean | None:
        """The tense of the sentence around ``pos`` (see :func:`_tense`)."""
        bounds = self.bounds(pos)
        if bounds not in self._tenses:
            self._tenses[bounds] = _tense(self.text[bounds[0] : bounds[1]])
        return self._tenses[bounds]


SENTENCE_REACH = 400


_PARTICIPLE = regex.compile(r"\p{Ll}{0,8}?ge\p{Ll}{3,20}[dt]", regex.V1)  # bounded: one word


@cache
def _tense_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    t = phrases().tense
    return (frozenset(w.lower() for w in t.past), frozenset(w.lower() for w in t.future),
            frozenset(w.lower() for w in t.perfect_auxiliaries))


def _tense(sentence: str) -> Lean | None:
    """past / future when the verbs of ``sentence`` say so, else None.

    >>> _tense("In maart is het plafond opgehoogd, waarmee het totaal op 17 mld. komt.")
    >>> _tense("In oktober komen daar nog eens 150 instructeurs bij.")
    'future'
    """
    past_words, future_words, auxiliaries = _tense_words()
    words = {w.lower() for w in _WORD.findall(sentence, timeout=1.0)}
    past = bool(words & past_words) or (
        bool(words & auxiliaries) and any(_PARTICIPLE.fullmatch(w) for w in words)
    )
    future = bool(words & future_words)
    if past != future:
        return "past" if past else "future"
    return None


# --- from match to atom -----------------------------------------------------------


Year = tuple[int | None, YearSource]
_NO_YEAR: Year = (None, "none")


def _rel_year(phrase: str | None, ref: dt.date | None) -> Year:
    if phrase is None:
        return _NO_YEAR
    offset = rules.dates().relative_years[_norm(phrase)]
    return (ref.year + offset if ref else None), "phrase"


def _year_groups(m: regex.Match[str], name: str, ref: dt.date | None) -> Year:
    """The year of a ``year_or_rel`` group: written, relative to the letter, or none."""
    if m.group(name):
        return int(m.group(name)), "written"
    return _rel_year(m.group(name + "r"), ref)


def _written(raw: str | None) -> Year:
    return (int(raw), "written") if raw else _NO_YEAR


def _atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    # Each alternative is a named group around all of its own, so it closes last.
    alt = m.lastgroup
    assert alt is not None
    s, e = m.span()
    a = _ATOM_MAKERS[alt](m, text, ref)
    if a is None:
        return None
    a.start, a.end = s, (a.end if a.end else e)
    if "mod" in m.re.groupindex and m.group("mod"):
        a.modifier = rules.dates().modifiers[_norm(m.group("mod"))]
        a.bare = False
    return a


def _make(shape: Shape | None, year: Year, *, end: int = 0, **kw: Any) -> Atom:
    return Atom(0, end, shape, year=year[0], source=year[1], **kw)


def _iso_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    return _make(Shape("day", month, day), _written(m.group("iy"))) if _valid(year, month, day) else None


def _num_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    year, month, day = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    return _make(Shape("day", month, day), _written(m.group("ny"))) if _valid(year, month, day) else None


def _ocr_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    # The day is unreadable ("ISapril 1994"): keep what can be read.
    return _make(Shape("month", _month(m.group("om"))), _written(m.group("oy")))


def _dmy_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    name, day, day2, after, written, rel, weekday = m.group(
        "dm", "d", "d2", "dla", "dy", "dry", "dwd")
    month = _month(name)
    d1 = int(day)
    if not 1 <= d1 <= 31:
        return None
    if day2:
        d2 = int(day2)
        if not d1 < d2 <= 31:
            return None
        shape = Shape("days", month, d1, d2)
    else:
        shape = Shape("day", month, d1)
    lean = phrases().lean_after.get(_norm(after or ""))
    year = _written(written) if written else _rel_year(rel, ref)
    return _make(shape, year, lean=lean, weekday=bool(weekday),
                 bare=year[1] == "none" and lean is None and shape.unit == "days")


def _month_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    word = _norm(_unhyphen(m.group("mm")))
    lean = phrases().lean_after.get(_norm(m.group("mla") or ""))
    year = _written(m.group("my")) if m.group("my") else _rel_year(m.group("mry"), ref)
    if year[1] == "none" and not _full_month(word):
        return None  # "Jan", "dec" alone are names or words, not months
    return _make(Shape("month", rules.dates().months[word]), year, lean=lean,
                 bare=year[1] == "none" and lean is None)


def _ordinal(word: str, last: int) -> int:
    w = _norm(word)
    return last if w in phrases().last else rules.dates().ordinals[w]


def _quarter_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    year = _year_groups(m, "qy", ref)
    if year[1] == "none" and _followed_by_van(text, m.end()):
        return None  # "het eerste kwartaal van de oorlog"
    return _make(Shape("quarter", _ordinal(m.group("qo"), 4)), year)


def _q_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    if m.group("qyy"):
        year: Year = (2000 + int(m.group("qyy")), "written")
    elif m.group("qry"):
        year = _rel_year(m.group("qry"), ref)
    else:
        year = _written(m.group("qy2"))
    return _make(Shape("quarter", int(m.group("qn")[1])), year)


def _half_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    n = _ordinal(m.group("ho"), 2)
    year = _year_groups(m, "hy", ref)
    if n > 2 or (year[1] == "none" and _followed_by_van(text, m.end())):
        return None
    return _make(Shape("half", n), year)


def _h_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    return _make(Shape("half", int(m.group("hn")[1])), _written(m.group("hy2")))


def _month_count_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    first = _ordinal(m.group("mo"), 0)
    if first not in (0, 1):
        return None
    year = _year_groups(m, "mcy", ref)
    if m.group("mn") is None:
        # "de eerste maanden 1988" says no more than the year.
        return None if year[1] == "none" else _make(Shape("year"), year)
    raw = _norm(m.group("mn"))
    n = int(raw) if raw.isdigit() else rules.numbers().units[raw]
    if not 1 <= n <= 12:
        return None
    return _make(Shape("months", 13 - n, 12) if first == 0 else Shape("months", 1, n), year)


def _season_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    p = phrases()
    first, last = rules.dates().seasons[_norm(m.group("sn"))]
    lead = _norm(m.group("sl") or "")
    year = _year_groups(m, "sy", ref)
    lean = p.lean_before.get(lead)
    if year[1] == "none" and lean is None and (
        lead not in ("de", "het")
        or not _ends_with_any(_words_before(text, m.start()), p.season_after)
    ):
        return None  # "de zomer" alone is too loose to date
    return _make(Shape("months", first, last), year, lean=lean)


def _week_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    wk = int(m.group("wk"))
    return _make(Shape("week", wk), _written(m.group("wy"))) if 1 <= wk <= 53 else None


def _decade_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    if _inside_title(text, m.start()):
        return None
    raw = _norm(m.group("dec"))
    n = int(raw) if raw.isdigit() else rules.numbers().units[raw]
    if n < 100:
        # "de jaren twintig": the latest such decade that has begun by the letter date.
        n += 2000 if ref is not None and 2000 + n <= ref.year else 1900
    return _make(Shape("decade", n), (n, "written"))


def _split_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    y1, raw2 = int(m.group("s1")), m.group("s2")
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if y2 != y1 + 1:
        return None
    words = _WORD.findall(text[max(0, m.start() - 40) : m.start()], timeout=1.0)
    start_month = phrases().split_year.start_month.get(words[-1].lower() if words else "")
    a = _make(None, (y1, "written"), fixed=True)
    if start_month:
        end_month = (start_month - 2) % 12 + 1
        a.value, a.end_value = f"{y1:04d}-{start_month:02d}", f"{y2:04d}-{end_month:02d}"
    else:
        a.value, a.end_value = f"{y1:04d}", f"{y2:04d}"
    return a


@cache
def _named_days() -> dict[str, NamedDay]:
    """Named day by each of its names, normalised; the first row wins."""
    out: dict[str, NamedDay] = {}
    for row in phrases().named_day:
        for name in row.names:
            out.setdefault(_norm(name), row)
    return out


def _named_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    row = _named_days()[_norm(m.group("nmd"))]
    a = _make(None, _written(m.group("nmy")))
    a.attrs["named"] = row
    return a


@cache
def _before_letter() -> frozenset[str]:
    return frozenset(_norm(x) for x in phrases().offset.before_letter)


def _offset_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    p = phrases()
    raw = _norm(m.group("on"))
    n = int(raw) if raw.isdigit() else rules.numbers().units[raw]
    unit = p.offset.units[_norm(m.group("ou"))]
    sign = -1 if _norm(m.group("odir")) in _before_letter() else 1
    a = _make(None, (None, "letter"), fixed=True)
    if ref is None:
        return a
    if unit == "year":
        a.value = f"{ref.year + sign * n:04d}"
    elif unit == "month":
        index = ref.year * 12 + ref.month - 1 + sign * n
        a.value = f"{index // 12:04d}-{index % 12 + 1:02d}"
    else:
        days = n * (7 if unit == "week" else 1)
        a.value = (ref + dt.timedelta(days=sign * days)).isoformat()
    return a


@cache
def _anaphors() -> dict[str, tuple[AnaphorRow, frozenset[str]]]:
    """Anaphor row and its lower-cased ``not_before`` words by each phrase, normalised;
    the first row wins."""
    out: dict[str, tuple[AnaphorRow, frozenset[str]]] = {}
    for row in phrases().anaphor:
        entry = (row, frozenset(w.lower() for w in row.not_before))
        for phrase in row.phrases:
            out.setdefault(_norm(phrase), entry)
    return out


def _anaphor_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    row, not_before = _anaphors()[_norm(m.group("ana"))]
    after = _WORD.findall(text[m.end() : m.end() + 20], timeout=1.0)
    if after and after[0].lower() in not_before:
        return None  # "een jaar eerder dan gepland" compares, it does not date
    return _make(None, (None, "anchor"), anaphor=row, fixed=True)


def _relyear_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    year, _ = _rel_year(m.group("ry"), ref)
    return _make(Shape("year"), (year, "phrase"))


def _relother_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    t, p = rules.dates(), phrases()
    key = _norm(m.group("ro"))
    if key in t.relative_days and _ends_with_any(_words_before(text, m.start()),
                                                 p.relative_day_not_after):
        return None
    a = _make(None, (None, "letter"), fixed=True)
    if ref is None:
        return a
    if key in t.relative_days:
        a.value = (ref + dt.timedelta(days=t.relative_days[key])).isoformat()
    elif key in t.relative_weeks:
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=t.relative_weeks[key])
        a.value, a.end_value = monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    else:
        index = ref.year * 12 + ref.month - 1 + t.relative_months[key]
        a.value = f"{index // 12:04d}-{index % 12 + 1:02d}"
    return a


def _weekday_day_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    # "dinsdag 28 en woensdag 29 april": the month comes from the next date.
    day = int(m.group("wdd"))
    if not 1 <= day <= 31:
        return None
    return _make(Shape("day", 0, day), _NO_YEAR, weekday=True, needs_month=True)


def _weekday_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    t, p = rules.dates(), phrases()
    if not m.group("wl") and _ends_with_any(_words_before(text, m.start()), p.weekday_not_after):
        return None  # "elke maandag" is a habit
    a = _make(None, (None, "letter"), weekday=True)
    a.attrs["weekday"] = t.weekdays[_norm(m.group("wd"))]
    a.lean = p.lean_before.get(_norm(m.group("wl") or "")) or p.lean_after.get(
        _norm(m.group("wla") or ""))
    return a


def _year_range_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    ya, yb = int(m.group("ya")), int(m.group("yb"))
    if yb != (ya + 1) % 100:
        return _make(Shape("year"), (ya, "written"), end=m.start() + 4)
    a = _make(None, (ya, "written"), fixed=True)
    a.value, a.end_value = f"{ya:04d}", f"{ya + 1:04d}"
    return a


def _year_atom(m: regex.Match[str], text: str, ref: dt.date | None) -> Atom | None:
    if m.group("yy") and _counts_things(text, m.end()):
        return None
    raw = m.group("yy") or m.group("fy") or m.group("glued")
    return _make(Shape("year"), _written(raw))


AtomMaker = Callable[[regex.Match[str], str, dt.date | None], Atom | None]

_ATOM_MAKERS: dict[str, AtomMaker] = {
    "iso": _iso_atom, "num": _num_atom, "ocr": _ocr_atom, "dmy": _dmy_atom,
    "mon": _month_atom, "quarter": _quarter_atom, "q": _q_atom, "half": _half_atom,
    "h": _h_atom, "mcount": _month_count_atom, "season": _season_atom, "week": _week_atom,
    "decade": _decade_atom, "split": _split_atom, "named": _named_atom,
    "offset": _offset_atom, "anaphor": _anaphor_atom, "relyear": _relyear_atom,
    "relother": _relother_atom, "wdday": _weekday_day_atom, "weekday": _weekday_atom,
    "yrange": _year_range_atom, "year": _year_atom, "footyear": _year_atom, "glued": _year_atom,
}
ALTERNATIVES = tuple(_ATOM_MAKERS)


_VAN = regex.compile(r"\s++van\s")


def _followed_by_van(text: str, end: int) -> bool:
    return bool(_VAN.match(text, end, end + 6))


def _inside_title(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    return any(m.start() <= pos - line_start < m.end() for m in _GUILLEMETS.finditer(line, timeout=1.0))


@cache
def _not_before_year_words() -> tuple[list[str], list[str]]:
    """Phrases and person nouns that say a number before them counts things, not a year."""
    heads = rules.persons().heads
    # A person noun's lemma plus a short ending covers most plurals (militair|en).
    persons = [w for lemma, forms in heads.items() for w in [lemma, *forms] if len(w) >= 4]
    return phrases().year_not_before, persons


@cache
def _not_before_year() -> regex.Pattern[str]:
    words, persons = _not_before_year_words()
    return regex.compile(
        rf"(?i)^\s++(?:(?:{_alt(words)})|(?:{_alt(persons)})\p{{L}}{{0,3}}+)"
        rf"(?![\p{{L}}])",
        regex.V1,
    )


@cache
def _not_before_year_heads() -> tuple[tuple[int, frozenset[str]], ...]:
    """The first word of each of :func:`_not_before_year_words`, case-folded, cut to three
    letters: the sets of those of each length."""
    heads = {w.split()[0].casefold()[:3] for group in _not_before_year_words() for w in group}
    return tuple((n, frozenset(h for h in heads if len(h) == n))
                 for n in sorted({len(h) for h in heads}))


def _counts_things(text: str, end: int) -> bool:
    if not text[end : end + 1].isspace():
        return False
    word = text[end : end + 40].lstrip()[:3].casefold()
    if not any(word[:n] in heads for n, heads in _not_before_year_heads()):
        return False
    return bool(_not_before_year().match(text[end : end + 40]))


def named_day(row: NamedDay, year: int) -> dt.date | None:
    """The date of a named day in ``year``.

    >>> named_day(phrases().named_day[0], 2021)
    datetime.date(2021, 9, 21)
    """
    if row.day is not None:
        return dt.date(year, row.month, row.day) if _valid(year, row.month, row.day) else None
    assert row.weekday is not None and row.nth is not None
    first = dt.date(year, row.month, 1)
    delta = (row.weekday - first.weekday()) % 7
    return first + dt.timedelta(days=delta + 7 * (row.nth - 1))


def _weekday_date(target: int, ref: dt.date, lean: Lean | None) -> dt.date:
    if lean == "future":
        return ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
    if lean == "this":
        return ref + dt.timedelta(days=target - ref.weekday())
    return ref - dt.timedelta(days=(ref.weekday() - target) % 7)


# --- the extractor ----------------------------------------------------------------


def _atoms(text: str, claims: Claims, ref: dt.date | None) -> list[Atom]:
    out: list[Atom] = []
    for m in _atom_matches(text, claims):
        a = _atom(m, text, ref)
        if a is not None and claims.free(a.start, a.end):
            out.append(a)
    return out


@cache
def _prefix_endings() -> tuple[str, ...]:
    """How the text before a date ends, without blanks, when _prefix_regex matches it."""
    ends = {"".join(ph.casefold().split()) for row in phrases().prefix for ph in row.phrases}
    return tuple(end + tail for end in ends for tail in ("", "het", "de"))


def _prefix_match(before: str, words: list[str]) -> regex.Match[str] | None:
    """``_prefix_regex().search(before)``, where ``before`` splits into ``words``
    (case-folded); None at once when no ending of :func:`_prefix_endings` allows one."""
    if not "".join(words).endswith(_prefix_endings()):
        return None
    return _prefix_regex().search(before, timeout=1.0)


@cache
def _reference_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The last words of the linkers and of the nouns of _reference_regex."""
    r = phrases().reference
    return (tuple(w.casefold().split()[-1] for w in r.linkers),
            tuple(w.casefold().split()[-1] for w in r.nouns))


def _may_refer(words: list[str]) -> bool:
    """Whether _reference_regex may match text that splits into ``words`` (case-folded):
    it ends with a linker, and a noun ends a word before."""
    linkers, nouns = _reference_words()
    return bool(words) and words[-1] in linkers and any(w.endswith(nouns) for w in words[:-1])


def _prefix(text: str, atom: Atom) -> tuple[PrefixRow | None, str | None]:
    before = text[max(0, atom.start - 40) : atom.start]
    words = before.casefold().split()
    role = "reference" if _may_refer(words) and _reference_regex().search(
        before, timeout=1.0) else None
    m = _prefix_match(before, words)
    if not m:
        return None, role
    # The phrase is the only named group.
    name = m.lastgroup
    assert name is not None
    row = phrases().prefix[int(name[1:].split("_")[0])]
    return row, role or row.role


def _is_point(atom: Atom) -> bool:
    if atom.modifier in ("begin", "mid", "end"):
        return True
    if atom.shape is None:
        return "named" in atom.attrs
    return atom.shape.unit in ("day", "days") or (
        atom.shape.unit == "months" and atom.source != "written"
    )


def _resolve_years(text: str, atoms: list[Atom], ref: dt.date | None) -> None:
    if not atoms:
        return
    sentences = _Sentences(text)
    partner: dict[int, int] = {}
    for i in range(len(atoms) - 1):
        a, b = atoms[i], atoms[i + 1]
        if (a.year is None and a.source == "none" and a.shape is not None
                and b.shape is not None and b.shape.unit not in ("year", "decade")
                and _COORD.match(text[a.end : b.start])):
            partner[i] = i + 1
    for a, b in reversed(list(itertools.pairwise(atoms))):
        # "maandag en dinsdag a.s.": the marker after the last weekday counts for both.
        if (a.shape is None and b.shape is None and "weekday" in a.attrs and "weekday" in b.attrs
                and a.lean is None and _COORD.match(text[a.end : b.start])):
            a.lean = b.lean
    for i, a in enumerate(atoms):
        if a.weekday and a.shape is None and a.lean is None:
            a.lean = sentences.tense(a.start) or "past"
        if i in partner or a.year is not None or a.source != "none" or a.needs_month:
            continue
        anchor = _anchor(text, atoms, i, sentences.bounds(a.start)[0])
        if anchor is not None:
            a.year, a.source = anchor.year, "anchor"
            continue
        if ref is None:
            continue
        lean = a.lean or (a.prefix.lean if a.prefix else None)
        if lean is None and a.role == "reference":
            lean = "past"
        if lean is None:
            lean = sentences.tense(a.start)
        a.year = _year_for(a, ref, lean)
        if a.year is not None:
            a.source = "letter"
    for i in sorted(partner, reverse=True):
        a, b = atoms[i], atoms[partner[i]]
        if b.year is not None:
            a.year = b.year
            a.source = "borrowed" if b.source in ("written", "borrowed") else b.source
        if a.needs_month and b.shape is not None and b.shape.unit in ("day", "days"):
            a.shape = Shape("day", b.shape.a, a.shape.b if a.shape else 0)
            a.needs_month = False


def _anchor(text: str, atoms: list[Atom], i: int, start: int) -> Atom | None:
    """The last date before ``atoms[i]`` in its sentence that has a year of its own."""
    for b in reversed(atoms[max(0, i - 12) : i]):
        if b.start < start:
            return None
        if (b.year is not None and b.source in ("written", "phrase", "borrowed")
                and b.shape is not None and b.shape.unit != "decade"
                and not _ends_with_any(_words_before(text, b.start, 1), phrases().anchor_not_after)):
            return b
    return None


def _year_for(a: Atom, ref: dt.date, lean: Lean | None) -> int | None:
    if a.shape is not None and not a.needs_month:
        return choose_year(a.shape, ref, lean)
    row = a.attrs.get("named")
    if isinstance(row, NamedDay):
        best: tuple[int, int] | None = None
        for year in (ref.year - 1, ref.year, ref.year + 1):
            d = named_day(row, year)
            if d is None or (lean == "past" and d > ref) or (lean == "future" and d < ref):
                continue
            gap = abs((d - ref).days)
            if best is None or gap < best[0]:
                best = (gap, year)
        return best[1] if best else None
    return None


def _finish(a: Atom, ref: dt.date | None) -> None:
    """Fill in value and end_value once the year is known."""
    if a.fixed:
        return
    row = a.attrs.get("named")
    if isinstance(row, NamedDay):
        if a.year is not None:
            d = named_day(row, a.year)
            a.value = d.isoformat() if d else None
        return
    if a.shape is None:
        target = a.attrs.get("weekday")
        if isinstance(target, int) and ref is not None:
            a.value = _weekday_date(target, ref, a.lean).isoformat()
        return
    if a.needs_month or a.year is None:
        return
    a.value, a.end_value = render(a.shape, a.year)


def find_dates(text: str, claims: Claims, letter_date: dt.date | None) -> list[Found]:
    """All date mentions in ``text`` outside claimed characters."""
    atoms = _atoms(text, claims, letter_date)
    for a in atoms:
        a.prefix, a.role = _prefix(text, a)
        if a.prefix and a.prefix.point_only and not _is_point(a):
            a.prefix, a.role = None, (a.role if a.role == "reference" else None)
        after = text[a.end : a.end + 40]
        if not (after[:1].isspace() and after.lstrip().casefold().startswith(_suffix_heads())):
            continue
        suffix = _suffix_regex().match(after)
        if suffix:
            a.end += suffix.end()
            a.open_end = True
    _resolve_years(text, atoms, letter_date)
    atoms = [a for a in atoms if not a.needs_month]
    for a in atoms:
        _finish(a, letter_date)
    # A day that does not exist in its year ("29 februari 2023") is no date.
    atoms = [a for a in atoms if not (a.shape is not None and a.year is not None
                                      and a.value is None and a.end_value is None)]
    found: list[Found] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and _joins(text, a, b):
            found.append(_period(a, b))
            i += 2
            continue
        found.append(_single(a))
        i += 1
    _resolve_anaphora(found)
    found = [f for f in found if not f.attrs.pop("drop", False)]
    for hit in found:
        claims.claim(hit.start, hit.end)
    return found


def _joins(text: str, a: Atom, b: Atom) -> bool:
    if a.anaphor is not None or b.anaphor is not None or a.open_end or a.needs_month:
        return False
    between = text[a.end : b.start]
    if _connector_regex().match(between):
        return True
    if not _AND.match(between):
        return False
    if _between_regex().search(text[max(0, a.start - 20) : a.start], timeout=1.0):
        return True
    # "maart en april", "van zaterdag op zondag": two plain months or weekdays make one
    # stretch.
    if a.shape is None and b.shape is None:
        return "weekday" in a.attrs and "weekday" in b.attrs and a.value is not None \
            and b.value is not None and a.value < b.value
    return (a.bare and b.shape is not None and a.shape is not None and not b.weekday
            and a.shape.unit == b.shape.unit == "month" and b.modifier is None)


def _period(a: Atom, b: Atom) -> Found:
    relative = a.relative or b.relative
    return Found("date", a.start, b.end, {
        "value": a.value, "end_value": b.end_value or b.value,
        "kind": "relative" if relative else "period",
        "modifier": None, "role": a.role if a.role == "reference" else None,
        "relative": relative,
    })


def _single(a: Atom) -> Found:
    if a.relative:
        kind = "relative"
    elif a.end_value is not None or (
        a.shape is not None and a.shape.unit in ("quarter", "half", "decade", "months")
    ):
        kind = "period"
    else:
        kind = "absolute"
    attrs: dict[str, object] = {
        "value": a.value, "end_value": a.end_value, "kind": kind,
        "modifier": a.modifier, "role": a.role, "relative": a.relative,
    }
    if a.anaphor is not None:
        attrs["anaphor"] = a.anaphor
    row = a.prefix
    if row is not None:
        if row.period == "open_start":
            attrs.update(kind="period", end_value=None)
        elif row.period == "open_end":
            attrs.update(kind="period", value=None, end_value=a.end_value or a.value)
        if row.modifier and not attrs["modifier"]:
            attrs["modifier"] = row.modifier
    if a.open_end:
        attrs.update(kind="period", end_value=None)
    return Found("date", a.start, a.end, attrs)


# How far back "dat jaar" may look for its date: about a paragraph.
ANAPHOR_REACH = 600


def _resolve_anaphora(found: list[Found]) -> None:
    """Give "dat jaar", "een jaar eerder" the year of the date before them."""
    for i, f in enumerate(found):
        row = f.attrs.pop("anaphor", None)
        if not isinstance(row, AnaphorRow):
            continue
        antecedent = next((g for g in reversed(found[:i]) if g.start >= f.start - ANAPHOR_REACH
                           and "anaphor" not in g.attrs
                           and (g.attrs["value"] or g.attrs["end_value"])), None)
        if antecedent is None:
            f.attrs["drop"] = True
            continue
        value = antecedent.attrs["value"] or antecedent.attrs["end_value"]
        assert isinstance(value, str)
        if row.keep_precision:
            f.attrs["value"] = shift_years(antecedent.attrs["value"], row.years)
            f.attrs["end_value"] = shift_years(antecedent.attrs["end_value"], row.years)
        else:
            f.attrs["value"] = shift_years(value[:4], row.years)
        f.attrs["kind"] = "relative"
        f.attrs["relative"] = True
