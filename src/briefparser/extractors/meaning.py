"""What each figure means: status, category, as-of date and period, subject, breakdowns.

Pure functions over the text, the mentions found so far, the sentence boundaries and the
cue hits that the ``briefparser_meaning`` component finds with spaCy's matchers. The cue
words live in ``data/status.toml``, ``data/taxonomy.toml`` and ``data/meaning.toml``; a
user's own taxonomy file replaces the built-in one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

import regex
from pydantic import Field, ValidationError, model_validator

from briefparser import patterns, rules
from briefparser.extractors.base import Found
from briefparser.normalize import parse_number_word, regex_timeout
from briefparser.rules import Table

FigureKind = Literal["amount", "headcount"]


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...


_Spanned = TypeVar("_Spanned", bound=_HasStart)


# --- status.toml ------------------------------------------------------------------------


class Window(Table):
    max_words: int = Field(ge=1)
    distance_cost: float = Field(ge=0)
    crossing_cost: float = Field(ge=0)
    clause_cost: float = Field(ge=0)
    clause_marks: list[str] = []
    split_gap: int = Field(default=8, ge=0, le=20)
    skip_after: list[str] = []
    level_before: list[str] = []
    level_pairs: list[tuple[str, str]] = []
    restates: list[str] = []
    caption_cost: float = Field(default=2.0, ge=0)


class PerUnit(Table):
    status: str
    weight: float
    text_weight: float
    time_units: list[str]


class Future(Table):
    status: str
    weight: float


class CueRow(Table):
    status: str = Field(min_length=1)
    figures: list[FigureKind] = ["amount"]
    weight: float = Field(gt=0)
    change: bool = False
    words: list[str] = []
    heads: list[str] = []
    split: list[tuple[list[str], list[str]]] = []
    patterns: list[list[dict[str, Any]]] = []


class StatusTable(Table):
    window: Window
    per_unit: PerUnit
    future: Future
    cue: list[CueRow]


# --- meaning.toml -----------------------------------------------------------------------


class CategorySettings(Table):
    max_words: int = Field(ge=1)
    distance_cost: float = Field(ge=0)
    crossing_cost: float = Field(ge=0)
    clause_cost: float = Field(ge=0)
    depth_bonus: float = Field(ge=0)
    after_bonus: float = Field(default=0.0, ge=0)
    soft_cost: float = Field(default=0.0, ge=0)
    conjunction_cost: float = Field(default=0.0, ge=0)
    cue_weight: float = Field(gt=0)
    look_back: int = Field(ge=0)
    look_back_cost: float = Field(ge=0)
    topic_share: float = Field(ge=0, le=1)


class DateSettings(Table):
    max_words: int = Field(ge=1)
    distance_cost: float = Field(ge=0)
    crossing_cost: float = Field(ge=0)
    clause_cost: float = Field(ge=0)
    skip_roles: list[str]
    as_of_before: list[str]
    stock_words: list[str]
    open_start: list[str]
    open_gap: int = Field(ge=1)
    conjunction_cost: float = Field(default=0.0, ge=0)
    to_date: list[str]


class SubjectSettings(Table):
    max_words: int = Field(ge=1)
    complement: list[str]
    copulas: list[str]
    of_before: list[str]
    articles: list[str]
    drop: list[str]
    prepositions: list[str]
    particles: list[str]
    conjunctions: list[str]
    unit_word: str
    stop: list[str]
    headcount_context: list[str]


class BreakdownSettings(Table):
    count_nouns: list[str]
    back_openers: list[str]
    total_openers: list[str]
    inline_openers: list[str]
    complete_cues: list[str]
    total_labels: list[str]
    look_back: int = Field(ge=0)
    realised: list[str]
    budgeted: list[str]


class MeaningTable(Table):
    category: CategorySettings
    dates: DateSettings
    subject: SubjectSettings
    breakdown: BreakdownSettings


# --- taxonomy ---------------------------------------------------------------------------


class CategoryNode(Table):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1)
    parent: str | None = None
    needs_parent: bool = False
    cues: list[str] = []
    weak_cues: list[str] = []
    heads: list[str] = []
    patterns: list[list[dict[str, Any]]] = []
    gold_labels: list[str] = []
    meta_labels: list[str] = []

    @model_validator(mode="after")
    def _has_cues(self) -> CategoryNode:
        if not (self.cues or self.weak_cues or self.heads or self.patterns):
            raise ValueError(f"category {self.id!r} has no cues, heads or patterns")
        if self.needs_parent and self.parent is None:
            raise ValueError(f"category {self.id!r} needs a parent but has none")
        for pattern in self.patterns:
            if not pattern:
                raise ValueError(f"category {self.id!r} has an empty pattern")
        return self


class Taxonomy(Table):
    """A tree of categories; paths are the ids from the root down, joined by '/'."""

    category: list[CategoryNode] = Field(min_length=1)

    @model_validator(mode="after")
    def _tree(self) -> Taxonomy:
        ids = [c.id for c in self.category]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate category ids: {', '.join(dupes)}")
        known = set(ids)
        for c in self.category:
            if c.parent is not None and c.parent not in known:
                raise ValueError(f"category {c.id!r} has unknown parent {c.parent!r}")
        for c in self.category:
            seen = {c.id}
            node = c
            while node.parent is not None:
                if node.parent in seen:
                    raise ValueError(f"category {c.id!r} is its own ancestor")
                seen.add(node.parent)
                node = self.node(node.parent)
        return self

    def node(self, category_id: str) -> CategoryNode:
        for c in self.category:
            if c.id == category_id:
                return c
        raise KeyError(category_id)

    def path(self, category_id: str) -> str:
        """``"militaire_steun/eigen_voorraad"`` for ``"eigen_voorraad"``."""
        parts = [category_id]
        node = self.node(category_id)
        while node.parent is not None:
            parts.append(node.parent)
            node = self.node(node.parent)
        return "/".join(reversed(parts))

    def paths_for_gold(self, label: str) -> set[str]:
        """Paths of the categories that list ``label`` among their gold labels."""
        wanted = label.casefold().strip()
        return {self.path(c.id) for c in self.category
                if wanted in (g.casefold().strip() for g in c.gold_labels)}

    @cached_property
    def _meta_tops(self) -> dict[str, list[str]]:
        """Case-folded metadata label -> the top-level ids of the categories listing it,
        in taxonomy order."""
        tops: dict[str, list[str]] = {}
        for c in self.category:
            top = self.path(c.id).split("/")[0]
            for label in dict.fromkeys(m.casefold() for m in c.meta_labels):
                tops.setdefault(label, []).append(top)
        return tops

    def topics_for_meta(self, categories: Iterable[str]) -> list[str]:
        """Top-level ids that metadata categories ("Natuur en milieu | Energie") map to."""
        out: list[str] = []
        for value in categories:
            # The part after the "|" is the narrower one: it decides when it maps.
            for side in reversed([s.strip().casefold() for s in value.split("|")]):
                tops = self._meta_tops.get(side, [])
                out += [top for top in dict.fromkeys(tops) if top not in out]
                if tops:
                    break
        return out


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be read or is not a valid taxonomy."""


@cache
def status_table() -> StatusTable:
    return StatusTable.model_validate(rules.load("status.toml"))


@cache
def meaning_table() -> MeaningTable:
    return MeaningTable.model_validate(rules.load("meaning.toml"))


