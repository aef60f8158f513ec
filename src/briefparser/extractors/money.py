"""Monetary amounts: currency, scale, ranges, qualifiers, vague amounts, tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import NamedTuple

import regex

from briefparser import patterns, rules
from briefparser.extractors import cues
from briefparser.extractors.base import Claims, Found
from briefparser.extractors.cues import (
    Cues,
    Item,
    after_figure,
    barrier_regex,
    breakable,
    make_cues,
)
from briefparser.normalize import (
    exact,
    fold,
    fold_word,
    quantity,
    regex_timeout,
    scale_of,
)
from briefparser.rules import alternation

# Marks a hit whose currency is the letter's own (bare "4,1 miljard", "78 cent"): it is
# settled once all explicit amounts of the letter are known.
_HOME = "home_currency"


class Form(NamedTuple):
    """What a written currency form stands for."""

    code: str
    factor: Decimal
    contextual: bool


@cache
def _currency_forms() -> tuple[dict[str, Form], dict[str, Form]]:
    """Written form -> Form, for forms before the number (exact) and after it (lower case)."""
    before: dict[str, Form] = {}
    after: dict[str, Form] = {}
    for cur in rules.money().currency:
        form = Form(cur.code, cur.factor, cur.contextual)
        for word in cur.before:
            before[word] = form
        for word in cur.after:
            after[fold(word)] = form
    return before, after



def _figure_ends() -> str:
    """What an amount before a currency word may end in, besides letters and digits: a
    scale abbreviation ("mln.") or the dash that closes "f 25,-"."""
    numbers = rules.numbers()
    ends = {w[-1] for w in (*numbers.scales, *numbers.ocr_scales) if not w[-1].isalnum()}
    return "".join(sorted(ends | set("-—=")))


@cache
def cue_vocabulary() -> frozenset[bytes]:
    """The runs of a-z that the amount, vague amount and percentage cues look up: they
    share it, so that the words of a text are read once for all of them."""
    cash, numbers = rules.money(), rules.numbers()
    return cues.runs_of([*(w for cur in cash.currency for w in (*cur.before, *cur.after)),
                         *cash.implicit.scales, *numbers.vague, *numbers.percent_units])


@cache
def _amount_cues() -> Cues:
    """A match of ``_amount_regex`` is an amount only with a currency form, or a scale word
    that carries the letter's own currency."""
    number = patterns.number_words()

    def before(w: str) -> str:
        return rf"{w}(?<![\p{{L}}\d]{w})\s?+(?:\d|{number})"

    ends = _figure_ends()

    def after(form: str) -> Callable[[str], str]:
        return lambda w: rf"{after_figure(form, ends)}(?i:{w})(?![\p{{L}}])(?!\s?+\d)"

    def scale(form: str) -> Callable[[str], str]:
        return lambda w: rf"{after_figure(form, ends)}{w}(?![\p{{L}}])"

    items: list[Item] = [(form, before) for form in _currency_forms()[0]]
    items += [(form, after(form)) for cur in rules.money().currency for form in cur.after]
    items += [(form, scale(form)) for form in rules.money().implicit.scales]
    return make_cues(items, vocabulary=cue_vocabulary())



@cache
def _amount_barrier() -> regex.Pattern[str]:
    money = rules.money()
    numbers = rules.numbers()
    forms = [w for cur in money.currency for w in (*cur.before, *cur.after)]
    return barrier_regex([*forms, *numbers.scales, *numbers.ocr_scales, *patterns.numeral_words(),
                          *patterns.range_words()], patterns.number_starts())


@cache
def _pre() -> str:
    return alternation(list(_currency_forms()[0]))


@cache
def _post() -> str:
    words = [w for cur in rules.money().currency for w in cur.after]
    return breakable(words)


@cache
def _scale() -> str:
    return rf"(?:{breakable(list(rules.numbers().scales))})(?![\p{{L}}])"


def _connector_regex() -> str:
    """Words and dashes that join two figures."""
    dashes, spelled = patterns.range_joiners()
    return (rf"(?:\s++(?P<conn>{breakable(spelled)})\s++"
            rf"|\s?+(?P<dash>{alternation(dashes)})\s?+)")


