"""Compare two LetterRecords figure by figure: fact identity, matching and LetterDiff.

A fact's identity is its :class:`FactKey`: the kind of figure, its unit or currency,
status and category when the models carry them, and a *subject* made of the content
words around the number. Subjects survive rewording and reordering because they are
sets of words compared fuzzily, never positions or exact sentences.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Final

from pydantic import Field
from rapidfuzz import fuzz
from spacy.lang.nl.stop_words import STOP_WORDS

from briefparser import rules
from briefparser.models import (
    MENTION_FIELDS,
    Amount,
    DateMention,
    ExactDecimal,
    Headcount,
    LetterRecord,
    Mention,
    Percentage,
    Quantity,
    Record,
)

# Words that describe how a number is written, not what it counts; they must not
# make two mentions of the same figure look different.
VALUE_WORDS: Final = frozenset({
    "miljoen", "miljard", "mln", "mld", "mrd", "duizend", "honderd", "euro", "eur",
    "procent", "procentpunt", "procentpunten", "ongeveer", "bijna", "ruim", "circa", "ca",
    "zo", "n", "zo'n", "tenminste", "minste", "maximaal", "minimaal", "meer", "minder",
    "jl", "as", "a", "s", "stand", "per", "totaal", "tot", "nu", "toe",
})

# Clause boundaries inside a sentence: one sentence often states several figures
# ("€ 455 miljoen uit eigen voorraden, € 560 miljoen commerciële aankopen en ...").
_CLAUSE_BREAK: Final = re.compile(r"[,;:]|\s(?:en|maar|terwijl)\s|\s(?=waarvan\s)")

# Stop words that still tell figures apart: "waarvan € 2 miljard" is a part of a total.
MARKER_WORDS: Final = frozenset({"waarvan", "hiervan"})

LETTER_DATE_SUBJECT: Final[tuple[str, ...]] = ("briefdatum",)

MIN_SUBJECT_WORDS: Final = 2
"""A clause with fewer content words borrows the clauses before it (then after it)."""
_WORD: Final = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")

MATCH_THRESHOLD: Final = 60.0
"""Lowest subject similarity (0-100) at which two facts count as the same figure."""

CLAUSE_WEIGHT: Final = 0.7
"""Share of the clause around the number in the similarity; the rest is the sentence."""


class FactKind(StrEnum):
    """The kind of figure."""

    AMOUNT = "amount"
    DATE = "date"
    HEADCOUNT = "headcount"
    PERCENTAGE = "percentage"
    QUANTITY = "quantity"


class DiffStatus(StrEnum):
    """What happened to a fact between the old and the new letter."""

    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    UNCHANGED = "unchanged"


class FactKey(Record):
    """The identity of a fact, independent of wording and order."""

    kind: FactKind = Field(description="Kind of figure.")
    unit: str | None = Field(description="Currency, percent unit or counted noun.")
    status: str | None = Field(default=None, description="Status of the figure, when known.")
    category: str | None = Field(default=None, description="Category of the figure, when known.")
    subject: tuple[str, ...] = Field(
        description="Normalised content words of the clause around the number, sorted."
    )
    context: tuple[str, ...] = Field(
        description="Normalised content words of the whole sentence, sorted."
    )
    period: str | None = Field(
        default=None, description="Period or as-of date stated in the same sentence (ISO)."
    )


class FactValue(Record):
    """One side of a diff entry: the fact as one letter states it."""

    number: ExactDecimal | None = Field(description="Numeric value; null for dates and vague.")
    high: ExactDecimal | None = Field(default=None, description="Upper end of a range.")
    date: str | None = Field(default=None, description="ISO value of a date mention.")
    end_date: str | None = Field(default=None, description="End of a period mention.")
    qualifier: str | None = Field(default=None, description="Qualifier (approx, ...).")
    text: str = Field(description="The mention's text as written.")
    start: int = Field(ge=0, description="Character offset of the mention in its letter.")
    end: int = Field(ge=0, description="Character offset just past the mention.")
    sentence: str = Field(description="The sentence the mention stands in.")
    figure_status: str | None = Field(
        default=None, description="Status of the figure in this letter (begroot, geleverd, ...)."
    )
    category: str | None = Field(default=None, description="Category of the figure, if known.")
    as_of: str | None = Field(
        default=None, description="Period or as-of date in the same sentence (ISO), if any."
    )


class DiffEntry(Record):
    """One fact compared across the two letters."""

    kind: FactKind = Field(description="Kind of figure.")
    status: DiffStatus = Field(description="changed, added, removed or unchanged.")
    unit: str | None = Field(description="Currency, percent unit or counted noun.")
    subject: str = Field(description="Normalised subject words of the fact.")
    old: FactValue | None = Field(description="The fact in the old letter; null when added.")
    new: FactValue | None = Field(description="The fact in the new letter; null when removed.")
    absolute_difference: ExactDecimal | None = Field(
        default=None, description="new - old, for changed numeric facts."
    )
    relative_difference: ExactDecimal | None = Field(
        default=None, description="(new - old) / old, rounded to 4 decimals; null when old is 0."
    )
    similarity: float | None = Field(
        default=None, description="Subject similarity (0-100) of a matched pair."
    )
    status_change: str | None = Field(
        default=None, description="'old → new' when the figure's status changed "
        "(toegezegd → geleverd); null otherwise."
    )


class LetterRef(Record):
    """Which letter one side of the diff is."""

    source: str | None = Field(description="File name or other origin.")
    date: dt.date | None = Field(description="The letter's date.")
    sha256: str = Field(description="SHA-256 of the letter's text.")


class DiffSummary(Record):
    """Counts of entries per status."""

    changed: int = Field(ge=0, description="Facts present in both with a different value.")
    added: int = Field(ge=0, description="Facts only in the new letter.")
    removed: int = Field(ge=0, description="Facts only in the old letter.")
    unchanged: int = Field(ge=0, description="Facts present in both with the same value.")


class LetterDiff(Record):
    """The figure-by-figure difference between two letters."""

    old: LetterRef = Field(description="The older letter.")
    new: LetterRef = Field(description="The newer letter.")
    summary: DiffSummary = Field(description="Counts per status.")
    entries: tuple[DiffEntry, ...] = Field(
        description="Every fact: matched pairs in new-letter order, then removed facts."
    )


def normalise_word(word: str) -> str:
    """Lower case without diacritics.

    >>> normalise_word("Oekraïne")
    'oekraine'
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def content_words(text: str) -> tuple[str, ...]:
    """Sorted, de-duplicated content words: no numbers, stop words or value words.

    >>> content_words("Hiervan is geleverd uit eigen voorraden van Defensie")
    ('defensie', 'geleverd', 'hiervan', 'voorraden')
    """
    words = {normalise_word(w) for w in _WORD.findall(text)}
    return tuple(sorted(w for w in words if w in MARKER_WORDS or (
        len(w) > 1 and w not in STOP_WORDS and w not in VALUE_WORDS)))


