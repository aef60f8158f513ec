"""Monetary amounts: currency, scale, ranges, qualifiers, vague amounts, tables."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import regex

from briefparser import patterns, rules
from briefparser.extractors.base import Claims, Found
from briefparser.normalize import exact, parse_quantity, regex_timeout
from briefparser.rules import alternation


@cache
def _currency_forms() -> tuple[dict[str, tuple[str, Decimal]], dict[str, tuple[str, Decimal]]]:
    """Written form -> (ISO code, factor), for forms before and after the number."""
    before: dict[str, tuple[str, Decimal]] = {}
    after: dict[str, tuple[str, Decimal]] = {}
    for cur in rules.money().currency:
        for form in cur.before:
            before[form] = (cur.code, cur.factor)
        for form in cur.after:
            after[form.lower()] = (cur.code, cur.factor)
    return before, after


def _core(n: str) -> str:
    before, after = _currency_forms()
    pre = alternation(list(before))
    post = alternation(list(after))
    return rf"""
        (?:(?P<pre{n}>(?<![\p{{L}}\d])(?:{pre}))\s?+(?P<num{n}>{patterns.number(False)})
          | (?P<num{n}>{patterns.number()}))
        (?:\s?+(?P<scale{n}>{patterns.scale()}|(?<=\d\s?)(?:{patterns.ocr_scale()})))?+
        (?:\s?+(?P<post{n}>(?i:{post}))(?![\p{{L}}]))?+
    """


@cache
def _amount_regex() -> regex.Pattern[str]:
    before, _ = _currency_forms()
    pre = alternation(list(before))
    return regex.compile(
        rf"""
        (?:(?P<neg>[–−-])\s?+(?=(?:{pre})\s?+\d))?+
        {_core("1")}
        (?:
            (?:\s++(?P<conn>tot\s+en\s+met|tot|à|a|en|naar)\s++|\s?+(?P<dash>[-–])\s?+)
            {_core("2")}
        )?+
        """,
        patterns.FLAGS,
    )


@cache
def _single_regex() -> regex.Pattern[str]:
    return regex.compile(_core("1"), patterns.FLAGS)


@cache
def _vague_regex() -> regex.Pattern[str]:
    _, after = _currency_forms()
    post = alternation(list(after))
    return regex.compile(
        rf"""
        (?<![\p{{L}}])(?P<vague>{patterns.vague()})
        (?:\s++(?P<vscale>{patterns.vague()}|{patterns.scale()}))?+
        \s++(?P<post>(?i:{post}))(?![\p{{L}}])
        """,
        patterns.FLAGS | regex.IGNORECASE,
    )


@cache
def _per_regex() -> regex.Pattern[str]:
    word = regex.escape(rules.money().per["word"])
    return regex.compile(
        rf"\s++(?P<per>{word}\s++\p{{L}}{{1,30}}+(?:\s++{word}\s++\p{{L}}{{1,30}}+)?+)",
        regex.V1,
    )


@cache
def _nature_regex() -> regex.Pattern[str]:
    alts = []
    for nature, words in rules.money().nature.items():
        alts.append(rf"(?P<{nature}>{alternation(words)})")
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{'|'.join(alts)})(?![\p{{L}}])", regex.V1)


@cache
def _caption_regexes() -> list[regex.Pattern[str]]:
    return [
        regex.compile(c.pattern, regex.V1 | regex.IGNORECASE | regex.MULTILINE)
        for c in rules.money().caption
    ]


def _currency(m: regex.Match[str], n: str) -> tuple[str, Decimal] | None:
    before, after = _currency_forms()
    if m.group(f"pre{n}"):
        return before[m.group(f"pre{n}")]
    if m.group(f"post{n}"):
        return after[m.group(f"post{n}").lower()]
    return None


def _next_word(text: str, end: int) -> str:
    m = regex.match(r"\s*+([\p{L}]++|.)?", text[end : end + 40])
    return (m.group(1) or "") if m else ""


def _implicit_ok(text: str, m: regex.Match[str]) -> bool:
    """A bare "4,1 miljard" is money when a closed-class word or punctuation follows."""
    table = rules.money().implicit
    scale = m.group("scale1")
    if not scale or scale.lower() not in table.scales:
        return False
    following = _next_word(text, m.end())
    return not following or not following[0].isalpha() or following.lower() in table.followers


def _value(m: regex.Match[str], n: str, scale: str | None) -> Decimal | None:
    number = m.group(f"num{n}")
    if number.lower() in ("een", "één") and not scale:
        return None
    return parse_quantity(number, scale)


def find_amounts(text: str, claims: Claims) -> list[Found]:
    """All monetary amounts in ``text`` that do not overlap claimed characters."""
    captions = _captions(text, claims)
    found: list[Found] = []
    timeout = regex_timeout(text)
    full = _amount_regex()
    single = _single_regex()
    pos = 0
    while (m := full.search(text, pos, timeout=timeout)) is not None:
        pos = m.end()
        hits: list[Found] | None = None
        if m.group("conn") or m.group("dash"):
            hits = _ranged(text, m)
            if hits is None:
                # Not a range after all: take the first amount, look again after it.
                first = single.match(text, m.start("num1") if not m.group("pre1")
                                     else m.start("pre1"), timeout=timeout)
                if first is None:
                    continue
                pos = first.end()
                hits = _single(text, first, m)
        else:
            hits = _single(text, m, m)
        found += [hit for hit in hits if claims.free(hit.start, hit.end)]
    found += _vague_amounts(text, claims, timeout)
    for hit in found:
        claims.claim(hit.start, hit.end)
        _add_context(text, hit)
    found += _table_cells(text, claims, captions)
    return found


def _single(text: str, m: regex.Match[str], outer: regex.Match[str]) -> list[Found]:
    """One amount; ``outer`` is the match that may carry a minus sign before it."""
    cur = _currency(m, "1")
    implicit = False
    if cur is None:
        if not _implicit_ok(text, m):
            return []
        cur = (rules.money().implicit.currency, Decimal(1))
        implicit = True
    value = _value(m, "1", m.group("scale1"))
    if value is None:
        return []
    code, factor = cur
    start = m.start("pre1") if m.group("pre1") else m.start("num1")
    if outer.group("neg"):
        dash = outer.start("neg")
        line_start = text.rfind("\n", 0, dash) + 1
        if text[line_start:dash].strip():  # a dash opening a line is a list bullet
            value, start = -value, dash
    end = max(m.end(g) for g in ("num1", "scale1", "post1") if m.group(g))
    return [_make(text, start, end, code, value * factor, None, implicit)]


def _ranged(text: str, m: regex.Match[str]) -> list[Found] | None:
    """Two numbers joined by a connector: a range, or "van X naar Y" (two amounts)."""
    conn = (m.group("conn") or m.group("dash") or "").lower()
    conn = regex.sub(r"\s+", " ", conn)
    before = text[max(0, m.start() - 20) : m.start()].lower().split()
    last = before[-1] if before else ""
    if conn == "en" and last not in ("tussen", "de"):
        return None
    if conn == "en" and last == "de" and (len(before) < 2 or before[-2] != "tussen"):
        return None
    if conn == "naar" and last != "van":
        return None
    has_unit2 = m.group("scale2") or m.group("pre2") or m.group("post2")
    if not has_unit2:
        return None
    scale1 = m.group("scale1") or m.group("scale2")
    cur = _currency(m, "1") or _currency(m, "2")
    if cur is None:
        return None
    code, factor = cur
    low = _value(m, "1", scale1)
    high = _value(m, "2", m.group("scale2"))
    if low is None or high is None:
        return None
    if conn == "naar":
        end1 = max(m.end(g) for g in ("num1", "scale1", "post1") if m.group(g))
        return [
            _make(text, m.start(), end1, code, low * factor, None, False),
            _make(text, m.start("pre2") if m.group("pre2") else m.start("num2"), m.end(),
                  code, high * factor, None, False),
        ]
    if high < low:
        return None
    return [_make(text, m.start(), m.end(), code, low * factor, high * factor, False)]


def _make(
    text: str,
    start: int,
    end: int,
    code: str,
    value: Decimal | None,
    high: Decimal | None,
    implicit: bool,
) -> Found:
    return Found(
        "amount",
        start,
        end,
        {
            "value": exact(value) if value is not None else None,
            "currency": code,
            "high": exact(high) if high is not None else None,
            "implicit_currency": implicit,
            "vague": value is None,
        },
    )


def _vague_amounts(text: str, claims: Claims, timeout: float) -> list[Found]:
    _, after = _currency_forms()
    out = []
    for m in _vague_regex().finditer(text, timeout=timeout):
        if not claims.free(m.start(), m.end()):
            continue
        code, _ = after[m.group("post").lower()]
        hit = _make(text, m.start(), m.end(), code, None, None, False)
        hit.attrs["qualifier"] = "approx"
        out.append(hit)
    return out


def _add_context(text: str, hit: Found) -> None:
    """Qualifier before, per-unit after, nature words around the amount."""
    if "qualifier" not in hit.attrs:
        hit.attrs["qualifier"], _ = patterns.qualifier_before(text, hit.start)
    per = _per_regex().match(text[hit.end : hit.end + 80])
    hit.attrs["per"] = regex.sub(r"\s+", " ", per.group("per"))[4:] if per else None
    window = text[max(0, hit.start - 40) : min(len(text), hit.end + 40)]
    nature = _nature_regex().search(window, timeout=1.0)
    hit.attrs["nature"] = (
        next(k for k, v in nature.groupdict().items() if v) if nature else None
    )


_CELL = regex.compile(
    rf"(?<![\p{{L}}\d.,])(?P<neg>[-–−]\s?)?(?P<num>{patterns.DIGITS})(?![\p{{L}}\d%])",
    patterns.FLAGS,
)
_YEAR_CELL = regex.compile(r"(?:19|20)\d\d")


def _captions(text: str, claims: Claims) -> list[tuple[int, int]]:
    """Table captions such as "(bedragen x € 1.000)": (end offset, multiplier) each."""
    multipliers = rules.money().caption_multipliers
    out = []
    for cap in _caption_regexes():
        for m in cap.finditer(text, timeout=regex_timeout(text)):
            key = regex.sub(r"\s+", " ", m.group("mult").lower())
            mult = multipliers.get(key) or multipliers.get(key.replace(" ", ""))
            if mult is not None and claims.free(m.start(), m.end()):
                claims.claim(m.start(), m.end())
                out.append((m.end(), mult))
    return out


def _table_cells(text: str, claims: Claims, captions: list[tuple[int, int]]) -> list[Found]:
    """Bare numbers in the lines under a caption, scaled by the caption's unit."""
    out: list[Found] = []
    timeout = regex_timeout(text)
    for caption_end, mult in captions:
        pos = text.find("\n", caption_end)
        while pos != -1:
            line_end = text.find("\n", pos + 1)
            line_end = len(text) if line_end == -1 else line_end
            line = text[pos + 1 : line_end]
            if not line.strip() or not any(ch.isdigit() for ch in line):
                break
            for cell in _CELL.finditer(text, pos + 1, line_end, timeout=timeout):
                if _YEAR_CELL.fullmatch(cell.group("num")):
                    continue
                if not claims.free(cell.start(), cell.end()):
                    continue
                value = parse_quantity(cell.group("num"))
                if value is None:
                    continue
                if cell.group("neg"):
                    value = -value
                hit = _make(text, cell.start(), cell.end(), "EUR", value * mult, None, True)
                hit.attrs.update(qualifier=None, per=None, nature=None)
                claims.claim(cell.start(), cell.end())
                out.append(hit)
            pos = line_end if line_end < len(text) else -1
    return out