def _core(n: str) -> str:
    # After a currency sign the number may be glued to it ("f380") and OCR forms of
    # the scale abbreviations count ("f 2 min."); "f 25,-" closes with a dash.
    return rf"""
        (?:
            (?P<pre{n}>(?<![\p{{L}}\d])(?-i:{_pre()}))\s?+(?P<num{n}>{patterns.number(False)})
            (?P<close{n}>,[-—=]{{1,2}}+(?![\d]))?+
            (?:\s?+(?P<scale{n}>{_scale()}|(?:{patterns.ocr_scale()})))?+
          | (?P<num{n}>{patterns.number()})
            (?:\s?+(?P<scale{n}>{_scale()}))?+
        )
        # not "in 2022 EUR 7.4 miljoen": a currency written before the next number
        (?:\s?+(?P<post{n}>(?i:{_post()}))(?![\p{{L}}])(?!\s?+\d))?+
    """


@cache
def _amount_regex() -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        (?:(?P<neg>(?<![\p{{L}}\d,.])(?:-/-|[–−-]))\s?+(?=(?-i:{_pre()})\s?+\d|\d))?+
        {_core("1")}
        (?:{_connector_regex()}{_core("2")})?+
        """,
        patterns.FLAGS,
    )


def _amount_starts() -> tuple[str, ...]:
    """Where a match of ``_amount_regex`` may begin: a minus before a currency sign or a
    digit, a currency sign before a number, or a number."""
    words = patterns.number_words()
    pre = patterns.literals(_currency_forms()[0])
    return (
        rf"(?:-/-|[–−-])\s?(?:{pre}|\d)",
        rf"(?<![a-z\d])(?:{pre})\s?(?:\d|{words})",
        *patterns.number_trigger(),
    )


@cache
def _amount_trigger() -> regex.Pattern[str]:
    """The trigger as one pattern; ``_amount_triggers`` scans for its parts apart."""
    return patterns.trigger(*_amount_starts())


@cache
def _amount_triggers() -> tuple[regex.Pattern[str], ...]:
    """The parts of the trigger, scanned for one by one by ``patterns.trigger_starts``."""
    return tuple(patterns.trigger(start) for start in _amount_starts())


@cache
def _single_regex() -> regex.Pattern[str]:
    return regex.compile(_core("1"), patterns.FLAGS)


@cache
def _vague_regex() -> regex.Pattern[str]:
    return regex.compile(
        rf"""
        (?<![\p{{L}}])(?P<vague>{patterns.vague()})
        (?:\s++(?P<vscale>{patterns.vague()}|{_scale()}))?+
        \s++(?P<post>{_post()})(?![\p{{L}}])
        """,
        patterns.FLAGS | regex.IGNORECASE,
    )


@cache
def _vague_cues() -> Cues:
    """A vague amount starts with a plural number word ("honderden")."""
    return make_cues([(w, lambda w: rf"(?<![\p{{L}}])(?i:{w})(?![\p{{L}}])")
                      for w in rules.numbers().vague], broken=False,
                     vocabulary=cue_vocabulary())


@cache
def _vague_trigger() -> regex.Pattern[str]:
    return patterns.trigger(rf"(?<![a-z]){patterns.literals(rules.numbers().vague)}")


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
def _nature_words() -> tuple[str, ...]:
    """The nature words case-folded, none that holds another: a window that holds none of
    them has no match of ``_nature_regex``."""
    out: list[str] = []
    for word in sorted({w.casefold() for ws in rules.money().nature.values() for w in ws},
                       key=len):
        if not any(shorter in word for shorter in out):
            out.append(word)
    return tuple(out)


@cache
def _change_regex(nouns: bool) -> regex.Pattern[str]:
    table = rules.numbers().ranges
    words = table.get("change", []) + (table.get("change_nouns", []) if nouns else [])
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{breakable(words)})(?![\p{{L}}])", regex.V1)


@cache
def _legacy_year_regex() -> regex.Pattern[str] | None:
    legacy = rules.money().implicit.legacy
    if legacy is None:
        return None
    # "Zitting 1979-1980", "'s-Gravenhage, 21 juni 1979"
    return regex.compile(
        rf"(?i)(?<![\p{{L}}])(?:{alternation(legacy.year_words)})\s*+"
        rf"(?:\d{{1,2}}\s++\p{{L}}{{3,12}}+\s++)?+(?P<year>\d{{4}})(?!\d)",
        regex.V1,
    )


def _form(m: regex.Match[str], n: str) -> Form | None:
    before, after = _currency_forms()
    if m.group(f"pre{n}"):
        return before[m.group(f"pre{n}")]
    if m.group(f"post{n}"):
        return after[fold_word(m.group(f"post{n}"))]
    return None


_NEXT_WORD = regex.compile(r"\s*+([\p{L}]++|.)?")
_LETTER = regex.compile(r"\p{L}")


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text[end : end + 40], timeout=1.0)
    return (m.group(1) or "") if m else ""


def _implicit_ok(text: str, scale: str | None, start: int, end: int) -> bool:
    """A bare "4,1 miljard" is money when a word of money stands before it, or a
    closed-class word or punctuation after it."""
    table = rules.money().implicit
    if not scale or fold_word(scale) not in table.scales:
        return False
    _, phrase_start = patterns.qualifier_before(text, start)
    if any(_preceded_by(text, at, table.leaders) for at in {start, phrase_start}):
        return True
    following = _next_word(text, end)
    return not following or not following[0].isalpha() or following.lower() in table.followers


def _value(m: regex.Match[str], n: str, scale: str | None) -> Decimal | None:
    number = m.group(f"num{n}")
    if number.lower() in ("een", "één") and not scale:
        return None
    return quantity(number, fold_word(scale) if scale else None)


def _amount_end(m: regex.Match[str], n: str) -> int:
    return max(m.end(g) for g in (f"num{n}", f"close{n}", f"scale{n}", f"post{n}")
               if m.group(g))


def _amount_start(m: regex.Match[str], n: str) -> int:
    return m.start(f"pre{n}") if m.group(f"pre{n}") else m.start(f"num{n}")


def find_amounts(text: str, claims: Claims) -> list[Found]:
    """All monetary amounts in ``text`` that do not overlap claimed characters."""
    timeout = regex_timeout(text)
    units = _caption_units(text, timeout)
    if units is None:
        captions = _captions(text, claims, timeout, None)
    elif units:
        captions = _captions(text, claims, timeout, units[-1])
    else:
        captions = []
    spots = cues.cue_spots(text, _amount_cues(), timeout)
    found = _amounts(text, claims, captions, timeout,
                     cues.windows(text, spots, _amount_barrier(), timeout)) if spots else []
    cells = _table_cells(text, claims, captions, timeout)
    if cues.cued(text, _vague_cues(), timeout):
        found += _vague_amounts(text, claims, timeout)
    hits = found + cells
    if any(hit.attrs.get(_HOME) for hit in hits):
        home = _home_currency(text, hits)
        for hit in hits:
            if hit.attrs.pop(_HOME, False):
                hit.attrs["currency"] = home
    for hit in hits:
        hit.attrs.pop(_HOME, None)
    for hit in found:
        _add_context(text, hit)
    return hits


def _amounts(text: str, claims: Claims, captions: list[Caption], timeout: float | None,
             spans: list[tuple[int, int]]) -> list[Found]:
    """The amounts of matches of ``_amount_regex`` that begin in the ``spans``."""
    found: list[Found] = []
    full = _amount_regex()
    single = _single_regex()
    pos = spans[0][0]
    positions = patterns.trigger_starts(_amount_triggers(), text, timeout, spans)
    while (m := patterns.search_at(full, text, positions, pos, timeout)) is not None:
        pos = m.end()
        hits: list[Found] | None = None
        if m.group("conn") or m.group("dash"):
            hits = _ranged(text, m)
            if hits is None:
                # Not a range after all: take the first amount, look again after it.
                first = single.match(text, _amount_start(m, "1"), timeout=timeout)
                if first is None:
                    continue
                pos = first.end()
                hits = _single(text, first, m)
        else:
            hits = _single(text, m, m)
        for hit in hits:
            if claims.free(hit.start, hit.end) and not _overlaps(hit, captions):
                claims.claim(hit.start, hit.end)
                found.append(hit)
    return found


def _overlaps(hit: Found, captions: list[Caption]) -> bool:
    return any(c.start < hit.end and hit.start < c.end for c in captions)


def _home_currency(text: str, found: list[Found]) -> str:
    """The currency a letter counts in: euros, or guilders in letters from before the euro."""
    implicit = rules.money().implicit
    legacy = implicit.legacy
    if legacy is None:
        return implicit.currency
    counts = Counter(hit.attrs["currency"] for hit in found if not hit.attrs.get(_HOME))
    if counts[legacy.currency] > counts[implicit.currency]:
        return legacy.currency
    if counts[implicit.currency]:
        return implicit.currency
    year_regex = _legacy_year_regex()
    m = year_regex.search(text, timeout=regex_timeout(text)) if year_regex else None
    if m and int(m.group("year")) < legacy.until_year:
        return legacy.currency
    return implicit.currency


def _single(text: str, m: regex.Match[str], outer: regex.Match[str]) -> list[Found]:
    """One amount; ``outer`` is the match that may carry a minus sign before it."""
    form = _form(m, "1")
    home = False
    if form is None:
        if not _implicit_ok(text, m.group("scale1"), m.start(), m.end()):
            return []
        form = Form(rules.money().implicit.currency, Decimal(1), True)
        home = True
    value = _value(m, "1", m.group("scale1"))
    if value is None:
        return []
    start = _amount_start(m, "1")
    end = _amount_end(m, "1")
    if outer.group("neg") and _is_minus(text, outer.start("neg"), end):
        value, start = -value, outer.start("neg")
    return [_make(start, end, form, value * form.factor, None, implicit=home)]


def _is_minus(text: str, dash: int, end: int) -> bool:
    """A dash before an amount is a minus, unless it opens a list item."""
    line_start = text.rfind("\n", 0, dash) + 1
    if text[line_start:dash].strip():
        return True
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end == -1 else line_end]
    return not _LETTER.search(rest, timeout=1.0)


def _words_before(text: str, start: int, n: int = 3) -> list[str]:
    return text[max(0, start - 30) : start].lower().split()[-n:]


def _preceded_by(text: str, start: int, phrases: list[str]) -> bool:
    before = " ".join(_words_before(text, start))
    return any(before == p or before.endswith(" " + p) for p in phrases)


def is_change(text: str, start: int, end: int, *, nouns: bool = False) -> bool:
    """Whether "van X tot Y" at ``start``-``end`` is a change (two figures), not a range:
    a verb of change (with ``nouns`` also a noun) in the same clause before or right after.

    >>> is_change("De tarieven zijn verhoogd van f 1 tot f 2.", 27, 40)
    True
    >>> is_change("Projecten van € 5 tot € 7 miljoen.", 10, 33)
    False
    """
    clause_start = max(text.rfind(ch, 0, start) for ch in ".;:\n")
    window = text[max(clause_start + 1, start - 80) : start]
    after = text[end : end + 40]
    after = after[: min((i for i in (after.find(ch) for ch in ".;,\n") if i >= 0),
                        default=len(after))]
    change = _change_regex(nouns)
    return bool(change.search(window, timeout=1.0) or change.search(after, timeout=1.0))


def settled_qualifier(text: str, start: int, end: int) -> str | None:
    """The qualifier written before the figure at ``start``-``end``. "tot" after a word
    of change gives the new level, not a cap.

    >>> settled_qualifier("Dat kost tot € 5 miljoen.", 13, 24)
    'at_most'
    >>> settled_qualifier("De prijs is gedaald tot € 5 miljoen.", 24, 35)
    """
    value, phrase_start = patterns.qualifier_before(text, start)
    if value is None:
        return None
    phrase = fold_word(text[phrase_start:start])
    connectors = rules.numbers().ranges.get("connectors", [])
    if phrase in connectors and is_change(text, phrase_start, end, nouns=True):
        return None
    return value


def reading(text: str, start: int, end: int, conn: str, low: Decimal, high: Decimal) -> str:
    """How two figures at ``start``-``end`` joined by ``conn`` read: as one "range", as a
    "change" from the first to the second, or "apart" (two figures that only stand together).

    >>> reading("tussen € 2 en 3 miljard", 7, 23, "en", Decimal(2), Decimal(3))
    'range'
    >>> reading("stijgt van 21 naar 22,5 miljard", 11, 31, "naar", Decimal(21), Decimal("22.5"))
    'change'
    >>> reading("€ 5 en € 7", 0, 10, "en", Decimal(5), Decimal(7))
    'apart'
    """
    table = rules.numbers().ranges
    after_from = _preceded_by(text, start, table.get("from", []))
    if conn in table.get("pair", []):
        return "range" if _preceded_by(text, start, table.get("between", [])) else "apart"
    if conn in table.get("to", []):
        return "change" if after_from else "apart"
    if after_from and (high < low or is_change(text, start, end)):
        return "change"
    return "range" if high >= low else "apart"


def _ranged(text: str, m: regex.Match[str]) -> list[Found] | None:
    """Two numbers joined by a connector: a range, or two amounts ("van X naar Y").
    ``None`` when the second number has no unit or the two stand apart."""
    if not (m.group("scale2") or m.group("pre2") or m.group("post2")):
        return None
    form = _form(m, "1") or _form(m, "2")
    home = False
    if form is None:
        if not _implicit_ok(text, m.group("scale2"), m.start(), m.end()):
            return None
        form = Form(rules.money().implicit.currency, Decimal(1), True)
        home = True
    low = _value(m, "1", m.group("scale1") or m.group("scale2"))
    high = _value(m, "2", m.group("scale2"))
    if low is None or high is None:
        return None
    if m.group("neg") and _is_minus(text, m.start("neg"), m.end()):
        low = -low
    how = reading(text, m.start(), m.end(), fold_word(m.group("conn") or m.group("dash")), low, high)
    if how == "apart":
        return None
    if how == "change":
        second = _make(_amount_start(m, "2"), m.end(), form, high * form.factor, None,
                       implicit=home)
        second.attrs["qualifier"] = None  # the connector is no qualifier
        return [_make(m.start(), _amount_end(m, "1"), form, low * form.factor, None,
                      implicit=home), second]
    return [_make(m.start(), m.end(), form, low * form.factor, high * form.factor,
                  implicit=home)]


def _make(start: int, end: int, form: Form, value: Decimal | None, high: Decimal | None,
          *, implicit: bool = False) -> Found:
    return Found(
        "amount",
        start,
        end,
        {
            "value": exact(value) if value is not None else None,
            "currency": form.code,
            "high": exact(high) if high is not None else None,
            "implicit_currency": implicit,
            "vague": value is None,
            _HOME: form.contextual,
        },
    )


def _vague_amounts(text: str, claims: Claims, timeout: float | None) -> list[Found]:
    _, after = _currency_forms()
    out = []
    # Collect first: the timeout runs while the iterator is open.
    matches = list(patterns.finditer_at(_vague_regex(), text, _vague_trigger(), timeout))
    for m in matches:
        if not claims.free(m.start(), m.end()):
            continue
        hit = _make(m.start(), m.end(), after[fold_word(m.group("post"))], None, None)
        hit.attrs["qualifier"] = "approx"
        claims.claim(m.start(), m.end())
        out.append(hit)
    return out


def _add_context(text: str, hit: Found) -> None:
    """Qualifier before, per-unit after, nature words around the amount."""
    if "qualifier" not in hit.attrs:
        hit.attrs["qualifier"] = settled_qualifier(text, hit.start, hit.end)
    per = _per_regex().match(text[hit.end : hit.end + 80], timeout=1.0)
    hit.attrs["per"] = " ".join(per.group("per").split()[1:]) if per else None
    window = text[max(0, hit.start - 40) : min(len(text), hit.end + 40)]
    low = window.casefold()
    nature = (_nature_regex().search(window, timeout=1.0)
              if any(word in low for word in _nature_words()) else None)
    hit.attrs["nature"] = (
        next(k for k, v in nature.groupdict().items() if v) if nature else None
    )


# --- tables -------------------------------------------------------------------------------


class Caption(NamedTuple):
    """A table caption: where it stands, what a cell is multiplied by, in which currency."""

    start: int
    end: int
    multiplier: Decimal
    form: Form


@cache
def _caption_triggers() -> list[regex.Pattern[str] | None]:
    return [patterns.trigger(c.trigger) if c.trigger else None for c in rules.money().caption]


def _mult_words() -> list[str]:
    numbers = rules.numbers()
    return [*numbers.scales, *numbers.vague]


# The unit of a caption written in digits: 1.000, 1000, 1 000 000.
_MULT_DIGITS = r"1(?:[.\s]?+000){1,3}+(?![\d])"


@cache
def _caption_cues() -> Cues | None:
    """Every caption names its unit (``{mult}``): cues for the units; None when a caption
    can do without one."""
    if not all("{mult}" in c.pattern for c in rules.money().caption):
        return None
    items: list[Item] = [(w, lambda w: rf"(?i:{w})(?![\p{{L}}])") for w in _mult_words()]
    items.append(("000", lambda _: _MULT_DIGITS))
    # A unit may follow a currency code without a space: "(x EUR1 mln)", "in EURmln".
    return make_cues(items, whole=False)


def _caption_units(text: str, timeout: float | None) -> list[int] | None:
    """Where ``text`` may name the unit of a caption, in order; None when a caption can do
    without one."""
    units = _caption_cues()
    return None if units is None else cues.cue_spots(text, units, timeout)


@cache
def _caption_regexes() -> list[regex.Pattern[str]]:
    mult = (rf"(?P<mult>(?:1\s?+)?(?:{breakable(_mult_words())})(?![\p{{L}}])"
            rf"|{_MULT_DIGITS})")
    post = [w for cur in rules.money().currency for w in cur.after if w[0].isalpha()]
    parts = {
        "cur": rf"(?P<cur>(?-i:{_pre()}))",
        "word": rf"(?P<word>{breakable(post)})(?![\p{{L}}])",
        "mult": mult,
    }
    # A caption heads a table: it closes its line, or stands in brackets.
    tail = r"(?=[\t )\]:.]*+(?:\n|$)|[^()\n]{0,60}+\)|[^:\n]{0,40}+:)"
    out = []
    for c in rules.money().caption:
        pattern = c.pattern
        for name, part in parts.items():
            pattern = pattern.replace("{" + name + "}", part)
        out.append(regex.compile(rf"(?:{pattern}){tail}",
                                 regex.V1 | regex.IGNORECASE | regex.MULTILINE))
    return out


def _multiplier(written: str) -> Decimal | None:
    numbers = rules.numbers()
    key = fold(written)
    if key[0].isdigit() and regex.fullmatch(r"1(?:[.\s]?000)+", key, timeout=1.0):
        return Decimal(regex.sub(r"[.\s]", "", key, timeout=1.0))
    word = key[1:].strip() if key.startswith("1") else key
    factor = scale_of(word) or numbers.vague.get(word)
    return Decimal(factor) if factor else None


def _captions(text: str, claims: Claims, timeout: float | None, last: int | None) -> list[Caption]:
    """Table captions such as "(bedragen x € 1.000)", in the order they stand, that begin
    at or before ``last`` (None: anywhere)."""
    before, after = _currency_forms()
    out: list[Caption] = []
    spans = None if last is None else [(0, last)]
    # Captions may share a trigger: its offsets, by its pattern.
    found: dict[str, list[int] | None] = {}
    for cap, starts in zip(_caption_regexes(), _caption_triggers(), strict=True):
        if starts is None:
            matches = list(cap.finditer(text, timeout=timeout))
        else:
            if starts.pattern not in found:
                found[starts.pattern] = patterns.trigger_starts(starts, text, timeout, spans)
            matches = list(patterns.matches_at(cap, text, found[starts.pattern], timeout))
        for m in matches:
            mult = _multiplier(m.group("mult"))
            groups = m.groupdict()
            cur, word = groups.get("cur"), groups.get("word")
            if cur:
                form: Form | None = before[cur]
            elif word:
                form = after.get(fold_word(word))
                if form is not None and form.contextual:
                    continue  # "in duizenden centen" is no caption
            else:
                form = Form(rules.money().implicit.currency, Decimal(1), True)
            if mult is None or form is None:
                continue
            if not claims.free(m.start(), m.end()):
                continue
            if any(c.start < m.end() and m.start() < c.end for c in out):
                continue
            out.append(Caption(m.start(), m.end(), mult, form))
    return sorted(out)


_CELL = regex.compile(
    r"""
    (?<![\p{L}\d.,/_'"’”])(?P<neg>(?:-/-|[-–−])\s?)?+
    (?:
        # "118 0663": a grouped figure with a footnote digit glued to it. A 4-digit token
        # after a group is a figure of its own ("120 053 1983"), unless it starts with 0.
        (?P<num>\d{1,3}+(?:[ \u00a0\u202f\u2009]\d{3}+(?!\d))*+[ \u00a0\u202f\u2009]0\d{2}+)
        (?=\d(?![\d.,]))
      | (?P<num>
            \d{1,3}+(?:\.\d{3}+)++(?:,\d{1,9}+)?+                     # 45.300   1.250,5
          | \d{1,3}+(?:[ \u00a0\u202f\u2009]\d{3}+(?!\d))*+(?:,\d{1,9}+)?+  # 113 113   12,6
          | \d{4,15}+(?:,\d{1,9}+)?+                                  # 113751
        )
        (?![.,]?+\d)(?![\p{L}%])
    )
    """,
    patterns.FLAGS,
)
_YEAR_CELL = regex.compile(r"(?:19|20)\d\d")
# A number followed by a word in lower case counts that word ("1000 woningen"): no cell.
# The digit is a glued footnote mark ("118 0663").
_COUNTED = regex.compile(r"\d?\s++\p{Ll}")
_WORD = regex.compile(r"\p{L}{2,}+")
_ROW_END = regex.compile(r"\d[\d.,]*+['\"’”]?+\s*+$")
# A line with this many words is running text: the table has ended.
_PROSE_WORDS = 10
# Header lines (no figures) allowed between a caption and its first row.
_HEADER_LINES = 12


def _table_cells(text: str, claims: Claims, captions: list[Caption],
                 timeout: float | None) -> list[Found]:
    """Bare numbers in the lines under a caption, scaled by the caption's unit.

    A caption with cells under it is claimed, so that it is no amount itself.
    """
    out: list[Found] = []
    for n, caption in enumerate(captions):
        stop = captions[n + 1].start if n + 1 < len(captions) else len(text)
        cells = _cells_under(text, claims, caption, stop, captions, timeout)
        if cells or _heads_next(captions, n):
            claims.claim(caption.start, caption.end)
        out += cells
    return out


def _heads_next(captions: list[Caption], n: int) -> bool:
    """Two captions over one table ("Opbrengst (x f 1000) ... -(x f 1000)")."""
    return n + 1 < len(captions) and captions[n + 1].start - captions[n].end < 200


def _cells_under(text: str, claims: Claims, caption: Caption, stop: int,
                 captions: list[Caption], timeout: float | None) -> list[Found]:
    out: list[Found] = []
    pos = text.find("\n", caption.end)
    headers = 0
    while pos != -1 and pos < stop:
        line_end = text.find("\n", pos + 1)
        line_end = len(text) if line_end == -1 else line_end
        line = text[pos + 1 : line_end]
        if not line.strip():
            if out:
                break
        elif _is_prose(line, timeout):
            break
        else:
            cells = _cells_in_line(text, claims, pos + 1, line_end, caption, captions,
                                   timeout)
            on_caption = any(c.start < line_end and pos < c.end for c in captions)
            digits = any(ch.isdigit() for ch in line)
            if digits and not cells and not on_caption and out and _all_claimed(
                    text, claims, pos + 1, line_end):
                break  # a citation or page footer under the table
            if cells:
                out += cells
            elif not out:
                headers += 1
                if headers > _HEADER_LINES:
                    break
        pos = line_end if line_end < len(text) else -1
    return out


def _is_prose(line: str, timeout: float | None) -> bool:
    """Running text ends a table: a line of many words that does not end in a figure, as
    a table row with a long label does."""
    if len(_WORD.findall(line, timeout=timeout)) < _PROSE_WORDS:
        return False
    return not _ROW_END.search(line, timeout=timeout)


def _all_claimed(text: str, claims: Claims, start: int, end: int) -> bool:
    return all(not claims.free(i, i + 1) for i in range(start, end) if text[i].isdigit())


def _cells_in_line(text: str, claims: Claims, start: int, end: int, caption: Caption,
                   captions: list[Caption], timeout: float | None) -> list[Found]:
    out: list[Found] = []
    for cell in _CELL.finditer(text, start, end, timeout=timeout):
        number = cell.group("num")
        if _YEAR_CELL.fullmatch(number, timeout=timeout) or not claims.free(cell.start(),
                                                                             cell.end()):
            continue
        if any(c.start < cell.end() and cell.start() < c.end for c in captions):
            continue
        if _COUNTED.match(text, cell.end(), end, timeout=timeout):
            continue
        value = quantity(number)
        if value is None:
            continue
        if cell.group("neg"):
            value = -value
        first = cell.start("neg") if cell.group("neg") else cell.start("num")
        hit = _make(first, cell.end("num"), caption.form, value * caption.multiplier, None,
                    implicit=True)
        hit.attrs.update(qualifier=None, per=None, nature=None)
        claims.claim(first, cell.end("num"))
        out.append(hit)
    return out
