"""Dates, partial dates, relative dates and periods.

Date atoms (a day, a month, a year, a quarter, a relative phrase) are found
first; atoms joined by a connector ("2021–2027", "mei 2024 tot en met mei 2025")
then become one period, and a preposition before an atom ("sinds", "vanaf",
"tot en met", "uiterlijk") sets its kind, modifier and role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from briefparser import rules
from briefparser.extractors.base import Claims, Found
from briefparser.normalize import regex_timeout
from briefparser.patterns import FLAGS, spaced
from briefparser.rules import alternation

YEAR = r"(?:1[89]\d\d|20\d\d)"


@dataclass(slots=True)
class Atom:
    start: int
    end: int
    value: str | None  # ISO at written precision; None when unresolved
    relative: bool
    modifier: str | None = None


@cache
def _atom_regex() -> regex.Pattern[str]:
    t = rules.dates()
    months = alternation(list(t.months))
    full_months = alternation([m for m in t.months if len(m) > 4 or m == "mei"])
    rel_year = alternation(list(t.relative_years))
    rel_other = alternation(list(t.relative_days) + list(t.relative_weeks) + list(t.relative_months))
    ords = alternation(list(t.ordinals))
    seasons = alternation(list(t.seasons))
    weekdays = alternation(list(t.weekdays))
    year_or_rel = rf"(?:{YEAR}(?!\d)|(?i:{rel_year}))"
    return regex.compile(
        rf"""
        (?P<iso>(?<![\d.-])(?P<iy>{YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?![\d]))
      | (?P<num>(?<![\d.,/-])(?P<nd>[0-3]?\d)(?P<sep>[-./])(?P<nm>[01]?\d)(?P=sep)(?P<ny>{YEAR})(?!\d))
      | (?P<dmy>(?:(?<=d\.d\.)|(?<![\d.,]))(?P<d>[0-3]?\d)(?:e|ste|de)?\s?+(?P<m>(?i:{months}))(?![\p{{L}}])
            (?:\s++(?P<y>{YEAR})(?!\d)|\s++(?P<rel>jl\.|j\.l\.|a\.s\.|aanstaande|l\.l\.))?+)
      | (?P<my>(?<![\p{{L}}])(?P<m2>(?i:{months}))(?![\p{{L}}])\s++(?:van\s++)?(?P<y2>{year_or_rel}))
      | (?P<quarter>(?<![\p{{L}}])(?:(?i:het)\s++)?(?P<qo>(?i:{ords}))\s++kwartaal
            (?:\s++(?:van\s++)?(?P<qy>{year_or_rel}))?+)
      | (?P<q>(?<![\p{{L}}\d])Q(?P<qn>[1-4])(?:\s?+(?:(?P<qy2>{YEAR})|'(?P<qyy>\d\d)))?+(?![\p{{L}}\d]))
      | (?P<half>(?<![\p{{L}}])(?:(?i:de)\s++)?(?P<ho>(?i:eerste|tweede))\s++(?:helft|jaarhelft|halfjaar)
            (?:\s++(?:van\s++)?(?P<hy>{year_or_rel}))?+)
      | (?P<season>(?<![\p{{L}}])(?:(?i:het|de|dit|deze|komend|komende|vorig|vorige|afgelopen)\s++)?
            (?P<sn>(?i:{seasons}))(?![\p{{L}}])(?:\s++(?:van\s++)?(?P<sy>{year_or_rel}))?+)
      | (?P<week>(?<![\p{{L}}])(?i:week)\s++(?P<wk>[1-5]?\d)(?![\d])(?:\s++(?:van\s++)?(?P<wy>{YEAR}))?+)
      | (?P<relyear>(?<![\p{{L}}])(?i:{rel_year})(?![\p{{L}}]))
      | (?P<relother>(?<![\p{{L}}])(?i:{rel_other})(?![\p{{L}}]))
      | (?P<weekday>(?<![\p{{L}}])(?:(?P<wdmod>(?i:afgelopen|vorige|komende|aanstaande|volgende))\s++)?
            (?P<wd>(?i:{weekdays}))(?![\p{{L}}]))
      | (?P<monthonly>(?<=(?i:in|per|medio|begin|eind|sinds|vanaf|tot|voor|na|halverwege|eind\s+van|half|
            eerder\s+dit\s+jaar\s+in)\s++)(?P<m3>(?i:{full_months}))(?![\p{{L}}\s]*+\d))
      | (?P<year>(?<![\d.,/\p{{L}}]|\p{{L}}-)(?P<yy>{YEAR})(?![\d/]|,\d))
        """,
        FLAGS,
    )


@cache
def _prefix_regex() -> regex.Pattern[str]:
    """Words before a date that make it a period start, end, deadline or as-of date."""
    t = rules.dates()
    mods = "|".join(spaced(k) for k in sorted(t.modifiers, key=len, reverse=True))
    return regex.compile(
        rf"""(?i)(?<![\p{{L}}])(?:
            (?P<open_start>sinds|vanaf|met\s+ingang\s+van|m\.i\.v\.|vanuit)
          | (?P<open_end>tot\s+en\s+met|t/m|tot|tot\s+uiterlijk)
          | (?P<mod>{mods})
        )\s++(?:(?:het|de)\s++)?$""",
        regex.V1 | regex.VERBOSE,
    )


_CONNECTOR = regex.compile(r"\A\s*+(?:[-–‒—]|t/m|tot\s+en\s+met|tot|en)\s*+\Z", regex.V1)
_PERIOD_WORD = regex.compile(r"(?i)(?:periode|van|tussen)\s++(?:de\s++)?$", regex.V1)


def find_dates(text: str, claims: Claims, letter_date: dt.date | None) -> list[Found]:
    """All date mentions in ``text`` outside claimed characters."""
    atoms = [a for a in _atoms(text, letter_date) if claims.free(a.start, a.end)]
    found: list[Found] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        between = text[atom.end : nxt.start] if nxt else ""
        if nxt and _CONNECTOR.match(between) and (
            between.strip() != "en" or _PERIOD_WORD.search(text[max(0, atom.start - 20) : atom.start])
        ):
            found.append(_period(atom, nxt, atom.relative or nxt.relative))
            i += 2
            continue
        found.append(_single(text, atom))
        i += 1
    for hit in found:
        claims.claim(hit.start, hit.end)
    return found


def _period(a: Atom, b: Atom, relative: bool) -> Found:
    return Found(
        "date", a.start, b.end,
        {"value": a.value, "end_value": b.value, "kind": "period", "modifier": None,
         "role": None, "relative": relative},
    )


def _single(text: str, atom: Atom) -> Found:
    kind = "relative" if atom.relative else "absolute"
    attrs: dict[str, str | bool | None] = {
        "value": atom.value, "end_value": None, "kind": kind,
        "modifier": atom.modifier, "role": None, "relative": atom.relative,
    }
    before = text[max(0, atom.start - 30) : atom.start]
    m = _prefix_regex().search(before, timeout=1.0)
    if m:
        if m.group("open_start"):
            attrs.update(kind="period", end_value=None)
        elif m.group("open_end"):
            attrs.update(kind="period", value=None, end_value=atom.value)
        else:
            key = regex.sub(r"\s+", " ", m.group("mod").lower())
            mod = rules.dates().modifiers.get(key)
            if mod and not attrs["modifier"]:
                attrs["modifier"] = mod
            if mod == "by":
                attrs["role"] = "deadline"
            elif mod == "as_of":
                attrs["role"] = "as_of"
    return Found("date", atom.start, atom.end, attrs)


def _atoms(text: str, ref: dt.date | None) -> list[Atom]:
    t = rules.dates()
    out: list[Atom] = []
    for m in _atom_regex().finditer(text, timeout=regex_timeout(text)):
        atom = _atom(m, t, ref)
        if atom is not None:
            out.append(atom)
    return out


def _year_of(word: str | None, ref: dt.date | None) -> tuple[int | None, bool]:
    """(year, relative) for a written year or a relative year phrase."""
    if not word:
        return (ref.year if ref else None), True
    if word[0].isdigit():
        return int(word), False
    offset = rules.dates().relative_years.get(regex.sub(r"\s+", " ", word.lower()))
    if offset is None or ref is None:
        return None, True
    return ref.year + offset, True


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _atom(m: regex.Match[str], t: rules.DateTable, ref: dt.date | None) -> Atom | None:
    s, e = m.span()
    kind = m.lastgroup
    if m.group("iso"):
        v = _iso(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        return Atom(s, e, v, False) if v else None
    if m.group("num"):
        v = _iso(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
        return Atom(s, e, v, False) if v else None
    if m.group("dmy"):
        month = t.months[m.group("m").lower()]
        day = int(m.group("d"))
        if m.group("y"):
            v = _iso(int(m.group("y")), month, day)
            return Atom(s, e, v, False) if v else None
        return _day_month(s, e, day, month, (m.group("rel") or "").lower(), ref)
    if m.group("my"):
        year, rel = _year_of(m.group("y2"), ref)
        return Atom(s, e, _iso(year, t.months[m.group("m2").lower()]), rel)
    if m.group("quarter") or m.group("q"):
        n = t.ordinals[m.group("qo").lower()] if m.group("qo") else int(m.group("qn"))
        if m.group("qyy"):
            year, rel = 2000 + int(m.group("qyy")), False
        else:
            year, rel = _year_of(m.group("qy") or m.group("qy2"), ref)
        return Atom(s, e, f"{year:04d}-Q{n}" if year else None, rel)
    if m.group("half"):
        n = 1 if m.group("ho").lower() == "eerste" else 2
        year, rel = _year_of(m.group("hy"), ref)
        return Atom(s, e, f"{year:04d}-H{n}" if year else None, rel)
    if m.group("season"):
        return _season(m, t, ref)
    if m.group("week"):
        year, rel = _year_of(m.group("wy"), ref)
        wk = int(m.group("wk"))
        return Atom(s, e, f"{year:04d}-W{wk:02d}" if year and 1 <= wk <= 53 else None, rel)
    if m.group("relyear"):
        year, _ = _year_of(m.group("relyear"), ref)
        return Atom(s, e, _iso(year), True)
    if m.group("relother"):
        return _relative_other(s, e, m.group("relother").lower(), t, ref)
    if m.group("weekday"):
        return _weekday(s, e, m, t, ref)
    if m.group("monthonly"):
        return Atom(s, e, _iso(ref.year if ref else None, t.months[m.group("m3").lower()]), True)
    if m.group("year"):
        return Atom(s, e, m.group("yy"), False)
    raise AssertionError(kind)


def _day_month(s: int, e: int, day: int, month: int, rel: str, ref: dt.date | None) -> Atom | None:
    if ref is None:
        return Atom(s, e, None, True)
    year = ref.year
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        return None
    if rel in ("jl.", "j.l.", "l.l.") and candidate > ref:
        year -= 1
    elif rel in ("a.s.", "aanstaande") and candidate < ref:
        year += 1
    return Atom(s, e, _iso(year, month, day), True)


def _season(m: regex.Match[str], t: rules.DateTable, ref: dt.date | None) -> Atom | None:
    s, e = m.span()
    first, _ = t.seasons[m.group("sn").lower()]
    year, rel = _year_of(m.group("sy"), ref)
    if not m.group("sy"):
        lead = m.group(0).split()[0].lower()
        if lead in ("vorig", "vorige", "afgelopen") and year:
            year -= 1
        elif lead in ("komend", "komende") and year and ref and ref.month > first:
            year += 1
        elif lead not in ("dit", "deze", "komend", "komende", "vorig", "vorige", "afgelopen"):
            return None  # "de zomer" without a year or deixis is too loose to date
    return Atom(s, e, _iso(year, first), rel, "approx")


def _relative_other(s: int, e: int, phrase: str, t: rules.DateTable,
                    ref: dt.date | None) -> Atom | None:
    key = regex.sub(r"\s+", " ", phrase)
    if ref is None:
        return Atom(s, e, None, True)
    if key in t.relative_days:
        return Atom(s, e, (ref + dt.timedelta(days=t.relative_days[key])).isoformat(), True)
    if key in t.relative_weeks:
        d = ref + dt.timedelta(weeks=t.relative_weeks[key])
        year, week, _ = d.isocalendar()
        return Atom(s, e, f"{year:04d}-W{week:02d}", True)
    offset = t.relative_months[key]
    month_index = ref.year * 12 + ref.month - 1 + offset
    return Atom(s, e, _iso(month_index // 12, month_index % 12 + 1), True)


def _weekday(s: int, e: int, m: regex.Match[str], t: rules.DateTable,
             ref: dt.date | None) -> Atom | None:
    if ref is None:
        return Atom(s, e, None, True)
    target = t.weekdays[m.group("wd").lower()]
    mod = (m.group("wdmod") or "").lower()
    if mod in ("komende", "aanstaande", "volgende"):
        delta = (target - ref.weekday()) % 7 or 7
    else:
        delta = -((ref.weekday() - target) % 7)
    return Atom(s, e, (ref + dt.timedelta(days=delta)).isoformat(), True)