@cache
def _taxonomy_at(path: Path | None, _mtime: int) -> Taxonomy:
    name = str(path) if path is not None else "built-in taxonomy.toml"
    try:
        data = rules.load("taxonomy.toml") if path is None else tomllib.loads(
            path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"{name}: cannot read taxonomy: {exc}") from None
    try:
        return Taxonomy.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors())
        raise TaxonomyError(f"{name}: invalid taxonomy: {problems}") from None


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy in ``path``, or the built-in one; raises :class:`TaxonomyError`."""
    if path is None:
        return _taxonomy_at(None, 0)
    resolved = Path(path).resolve()
    try:
        mtime = resolved.stat().st_mtime_ns
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy: {exc.strerror}") from None
    return _taxonomy_at(resolved, mtime)


# --- what the component hands over -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word found in the text: a status name or a category path, with its weight."""

    label: str
    weight: float
    start: int
    end: int
    figures: frozenset[str] = frozenset({"amount", "headcount"})
    change: bool = False
    needs: str | None = None  # top-level topic the letter must have for this cue to count


@dataclass(slots=True)
class Breakdown:
    """Amounts announced as parts of a total."""

    total: Found
    parts: list[Found]
    complete: bool
    cue: str


@dataclass(slots=True)
class CheckResult:
    kind: str
    passed: bool
    difference: Decimal
    tolerance: Decimal
    message: str
    amounts: list[Found]


@dataclass(slots=True)
class Meaning:
    """Everything :func:`annotate` adds besides the attributes it sets on the figures."""

    breakdowns: list[Breakdown] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


# --- text helpers ----------------------------------------------------------------------

# Every word of a text (``\w[\w'’]*(?:-\w[\w'’]*)*``), in one match: the words are the
# captures of group 1.
_WORDS = regex.compile(r"(?:\W*+(\w[\w'’]*+(?:-\w[\w'’]*+)*+))*+")
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")


