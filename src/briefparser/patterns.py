"""Regex fragments shared by the extractors, built from the data tables.

Every fragment uses possessive quantifiers or bounded repeats so that no
pattern can backtrack catastrophically; the tests run them on hostile input.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Hashable, Iterable, Iterator
from functools import cache, lru_cache
from typing import AnyStr, TypeVar

import regex

from briefparser import rules
from briefparser.rules import alternation

FLAGS = regex.VERBOSE | regex.V1

# A number in digits: Dutch thousands groups with dot or (narrow no-break)
# space, decimal comma; or an English decimal point before a scale word or %.
DIGITS = r"""
(?:
    \d{1,3}+(?:\.\d{3}+){1,6}+(?:,\d{1,9}+)?+(?!\d)          # 1.250.000   10.612,4
  | \d{1,3}+(?:[ \u00a0\u202f\u2009]\d{3}+){1,4}+(?:,\d{1,9}+)?+(?!\.?+\d)  # 3 000   8 392,6
  | \d{1,12}+\.\d{1,2}+(?=\s?+(?:%|procent|miljoen|miljard|mln|mld|mrd|min\.|mid\.))  # 7.4 mln
  | \d{1,15}+(?:,\d{1,9}+)?+(?![\d])                        # 13,6   2025
)
"""

# Not glued to a word, another number or a footnote dot before it: "schetsen.1",
# "miljoen.4", "F-35", "2A4".
NUMBER_START = r"(?<![\p{L}\d.,/_]|\p{L}-)"


@cache
def word_number() -> str:
    """A written number word (drieëntwintig, honderdtwintig), checked later in Python."""
    table = rules.numbers()
    morphs = list(table.units) + list(table.multipliers)
    return rf"(?:{alternation(morphs)})\p{{L}}{{0,40}}+"


@cache
def scale() -> str:
    """A scale word after a number: miljoen, mld., ..."""
    words = list(rules.numbers().scales)
    return rf"(?:{alternation(words)})(?![\p{{L}}])"


@cache
def ocr_scale() -> str:
    return rf"(?:{alternation(list(rules.numbers().ocr_scales))})"


@cache
def vague() -> str:
    """Plural number words that give an order of magnitude: honderden, miljarden."""
    return rf"(?:{alternation(list(rules.numbers().vague))})(?![\p{{L}}])"


@cache
def fraction() -> str:
    return rf"(?:{alternation(list(rules.numbers().fractions))})(?![\p{{L}}])"


@cache
def number(guard: bool = True) -> str:
    """Any exact number: digits, a word number or a fraction word.

    With ``guard`` the number may not be glued to a word or number before it;
    without, it may (after a currency sign such as "f380").
    """
    start = NUMBER_START if guard else ""
    return (
        rf"(?:{start}{DIGITS}|(?<![\p{{L}}]){fraction()}"
        rf"|(?<![\p{{L}}]){word_number()}(?![\p{{L}}]))"
    )


@cache
def number_words() -> str:
    """Trigger alternation for the number and fraction words that ``number`` reads."""
    table = rules.numbers()
    return literals([*table.units, *table.multipliers, *table.fractions])


@cache
def number_trigger() -> tuple[str, ...]:
    """Trigger alternatives (for ``trigger``) for where a match of ``number`` may begin:
    a digit, or a number or fraction word."""
    return r"(?<!\d)\d", rf"(?<![a-z]){number_words()}"


def numeral_words() -> list[str]:
    """The data words a written number is made of."""
    table = rules.numbers()
    return [*table.units, *table.multipliers, *table.fractions]


def number_starts() -> list[str]:
    """What a number word (``word_number``) begins with."""
    table = rules.numbers()
    return [*table.units, *table.multipliers]


def range_words() -> list[str]:
    """The data words that join two figures."""
    table = rules.numbers().ranges
    return [w for key in ("connectors", "pair", "to") for w in table.get(key, [])]


def range_joiners() -> tuple[list[str], list[str]]:
    """``range_words`` split into dashes (one character, no letter) and spelled words."""
    words = range_words()
    dashes = [w for w in words if len(w) == 1 and not w.isalpha()]
    spelled = [w for w in words if w not in dashes]
    return dashes, spelled


def spaced(phrase: str) -> str:
    r"""A literal phrase as regex, any run of whitespace between its words.

    >>> spaced("ten hoogste")
    'ten\\s+hoogste'
    """
    return r"\s+".join(regex.escape(word) for word in phrase.split())


@cache
def qualifier_regex() -> regex.Pattern[str]:
    """Matches a qualifier phrase at the very end of the text before a figure."""
    parts = []
    for row in rules.qualifiers().qualifier:
        for phrase in row.phrases:
            parts.append((phrase, row.value))
    # One named group per qualifier value, longest phrases first across all values.
    parts.sort(key=lambda p: -len(p[0]))
    alts = "|".join(
        rf"(?P<{value}>{spaced(phrase)})" for phrase, value in parts
    )
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{alts})\s*+$", regex.V1)


@cache
def _qualifier_ends() -> tuple[str, ...]:
    """The last word of every qualifier phrase, case-folded: a text that ends in none of
    them (after whitespace) has no qualifier at its end."""
    return tuple({phrase.split()[-1].casefold()
                  for row in rules.qualifiers().qualifier for phrase in row.phrases})


def may_end_in_qualifier(window: str) -> bool:
    """False when ``window`` cannot end in a qualifier phrase: after whitespace it ends
    in none of their last words (judged case-folded where folding keeps the length)."""
    low = folded(window.rstrip())
    return low is None or low.endswith(_qualifier_ends())


@cache
def _unless_after() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for row in rules.qualifiers().qualifier:
        if row.unless_after:
            for phrase in row.phrases:
                out[phrase.lower()] = frozenset(w.lower() for w in row.unless_after)
    return out


def qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier written right before ``start`` and where it begins.

    >>> qualifier_before("voor ongeveer € 13,6 miljard", 14)
    ('approx', 5)
    >>> qualifier_before("loopt op tot EUR 18 mld", 13)
    (None, 13)
    """
    window_start = max(0, start - 40)
    window = text[window_start:start]
    if not may_end_in_qualifier(window):
        return None, start
    m = qualifier_regex().search(window, timeout=1.0)
    if not m:
        return None, start
    value = next(name for name, val in m.groupdict().items() if val)
    phrase = " ".join(m.group(0).lower().split())
    blockers = _unless_after().get(phrase)
    if blockers:
        before = text[max(0, window_start + m.start() - 30) : window_start + m.start()]
        words = before.lower().split()
        if words and words[-1] in blockers:
            return None, start
    return value, window_start + m.start()


