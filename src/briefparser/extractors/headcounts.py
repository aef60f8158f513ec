"""Headcounts (numbers of people) and quantities of things.

A count is a number followed, after at most a few adjectives, by the noun it
counts. The noun decides what the count is: a person noun (or a compound or
demonym ending in one) makes a headcount, a staff unit (fte, formatieplaatsen)
a headcount of posts, any other noun a quantity. A number with no noun of its
own borrows the noun of a nearby count when its context says it continues or
compares with that count ("2.350 mensen, ruim boven de afgesproken 2.000").
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

import regex
from pydantic import Field

from briefparser import patterns, rules
from briefparser.extractors.base import Claims, Found
from briefparser.normalize import parse_number_word, parse_quantity, regex_timeout
from briefparser.rules import alternation

PERSON = "person"
STAFF = "staff"
THING = "thing"


class PerTable(rules.Table):
    units: list[str]
    adverbs: dict[str, str]
    rate_words: list[str]


class VacancyTable(rules.Table):
    words: list[str]


class ElisionTable(rules.Table):
    before: list[str]
    after: list[str]
    group_nouns: list[str]
    inherit_qualifier: list[str]
    pair_connectors: list[str]
    list_connectors: list[str]
    max_fillers: int = Field(ge=0, le=4)
    age_cues: list[str]
    max_age: int = Field(ge=0)
    population_nouns: list[str]


class WordTable(rules.Table):
    not_persons: list[str]
    not_things: list[str]


class VagueTable(rules.Table):
    before: list[str]


class GrammarTable(rules.Table):
    range_connectors: list[str]
    range_openers: list[str]
    range_joiner: str
    ratio_joiners: list[str]
    year_before: list[str]
    staff_of: list[str]
    per: str


class CountTable(rules.Table):
    grammar: GrammarTable
    per: PerTable
    vague: VagueTable
    vacancy: VacancyTable
    elision: ElisionTable
    words: WordTable


@cache
def counts_table() -> CountTable:
    return CountTable.model_validate(rules.load("counts.toml"))


# --- Words -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexicon:
    lemmas: dict[str, tuple[str, str]]  # lower-case lemma -> (lemma, kind)
    plurals: dict[str, str]  # lower-case listed plural -> lower-case lemma


@cache
def _lexicon() -> _Lexicon:
    table = rules.persons()
    lemmas: dict[str, tuple[str, str]] = {}
    plurals: dict[str, str] = {}
    for kind, rows in ((PERSON, table.heads), (STAFF, table.staff_units)):
        for lemma, forms in rows.items():
            lemmas[lemma.lower()] = (lemma, kind)
            for form in forms:
                plurals[_fold(form)] = lemma.lower()
    return _Lexicon(lemmas, plurals)


@dataclass(frozen=True, slots=True)
class _SpacyWords:
    noun_exceptions: dict[str, list[str]]
    nouns: frozenset[str]
    others: frozenset[str]  # adjectives, verbs, adverbs
    adjectives: frozenset[str]


@cache
def _spacy_words() -> _SpacyWords:
    """Dutch word lists from spacy-lookups-data; empty when that package is missing."""
    try:
        from spacy.lookups import load_lookups

        lookups = load_lookups("nl", ["lemma_exc", "lemma_index"])
    except (ImportError, ValueError):
        return _SpacyWords({}, frozenset(), frozenset(), frozenset())
    index = lookups.get_table("lemma_index")
    exc = lookups.get_table("lemma_exc")
    others: set[str] = set()
    for pos in ("adj", "verb", "adv"):
        if pos in index:
            others.update(index[pos])
        if pos in exc:
            others.update(exc[pos])
    return _SpacyWords(
        noun_exceptions=dict(exc["noun"]) if "noun" in exc else {},
        nouns=frozenset(index["noun"]) if "noun" in index else frozenset(),
        others=frozenset(others),
        adjectives=frozenset(index["adj"]) if "adj" in index else frozenset(),
    )


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_VOWELS = "aeiouy"


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


def singular_forms(low: str) -> list[str]:
    """Candidate singulars of a lower-case Dutch plural noun, the word itself first.

    >>> singular_forms("soldaten")[:4]
    ['soldaten', 'soldate', 'soldat', 'soldaat']
    >>> "technicus" in singular_forms("technici")
    True
    >>> "functionaris" in singular_forms("functionarissen")
    True
    """
    out = [low, *_spacy_words().noun_exceptions.get(low, ())]
    if low.endswith("'s"):
        out.append(low[:-2])
    if low.endswith("s"):
        out.append(low[:-1])
    if low.endswith("i"):
        out.append(low[:-1] + "us")
    if low.endswith("en") and len(low) > 4:
        out.append(low[:-1])
        stem = low[:-2]
        stems = [stem]
        if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            stems.append(stem[:-1])
        if stem[-1] in "zv":
            stems.append(stem[:-1] + {"z": "s", "v": "f"}[stem[-1]])
        for s in stems:
            out.append(s)
            # Open syllable: soldaten -> soldaat, leraren -> leraar, matrozen -> matroos.
            if (len(s) >= 3 and s[-1] not in _VOWELS and s[-2] in "aeou"
                    and s[-3] not in _VOWELS):
                out.append(s[:-1] + s[-2] + s[-1])
    return out


@dataclass(frozen=True, slots=True)
class Noun:
    """A counted noun: its singular lemma, kind and whether it was written singular."""

    lemma: str
    kind: str
    singular: bool = False


def _direct(low: str) -> Noun | None:
    lex = _lexicon()
    if low in lex.plurals:
        lemma, kind = lex.lemmas[lex.plurals[low]]
        return Noun(lemma, kind)
    for i, form in enumerate(singular_forms(low)):
        if form in lex.lemmas:
            lemma, kind = lex.lemmas[form]
            return Noun(lemma, kind, singular=i == 0)
    return None


def _known_otherwise(low: str, tail_lemma: str) -> bool:
    """The whole word is a known word whose lemma does not end in the person noun.

    Keeps "examens" (examen) from being a compound of "mens", "geleden" of "leden".
    """
    words = _spacy_words()
    if low in words.others and low not in words.nouns:
        return True
    known = [form for form in singular_forms(low) if form in words.nouns]
    return bool(known) and not any(form.endswith(tail_lemma.lower()) for form in known)


@cache
def _not_persons() -> frozenset[str]:
    return frozenset(_fold(w) for w in counts_table().words.not_persons)


@cache
def noun_of(word: str) -> Noun | None:
    """The person noun or staff unit ``word`` is a form of, also compounds and demonyms.

    >>> noun_of("landmachtmilitairen")
    Noun(lemma='landmachtmilitair', kind='person', singular=False)
    >>> noun_of("Kamerleden").lemma
    'Kamerlid'
    >>> noun_of("Oekraïners").lemma
    'Oekraïner'
    >>> noun_of("fte").kind
    'staff'
    >>> noun_of("woningen") is None, noun_of("examens") is None
    (True, True)
    """
    low = _fold(word)
    if len(low) < 2 or low in _not_persons():
        return None
    capital = word[0].isupper() and not word.isupper()
    found = _direct(low)
    if found is not None:
        lemma = found.lemma
        if capital and found.kind == PERSON:
            lemma = lemma[0].upper() + lemma[1:]
        return replace(found, lemma=lemma)
    if "-" in word:
        head, _, tail = word.rpartition("-")
        part = noun_of(tail) if len(tail) >= 3 else None
        if part is not None:
            return replace(part, lemma=f"{head}-{part.lemma.lower()}")
        return noun_of(word.replace("-", "")) if head and tail else None
    for i in range(2, len(low) - 3):
        part = _direct(low[i:])
        if part is not None:
            if _known_otherwise(low, part.lemma):
                return None
            return replace(part, lemma=word[:i] + part.lemma.lower())
    if capital:
        for ending, singular in rules.persons().demonym.endings.items():
            if low.endswith(ending) and len(low) > len(ending) + 2:
                return Noun(word[: len(word) - len(ending)] + singular, PERSON)
    return None


def _adjective_base(low: str) -> list[str]:
    """Uninflected forms of an inflected adjective: militaire -> militair, grote -> groot."""
    out = [low]
    if low.endswith("ste") and len(low) > 5:
        out.append(low[:-3])  # superlative: rijkste -> rijk
    if low.endswith("er") and len(low) > 4:
        stem = low[:-3] if low.endswith("der") and low[-4] == "r" else low[:-2]
        out.append(stem)  # comparative: jonger -> jong, zwaarder -> zwaar
        if len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-2] in "aeou" and (
                stem[-3] not in _VOWELS):
            out.append(stem[:-1] + stem[-2] + stem[-1])
    for ending in ("sche", "e"):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            out.append(stem)
            if stem.endswith(("v", "z")):
                out.append(stem[:-1] + {"v": "f", "z": "s"}[stem[-1]])
            if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                out.append(stem[:-1])
            if len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-2] in "aeou" and (
                    stem[-3] not in _VOWELS):
                out.append(stem[:-1] + stem[-2] + stem[-1])
    return out


@cache
def _between_words() -> frozenset[str]:
    return frozenset(w.lower() for w in rules.persons().between.words)


@cache
def is_between(word: str) -> bool:
    """May ``word`` stand between a number and its noun ("45.000 Oekraïense militairen")?

    >>> is_between("Oekraïense"), is_between("extra"), is_between("brigade")
    (True, True, False)
    """
    low = _fold(word)
    if low in _between_words():
        return True
    if low in _stop_words():
        return False
    words = _spacy_words()
    if any(form in words.adjectives for form in _adjective_base(low)):
        return True
    if low in words.nouns:
        return False
    # Without spaCy's word lists the endings alone decide.
    endings = rules.persons().between.adjective_endings
    return any(low.endswith(e) for e in endings) and len(low) > 4 and (
        word[0].isupper() or _looks_participle(low) or not words.nouns)


_PARTICIPLE = regex.compile(r"(?:\p{L}{0,6}ge|be|ver|ont|her|er)\p{L}{2,30}(?<=[dt]|en|[dt]e)", regex.V1)


def _looks_participle(low: str) -> bool:
    return _PARTICIPLE.fullmatch(low) is not None


@cache
def _is_non_noun(word: str) -> bool:
    """A word that cannot be the counted noun: a stop word, verb, adjective or participle."""
    low = _fold(word)
    if low in _stop_words():
        return True
    words = _spacy_words()
    # Right after a number a word that can be a plural noun is one ("21.000 plekken").
    if any(form in words.nouns for form in singular_forms(low)):
        return False
    if low in words.others or is_between(word) or _looks_participle(low):
        return True
    # Unknown words: compounds and names are nouns when they look plural or have parts.
    return not (low.endswith(("en", "s")) or "-" in low or any(ch.isdigit() for ch in low))


# --- Numbers -----------------------------------------------------------------


def _phrases(words: list[str]) -> str:
    """Alternation of phrases, longest first, any whitespace between their words."""
    return "|".join(patterns.spaced(w) for w in sorted(words, key=lambda w: -len(w)))


@cache
def _count_regex() -> regex.Pattern[str]:
    num = patterns.number()
    scale = patterns.scale()
    grammar = counts_table().grammar
    openers = _phrases(grammar.range_openers)
    joiner = patterns.spaced(grammar.range_joiner)
    connectors = _phrases(grammar.range_connectors)
    return regex.compile(
        rf"""
        (?:
            (?P<vague>(?<![\p{{L}}]){patterns.vague()})
            # Typesetting splits a leading 1 from the rest in older OCR'd letters: "1 58".
          | (?P<ocr>(?<![\p{{L}}\d.,]|\p{{L}}-)1\x20\d{{2}}+(?![\d.,]|\x20\d))
          | (?<=(?<![\p{{L}}])(?:{openers})\s{{1,3}})
            (?P<t1>{num})(?:\s++(?P<tscale>{scale}))?+\s++(?:{joiner})\s++(?P<t2>{num})
          | (?P<num1>{num})(?:\s++(?P<scale1>{scale}))?+
            (?P<dash>[-–](?=\s))?+
            (?:(?:\s*+[-–]\s*+|\s++(?:{connectors})\s++)(?P<num2>{num}))?+
        )
        (?:\s++(?P<scale>{scale}))?+
        """,
        patterns.FLAGS | regex.IGNORECASE,
    )


@cache
def _number_heads() -> tuple[str, ...]:
    """The shortest number, fraction and vague words, case-folded: every such word begins
    with one of them ("een" also stands for "een half", "tien" for "tientallen")."""
    table = rules.numbers()
    words = {w.casefold().split()[0]
             for w in [*table.units, *table.multipliers, *table.fractions, *table.vague]}
    return tuple(sorted(w for w in words if not any(w != o and w.startswith(o) for o in words)))


@cache
def _count_trigger() -> regex.Pattern[str]:
    """Where a match of ``_count_regex`` may begin in the case-folded text: a digit not
    after another, or a number, fraction or vague word not after a letter a-z."""
    return patterns.trigger(r"(?<!\d)\d", rf"(?<![a-z]){patterns.literals(_number_heads())}")


def _trigger_positions(text: str, timeout: float | None) -> list[int] | None:
    """The offsets where ``_count_trigger`` matches, in order, less those of lone words
    that are no count (``_lone_word_no_count``); None when case folding changes the
    length of ``text``. Found without ``_count_trigger`` (see ``_word_starts``)."""
    low = patterns.folded(text)
    if low is None:
        return None
    words = [p for p in _word_starts(low) if not _lone_word_no_count(text, p)]
    digits = [start for start, _ in patterns.digit_runs(low, timeout)]
    if not words:
        return digits
    return sorted(digits + words)


@cache
def _head_search() -> tuple[re.Pattern[bytes], tuple[str, ...]]:
    """The ``_number_heads`` of ASCII letters as one pattern of a blank and a head, to
    search the line of ``_word_starts``; and the other heads."""
    heads = _number_heads()
    plain = [h for h in heads if h.isascii()]
    # The standard ``re`` skips ahead to its literal first blank; ``regex`` tries every offset.
    pattern = re.compile(b" " + patterns.literals(plain).encode("ascii"))
    return pattern, tuple(h for h in heads if not h.isascii())


# Latin-1 letters a-z kept, every other byte a blank.
_AZ_BYTES = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def _word_starts(low: str) -> list[int]:
    """Where a number, fraction or vague word may begin in the case-folded text: where
    one of ``_number_heads`` begins, not after a letter a-z.

    An ASCII head is found in a line of the text with only its letters a-z kept, after a
    blank put in front: offset ``i`` of the text is offset ``i + 1`` there, so a match of
    a blank and a head begins at the text's offset of the head.
    """
    pattern, others = _head_search()
    line = b" " + patterns.latin1(low)[0].translate(_AZ_BYTES)
    out = [m.start() for m in pattern.finditer(line)]
    for head in others:
        for i in patterns.find_all(low, head):
            if i == 0 or not "a" <= low[i - 1] <= "z":
                out.append(i)
    return out


@lru_cache(maxsize=1024)
def _value(number: str, scale: str | None) -> int | None:
    d = parse_quantity(number, scale)
    if d is None or d != d.to_integral_value() or d < 0:
        return None
    return int(d)


def _tail_multiplier(word: str) -> int:
    """The multiplier a written number ends in: "zesduizend" -> 1000 (for "vijf- tot zesduizend")."""
    low = word.lower()
    for mult, value in sorted(rules.numbers().multipliers.items(), key=lambda kv: -kv[1]):
        if low.endswith(mult) and low != mult:
            return value
    return 1


_GLUED = regex.compile(r"[-–]?\p{L}", regex.V1)


@cache
def _rate_regex() -> regex.Pattern[str]:
    words = _phrases(counts_table().per.rate_words)
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{words})\s++$", regex.V1)


def _is_rate_base(text: str, start: int) -> bool:
    """"per 1.000 inwoners": the base of a rate, not a count."""
    lo = max(0, start - 20)
    return _tails("rate").may_end(text, lo, start) and (
        _rate_regex().search(text[lo:start], timeout=1.0) is not None)


@cache
def _vague_before() -> regex.Pattern[str]:
    words = _phrases(counts_table().vague.before)
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{words})\s++$", regex.V1)


def _is_vague_multiple(text: str, start: int, number: str) -> bool:
    """A bare multiplier after a vague word: "een paar honderd", "enkele duizend"."""
    if number.lower() not in rules.numbers().multipliers:
        return False
    return _vague_before().search(text[max(0, start - 20) : start], timeout=1.0) is not None


@cache
def _ratio_regex() -> regex.Pattern[str]:
    joiners = _phrases(counts_table().grammar.ratio_joiners)
    return regex.compile(
        rf"(?i)(?<![\p{{L}}\d])(\d{{1,3}}+|\p{{L}}{{2,20}}+)\s++(?:{joiners})\s++$", regex.V1)


def _is_ratio(text: str, start: int) -> bool:
    """"één op de vijf leerlingen": the number after "op de" is a ratio's denominator."""
    lo = max(0, start - 30)
    if not _tails("ratio").may_end(text, lo, start):
        return False
    m = _ratio_regex().search(text[lo:start], timeout=1.0)
    if m is None:
        return False
    first = m.group(1).lower().replace("é", "e")
    return first.isdigit() or parse_number_word(first) is not None