class _Text:
    """The text with its words, sentences and paragraphs, for distances and lookups."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.lower = patterns.lowered(text)
        words = _WORDS.match(text)
        self.words: list[tuple[int, int]] = words.spans(1) if words is not None else []
        self.word_starts = [s for s, _ in self.words]
        self.sentences = list(sentences) or [(0, len(text))]
        self.sent_starts = [s for s, _ in self.sentences]
        self.para_starts = [0] + [m.end() for m in _BLANK_LINE.finditer(
            text, timeout=regex_timeout(text))]

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def sentence(self, offset: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index(offset)]

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.para_starts, offset) - 1

    def words_between(self, a: int, b: int) -> int:
        if b <= a:
            return 0
        return bisect.bisect_left(self.word_starts, b) - bisect.bisect_left(self.word_starts, a)

    def words_before(self, offset: int, floor: int, n: int) -> list[str]:
        i = bisect.bisect_left(self.word_starts, offset)
        out = []
        for s, e in reversed(self.words[max(0, i - n) : i]):
            if s < floor:
                break
            out.append(self.lower[s:e])
        return list(reversed(out))

    def words_after(self, offset: int, ceiling: int, n: int) -> list[str]:
        i = bisect.bisect_left(self.word_starts, offset)
        return [self.lower[s:e] for s, e in self.words[i : i + n] if e <= ceiling]


def _ends_with(words: list[str], phrase: str) -> bool:
    target = phrase.split()
    return len(words) >= len(target) and words[len(words) - len(target) :] == target


@cache
def _phrase_regex(phrase: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\w){regex.escape(phrase)}(?!\w)")


def _has_phrase(haystack: str, phrase: str) -> bool:
    return phrase in haystack and _phrase_regex(phrase).search(
        haystack, timeout=regex_timeout(haystack)) is not None


@cache
def _longest_first(phrases: tuple[str, ...]) -> tuple[list[str], ...]:
    """``phrases`` split into words, those with the most words first."""
    return tuple(p.split() for p in sorted(phrases, key=lambda p: -len(p.split())))


@cache
def _by_first_word(phrases: tuple[str, ...]) -> dict[str, tuple[list[str], ...]]:
    """``phrases`` split into words (most words first) by their first word."""
    out: dict[str, list[list[str]]] = {}
    for parts in _longest_first(phrases):
        if parts:
            out.setdefault(parts[0], []).append(parts)
    return {first: tuple(group) for first, group in out.items()}


@cache
def _qualifier_words() -> tuple[list[str], ...]:
    return _longest_first(tuple(p.lower() for row in rules.qualifiers().qualifier
                                for p in row.phrases))


@cache
def _qualifiers_by_last_word() -> dict[str, tuple[list[str], ...]]:
    """The qualifier phrases (most words first) by their last word."""
    out: dict[str, list[list[str]]] = {}
    for target in _qualifier_words():
        if target:
            out.setdefault(target[-1], []).append(target)
    return {last: tuple(targets) for last, targets in out.items()}


def _strip_qualifiers(words: list[str]) -> list[str]:
    phrases = _qualifiers_by_last_word()
    changed = True
    while changed and words:
        changed = False
        for target in phrases.get(words[-1], ()):
            if len(words) >= len(target) and words[len(words) - len(target) :] == target:
                words = words[: len(words) - len(target)]
                changed = True
                break
    return words


class Figures:
    """Figures in text order, to count those inside a stretch of text quickly."""

    def __init__(self, t: _Text, figures: Iterable[Found]) -> None:
        self.figures = sorted(figures, key=lambda f: (f.start, f.end))
        self.starts = [f.start for f in self.figures]
        self.ends = [f.end for f in self.figures]
        # Words held by the figures before each index.
        self.words = [0]
        for f in self.figures:
            self.words.append(self.words[-1] + t.words_between(f.start, f.end))
        self.nested = any(a > b for a, b in itertools.pairwise(self.ends))
        self._nearest: dict[tuple[int, int, int], tuple[Found, list[tuple[int, Found]]]] = {}

    def inside(self, lo: int, hi: int, but: Found) -> tuple[int, int]:
        """How many figures but ``but`` lie in ``[lo, hi]``, and how many words they hold."""
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_right(self.starts, hi, i)
        if self.nested:
            count = words = 0
            for k in range(i, j):
                g = self.figures[k]
                if g.end <= hi and g is not but:
                    count += 1
                    words += self.words[k + 1] - self.words[k]
            return count, words
        k = bisect.bisect_right(self.ends, hi, i, j)
        count, words = k - i, self.words[k] - self.words[i]
        if lo <= but.start and but.end <= hi:
            at = bisect.bisect_left(self.starts, but.start, i, k)
            for m in range(at, k):
                if self.figures[m] is but:
                    count -= 1
                    words -= self.words[m + 1] - self.words[m]
                    break
        return count, words

    def closer(self, f: Found, d: Found, lo: int, hi: int) -> bool:
        """Whether a figure but ``f`` that starts in ``[lo, hi)`` lies nearer to ``d``."""
        key = (id(d), lo, hi)
        got = self._nearest.get(key)
        if got is None:
            i = bisect.bisect_left(self.starts, lo)
            j = bisect.bisect_left(self.starts, hi, i)
            # The entry holds ``d``, so no other object takes its id while it is kept.
            got = self._nearest[key] = (d, heapq.nsmallest(
                2, ((_gap(g, d), g) for g in self.figures[i:j]), key=lambda x: x[0]))
        nearest = got[1]
        for gap, g in nearest:
            if g is not f:
                return gap < _gap(f, d)
        return False


def _cost(t: _Text, f: Found, b: tuple[int, int], others: Figures,
          *, max_words: int, distance_cost: float, crossing_cost: float, clause_cost: float,
          clause_marks: Sequence[str]) -> float | None:
    """Cost of linking figure ``f`` to span ``b`` in one sentence, with the figures of
    ``others`` (but ``f``) in between; None beyond the window."""
    a = (f.start, f.end)
    if a[0] < b[1] and b[0] < a[1]:
        return 0.0
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    crossed, held = others.inside(lo, hi, f)
    n = t.words_between(lo, hi) - held
    if n > max_words:
        return None
    gap = t.text[lo:hi]
    marks = sum(gap.count(m) for m in clause_marks)
    return n * distance_cost + marks * clause_cost + crossed * crossing_cost


# --- rounding --------------------------------------------------------------------------

_NUMBER = regex.compile(r"\d[\d.\s\u00a0\u202f]*(?:,\d+)?")
_NON_DIGIT = regex.compile(r"\D")


def rounding(text: str, value: Decimal | None) -> Decimal:
    """Half a unit of the last digit written: the most rounding can have changed ``value``.

    >>> rounding("€ 8,7 miljard", Decimal("8700000000"))
    Decimal('50000000')
    >>> rounding("€ 179 miljoen", Decimal("179000000"))
    Decimal('500000')
    >>> rounding("een half miljard euro", Decimal("500000000"))
    Decimal('0')
    """
    if value is None:
        return Decimal(0)
    m = _NUMBER.search(text, timeout=regex_timeout(text))
    if m is None:
        return Decimal(0)
    digits = _NON_DIGIT.sub("", m.group().strip(), timeout=regex_timeout(text))
    if not digits or int(digits) == 0:
        return Decimal(0)
    half = abs(value) / Decimal(int(digits)) / 2
    return Decimal(format(half.normalize(), "f"))


# --- breakdowns ------------------------------------------------------------------------


@cache
def _count_noun_regex(nouns: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\w)(\d+|\w+)\s+(?:{rules.alternation(nouns)})(?!\w)")


@cache
def _label_regex(labels: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(rf"(?:{rules.alternation(labels)})")


def find_breakdowns(t: _Text, amounts: list[Found]) -> list[Breakdown]:
    """Amounts announced as parts of a total (``amounts`` in text order)."""
    cfg = meaning_table().breakdown
    timeout = regex_timeout(t.text)
    out: list[Breakdown] = []
    used: set[int] = set()
    if not amounts:
        return out
    amount_starts = [a.start for a in amounts]

    def usable(f: Found) -> bool:
        return f.attrs.get("value") is not None and f.attrs.get("high") is None

    def before(offset: int, sentence_floor: int) -> Found | None:
        floor = t.sentences[max(0, t.sentence_index(offset) - sentence_floor)][0]
        cands = [a for a in amounts if floor <= a.start and a.end <= offset and usable(a)]
        return cands[-1] if cands else None

    def add(total: Found | None, parts: list[Found], complete: bool, cue: str) -> None:
        parts = [p for p in parts if p is not total and usable(p) and id(p) not in used
                 and p.attrs.get("currency") == (total.attrs.get("currency") if total else None)]
        if total is None or not parts or id(total) in used:
            return
        if not complete and len(parts) == 1 and parts[0].attrs["value"] > total.attrs["value"]:
            return
        used.update(id(p) for p in parts)
        out.append(Breakdown(total, parts, complete, cue))

    # "Het gaat om 3 soorten steun." followed by the N parts.
    counted = (list(_count_noun_regex(tuple(cfg.count_nouns)).finditer(t.lower, timeout=timeout))
               if any(noun in t.lower for noun in cfg.count_nouns) else [])
    for m in counted:
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else parse_number_word(raw)
        if n is None or not 2 <= n <= 10:
            continue
        s_start, s_end = t.sentence(m.start())
        after = [a for a in amounts if a.start >= s_end]
        announced = after[:n]
        if len(announced) < n or (
                t.sentence_index(announced[-1].start) - t.sentence_index(s_end) > n + 2):
            continue
        add(before(s_start, cfg.look_back), announced, True, t.text[m.start() : m.end()])

    # A table row labelled "Totaal" after rows of amounts, one per line.
    labels = _label_regex(tuple(cfg.total_labels))
    for i, a in enumerate(amounts):
        line_start = t.text.rfind("\n", 0, a.start) + 1
        label = t.lower[line_start : a.start].strip(" \t:")
        if not labels.fullmatch(label):
            continue
        parts: list[Found] = []
        line = line_start
        for prev in reversed(amounts[:i]):
            rest = t.text[prev.end : line]
            if rest.strip() or rest.count("\n") != 1:
                break
            parts.insert(0, prev)
            line = t.text.rfind("\n", 0, prev.start) + 1
        add(a, parts, True, t.text[line_start : a.start].strip())

    sub = meaning_table().subject
    verbs = {w.lower() for w in sub.stop} - set(sub.prepositions)
    for s_start, s_end in t.sentences:
        inside = amounts[bisect.bisect_left(amount_starts, s_start) :
                         bisect.bisect_left(amount_starts, s_end)]
        if not inside:
            continue
        low = t.lower[s_start:s_end]
        back = next((o for o in cfg.back_openers if low.startswith(o + " ")), None)
        if back is not None:
            add(before(s_start, cfg.look_back), inside, False, t.text[s_start : s_start + len(back)])
            continue
        opener = next((o for o in cfg.total_openers if low.startswith(o + " ")), None)
        if opener is not None:
            between = t.words_after(s_start, inside[0].start, 12)[len(opener.split()) :]
            if len(between) <= 4 and not set(between) & verbs:
                add(inside[0], inside[1:], False, t.text[s_start : s_start + len(opener)])
                continue
        for cue in cfg.complete_cues + cfg.inline_openers:
            hit = _phrase_regex(cue).search(low, timeout=timeout) if cue in low else None
            if hit is None:
                continue
            pos = s_start + hit.start()
            head = [a for a in inside if a.end <= pos]
            tail = [a for a in inside if a.start >= pos]
            total = head[-1] if head else before(pos, cfg.look_back)
            add(total, tail, cue in cfg.complete_cues, t.text[pos : pos + len(cue)])
            break
    return out


# --- dates -----------------------------------------------------------------------------


def _iso_after(value: str, ref: dt.date) -> bool:
    """Whether a date (ISO at any precision) falls in a year after ``ref``'s year."""
    return int(value[:4]) > ref.year


def _by_sentence(t: _Text, found: Iterable[_Spanned]) -> dict[int, list[_Spanned]]:
    """``found`` (in its order) by the index of the sentence each one starts in."""
    out: dict[int, list[_Spanned]] = {}
    for x in found:
        out.setdefault(t.sentence_index(x.start), []).append(x)
    return out