# --- anchored matching ----------------------------------------------------------------
#
# Most patterns start with a lookbehind or a long alternation, so the engine tries them
# at every character. A trigger is a cheap pattern, run on the case-folded text, that
# matches wherever a match of the full pattern may begin; the full pattern is then
# tried only there, with ``match`` on the whole text so that lookarounds see the real
# context on both sides.


T = TypeVar("T")

# A text up to this long counts as short for text_cache (most letters are shorter).
SHORT_TEXT = 5_000


def text_cache(func: Callable[..., T]) -> Callable[..., T]:
    """Cache ``func(text, *args)`` for the texts in hand. The components run over a batch
    of letters at a time (``components._Component``), and each of them asks for the
    same values: the last 256 short texts are kept, and of longer ones only the last 4.
    What a cache keeps is bounded by about 2.1 million characters of text and what was
    derived from them; a long letter in a batch of several may be read again by each
    component, which costs little beside its extraction."""
    short = lru_cache(maxsize=256)(func)
    long = lru_cache(maxsize=4)(func)

    @functools.wraps(func)
    def cached(text: str, *args: Hashable) -> T:
        return (short if len(text) <= SHORT_TEXT else long)(text, *args)

    return cached


@text_cache
def casefolded(text: str) -> str:
    return text.casefold()


def latin1(low: str) -> tuple[bytes, bool]:
    """``low`` in Latin-1, one byte per character ("?" for those outside), and whether
    all of it fits.

    >>> latin1("één"), latin1("€ 5")
    ((b'\\xe9\\xe9n', True), (b'? 5', False))
    """
    try:
        return low.encode("latin-1"), True
    except UnicodeEncodeError:
        return low.encode("latin-1", "replace"), False


# Latin-1 digits kept, every other byte a blank: the only digits in Latin-1 are 0-9.
_DIGIT_BYTES = bytes(c if 48 <= c <= 57 else 32 for c in range(256))
_DIGIT_RUN = regex.compile(r"\d++", regex.V1)
# A character outside ASCII that is a decimal digit ("٣"); \d matches them all.
_OTHER_DIGIT = regex.compile(r"[^\x00-\x7f](?<=\d)", regex.V1)


def other_digits(text: str) -> bool:
    """Whether ``text`` holds a decimal digit other than 0-9: the class ``\\d``
    matches it, ``[0-9]`` does not.

    >>> other_digits("“5” € één"), other_digits("٣ €")
    (False, True)
    """
    return not text.isascii() and _OTHER_DIGIT.search(text) is not None


