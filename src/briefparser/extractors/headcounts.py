"""Headcounts (numbers of people) and quantities of things."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import regex

from briefparser import patterns, rules
from briefparser.extractors.base import Claims, Found
from briefparser.normalize import parse_quantity, regex_timeout
from briefparser.rules import alternation


@cache
def _person_forms() -> dict[str, str]:
    """Lower-case written form -> singular lemma, for heads and staff units."""
    table = rules.persons()
    forms: dict[str, str] = {}
    for lemma, plurals in table.heads.items():
        forms[lemma.lower()] = lemma
        for p in plurals:
            forms[p.lower()] = lemma
    return forms


@cache
def _staff_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma, written in rules.persons().staff_units.items():
        forms[lemma.lower()] = lemma
        for w in written:
            forms[w.lower()] = lemma
    return forms


@cache
def person_lemma(word: str) -> str | None:
    """Singular lemma of a person noun, also of compounds and demonyms.

    >>> person_lemma("landmachtmilitairen")
    'landmachtmilitair'
    >>> person_lemma("Kamerleden")
    'Kamerlid'
    >>> person_lemma("Oekraïners")
    'Oekraïner'
    >>> person_lemma("woningen") is None
    True
    """
    forms = _person_forms()
    low = word.lower()
    if low in forms:
        lemma = forms[low]
        return lemma[0].upper() + lemma[1:] if word[0].isupper() and len(word) > 1 and not (
            word.isupper()) and low != lemma.lower() else lemma
    # Compound ending in a person noun: keep the prefix as written.
    for i in range(1, len(low) - 2):
        tail = low[i:]
        if tail in forms and len(tail) >= 4:
            return word[:i] + forms[tail]
    if word[0].isupper():
        for ending, singular in rules.persons().demonym.endings.items():
            if low.endswith(ending) and len(low) > len(ending) + 2:
                return word[: len(word) - len(ending)] + singular
    return None


def staff_lemma(word: str) -> str | None:
    return _staff_forms().get(word.lower())


@cache
def _count_regex() -> regex.Pattern[str]:
    scales = alternation(["duizend", "miljoen"])
    return regex.compile(
        rf"""
        (?:
            (?P<vague>(?<![\p{{L}}]){patterns.vague()})
          | (?P<num1>{patterns.number()})(?P<dash>-)?+
            (?:\s++(?P<conn>tot|à|a|-|–|of)\s++(?P<num2>{patterns.number()}))?+
            (?:\s++(?P<scale>{scales}))?+
        )
        (?=(?P<words>(?:[ \t]++[\p{{L}}][\p{{L}}'’.-]{{0,40}}+){{1,4}}))
        """,
        patterns.FLAGS | regex.IGNORECASE,
    )


_WORD = regex.compile(r"[\p{L}][\p{L}'’.-]*+", regex.V1)


def find_counts(text: str, claims: Claims) -> tuple[list[Found], list[Found]]:
    """Headcounts and quantities: a number followed (within a few words) by a noun."""
    heads: list[Found] = []
    things: list[Found] = []
    between = rules.persons().between
    between_words = {w.lower() for w in between.words}
    for m in _count_regex().finditer(text, timeout=regex_timeout(text), overlapped=False):
        num_end = m.end("scale") if m.group("scale") else (
            m.end("num2") if m.group("num2") else m.end("num1") if m.group("num1")
            else m.end("vague"))
        start = m.start()
        if not claims.free(start, num_end):
            continue
        words = [(w.group(0).rstrip(".'’"), w.start(), w.end())
                 for w in _WORD.finditer(text, num_end, m.end("words"))]
        noun = lemma = None
        staff = False
        noun_end = num_end
        for idx, (word, _, word_end) in enumerate(words[: between.max_between + 1]):
            noun_end = word_end
            lemma = person_lemma(word)
            if lemma is None and (staff_lemma(word)):
                lemma, staff = staff_lemma(word), True
            if lemma:
                noun = word
                break
            low = word.lower()
            is_adj = low in between_words or (
                any(low.endswith(e) for e in between.adjective_endings) and len(low) > 3
            )
            if not is_adj or idx == between.max_between:
                break
        if m.group("vague"):
            value, high = None, None
        else:
            number = m.group("num1")
            if number.lower() in ("een", "één"):
                continue
            value_d = parse_quantity(number, m.group("scale"))
            if value_d is None or value_d != value_d.to_integral_value():
                continue
            value = int(value_d)
            high_d = parse_quantity(m.group("num2"), m.group("scale")) if m.group("num2") else None
            if m.group("dash") and m.group("num2"):
                # "vijf- tot zesduizend": the first number shares the second's scale word.
                high_d = parse_quantity(m.group("num2"))
                tail = (m.group("num2") or "").lower()
                for mult in ("duizend", "honderd"):
                    if tail.endswith(mult) and high_d is not None:
                        value *= int(rules.numbers().multipliers[mult])
            high = int(high_d) if high_d is not None else None
        if noun is None or lemma is None:
            thing = next((w for w, _, _ in words if w.lower() not in between_words), "")
            if value is not None and thing and _is_thing(thing, m.group("num1") or ""):
                things.append(Found("quantity", start, num_end, {
                    "value": Decimal(value), "noun": thing.lower(),
                    "qualifier": patterns.qualifier_before(text, start)[0]}))
            continue
        if _year_like(m, value, text, start):
            continue
        claims.claim(start, num_end)
        heads.append(Found("headcount", start, num_end, {
            "value": value, "high": high, "noun": lemma,
            "qualifier": patterns.qualifier_before(text, start)[0] if value is not None else None,
            "vague": value is None, "per": _per_after(text, noun_end),
            "of": _staff_of(text, noun_end) if staff else None,
        }))
    return heads, things


def _year_like(m: regex.Match[str], value: int | None, text: str, start: int) -> bool:
    """A year before a noun ("in 2025 militairen") is rarely a count."""
    if value is None or not 1900 <= value <= 2100 or "." in (m.group("num1") or ""):
        return False
    if m.group("scale") or m.group("num2"):
        return False
    before = text[max(0, start - 10) : start]
    return regex.search(r"(?i)(?:in|sinds|vanaf|tot|per|voor|na)\s++$", before) is not None


_PER = regex.compile(r"\A\s++per\s++(\p{L}{2,30}+)", regex.V1)
_OF = regex.compile(r"\A\s++(?:aan|voor)\s++(\p{L}{2,40}+)", regex.V1)


def _per_after(text: str, pos: int) -> str | None:
    m = _PER.match(text[pos : pos + 50])
    return m.group(1) if m else None


def _staff_of(text: str, pos: int) -> str | None:
    m = _OF.match(text[pos : pos + 60])
    return person_lemma(m.group(1)) if m else None


@cache
def _not_things() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    t = rules.dates()
    units = set(t.months) | set(rules.numbers().scales) | set(rules.numbers().units)
    return frozenset(w.lower() for w in STOP_WORDS | units)


def _is_thing(word: str, number: str) -> bool:
    low = word.lower()
    if low in _not_things() or len(low) < 3:
        return False
    if regex.fullmatch(r"(?:19|20)\d\d", number):
        return False
    return word[0].islower() or "-" in word