def link_dates(t: _Text, figures: list[Found], dates: list[Found], letter_date: dt.date | None,
               kinds: dict[int, Figures]) -> None:
    """Set ``as_of``, ``period_start`` and ``period_end`` on each figure; ``kinds`` holds
    the figures of each one's kind."""
    cfg = meaning_table().dates
    marks = status_table().window.clause_marks
    conjunctions = set(meaning_table().subject.conjunctions)
    usable = _by_sentence(t, (d for d in dates if d.attrs.get("role") not in cfg.skip_roles
                              and (d.attrs.get("value") or d.attrs.get("end_value"))))
    phrases: dict[tuple[int, int], tuple[bool, bool]] = {}
    for f in figures:
        si = t.sentence_index(f.start)
        s_start, s_end = t.sentences[si]
        found = phrases.get((s_start, s_end))
        if found is None:
            sentence = t.lower[s_start:s_end]
            found = phrases[s_start, s_end] = (
                any(_has_phrase(sentence, w) for w in cfg.stock_words),
                letter_date is not None and any(_has_phrase(sentence, w) for w in cfg.to_date))
        stock = found[0] or f.attrs.get("nature") == "cumulative"
        best_as_of: tuple[float, str] | None = None
        best_period: tuple[float, str | None, str | None] | None = None
        others = kinds[id(f)]
        for d in usable.get(si, ()):
            if not (s_start <= d.start < s_end):
                continue
            cost = _cost(t, f, (d.start, d.end), others,
                         max_words=cfg.max_words, distance_cost=cfg.distance_cost,
                         crossing_cost=cfg.crossing_cost, clause_cost=cfg.clause_cost,
                         clause_marks=marks)
            if cost is None:
                continue
            if others.closer(f, d, s_start, s_end):
                cost += 0.5  # another figure stands closer to this date: a tie goes to it
            gap_words = t.lower[min(f.end, d.end) : max(f.start, d.start)].split()
            cost += cfg.conjunction_cost * sum(w in conjunctions for w in gap_words)
            value: str | None = d.attrs.get("value")
            end: str | None = d.attrs.get("end_value")
            lead = t.words_before(d.start, s_start, 3)
            lead_as_of = any(_ends_with(lead, w) for w in cfg.as_of_before)
            # "Tot en met 24 januari 2023 is ...": a period open at the start, ending on a day.
            to_day = value is None and end is not None and len(end) == 10
            if d.attrs.get("modifier") == "as_of" or d.attrs.get("role") == "as_of" or (
                    lead_as_of and (stock or to_day)):
                point = value if value and len(value) == 10 else (
                    end if value is None and end and len(end) == 10 else None)
                if point is not None:
                    if best_as_of is None or cost < best_as_of[0]:
                        best_as_of = (cost, point)
                    continue
            if value is not None and len(value) == 10 and d.attrs.get("kind") != "period":
                continue  # an event on one day, not a period a figure covers
            if d.attrs.get("kind") == "period":
                start, stop = value, end
            else:
                opened = any(w in cfg.open_start for w in t.words_before(d.start, s_start,
                                                                          cfg.open_gap))
                start, stop = value, (None if opened else value)
            if best_period is None or cost < best_period[0]:
                best_period = (cost, start, stop)
        if best_as_of is not None:
            f.attrs["as_of"] = best_as_of[1]
        elif letter_date is not None and found[1]:
            f.attrs["as_of"] = letter_date.isoformat()
        if best_period is not None:
            f.attrs["period_start"], f.attrs["period_end"] = best_period[1], best_period[2]


def _gap(a: Found, b: Found) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))


# --- status ----------------------------------------------------------------------------


def _is_level(t: _Text, f: Found) -> bool:
    w = status_table().window
    s_start, s_end = t.sentence(f.start)
    lead = _strip_qualifiers(t.words_before(f.start, s_start, 6))
    if lead and lead[-1] in w.level_before:
        return True
    follow = t.words_after(f.end, s_end, 1)
    return any(lead and lead[-1] == a and b in follow for a, b in w.level_pairs)


@cache
def _per_regex() -> regex.Pattern[str]:
    """The unit word and the word after it ("per opvangplek")."""
    unit = regex.escape(meaning_table().subject.unit_word)
    return regex.compile(rf"(?<!\w){unit}\s+(\w[\w-]*)")


def assign_status(t: _Text, figures: list[Found], others: Figures, cues: list[Cue],
                  kind: FigureKind, letter_date: dt.date | None,
                  totals: dict[int, Found]) -> None:
    """Set the status of each of ``figures`` (``others``: the same, to count between)."""
    table = status_table()
    w = table.window
    per_re = _per_regex()
    in_sentence = _by_sentence(t, cues)
    per_words: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for f in figures:
        si = t.sentence_index(f.start)
        s_start, s_end = t.sentences[si]
        level = kind == "amount" and _is_level(t, f)
        crossing = 0.0 if level else w.crossing_cost
        total = totals.get(id(f))
        best: tuple[float, str] | None = None
        caption = _caption(t, f)

        def consider(score: float, status: str) -> None:
            nonlocal best
            if score > 0 and (best is None or score > best[0]):
                best = (score, status)

        for c in in_sentence.get(si, ()):
            if kind not in c.figures or not (s_start <= c.start < s_end):
                continue
            if c.change and level:
                continue
            prev = t.words_before(c.start, s_start, 1)
            if prev and prev[0] in w.skip_after:
                continue
            if total is not None and min(c.start, f.start) <= total.start < max(c.end, f.end):
                continue  # a part does not borrow the cues of its total
            if caption is not None and caption[0] <= c.start < caption[1]:
                consider(c.weight - w.caption_cost, c.label)
                continue
            cost = _cost(t, f, (c.start, c.end), others,
                         max_words=w.max_words, distance_cost=w.distance_cost,
                         crossing_cost=crossing, clause_cost=w.clause_cost,
                         clause_marks=w.clause_marks)
            if cost is not None:
                consider(c.weight - cost, c.label)
        if kind == "amount":
            per = f.attrs.get("per")
            units = table.per_unit.time_units
            if per and per.split()[0].lower() not in units:
                consider(table.per_unit.weight, table.per_unit.status)
            found = per_words.get((s_start, s_end))
            if found is None:
                found = per_words[s_start, s_end] = [
                    (m.start(), m.end(), m.group(1)) for m in per_re.finditer(
                        t.lower, s_start, s_end, timeout=regex_timeout(t.lower))]
            for m_start, m_end, word in found:
                if word in units or word[0].isdigit():
                    continue
                cost = _cost(t, f, (m_start, m_end), others,
                             max_words=w.max_words, distance_cost=w.distance_cost,
                             crossing_cost=w.crossing_cost, clause_cost=w.clause_cost,
                             clause_marks=w.clause_marks)
                if cost is not None:
                    consider(table.per_unit.text_weight - cost, table.per_unit.status)
            start = f.attrs.get("period_start")
            if letter_date is not None and start and _iso_after(start, letter_date):
                consider(table.future.weight, table.future.status)
        if best is not None:
            f.attrs["status"] = best[1]
    for i, f in enumerate(figures):
        if f.attrs.get("status") is None and i and t.sentence(figures[i - 1].start) == t.sentence(
                f.start) and _restates(t, f):
            f.attrs["status"] = figures[i - 1].attrs.get("status")


def _restates(t: _Text, f: Found) -> bool:
    """Whether ``f`` restates the figure before it ("USD 500 miljoen, omgerekend € 430")."""
    lead = _strip_qualifiers(t.words_before(f.start, t.sentence(f.start)[0], 4))
    return any(_ends_with(lead, r) for r in status_table().window.restates)