@text_cache
def digit_runs(low: str, timeout: float | None) -> list[tuple[int, int]]:
    """Spans of the runs of digits in ``low``, in order. The list is shared between
    callers with the same text: it must not be changed.

    >>> digit_runs("op 24.3.2021 om 10 uur", 1.0)
    [(3, 5), (6, 7), (8, 12), (16, 18)]
    """
    raw, fits = latin1(low)
    if not fits and other_digits(low):
        return [m.span() for m in _DIGIT_RUN.finditer(low, timeout=timeout)]
    digits = raw.translate(_DIGIT_BYTES)
    runs = []
    end = 0
    for run in digits.split():
        start = digits.find(run, end)
        end = start + len(run)
        runs.append((start, end))
    return runs


def find_all(hay: AnyStr, needle: AnyStr, start: int = 0) -> Iterator[int]:
    """Every offset from ``start`` on where ``needle`` occurs in ``hay``, overlaps included.

    >>> list(find_all("a|b||c", "|")), list(find_all(b"aaa", b"aa"))
    ([1, 3, 4], [0, 1])
    """
    i = hay.find(needle, start)
    while i != -1:
        yield i
        i = hay.find(needle, i + 1)


def lowered(text: str) -> str:
    """``text`` in lower case, character for character, so offsets stay valid.

    ``str.lower`` turns "İ" into two characters; such characters are kept as written.

    >>> lowered("İstanbul € 5 Miljoen")
    'İstanbul € 5 miljoen'
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def folded(text: str) -> str | None:
    """``text`` case-folded, or None when folding changes its length (ß, ligatures):
    offsets in the folded text would then not point into ``text``."""
    low = casefolded(text)
    return low if len(low) == len(text) else None


def occurs(needle: regex.Pattern[str], text: str, timeout: float | None) -> bool:
    """Whether ``needle``, written for the case-folded text, matches anywhere in it.

    A pattern that matches ``text`` ignoring case has a match here too when ``needle``
    is its case-folded form without lookarounds, so a False lets the caller skip it.
    Offsets play no part, so a change of length by folding does no harm.
    """
    return needle.search(casefolded(text), timeout=timeout) is not None


def word_heads(words: Iterable[str], *, breakable: bool = False, size: int = 2) -> str:
    """Trigger alternation for words that stand apart from a letter before them: the
    first ``size`` characters of each word, case-folded. With ``breakable`` an OCR hyphen
    may stand between them ("j-anuari").

    >>> word_heads(["Maart", "mei", "x"])
    '(?<![a-z])(?:m(?:a|e)|x)'
    """
    heads = {w.casefold().strip()[:size].split()[0] for w in words if w.strip()}
    return rf"(?<![a-z]){_trie_regex(_trie(heads), _OCR_HYPHEN if breakable else '')}"


# The hyphen OCR leaves where a printed line broke a word.
_OCR_HYPHEN = r"(?:-\s?+)?+"


def literals(phrases: Iterable[str]) -> str:
    """Trigger alternation for whole phrases, case-folded, any run of whitespace between
    their words.

    >>> literals(["Deze", "dit", "mei"])
    '(?:d(?:eze|it)|mei)'
    """
    return _trie_regex(_trie({" ".join(p.casefold().split()) for p in phrases}))


_Trie = dict[str, "_Trie"]


def _trie(words: Iterable[str]) -> _Trie:
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_regex(node: _Trie, joint: str = "") -> str:
    """The phrases of a character trie as one regex: alternatives that share a prefix
    are grouped under it, so the engine reads each prefix once."""
    alts = []
    end = False
    for ch, child in sorted(node.items()):
        if ch == "":
            end = True
            continue
        head = r"\s++" if ch == " " else regex.escape(ch)
        tail = _trie_regex(child, joint)
        alts.append(head + (joint + tail if joint and tail else tail))
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
    if end:
        return f"(?:{body})?"
    return body


# An escape (with a braced argument: \x{2014}, \p{L}), a character class, a counted
# repeat (spaces allowed, as VERBOSE allows them), a repeat by * or + (each with its
# possessive or lazy mark), or a recursion.
_REPEAT_TOKEN = regex.compile(
    r"\\(?:[pPNxuU]\{[^}]*+\}|.)|\[(?:\\.|[^\]\\])*+\]"
    r"|\{\s*+\d*+\s*+(?:,\s*+\d*+\s*+)?\}[+?]?|[*+][+?]?|\(\?(?:R|&|P>|[+-]?\d)",
    regex.V1)


def unbounded(source: str) -> bool:
    r"""Whether a pattern has a repeat without an upper bound (or recursion). A scan with
    a pattern that has none does work bounded by the pattern's length at each position,
    so it needs no timeout.

    >>> unbounded(r"\d\d\d\d[a-z]\d"), unbounded(r"\+31|0\d{1,3}+"), unbounded(r"op\s++de")
    (False, False, True)
    >>> unbounded(r"\x{2014}+"), unbounded("a{ 2, }"), unbounded(r"(a(?1)?b)"), unbounded("[+*]")
    (True, True, True, False)
    """
    for m in _REPEAT_TOKEN.finditer(source, timeout=1.0):
        token = m.group()
        if token[0] in "*+" or token.startswith("(?"):
            return True
        if token[0] == "{" and "".join(token.rstrip("+?").split()).endswith(",}"):
            return True
    return False


def trigger(*alternatives: str) -> regex.Pattern[str]:
    """A trigger from alternatives written for the case-folded text."""
    return regex.compile("|".join(f"(?:{a})" for a in alternatives), regex.V1 | regex.VERBOSE)


# A trigger, or its alternatives as separate triggers, one scan each.
Starts = regex.Pattern[str] | tuple[regex.Pattern[str], ...]

# A match of a trigger needs at most this many characters.
_TRIGGER_REACH = 64
# Spans of text this close are scanned for triggers at once.
_SCAN_GAP = 256


def trigger_starts(starts: Starts, text: str, timeout: float | None,
                   spans: list[tuple[int, int]] | None = None) -> list[int] | None:
    """Offsets where ``starts`` (any of them) matches the case-folded text, in order;
    None when folding changes the length of ``text``. With ``spans`` (first, last) only
    the offsets in one of them; spans close together are scanned at once."""
    low = folded(text)
    if low is None:
        return None
    if spans is None:
        scans = [(0, len(low))]
    else:
        scans = []
        for first, last in spans:
            stop = min(len(low), last + _TRIGGER_REACH)
            if scans and first - scans[-1][1] < _SCAN_GAP:
                scans[-1] = (scans[-1][0], stop)
            else:
                scans.append((first, stop))
    triggers = starts if isinstance(starts, tuple) else (starts,)
    out: list[int] = []
    for one in triggers:
        limit = _timeout_for(one, timeout)
        for first, stop in scans:
            out += [t.start() for t in one.finditer(low, first, stop, overlapped=True,
                                                    timeout=limit)]
    # One trigger over one stretch finds its starts in order, each once.
    if len(triggers) > 1 or len(scans) > 1:
        out = sorted(set(out))
    return out if spans is None else _in_spans(out, spans)


def _in_spans(positions: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """The ``positions`` (in order) that lie in one of the ``spans`` (first, last; in
    order)."""
    out: list[int] = []
    spans_left = iter(spans)
    first, last = next(spans_left)
    for pos in positions:
        while pos > last:
            span = next(spans_left, None)
            if span is None:
                return out
            first, last = span
        if pos >= first:
            out.append(pos)
    return out


@lru_cache(maxsize=1024)
def _needs_timeout(source: str) -> bool:
    return unbounded(source)


def _timeout_for(pattern: regex.Pattern[str], timeout: float | None) -> float | None:
    """``timeout`` for a scan with ``pattern``, or None when it has no unbounded repeat."""
    return timeout if _needs_timeout(pattern.pattern) else None


def search_at(pattern: regex.Pattern[str], text: str, positions: list[int] | None, pos: int,
              timeout: float | None) -> regex.Match[str] | None:
    """``pattern.search(text, pos)``, tried only at ``positions`` (from ``trigger_starts``;
    None: everywhere). Equal to ``search`` as long as every match of ``pattern`` begins
    at one of them."""
    if positions is None:
        return pattern.search(text, pos, timeout=timeout)
    for i in range(bisect.bisect_left(positions, pos), len(positions)):
        m = pattern.match(text, positions[i])
        if m is not None:
            return m
    return None


def matches_at(pattern: regex.Pattern[str], text: str, positions: list[int] | None,
               timeout: float | None, start: int = 0) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(text, start)``, tried only at ``positions`` (from
    ``trigger_starts``; None: everywhere). Equal to ``finditer`` as long as every match of
    ``pattern`` from ``start`` on begins at one of them (and none is empty)."""
    if positions is None:
        yield from pattern.finditer(text, start, timeout=timeout)
        return
    end = start
    for pos in positions:
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            yield m
            end = max(m.end(), pos + 1)


def finditer_at(pattern: regex.Pattern[str], text: str, starts: Starts,
                timeout: float | None) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(text)``, tried only where ``starts`` matches
    the case-folded text. Equal to ``finditer`` as long as every match of ``pattern``
    begins where ``starts`` matches (and none is empty)."""
    yield from matches_at(pattern, text, trigger_starts(starts, text, timeout), timeout)