_KINDS: dict[type[Mention], FactKind] = {
    Amount: FactKind.AMOUNT, DateMention: FactKind.DATE, Headcount: FactKind.HEADCOUNT,
    Percentage: FactKind.PERCENTAGE, Quantity: FactKind.QUANTITY,
}


def _kind(mention: Mention) -> FactKind:
    return _KINDS[type(mention)]


# Lowest similarity at which two facts with the same number count as one restated.
RESTATED_THRESHOLD = 35.0
# Points a pair of facts loses when their statuses, or their subcategories, differ.
STATUS_PENALTY = 10.0


def _unit(mention: Mention) -> str | None:
    if isinstance(mention, Amount):
        return mention.currency + (f"/{mention.per}" if mention.per else "")
    if isinstance(mention, Percentage):
        return mention.unit
    if isinstance(mention, Headcount):
        return person_head(mention.noun)
    if isinstance(mention, Quantity):
        return mention.noun
    return None


def person_head(noun: str) -> str:
    """The person noun a compound ends in: landmachtmilitair -> militair.

    >>> person_head("landmachtmilitair"), person_head("fte"), person_head("Kamerlid")
    ('militair', 'fte', 'lid')
    """
    low = noun.lower()
    return next((h for h in _heads_longest_first() if low.endswith(h)), low)


@cache
def _heads_longest_first() -> tuple[str, ...]:
    return tuple(sorted((h.lower() for h in rules.persons().heads), key=len, reverse=True))


def all_mentions(record: LetterRecord) -> list[Mention]:
    """Every mention of the record, in text order."""
    mentions: list[Mention] = [m for name in MENTION_FIELDS for m in getattr(record, name)]
    return sorted(mentions, key=lambda m: (m.start, m.end))


class _Fact:
    """A mention with its key, ready for matching."""

    def __init__(self, mention: Mention, key: FactKey, rank: float) -> None:
        self.mention = mention
        self.key = key
        self.rank = rank