def _row(t: _Text, f: Found) -> tuple[int, int] | None:
    """The line ``f`` stands on, when ``f`` ends it below another line (a table cell)."""
    line_end = t.text.find("\n", f.end)
    line_end = len(t.text) if line_end == -1 else line_end
    line_start = t.text.rfind("\n", 0, f.start) + 1
    if line_start == 0 or t.text[f.end : line_end].strip():
        return None
    return line_start, line_end


def _caption(t: _Text, f: Found) -> tuple[int, int] | None:
    """The first line of the table block ``f`` is a cell of, if it is one.

    A cell ends its line, and its block is a run of lines without a blank one between.
    """
    row = _row(t, f)
    if row is None:
        return None
    line_start = row[0]
    block_start = t.para_starts[t.paragraph(f.start)]
    s_start = t.sentence(f.start)[0]
    block_start = max(block_start, s_start)
    first_end = t.text.find("\n", block_start)
    if first_end == -1 or first_end >= line_start:
        return None
    return block_start, first_end


# --- categories ------------------------------------------------------------------------


def assign_categories(t: _Text, figures: list[Found], cues: list[Cue],
                      present: set[str]) -> None:
    cfg = meaning_table().category
    marks = status_table().window.clause_marks
    valid = _by_sentence(t, (c for c in cues if c.needs is None or c.needs in present))
    conjunctions = set(meaning_table().subject.conjunctions)
    others = Figures(t, figures)
    for f in figures:
        si = t.sentence_index(f.start)
        best: tuple[float, str] | None = None
        paragraph = t.paragraph(f.start)
        row = _row(t, f)
        for back in range(cfg.look_back + 1):
            if si - back < 0:
                break
            s_start, s_end = t.sentences[si - back]
            for c in valid.get(si - back, ()):
                if not (s_start <= c.start < s_end) or t.paragraph(c.start) != paragraph:
                    continue
                if back:
                    cost: float | None = back * cfg.look_back_cost
                else:
                    cost = _cost(t, f, (c.start, c.end), others,
                                 max_words=cfg.max_words, distance_cost=cfg.distance_cost,
                                 crossing_cost=cfg.crossing_cost, clause_cost=cfg.clause_cost,
                                 clause_marks=marks)
                if cost is None:
                    continue
                if not back:
                    if row is not None and not (row[0] <= c.start < row[1]):
                        cost += cfg.clause_cost  # a table cell: its row label comes first
                    gap = t.lower[min(f.end, c.end) : max(f.start, c.start)]
                    cost += cfg.soft_cost * gap.count(",") + cfg.conjunction_cost * sum(
                        w in conjunctions for w in gap.split())
                score = c.weight + cfg.depth_bonus * c.label.count("/") - cost
                if c.start >= f.end:
                    score += cfg.after_bonus
                if best is None or score > best[0]:
                    best = (score, c.label)
            if best is not None:
                break
        if best is not None:
            f.attrs["category"] = best[1]


# --- subjects --------------------------------------------------------------------------


@cache
def _subject_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """Stop words, single status words, and the phrases to drop (longest first)."""
    cfg = meaning_table().subject
    status_words = {w.lower() for row in status_table().cue for w in row.words if " " not in w}
    status_phrases = {w.lower() for row in status_table().cue for w in row.words if " " in w}
    stop = frozenset({w.lower() for w in cfg.stop} | status_words)
    drop = sorted({*cfg.drop, *status_phrases}, key=lambda d: -len(d.split()))
    return stop, frozenset(status_words), tuple(drop)


Token = tuple[int, int]