# --- Finding counts ----------------------------------------------------------

_TOKEN = regex.compile(r"\s*+(?:(?P<word>[\p{L}][\p{L}\p{M}\d'’\-]*+)|(?P<other>\S))", regex.V1)


# The white space of ``\s`` in ASCII, and what may follow a word's first letter there.
_ASCII_SPACE = " \t\n\r\x0b\x0c"
_WORD_REST = string.ascii_letters + string.digits + "'-"


def _next_word(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """The word after ``pos`` (past white space, before ``limit``) as ``_TOKEN`` reads
    it, and where it ends; None when something else comes first."""
    rest = text[pos:limit].lstrip(_ASCII_SPACE)
    if rest[:1].isascii():
        if not rest[:1].isalpha():
            return None
        after = rest.lstrip(_WORD_REST)
        if after[:1].isascii():
            return rest[: len(rest) - len(after)], limit - len(after)
    m = _TOKEN.match(text, pos, limit)
    if m is None or m.group("other") is not None:
        return None
    return m.group("word"), m.end()


@dataclass(slots=True)
class _Count:
    start: int
    end: int
    value: int | None
    high: int | None
    kind: str | None  # PERSON, STAFF, THING; None: no noun of its own
    noun: str | None  # lemma for people and staff, word as written for things
    bare: bool  # followed by punctuation or a word that is no noun
    qualifier: str | None
    per: str | None = None
    of: str | None = None
    year_like: bool = False
    qualifier_start: int = 0  # where the qualifier before it begins; its start without one


@dataclass(slots=True)
class _Scan:
    kind: str | None
    noun: str | None
    end: int
    bare: bool
    between: list[str]
    word: str = ""


def _scan_noun(text: str, pos: int, value: int | None) -> _Scan:
    """Find the counted noun after a number, past at most a few adjectives."""
    max_between = rules.persons().between.max_between
    between: list[str] = []
    limit = min(len(text), pos + 200)
    while True:
        token = _next_word(text, pos, limit)
        if token is None:
            return _Scan(None, None, pos, True, between)
        word, end = token
        word = word.rstrip("'’-")
        noun = noun_of(word)
        if noun is not None and not (noun.singular and value is not None and value > 1):
            return _Scan(noun.kind, noun.lemma, end, False, between, word)
        if len(between) < max_between and is_between(word):
            between.append(word)
            pos = end
            continue
        if noun is None and _is_thing(word):
            return _Scan(THING, word.lower(), end, False, between, word)
        return _Scan(None, None, pos, noun is None and _is_non_noun(word), between)


@cache
def _not_things() -> frozenset[str]:
    units = set(rules.dates().months) | set(rules.numbers().scales) | set(rules.numbers().units)
    listed = set(counts_table().words.not_things)
    return frozenset(w.lower() for w in _stop_words() | units | listed)


@cache
def _is_thing(word: str) -> bool:
    low = _fold(word)
    if low in _not_things() or len(low) < 3 or _is_non_noun(word):
        return False
    return word[0].islower() or "-" in word


def _is_year(number: str, value: int | None) -> bool:
    return value is not None and 1900 <= value <= 2100 and number.isdigit()


@cache
def _year_before() -> regex.Pattern[str]:
    words = _phrases(counts_table().grammar.year_before)
    return regex.compile(rf"(?i)(?<![\p{{L}}])(?:{words})\s++$", regex.V1)


@cache
def _per_regex() -> regex.Pattern[str]:
    table = counts_table().per
    return regex.compile(
        rf"(?i)(?<![\p{{L}}])(?:per\s++(?P<unit>{alternation(table.units)})"
        rf"|(?P<adverb>{alternation(list(table.adverbs))}))(?![\p{{L}}])",
        regex.V1,
    )


@cache
def _per_after() -> regex.Pattern[str]:
    per = patterns.spaced(counts_table().grammar.per)
    return regex.compile(rf"(?i)\A\s++{per}\s++(\p{{L}}{{2,30}}+)", regex.V1)


@cache
def _of_after() -> regex.Pattern[str]:
    words = _phrases(counts_table().grammar.staff_of)
    return regex.compile(rf"(?i)\A\s++(?:{words})\s++(\p{{L}}[\p{{L}}'’-]{{1,40}}+)", regex.V1)


def _per(text: str, sentence_start: int, start: int, noun_end: int) -> str | None:
    m = _per_after().match(text[noun_end : noun_end + 50])
    if m:
        return m.group(1).lower()
    found = None
    lo = max(sentence_start, start - _REACH)
    for hit in _per_regex().finditer(text, lo, start, timeout=1.0):
        if hit.group("unit"):
            found = hit.group("unit").lower()
        else:
            found = counts_table().per.adverbs[hit.group("adverb").lower()]
    return found


def _staff_of(text: str, pos: int) -> str | None:
    m = _of_after().match(text[pos : pos + 60])
    if m is None:
        return None
    noun = noun_of(m.group(1))
    return noun.lemma if noun is not None and noun.kind == PERSON else None


@cache
def _vacancy_words() -> frozenset[str]:
    return frozenset(_fold(w) for w in counts_table().vacancy.words)


def _is_vacancy(text: str, scan: _Scan) -> bool:
    after = [w.group(0).rstrip(".") for w in _WORD.finditer(text, scan.end, scan.end + 60, timeout=1.0)][:3]
    return any(_fold(w) in _vacancy_words() for w in [*scan.between, *after])


_WORD = regex.compile(r"[\p{L}][\p{L}'’.-]*+", regex.V1)
_SENTENCE_END = regex.compile(r"[.!?]\s++(?=[\p{Lu}\d(])|\n\s*+\n", regex.V1)


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text``, a simple split for use without spaCy."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text, timeout=regex_timeout(text)))]


def find_counts(
    text: str, claims: Claims, starts: Sequence[int] | None = None
) -> tuple[list[Found], list[Found]]:
    """Headcounts and quantities of ``text``; ``starts`` are its sentence starts."""
    starts = sorted(starts) if starts is not None else sentence_starts(text)
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    counts = _read_counts(text, claims, starts)
    _resolve_elided(text, counts, starts)
    heads: list[Found] = []
    things: list[Found] = []
    for c in counts:
        if c.kind in (PERSON, STAFF) and c.noun is not None:
            claims.claim(c.start, c.end)
            heads.append(Found("headcount", c.start, c.end, {
                "value": c.value, "high": c.high, "noun": c.noun, "qualifier": c.qualifier,
                "vague": c.value is None, "per": c.per, "of": c.of,
            }))
        elif c.kind == THING and c.noun is not None and c.value is not None:
            things.append(Found("quantity", c.start, c.end, {
                "value": Decimal(c.value), "noun": c.noun, "qualifier": c.qualifier,
            }))
    return heads, things


def _sentence_of(starts: Sequence[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


# A match of ``_count_regex``: where it begins and ends, and its named groups.
_Match = tuple[int, int, dict[str, Any]]


def _read_counts(text: str, claims: Claims, starts: Sequence[int]) -> list[_Count]:
    out: list[_Count] = []
    matches = _Matches(text, claims)
    pos = 0
    while True:
        found = matches.next(pos)
        if found is None:
            return out
        start, pos, groups = found
        ocr = groups["ocr"] is not None
        # A match in claimed text is no count; only reading an OCR match can move ``pos``.
        if not ocr and not claims.free(start, pos):
            continue
        count = _read_one(text, found, starts)
        if count is None:
            if ocr:
                pos = start + 2
            continue
        if not claims.free(count.start, count.end):
            continue
        out.append(count)


class _Matches:
    """The matches of ``_count_regex`` in a text, tried only at ``_trigger_positions``.

    Matches that cannot become a count are skipped where skipping them leaves the rest
    as it is: those that begin in claimed text, when none of them can reach the next
    free trigger, and a lone word that is no number ("een", "tweede"). A plain run of
    digits is read directly.
    """

    def __init__(self, text: str, claims: Claims) -> None:
        self.text = text
        self.claims = claims
        self.timeout = regex_timeout(text)
        self.positions = _trigger_positions(text, self.timeout)
        self.i = 0  # the index in ``positions`` to go on from
        self.open_until = 0  # the claimed triggers before this index may reach a free one

    def next(self, pos: int) -> _Match | None:
        """The first match at or after ``pos`` (``_count_regex().search(text, pos)``)."""
        text, claims, positions = self.text, self.claims, self.positions
        rx = _count_regex()
        if positions is None:
            m = rx.search(text, pos, timeout=self.timeout)
            return None if m is None else (m.start(), m.end(), m.groupdict())
        n = len(positions)
        i = bisect.bisect_left(positions, pos, self.i)
        while i < n:
            p = positions[i]
            digit = "0" <= text[p] <= "9"
            if not claims.free(p, p + 1):
                if i >= self.open_until:
                    j = i + 1
                    while j < n and not claims.free(positions[j], positions[j] + 1):
                        j += 1
                    if j == n or _sealed(text, positions[j - 1] + 1, positions[j]):
                        i = j
                        continue
                    self.open_until = j
            elif digit:
                end = _plain_number_end(text, p)
                if end == p:
                    i += 1
                    continue
                if end is not None:
                    self.i = i + 1
                    return p, end, {**_no_groups(), "num1": text[p:end]}
            m = rx.match(text, p)
            if m is not None:
                self.i = i + 1
                return p, m.end(), m.groupdict()
            i += 1
        self.i = i
        return None


@cache
def _no_groups() -> dict[str, Any]:
    return dict.fromkeys(_count_regex().groupindex)


def _plain_number_end(text: str, p: int) -> int | None:
    """Where the match at ``p`` ends when it is a plain run of ASCII digits, ``p`` when
    there is no match there; None when only the regex can tell."""
    ahead = text[p : p + 13]
    end = p + len(ahead) - len(ahead.lstrip(string.digits))
    if end - p > 12 or _reaches(text, end):
        return None
    if p > 0:
        # The digits may not follow a letter, digit, dot, comma, slash or "letter-".
        c = text[p - 1]
        if not c.isascii():
            return None
        if c.isalnum() or c in ".,/_":
            return p
        if c == "-" and p > 1:
            c = text[p - 2]
            if not c.isascii():
                return None
            if c.isalpha():
                return p
    return end


@cache
def _continuations() -> frozenset[str]:
    """Words besides numbers that a count can go on with after a space: scale words,
    range words and the rest of a fraction ("een half")."""
    numbers = rules.numbers()
    grammar = counts_table().grammar
    phrases = [*numbers.scales, *grammar.range_connectors, grammar.range_joiner,
               *(f.split(maxsplit=1)[1] for f in numbers.fractions if " " in f.strip())]
    return frozenset(w.lower() for phrase in phrases
                     for w in regex.findall(r"\p{L}++", phrase, timeout=1.0))


# How far the checks below look for the end of a word or of white space; past it they
# assume the worst.
_LOOK = 64
# Characters that a count may hold anywhere: ASCII letters, digits and number marks.
_PLAIN = string.ascii_letters + string.digits + ".,-/"


def _reaches(text: str, i: int) -> bool:
    """Whether a match of ``_count_regex`` that begins before ``i`` may take in the
    character at ``i``. Only plain ASCII is ruled out; anything else may."""
    c = text[i : i + 1]
    if not c:
        return False
    if not c.isspace():
        return not c.isascii() or c in _PLAIN
    # Past a space a count goes on only with a digit, a dash, one of a few words, or a
    # number after a dash or range word.
    ahead = text[i : i + _LOOK]
    rest = ahead.lstrip()
    if not rest:
        return len(ahead) == _LOOK
    c = rest[0]
    if not c.isascii() or c.isdigit() or c == "-":
        return True
    if not c.isalpha():
        return False
    after = rest.lstrip(string.ascii_letters)
    if after[:1].isalpha() or (not after and len(ahead) == _LOOK):
        return True
    always, after_joint = _goes_on_with(rest[: len(rest) - len(after)])
    return always or (after_joint and _after_joint(text, i))


@lru_cache(maxsize=4096)
def _goes_on_with(word: str) -> tuple[bool, bool]:
    """Whether a count may go on with ``word`` (ASCII letters) after a space: always (a
    scale or range word, the rest of a fraction), or only after a dash or range word (a
    number word)."""
    low = word.lower()
    if low in _continuations():
        return True, False
    return False, low.startswith(_number_heads())


def _after_joint(text: str, i: int) -> bool:
    """Whether the space at ``i`` may follow a dash or range word ("tot", "en"), after
    which a count goes on with a number."""
    lo = max(0, i - _LOOK)
    behind = text[lo:i].rstrip()
    if not behind:
        return lo > 0
    c = behind[-1]
    if not c.isascii() or c == "-":
        return True
    before = behind.rstrip(string.ascii_letters)
    if before[-1:].isalpha() or (not before and lo > 0):
        return True
    return behind[len(before) :].lower() in _continuations()


def _sealed(text: str, lo: int, hi: int) -> bool:
    """Whether a character in text[lo:hi] stops every match that begins before it."""
    x = lo
    while x < hi:
        c = text[x]
        ahead = text[x : min(hi, x + _LOOK)]
        if c.isspace():
            # A run of spaces reaches on or stops as a whole: its first space tells.
            if not _reaches(text, x):
                return True
            x += len(ahead) - len(ahead.lstrip())
        elif c.isascii() and c not in _PLAIN:
            return True
        else:
            x += max(1, len(ahead) - len(ahead.lstrip(_PLAIN)))
    return False


def _lone_word_no_count(text: str, p: int) -> bool:
    """Whether the match at ``p``, if any, is a word on its own that is no count.

    Only words of ASCII letters are judged; the word is known when nothing after it can
    continue the match.
    """
    ahead = text[p : p + 41]
    after = ahead.lstrip(string.ascii_letters)
    end = p + len(ahead) - len(after)
    if end == p or end - p > 40 or after[:1].isalpha():
        return False
    return _no_count_alone(text[p:end]) and not _reaches(text, end)


@lru_cache(maxsize=1024)
def _no_count_alone(word: str) -> bool:
    """``_read_one`` gives nothing for ``word`` matched on its own, whatever its context:
    it is no match, the article "een", or no number ("tweede")."""
    m = _count_regex().match(word)
    if m is None:
        return True
    first = m.group("num1")
    if first is None or m.end() != len(word):
        return False
    if parse_number_word(first) == 1:
        return True
    if first.lower() in rules.numbers().multipliers:
        return False  # may be vague: "een paar honderd"
    return _value(first, None) is None


def _read_one(text: str, found: _Match, starts: Sequence[int]) -> _Count | None:
    start, end, g = found
    high: int | None = None
    year_like = False
    if g["vague"]:
        value = None
    elif g["ocr"]:
        value = int(g["ocr"].replace(" ", ""))
    else:
        first = g["num1"] or g["t1"]
        second = g["num2"] or g["t2"]
        scale = g["scale"]
        own_scale = g["scale1"] or g["tscale"]
        if first.isalpha() and parse_number_word(first) == 1 and not (second or scale or own_scale):
            return None  # the article, or its stressed form
        if _is_ratio(text, start) or _is_rate_base(text, start):
            return None
        value = _value(first, own_scale or scale)
        if second:
            high = _value(second, scale)
            if g["dash"] and value is not None:
                # "vijf- tot zesduizend": the first number shares the second's ending.
                value *= _tail_multiplier(second)
        if not second and not own_scale and _is_vague_multiple(text, start, first):
            value = None  # "een paar honderd militairen"
        elif value is None or (second and high is None):
            return None
        year_like = not second and not scale and not own_scale and _is_year(first, value)
        if year_like and _after_year_word(text, start):
            return None
    if _glued(text, end):
        return None  # "40-jarige", "3-daagse", "1568ste"
    scan = _scan_noun(text, end, value)
    if g["ocr"] and scan.kind not in (PERSON, STAFF):
        return None
    count = _Count(start, end, value, high, scan.kind, scan.noun, scan.bare, None,
                   year_like=year_like, qualifier_start=start)
    # The qualifier matters for a count with a noun and for one that may borrow a noun.
    if value is not None and (scan.kind is not None or (scan.bare and not year_like)):
        count.qualifier, count.qualifier_start = patterns.qualifier_before(text, start)
    if scan.kind == STAFF:
        if _is_vacancy(text, scan):
            count.kind, count.noun = THING, scan.word.lower()
        else:
            count.of = _staff_of(text, scan.end)
    if count.kind in (PERSON, STAFF):
        count.per = _per(text, starts[_sentence_of(starts, start)], start, scan.end)
    return count


def _glued(text: str, end: int) -> bool:
    """Whether a letter, maybe after a dash, follows right after ``end``."""
    c = text[end : end + 1]
    if c in ("-", "–"):
        c = text[end + 1 : end + 2]
    if c.isascii():
        return c.isalpha()
    return _GLUED.match(text, end) is not None


@dataclass(frozen=True, slots=True)
class _Tails:
    """The last words of some phrases: a text that ends in none of them ends in none of
    the phrases."""

    words: frozenset[str]  # case-folded
    marks: bool  # some phrase ends in a character other than a letter

    @classmethod
    def of(cls, phrases: Sequence[str]) -> _Tails:
        words: set[str] = set()
        marks = False
        for phrase in phrases:
            folded = phrase.casefold().rstrip()
            cut = len(folded)
            while cut > 0 and folded[cut - 1].isalpha():
                cut -= 1
            if cut == len(folded):
                marks = True
            else:
                words.add(folded[cut:])
        return cls(frozenset(words), marks)

    def may_end(self, text: str, lo: int, hi: int) -> bool:
        """Whether one of the phrases may end text[lo:hi], before white space. False only
        when the text ends there in ASCII that none of them ends in."""
        behind = text[lo:hi].rstrip()
        before = behind.rstrip(string.ascii_letters)
        if before[-1:] and not before[-1].isascii():
            return True
        if len(before) < len(behind):
            return behind[len(before) :].lower() in self.words
        return bool(behind) and self.marks


@cache
def _tails(kind: str) -> _Tails:
    """The last words of the phrases of one kind: ratio, rate or year."""
    table = counts_table()
    phrases = {
        "ratio": table.grammar.ratio_joiners,
        "rate": table.per.rate_words,
        "year": table.grammar.year_before,
    }
    return _Tails.of(phrases[kind])


def _after_year_word(text: str, start: int) -> bool:
    """"in 2025 militairen": a year after one of these words is a date."""
    lo = max(0, start - 12)
    return _tails("year").may_end(text, lo, start) and (
        _year_before().search(text[lo:start], timeout=1.0) is not None)


# --- Elided nouns ------------------------------------------------------------


# How far back (in characters) context words are looked for; sentences in tables
# can be very long.
_REACH = 300


def _words_before(text: str, lo: int, hi: int) -> list[str]:
    lo = max(lo, hi - 120)
    return [_fold(w.group(0)) for w in _WORD.finditer(text, lo, hi, timeout=1.0)][-8:]


@cache
def _cues() -> tuple[list[list[str]], frozenset[str]]:
    table = counts_table().elision
    cues = sorted((cue.split() for cue in table.before), key=lambda parts: -len(parts))
    return cues, frozenset(table.group_nouns)


def _cue_before(words: list[str]) -> str | None:
    table = counts_table().elision
    cues, groups = _cues()
    for skipped in range(table.max_fillers + 1):
        end = len(words) - skipped
        if end <= 0:
            return None
        head = words[:end]
        for parts in cues:
            if head[-len(parts):] == parts:
                return " ".join(parts)
        if head[-1] == "van" and len(head) >= 2 and head[-2] in groups:
            return "van"
        filler = head[-1]
        if not (filler in _stop_words() or is_between(filler)):
            return None
    return None


@cache
def _pair_regex() -> regex.Pattern[str]:
    """The text between two numbers that share the second one's noun ("van 240 naar 320")."""
    connectors = alternation(counts_table().elision.pair_connectors)
    return regex.compile(
        rf"(?i)\A\s++(?:{connectors})\s++(?:[\p{{L}}'’]{{1,12}}+\s++)?$", regex.V1)


def _resolve_elided(text: str, counts: list[_Count], starts: Sequence[int]) -> None:
    table = counts_table().elision
    pair = _pair_regex()
    for i, c in enumerate(counts):
        if c.kind is not None or not c.bare or c.value is None or c.year_like:
            continue
        nxt = counts[i + 1] if i + 1 < len(counts) else None
        if nxt is not None and nxt.kind is not None and pair.match(text[c.end : nxt.start]):
            c.kind, c.noun = nxt.kind, nxt.noun
            continue
        sent = _sentence_of(starts, c.start)
        words = _words_before(text, starts[sent], c.start)
        qualifier_start = c.qualifier_start
        if qualifier_start == c.start and _is_label(words):
            continue  # "groep 8", "fase 2"
        # A qualifier can itself be the cue ("meer dan 1.500"); else look past it.
        cue = _cue_before(words)
        if cue is None and qualifier_start < c.start:
            cue = _cue_before(_words_before(text, starts[sent], qualifier_start))
        if cue is None:
            cue = _cue_after(text, c.end)
        previous = counts[i - 1] if i else None
        if cue is None and previous is not None and previous.start >= starts[sent]:
            # A list that goes on without the noun: "1.200 in Amsterdam, 800 in Utrecht".
            cue = _list_cue(text, previous.end, qualifier_start)
        if cue in table.age_cues and c.value <= table.max_age:
            continue  # "ouderen boven de 80"
        lo = max(starts[sent], previous.end if previous is not None else 0, c.start - _REACH)
        population = _population_noun(text, lo, c.start)
        if population is not None:
            c.kind, c.noun = PERSON, population
            continue
        # The nearest number before decides, also when it has no noun itself
        # ("percentage van 40 naar 30" after "100 werknemers").
        window = starts[max(0, sent - 1)]
        if cue is None or previous is None or previous.start < window or previous.kind is None:
            continue
        c.kind, c.noun = previous.kind, previous.noun
        if c.qualifier is None and cue in table.inherit_qualifier:
            c.qualifier = previous.qualifier


@cache
def _list_regex() -> regex.Pattern[str]:
    table = counts_table().elision
    words = alternation([w for w in table.list_connectors if w[0].isalpha()])
    marks = "".join(regex.escape(w) for w in table.list_connectors if not w[0].isalpha())
    # The list item may open with its year: "40.000 asielzoekers, in 2024 ruim 35.000".
    year = r"(?:\p{L}{1,8}+\s++)?(?:19|20)\d\d(?!\d)\s++"
    return regex.compile(
        rf"(?P<cue>[{marks}]|(?<![\p{{L}}])(?:{words}))\s++(?:{year})?$", regex.V1)


def _list_cue(text: str, lo: int, hi: int) -> str | None:
    m = _list_regex().search(text, max(lo, hi - 30), hi, timeout=1.0)
    return m.group("cue") if m else None


def _cue_after(text: str, pos: int) -> str | None:
    after = _WORD.match(text, pos + 1, min(len(text), pos + 30))
    if after is None or not text[pos : after.start()].isspace():
        return None
    word = _fold(after.group(0))
    return word if word in counts_table().elision.after else None


def _is_label(words: list[str]) -> bool:
    """The number right after a noun names something: "groep 8", "fase 2", "pijler 1"."""
    if not words:
        return False
    return words[-1] in _spacy_words().nouns and words[-1] not in _stop_words()


def _population_noun(text: str, lo: int, hi: int) -> str | None:
    """The person noun of "het aantal asielzoekers" or "de instroom van Oekraïners" in text[lo:hi]."""
    table = counts_table().elision
    words = [w.group(0) for w in _WORD.finditer(text, lo, hi, timeout=1.0)]
    for i, word in enumerate(words):
        if _fold(word) not in table.population_nouns:
            continue
        for follower in words[i + 1 : i + 4]:
            noun = noun_of(follower)
            if noun is not None and noun.kind == PERSON and not noun.singular:
                return noun.lemma
            if not (_fold(follower) in _stop_words() or is_between(follower)):
                break
    return None