def _clause(sentence: str, mention: Mention, others: Sequence[Mention]) -> str:
    """The clause of ``sentence`` that holds ``mention``, other figures blanked out.

    A clause with too few content words takes in neighbouring clauses, but not one
    that holds another figure of the same kind (that one has its own subject).
    """
    same_text = [m for m in others if m.text == mention.text]
    nth = same_text.index(mention) if mention in same_text else 0
    pos = -1
    for _ in range(nth + 1):
        pos = sentence.find(mention.text, pos + 1)
    if pos < 0:
        return sentence
    blanked = list(sentence)
    rivals = []
    for m in others:
        at = sentence.find(m.text)
        while at >= 0:
            blanked[at:at + len(m.text)] = "\0" * len(m.text)
            if type(m) is type(mention) and at != pos:
                rivals.append(at)
            at = sentence.find(m.text, at + 1)
    text = "".join(blanked)
    cuts = [0, *(b.end() for b in _CLAUSE_BREAK.finditer(text)), len(text) + 1]
    clauses = [(a, b) for a, b in itertools.pairwise(cuts) if a < b]
    here = next(i for i, (a, b) in enumerate(clauses) if a <= pos < b)

    def words(lo: int, hi: int) -> int:
        return len(content_words(text[clauses[lo][0]:clauses[hi][1]]))

    def free(i: int) -> bool:
        a, b = clauses[i]
        return not any(a <= r < b for r in rivals)

    lo = hi = here
    while words(lo, hi) < MIN_SUBJECT_WORDS and lo > 0 and free(lo - 1):
        lo -= 1
    while words(lo, hi) < MIN_SUBJECT_WORDS and hi < len(clauses) - 1 and free(hi + 1):
        hi += 1
    return text[clauses[lo][0]:clauses[hi][1]].replace("\0", " ")