class Spans:
    """Character spans of the figures in a text, for overlap tests in logarithmic time.

    >>> spans = Spans([(10, 14), (2, 5)])
    >>> spans.covers(3), spans.covers(5), spans.crosses(6, 11), spans.crosses(5, 10)
    (True, False, True, False)
    """

    def __init__(self, spans: Iterable[Token]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end: list[int] = []
        for _, end in ordered:
            self._max_end.append(max(end, self._max_end[-1]) if self._max_end else end)

    def covers(self, pos: int) -> bool:
        """Some span has start <= pos < end."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._max_end[i] > pos

    def crosses(self, left: int, right: int) -> bool:
        """Some span has start < right and end > left."""
        i = bisect.bisect_left(self._starts, right) - 1
        return i >= 0 and self._max_end[i] > left

    def mark(self, text: str, words: list[Token], start: int, out: list[Token | None],
             limit: int | None, at: list[int] | None = None) -> int | None:
        """Append ``words`` (in text order, from ``start`` on) to ``out`` as ``_tokens``
        does: None before a word after a break or a span, None for a word a span covers.
        Returns where the last word ends, or None when ``out`` grew past ``limit`` first.
        With ``at``, appends where each word's entries begin in ``out``.

        The positions only grow, so the spans before each one are counted as it goes.
        """
        starts, max_end = self._starts, self._max_end
        n = len(starts)
        before = bisect.bisect_left(starts, start)  # spans that start before the word
        last = start
        for word in words:
            if limit is not None and len(out) > limit:
                return None
            if at is not None:
                at.append(len(out))
            s = word[0]
            while before < n and starts[before] < s:
                before += 1
            upto = before  # spans that start at the word or before it
            while upto < n and starts[upto] == s:
                upto += 1
            if (before and max_end[before - 1] > last) or _breaks(text, last, s):
                out.append(None)
            if upto and max_end[upto - 1] > s:
                if not out or out[-1] is not None:
                    out.append(None)
            else:
                out.append(word)
            last = word[1]
        return last


# Punctuation or a symbol between two words breaks a phrase.
_BREAK = regex.compile(r"[^\w\s'’-]")


def _breaks(text: str, start: int, end: int) -> bool:
    """Whether punctuation or a symbol stands in ``text[start:end]``."""
    gap = text[start:end]
    return gap not in ("", " ") and _BREAK.search(gap, timeout=1.0) is not None


def _word_range(t: _Text, start: int, end: int) -> tuple[int, int]:
    """The indices of the words that start at or after ``start`` and end by ``end``: all
    those that start before ``end`` but the last, which may run past it."""
    i = bisect.bisect_left(t.word_starts, start)
    j = bisect.bisect_left(t.word_starts, end, i)
    if j > i and t.words[j - 1][1] > end:
        j -= 1
    return i, j


class SentenceWords:
    """The words of each sentence read by :func:`_tokens` once, for all its figures.

    A sentence's words are marked in one pass on first use. The tokens of a stretch
    inside the sentence are those of its first word, marked from the stretch's start,
    then the marked entries of the words after it: a word's entries depend only on the
    word before it.
    """

    def __init__(self, t: _Text, blocked: Spans) -> None:
        self.t = t
        self.blocked = blocked
        self._marked: dict[int, tuple[int, list[Token | None], list[int]]] = {}
        self._context: dict[int, tuple[str, str] | None] = {}

    def context(self, index: int) -> tuple[str, str] | None:
        """The sentence's first headcount context word with the phrase after it; the
        spans cover every figure, so none is skipped besides them."""
        if index not in self._context:
            s_start, s_end = self.t.sentences[index]
            self._context[index] = _headcount_context(self.t, s_start, s_end, self.blocked,
                                                      (0, 0))
        return self._context[index]

    def _sentence(self, index: int) -> tuple[int, list[Token | None], list[int]]:
        """The index of the sentence's first word, its marked tokens, and where the
        entries of each word (and the end) begin among them."""
        got = self._marked.get(index)
        if got is None:
            s_start, s_end = self.t.sentences[index]
            i, j = _word_range(self.t, s_start, s_end)
            out: list[Token | None] = []
            at: list[int] = []
            self.blocked.mark(self.t.text, self.t.words[i:j], s_start, out, None, at)
            at.append(len(out))
            got = self._marked[index] = (i, out, at)
        return got

    def tokens(self, start: int, end: int) -> list[Token | None] | None:
        """``_tokens(t, start, end, blocked)``, or None when ``[start, end)`` is not inside
        one sentence."""
        t = self.t
        index = t.sentence_index(start)
        s_start, s_end = t.sentences[index]
        if not s_start <= start <= end <= s_end:
            return None
        i, j = _word_range(t, start, end)
        if j <= i:
            return [None] if _breaks(t.text, start, end) else []
        first, marked, at = self._sentence(index)
        out: list[Token | None] = []
        self.blocked.mark(t.text, t.words[i : i + 1], start, out, None)
        out += marked[at[i + 1 - first] : at[j - first]]
        if _breaks(t.text, t.words[j - 1][1], end):
            out.append(None)
        return out


def _tokens(t: _Text, start: int, end: int, blocked: Spans, limit: int | None = None,
            shared: SentenceWords | None = None) -> list[Token | None]:
    """Words in ``[start, end)``; None marks a break (punctuation, another figure or date).

    With ``limit``, the list stops as soon as it is longer than ``limit``. ``shared``
    gives the same list from the sentence's words marked once.
    """
    if shared is not None and limit is None:
        got = shared.tokens(start, end)
        if got is not None:
            return got
    out: list[Token | None] = []
    last = start
    text, words = t.text, t.words
    i, j = _word_range(t, start, end)
    # No figure or date inside [start, end): none inside any gap or word either.
    if not blocked.crosses(start, end):
        for word in words[i:j]:
            if limit is not None and len(out) > limit:
                return out
            s = word[0]
            if s != last:
                gap = text[last:s]
                if gap != " " and _BREAK.search(gap, timeout=1.0) is not None:
                    out.append(None)
            out.append(word)
            last = word[1]
    else:
        ended = blocked.mark(text, words[i:j], start, out, limit)
        if ended is None:
            return out
        last = ended
    if _breaks(text, last, end):
        out.append(None)
    return out


def _word(t: _Text, tok: Token | None) -> str | None:
    return None if tok is None else t.lower[tok[0] : tok[1]]


def _phrase(t: _Text, toks: list[Token | None], limit: int) -> list[Token]:
    """Leading words up to a stop word or a break; "en"/"of" join two content words."""
    cfg = meaning_table().subject
    stop, _, _ = _subject_words()
    out: list[Token] = []
    for i, tok in enumerate(toks):
        w = _word(t, tok)
        if tok is None or w is None or len(out) >= limit:
            break
        if w in cfg.conjunctions:
            nxt = _word(t, toks[i + 1]) if i + 1 < len(toks) else None
            if not out or nxt is None or nxt in stop:
                break
        elif w in stop:
            break
        out.append(tok)
    return out


@cache
def _normalise_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Articles, prepositions and particles."""
    cfg = meaning_table().subject
    return frozenset(cfg.articles), frozenset(cfg.prepositions), frozenset(cfg.particles)


@cache
def _drop_words() -> tuple[list[str], ...]:
    return tuple(d.split() for d in _subject_words()[2])


def _normalise(t: _Text, toks: Sequence[Token], sentence_start: int) -> str | None:
    """The words as a subject: drop-list phrases, leading articles and status modifiers out.

    A status word stays when it heads the phrase ("meerkosten van ..."), and goes when it
    modifies the next word ("gerealiseerde militaire steun").
    """
    _, status_words, _ = _subject_words()
    articles, preps, particles = _normalise_sets()
    drop = _drop_words()
    words = []
    for s, e in toks:
        w = t.text[s:e]
        if s == sentence_start and w[:1].isupper() and w[1:].islower():
            w = w.lower()
        words.append(w)
    changed = True
    while changed:
        changed = False
        lowered = [w.lower() for w in words]
        present = set(lowered)
        for d in drop:
            if d and d[0] not in present:
                continue
            n = len(d)
            at = next((i for i in range(len(words) - n + 1) if lowered[i : i + n] == d), None)
            if at is not None:
                del words[at : at + n]
                changed = True
                break
        if changed:
            continue
        for i, w in enumerate(words):
            if w.lower() in status_words and i + 1 < len(words) and (
                    words[i + 1].lower() not in preps):
                del words[i]
                changed = True
                break
        if not changed and words and (words[0].lower() in articles
                                      or words[0].lower() in preps):
            words = words[1:]
            changed = True
        if not changed and words and (words[-1].lower() in particles
                                      or words[-1].lower() in preps):
            words = words[:-1]
            changed = True
    return " ".join(words) or None


def _starts_with(t: _Text, toks: list[Token | None], phrases: Iterable[str]) -> int:
    """Number of leading tokens that spell one of ``phrases`` (longest), else 0."""
    candidates = _longest_first(tuple(phrases))
    words = [_word(t, tok) for tok in toks[: len(candidates[0]) if candidates else 0]]
    for parts in candidates:
        if words[: len(parts)] == parts:
            return len(parts)
    return 0


def _cell_label(t: _Text, f: Found, blocked: Spans) -> str | None:
    """The row label of a table cell ("Munitie 45.300"), when ``f`` ends its line."""
    row = _row(t, f)
    if row is None:
        return None
    line_start = row[0]
    toks = _tokens(t, line_start, f.start, blocked, limit=6)
    if None in toks or not 0 < len(toks) <= 6:
        return None
    return _normalise(t, [tok for tok in toks if tok is not None], line_start)


@cache
def _head_stop() -> frozenset[str]:
    """Words a noun phrase does not reach back across: stop words and change verbs."""
    cfg = meaning_table().subject
    changes = {w.lower() for row in status_table().cue if row.change for w in row.words}
    return frozenset(({w.lower() for w in cfg.stop} | changes) - set(cfg.prepositions))


def _head(t: _Text, toks: list[Token | None], *, stop_at_article: bool = False) -> list[Token]:
    """The noun phrase that ends ``toks``: back to a break, a verb or conjunction.

    Prepositions and status words stay inside ("De export naar België", "De meerkosten van
    de verlenging"); "en"/"of" join two content words ("werven en behouden").
    """
    cfg = meaning_table().subject
    stop = _head_stop()
    out: list[Token] = []
    for i in range(len(toks) - 1, -1, -1):
        w = _word(t, toks[i])
        if w is None or len(out) >= cfg.max_words:
            break
        if w in cfg.conjunctions:
            prev = _word(t, toks[i - 1]) if i else None
            if not out or prev is None or prev in stop:
                break
        elif w in stop:
            break
        tok = toks[i]
        assert tok is not None
        out.insert(0, tok)
        if stop_at_article and w in cfg.articles:
            break
    return out


def amount_subject(t: _Text, f: Found, blocked: Spans, previous: Found | None,
                   shared: SentenceWords | None = None) -> str | None:
    """What an amount is of, from the words around it; None when nothing fits.

    In order: a table row's label, a complement after it ("€ 179 miljoen bij aan
    NAVO-fondsen"), a noun it is "van" ("een budget van € 32 miljoen"), the subject of a
    linking verb ("De aankopen bedragen € 6,1 miljard"), a noun phrase right after it.
    ``previous`` is the amount before it in its sentence: nothing before that one counts.
    ``shared`` reads the words of the sentence once for all its amounts.
    """
    cfg = meaning_table().subject
    stop, status_words, _ = _subject_words()
    preps = set(cfg.prepositions)
    s_start, s_end = t.sentence(f.start)
    label = _cell_label(t, f, blocked)
    if label:
        return label
    after = _tokens(t, f.end, s_end, blocked, shared=shared)
    # Skip a unit ("per opvangplek"), status words and particles before a complement.
    while after and after[0] is not None:
        w = _word(t, after[0])
        if w == cfg.unit_word:
            after = after[2:]
            while after and after[0] is not None and _word(t, after[0]) not in stop and (
                    _word(t, after[0]) not in preps):
                after = after[1:]
        elif w in status_words or (w not in stop and _starts_with(t, after[1:], cfg.complement)
                                   and not _starts_with(t, after, cfg.complement)):
            after = after[1:]
        elif _starts_with(t, after, cfg.complement) and _starts_with(t, after[1:],
                                                                      cfg.complement):
            after = after[1:]  # a particle: "trekt € 115 miljoen uit voor herstel"
        else:
            break
    n = _starts_with(t, after, cfg.complement)
    if n:
        phrase = _normalise(t, _phrase(t, after[n:], cfg.max_words), s_start)
        if phrase:
            return phrase
    floor = max(s_start, previous.end) if previous is not None else s_start
    before = _tokens(t, floor, f.start, blocked, shared=shared)
    flat = [tok for tok in before if tok is not None]
    lead = _strip_qualifiers([t.lower[a:b] for a, b in flat])
    if before and before[-1] is not None and lead and lead[-1] in cfg.of_before:
        phrase = _normalise(t, _head(t, list(flat[: len(lead) - 1]), stop_at_article=True),
                            s_start)
        if phrase:
            return phrase
    words = [_word(t, tok) for tok in before]
    copulas = _by_first_word(tuple(cfg.copulas))
    middle_stop = stop - status_words
    for i in range(len(words) - 1, -1, -1):
        hit = next((c for c in copulas.get(words[i] or "", ()) if words[i : i + len(c)] == c),
                   None)
        if hit is None:
            continue
        middle = [tok for tok in before[i + len(hit) :] if tok is not None]
        core_words = _strip_qualifiers([t.lower[a:b] for a, b in middle])
        while core_words and core_words[-1] in preps:
            core_words.pop()
        core = middle[: len(core_words)]
        if core and not any(w in middle_stop for w in core_words):
            phrase = _normalise(t, core, s_start)
            if phrase:
                return phrase
        phrase = _normalise(t, _head(t, before[:i]), s_start)
        if phrase:
            return phrase
        break
    first = _word(t, after[0]) if after else None
    if first is not None and first not in stop and first not in preps:
        phrase = _normalise(t, _phrase(t, after, cfg.max_words), s_start)
        if phrase:
            return phrase
    return None


def headcount_subject(t: _Text, f: Found, blocked: Spans, shared: SentenceWords | None = None
                      ) -> str | None:
    """What a headcount counts: the phrase after it, with its unit, status word and the
    sentence's first context phrase. ``shared`` finds that context once per sentence.
    """
    cfg = meaning_table().subject
    _, status_words, _ = _subject_words()
    s_start, s_end = t.sentence(f.start)
    # The phrase (at most five words), a unit and its word, and a status word.
    after = _tokens(t, f.end, s_end, blocked, limit=8)
    noun = str(f.attrs.get("noun") or "").lower()
    stem = noun[: max(4, len(noun) - 2)]
    phrase: list[tuple[int, int]] = []
    for tok in after[:5]:
        if tok is None:
            break
        phrase.append(tok)
        if stem and stem in t.lower[tok[0] : tok[1]]:
            break
    else:
        phrase = phrase[:1]
    if not phrase:
        return None
    words = [t.text[s:e] for s, e in phrase]
    rest = after[len(phrase) :]
    if f.attrs.get("per") and rest and _word(t, rest[0]) == cfg.unit_word:
        words += [cfg.unit_word, *(t.text[s:e] for s, e in (x for x in rest[1:2] if x))]
        rest = rest[2:]
    if rest and rest[0] is not None and t.lower[rest[0][0] : rest[0][1]] in status_words:
        words.append(t.lower[rest[0][0] : rest[0][1]])
    if shared is not None:
        context = shared.context(t.sentence_index(f.start))
    else:
        context = _headcount_context(t, s_start, s_end, blocked, (f.start, f.end))
    if context is not None:
        words += context
    return " ".join(words)


def _headcount_context(t: _Text, s_start: int, s_end: int, blocked: Spans,
                       skip: tuple[int, int]) -> tuple[str, str] | None:
    """The first context word of the sentence outside the figures and ``skip`` with a
    phrase after it, and that phrase.

    The words after a word are what _tokens reads from the end of that word.
    """
    cfg = meaning_table().subject
    for k in range(bisect.bisect_left(t.word_starts, s_start), len(t.words)):
        s, e = t.words[k]
        if e > s_end:
            break
        word = t.lower[s:e]
        if word not in cfg.headcount_context or blocked.covers(s) or skip[0] <= s < skip[1]:
            continue
        toks = _tokens(t, e, s_end, blocked, limit=cfg.max_words)
        pp = _normalise(t, _phrase(t, toks, cfg.max_words), s_start)
        if pp:
            return word, pp
    return None


# --- checks ----------------------------------------------------------------------------


def _value(f: Found) -> Decimal | None:
    v = f.attrs.get("value")
    return v if isinstance(v, Decimal) and f.attrs.get("high") is None else None


def _tol(t: _Text, fs: Iterable[Found]) -> Decimal:
    return sum((rounding(t.text[f.start : f.end], _value(f)) for f in fs), Decimal(0))


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f")


def _overlaps(a: Found, b: Found) -> bool:
    a0, a1 = a.attrs.get("period_start"), a.attrs.get("period_end")
    b0, b1 = b.attrs.get("period_start"), b.attrs.get("period_end")
    if a.attrs.get("as_of") and not (a0 or a1):
        a0 = a1 = a.attrs["as_of"]
    if not (a0 or a1) or not (b0 or b1):
        return True
    lo_a, hi_a = (a0 or "0000")[:4], (a1 or "9999")[:4]
    lo_b, hi_b = (b0 or "0000")[:4], (b1 or "9999")[:4]
    return lo_a <= hi_b and lo_b <= hi_a


def run_checks(t: _Text, amounts: list[Found], breakdowns: list[Breakdown]
               ) -> list[CheckResult]:
    cfg = meaning_table().breakdown
    out: list[CheckResult] = []
    for b in breakdowns:
        total = _value(b.total)
        parts = [_value(p) for p in b.parts]
        if total is None or any(p is None for p in parts):
            continue
        summed = sum((p for p in parts if p is not None), Decimal(0))
        tol = _tol(t, [b.total, *b.parts])
        diff = summed - total
        if b.complete:
            passed = abs(diff) <= tol
            kind, verb = "sum", "add up to" if passed else "do not add up to"
        else:
            passed = diff <= tol
            kind, verb = "parts_within_total", "stay within" if passed else "exceed"
        written = " + ".join(t.text[p.start : p.end] for p in b.parts)
        out.append(CheckResult(kind, passed, diff, tol,
                               f"{written} = {_fmt(summed)} {verb} "
                               f"{t.text[b.total.start : b.total.end]} (difference {_fmt(diff)}, "
                               f"tolerance {_fmt(tol)})", [b.total, *b.parts]))
    in_relation = {id(p) for b in breakdowns for p in b.parts}
    budgets = [a for a in amounts if a.attrs.get("status") in cfg.budgeted and _value(a)
               and id(a) not in in_relation]
    for r in amounts:
        if r.attrs.get("status") not in cfg.realised or _value(r) is None:
            continue
        match = [b for b in budgets if b.attrs.get("category") == r.attrs.get("category")
                 and r.attrs.get("category") and b.attrs.get("currency") == r.attrs.get("currency")
                 and _overlaps(r, b)]
        if not match:
            continue
        budget = min(match, key=lambda b: abs(b.start - r.start))
        rv, bv = _value(r), _value(budget)
        assert rv is not None and bv is not None
        tol = _tol(t, [r, budget])
        diff = rv - bv
        passed = diff <= tol
        out.append(CheckResult(
            "realised_exceeds_budget", passed, diff, tol,
            f"{r.attrs['status']} {t.text[r.start : r.end]} "
            f"{'stays within' if passed else 'exceeds'} {budget.attrs['status']} "
            f"{t.text[budget.start : budget.end]} ({r.attrs.get('category')})",
            [r, budget]))
    groups: dict[tuple[Any, ...], list[Found]] = {}
    for a in amounts:
        if _value(a) is None or not a.attrs.get("subject") or not a.attrs.get("status"):
            continue
        key = (a.attrs["subject"].lower(), a.attrs["status"], a.attrs.get("as_of"),
               a.attrs.get("period_start"), a.attrs.get("period_end"), a.attrs.get("currency"),
               a.attrs.get("per"))
        groups.setdefault(key, []).append(a)
    related = {frozenset((id(b.total), id(p))) for b in breakdowns for p in b.parts}
    for group in groups.values():
        first = group[0]
        for other in group[1:]:
            if t.sentence(first.start) == t.sentence(other.start) or frozenset(
                    (id(first), id(other))) in related:
                continue
            fv, ov = _value(first), _value(other)
            assert fv is not None and ov is not None
            tol = _tol(t, [first, other])
            diff = ov - fv
            passed = abs(diff) <= tol
            out.append(CheckResult(
                "conflicting_values", passed, diff, tol,
                f"{first.attrs['subject']} ({first.attrs['status']}) is stated as "
                f"{t.text[first.start : first.end]} and as {t.text[other.start : other.end]}",
                [first, other]))
    return out


# --- everything together ---------------------------------------------------------------


def annotate(text: str, sentences: Sequence[tuple[int, int]], amounts: list[Found],
             headcounts: list[Found], dates: list[Found], status_cues: list[Cue],
             category_cues: list[Cue], letter_date: dt.date | None) -> Meaning:
    """Give every amount and headcount its meaning; return breakdowns, checks and topics.

    Sets ``status``, ``category``, ``as_of``, ``period_start``, ``period_end`` and
    ``subject`` in each figure's ``attrs`` (only when found). Without figures only the
    category cues count: they make the topics.
    """
    if not amounts and not headcounts:
        return Meaning(topics=letter_topics_from(category_cues, []))
    t = _Text(text, sentences)
    amounts = sorted(amounts, key=lambda f: (f.start, f.end))
    headcounts = sorted(headcounts, key=lambda f: (f.start, f.end))
    breakdowns = find_breakdowns(t, amounts)
    totals = {id(p): b.total for b in breakdowns for p in b.parts}
    amount_figures, headcount_figures = Figures(t, amounts), Figures(t, headcounts)
    kinds = {id(f): group for group in (amount_figures, headcount_figures)
             for f in group.figures}
    link_dates(t, amounts + headcounts, dates, letter_date, kinds)
    for b in breakdowns:
        for p in b.parts:
            for key in ("as_of", "period_start", "period_end"):
                if not any(p.attrs.get(k) for k in ("as_of", "period_start", "period_end")):
                    p.attrs[key] = b.total.attrs.get(key)
    assign_status(t, amounts, amount_figures, status_cues, "amount", letter_date, totals)
    assign_status(t, headcounts, headcount_figures, status_cues, "headcount", letter_date, {})
    topics_found = {c.label.split("/")[0] for c in category_cues if c.needs is None}
    assign_categories(t, amounts + headcounts, category_cues, topics_found)
    for b in breakdowns:
        for p in b.parts:
            if p.attrs.get("category") is None and b.total.attrs.get("category"):
                p.attrs["category"] = b.total.attrs["category"]
    blocked = Spans((f.start, f.end) for f in (*amounts, *headcounts, *dates))
    shared = SentenceWords(t, blocked)
    for i, f in enumerate(amounts):
        previous = amounts[i - 1] if i and t.sentence(amounts[i - 1].start) == t.sentence(
            f.start) else None
        subject = amount_subject(t, f, blocked, previous, shared)
        if subject is None and previous is not None and _restates(t, f):
            subject = previous.attrs.get("subject")
        if subject:
            f.attrs["subject"] = subject
    for f in headcounts:
        subject = headcount_subject(t, f, blocked, shared)
        if subject:
            f.attrs["subject"] = subject
    for b in breakdowns:
        for p in b.parts:
            if p.attrs.get("subject") is None and b.total.attrs.get("subject"):
                p.attrs["subject"] = b.total.attrs["subject"]
    checks = run_checks(t, amounts, breakdowns)
    topics = letter_topics_from(category_cues, amounts + headcounts)
    return Meaning(breakdowns, checks, topics)


def prepare() -> None:
    """Load the tables and compile the rules :func:`annotate` uses, ahead of the first
    document."""
    table = meaning_table()
    status_table()
    for phrase in (*table.dates.stock_words, *table.dates.to_date,
                   *table.breakdown.complete_cues, *table.breakdown.inline_openers):
        _phrase_regex(phrase)
    _count_noun_regex(tuple(table.breakdown.count_nouns))
    _label_regex(tuple(table.breakdown.total_labels))
    _per_regex()
    _longest_first(tuple(table.subject.complement))
    _by_first_word(tuple(table.subject.copulas))
    _qualifiers_by_last_word()
    _subject_words()
    _normalise_sets()
    _drop_words()
    _head_stop()

def letter_topics_from(cues: list[Cue], figures: list[Found]) -> list[str]:
    """Letter topics from the cues, then the top-level categories of its figures."""
    cfg = meaning_table().category
    scores: dict[str, float] = {}
    for c in cues:
        if c.needs is None:
            top = c.label.split("/")[0]
            scores[top] = scores.get(top, 0.0) + c.weight
    for f in figures:
        cat = f.attrs.get("category")
        if cat:
            top = cat.split("/")[0]
            scores[top] = scores.get(top, 0.0) + cfg.cue_weight
    if not scores:
        return []
    best = max(scores.values())
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return [k for k, v in ranked if v >= max(cfg.cue_weight, cfg.topic_share * best)]