def fact_keys(record: LetterRecord) -> list[tuple[Mention, FactKey]]:
    """The key of every mention in the record, in text order."""
    mentions = all_mentions(record)
    by_sentence: dict[str, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    keyed: list[tuple[Mention, FactKey]] = []
    for m in mentions:
        others = by_sentence[m.sentence]
        if isinstance(m, DateMention) and m.role == "letter_date":
            # The date line often shares a "sentence" with the opening words of the letter.
            subject = context = LETTER_DATE_SUBJECT
        else:
            # The subject the meaning component built is the steadiest across rewordings;
            # the clause around the number stands in for figures without one.
            stated = getattr(m, "subject", None)
            subject = content_words(stated) if stated else ()
            subject = subject or content_words(_clause(m.sentence, m, others))
            blanked = m.sentence
            for o in others:
                blanked = blanked.replace(o.text, " ")
            context = content_words(blanked)
        key = FactKey(
            kind=_kind(m), unit=_unit(m),
            status=getattr(m, "status", None), category=getattr(m, "category", None),
            subject=subject, context=context, period=_period(m, others),
        )
        keyed.append((m, key))
    return keyed


def _period(mention: Mention, others: Iterable[Mention]) -> str | None:
    stated = getattr(mention, "as_of", None) or getattr(mention, "period_start", None)
    if stated:
        return str(stated)
    dates = [o for o in others if isinstance(o, DateMention) and o is not mention
             and o.value is not None]
    as_of = [d for d in dates if "as_of" in (d.role, d.modifier)]
    chosen = as_of or [d for d in dates if d.kind == "period"]
    return chosen[0].value if chosen else None


def similarity(a: FactKey, b: FactKey) -> float:
    """Subject similarity 0-100 of two keys; 0 when kind, unit or the top of a known
    category differ.

    A different status or subcategory lowers the score but does not part the pair: a
    figure that moves from toegezegd to geleverd is the same figure, changed.
    """
    if (a.kind, a.unit) != (b.kind, b.unit):
        return 0.0
    if a.category and b.category and a.category.split("/")[0] != b.category.split("/")[0]:
        return 0.0
    clause = fuzz.token_sort_ratio(" ".join(a.subject), " ".join(b.subject))
    sentence = fuzz.token_set_ratio(" ".join(a.context), " ".join(b.context))
    score = CLAUSE_WEIGHT * clause + (1 - CLAUSE_WEIGHT) * sentence
    if a.status != b.status:
        score -= STATUS_PENALTY
    if a.category != b.category:
        score -= STATUS_PENALTY
    return round(max(score, 0.0), 2)


def _facts(record: LetterRecord) -> list[_Fact]:
    keyed = fact_keys(record)
    n = max(len(keyed) - 1, 1)
    return [_Fact(m, k, i / n) for i, (m, k) in enumerate(keyed)]


def match_facts(old: Sequence[_Fact], new: Sequence[_Fact]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching: best similarity first, then the smallest
    difference in relative position, then the earliest pair. A second pass pairs
    what is left when the number is the same: a figure restated in other words."""
    scores = {(i, j): similarity(o.key, n.key)
              for i, o in enumerate(old) for j, n in enumerate(new)}
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int, float]] = []

    def take(candidates: list[tuple[float, float, int, int]]) -> None:
        for neg, _, i, j in sorted(candidates):
            if i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                pairs.append((i, j, min(-neg, 100.0)))

    first = []
    for (i, j), score in scores.items():
        if score >= MATCH_THRESHOLD:
            # Equal periods (same as-of date, same year) make a pair more likely.
            o, n = old[i], new[j]
            bonus = 5.0 if o.key.period and o.key.period == n.key.period else 0.0
            first.append((-(score + bonus), abs(o.rank - n.rank), i, j))
    take(first)
    take([(-score, abs(old[i].rank - new[j].rank), i, j) for (i, j), score in scores.items()
          if i not in used_old and j not in used_new and score >= RESTATED_THRESHOLD
          and _same_number(old[i].mention, new[j].mention)])
    return pairs


def _same_number(a: Mention, b: Mention) -> bool:
    if isinstance(a, DateMention) or isinstance(b, DateMention):
        return False
    value_a, value_b = _number(a), _number(b)
    return value_a is not None and value_a == value_b


def _number(m: Mention) -> Decimal | None:
    value = getattr(m, "value", None)
    if isinstance(m, DateMention) or value is None:
        return None
    return Decimal(value)


def _high(m: Mention) -> Decimal | None:
    high = getattr(m, "high", None)
    return None if high is None else Decimal(high)


def fact_value(m: Mention, key: FactKey) -> FactValue:
    date = m if isinstance(m, DateMention) else None
    return FactValue(
        number=_number(m), high=_high(m),
        date=date.value if date else None,
        end_date=date.end_value if date else None,
        qualifier=getattr(m, "qualifier", None) or (date.modifier if date else None),
        text=m.text, start=m.start, end=m.end, sentence=m.sentence, as_of=key.period,
        figure_status=getattr(m, "status", None), category=getattr(m, "category", None),
    )


def _same_value(a: FactValue, b: FactValue) -> bool:
    return (a.number, a.high, a.date, a.end_date) == (b.number, b.high, b.date, b.end_date)


def _differences(a: FactValue, b: FactValue) -> tuple[Decimal | None, Decimal | None]:
    if a.number is None or b.number is None:
        return None, None
    absolute = b.number - a.number
    relative = None if a.number == 0 else (absolute / a.number).quantize(Decimal("0.0001"))
    return absolute, relative


def letter_ref(record: LetterRecord) -> LetterRef:
    meta = record.letter
    return LetterRef(source=meta.source, date=meta.date, sha256=meta.sha256)


def diff_records(old: LetterRecord, new: LetterRecord) -> LetterDiff:
    """Compare two letters figure by figure."""
    old_facts, new_facts = _facts(old), _facts(new)
    pairs = match_facts(old_facts, new_facts)
    by_new = {j: (i, score) for i, j, score in pairs}
    matched_old = {i for i, _, _ in pairs}
    entries: list[DiffEntry] = []
    for j, n in enumerate(new_facts):
        new_value = fact_value(n.mention, n.key)
        if j not in by_new:
            entries.append(_entry(n.key, DiffStatus.ADDED, None, new_value))
            continue
        i, score = by_new[j]
        o = old_facts[i]
        old_value = fact_value(o.mention, o.key)
        if _same_value(old_value, new_value) and _status_change(old_value, new_value) is None:
            entries.append(_entry(n.key, DiffStatus.UNCHANGED, old_value, new_value, score))
        else:
            absolute, relative = _differences(old_value, new_value)
            entries.append(_entry(n.key, DiffStatus.CHANGED, old_value, new_value, score,
                                  absolute, relative))
    for i, o in enumerate(old_facts):
        if i not in matched_old:
            entries.append(_entry(o.key, DiffStatus.REMOVED, fact_value(o.mention, o.key), None))
    counts = {s: sum(e.status is s for e in entries) for s in DiffStatus}
    return LetterDiff(
        old=letter_ref(old), new=letter_ref(new),
        summary=DiffSummary(changed=counts[DiffStatus.CHANGED], added=counts[DiffStatus.ADDED],
                            removed=counts[DiffStatus.REMOVED],
                            unchanged=counts[DiffStatus.UNCHANGED]),
        entries=tuple(entries),
    )


def _entry(key: FactKey, status: DiffStatus, old: FactValue | None, new: FactValue | None,
           score: float | None = None, absolute: Decimal | None = None,
           relative: Decimal | None = None) -> DiffEntry:
    change = _status_change(old, new) if old and new else None
    return DiffEntry(kind=key.kind, status=status, unit=key.unit, subject=" ".join(key.subject),
                     old=old, new=new, absolute_difference=absolute,
                     relative_difference=relative, similarity=score, status_change=change)


def _status_change(old: FactValue, new: FactValue) -> str | None:
    """"toegezegd → geleverd" when both letters state a status and they differ."""
    if old.figure_status and new.figure_status and old.figure_status != new.figure_status:
        return f"{old.figure_status} → {new.figure_status}"
    return None


def summary_line(diff: LetterDiff) -> str:
    """One line: "3 changed, 2 added, 1 removed, 7 unchanged"."""
    s = diff.summary
    return f"{s.changed} changed, {s.added} added, {s.removed} removed, {s.unchanged} unchanged"
