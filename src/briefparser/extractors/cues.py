"""Cues and windows: cheap tests of whether, and where, a pattern made of data words can
match a text, shared by the amount and percentage extractors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import regex

from briefparser import patterns
from briefparser.rules import alternation


def breakable(words: Iterable[str]) -> str:
    """Alternation of literal words, longest first. Long plain words may carry the hyphen
    OCR leaves where a printed line was broken ("gul-dens", "mil-joen").

    >>> regex.fullmatch(breakable(["gulden", "f"]), "gul-den") is not None
    True
    """
    out = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        if _breaks(word):
            out.append(regex.escape(word[0]) + "".join(
                r"(?:-\s?+)?+" + regex.escape(ch) for ch in word[1:]))
        else:
            out.append(r"\s++".join(regex.escape(part) for part in word.split()))
    return "|".join(out)


# --- cues --------------------------------------------------------------------------------
#
# A cue tells whether a pattern can match a text at all: a key that the text
# holds wherever a data word of the pattern stands, and patterns that confirm the word
# where it may stand. A text without a confirmed cue skips the pattern.

# What ``\s`` matches: a hyphen and one of these after it is an OCR line break.
_SPACES = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# Every byte but the letters a-z becomes a space.
_WORD_BYTES = bytes(b if 0x61 <= b <= 0x7A else 0x20 for b in range(256))
# Characters that join the parts of a data word ("euro's", "US-dollar", "mln."): no key.
_JOINERS = frozenset(".-'’")


@patterns.text_cache
def unhyphenated(text: str) -> str:
    """``text`` case-folded, without hyphens and the space after one: a word of the data
    tables is a substring of it also where OCR broke it ("mil- joen")."""
    low = patterns.casefolded(text)
    if "-" not in low:
        return low
    parts = low.split("-")
    return parts[0] + "".join(p[1:] if p[:1] in _SPACES else p for p in parts[1:])


def runs_of(words: Iterable[str]) -> frozenset[bytes]:
    """The runs of the letters a-z in ``words`` case-folded.

    >>> sorted(runs_of(["Ca.", "€ 5 mln,-", "(US-dollar)"]))
    [b'ca', b'dollar', b'mln', b'us']
    """
    return frozenset(run for word in words
                     for run in word.casefold().encode().translate(_WORD_BYTES).split())


@patterns.text_cache
def ascii_words(text: str, vocabulary: frozenset[bytes]) -> frozenset[bytes]:
    """The runs of the letters a-z in ``text`` case-folded that ``vocabulary`` holds.

    >>> sorted(ascii_words("Ca. € 5 mln,- (US-dollar)", frozenset([b"mln", b"dollar", b"eur"])))
    [b'dollar', b'mln']
    """
    low = patterns.casefolded(text).encode("utf-8", "replace")
    return vocabulary.intersection(low.translate(_WORD_BYTES).split())


@patterns.text_cache
def hyphen_joins(text: str) -> frozenset[str]:
    """The characters ``text`` case-folded holds on both sides of a hyphen, the space
    after one skipped: OCR broke a word there only if they stand in a row in the word.

    >>> sorted(hyphen_joins("Staten-Generaal, mil- joen, 2024-2025 -"))
    ['42', 'lj', 'ng']
    """
    low = patterns.casefolded(text)
    out = set()
    end = len(low)
    for at in patterns.find_all(low, "-"):
        after = at + 1
        if after < end and low[after] in _SPACES:
            after += 1
        if at and after < end:
            out.add(low[at - 1] + low[after])
    return frozenset(out)


def _pairs(word: str) -> frozenset[str]:
    """The characters that stand in a row in ``word``."""
    return frozenset(word[i : i + 2] for i in range(len(word) - 1))


Confirm = tuple[regex.Pattern[str], ...]


class Broken(NamedTuple):
    """A long word that OCR may break: patterns for it whole and for it broken."""

    word: str
    whole: Confirm
    broken: Confirm
    # The word as ``ascii_words`` holds it wherever it stands whole; None when it may
    # stand in a longer word or holds other letters than a-z.
    run: bytes | None


class BrokenGroup(NamedTuple):
    """The long words that hold one key, the pairs of characters in a row in them, and
    whether each of them has a ``run``."""

    cues: tuple[Broken, ...]
    pairs: frozenset[str]
    runs: bool


class Cues(NamedTuple):
    """Where to look for the data words of a pattern, each with patterns that confirm it.

    ``words``: runs of a-z, looked up in ``ascii_words``; ``pieces``: symbols and words
    that may end a longer word, looked up in the case-folded text; ``broken``: words that
    OCR may break, looked up under the shortest of them they hold: whole in
    ``ascii_words`` or the case-folded text, broken in ``unhyphenated`` where
    ``hyphen_joins`` allows it. ``vocabulary``: the runs looked up in ``ascii_words``, or
    more of them.
    """

    words: dict[bytes, Confirm]
    pieces: dict[str, Confirm]
    broken: dict[str, BrokenGroup]
    vocabulary: frozenset[bytes]


def _breaks(word: str) -> bool:
    """Whether ``breakable`` lets OCR hyphens into ``word``."""
    return len(word) >= 6 and word.isalpha()


def _has_border(word: str) -> bool:
    """Whether two occurrences of ``word`` can overlap ("duizend" ends as it starts)."""
    return any(word[:n] == word[-n:] for n in range(1, len(word)))


def _literal(word: str) -> str:
    """A data word as a regex, any run of whitespace between its parts."""
    return r"\s++".join(regex.escape(part) for part in word.split())


# A data word, and a function from a regex for the word to a pattern that confirms it.
# The function writes the word once, as one piece (under no quantifier of its own).
Item = tuple[str, Callable[[str], str]]

# Stands for the word, to read what a function of an ``Item`` writes around it.
_WORD = "\x00"


def _confirm(items: list[Item]) -> Confirm:
    """The patterns of ``items``: one for the words that their functions write the same
    text around, with the words as alternatives, so that a text is scanned once for them.

    >>> [p.pattern for p in _confirm([("%", lambda w: f"{w}x"), ("%punt", lambda w: f"{w}x"),
    ...                               ("f", lambda w: f"{w}y{w}")])]
    ['(?:%|%punt)x', 'fyf']
    """
    around: dict[tuple[str, str], list[str]] = {}
    apart: list[str] = []
    for word, build in items:
        parts = build(_WORD).split(_WORD)
        if len(parts) == 2:
            around.setdefault((parts[0], parts[1]), []).append(_literal(word))
        else:
            apart.append(build(_literal(word)))
    sources = [f"{before}(?:{'|'.join(dict.fromkeys(words))}){after}"
               for (before, after), words in around.items()]
    return tuple(regex.compile(p, patterns.FLAGS) for p in dict.fromkeys([*sources, *apart]))


def make_cues(items: Iterable[Item], *, whole: bool = True, broken: bool = True,
              vocabulary: frozenset[bytes] | None = None) -> Cues:
    """Cues for data words, each with a function from a regex for the word to a pattern
    that matches wherever the word stands in a match of the pattern it is a cue for.

    With ``whole`` the words stand apart from the letters around them in such a match, so
    that ``ascii_words`` holds their runs of a-z; without, they may end a longer word.
    With ``broken`` long words may hold OCR hyphens (see ``breakable``). Cue sets that
    look in the same texts share a ``vocabulary`` (see ``runs_of``) that holds the runs
    of all their words: the words of a text are then read once for all of them."""
    words: dict[bytes, list[Item]] = {}
    pieces: dict[str, list[Item]] = {}
    breaks: dict[str, list[Broken]] = {}

    def compiled(source: str) -> Confirm:
        return (regex.compile(source, patterns.FLAGS),)

    for word, build in sorted(items, key=lambda item: (len(item[0]), item[0])):
        folded = word.casefold()
        symbols = [c for c in folded if not (c.isalnum() or c.isspace() or c in _JOINERS)]
        runs = folded.encode().translate(_WORD_BYTES).split()
        if broken and _breaks(word):
            key = next((k for k in breaks if k in folded), folded)
            run = folded.encode() if whole and folded.isascii() and folded.isalpha() else None
            breaks.setdefault(key, []).append(Broken(
                folded, compiled(build(_literal(word))), compiled(build(breakable([word]))),
                run))
        elif whole and runs and not symbols:
            words.setdefault(max(runs, key=len), []).append((word, build))
        else:
            key = symbols[0] if symbols else next((k for k in pieces if k in folded), folded)
            pieces.setdefault(key, []).append((word, build))
    looked_up = frozenset([*words, *(c.run for v in breaks.values() for c in v if c.run)])
    if vocabulary is None:
        vocabulary = looked_up
    elif not looked_up <= vocabulary:
        raise ValueError(f"the vocabulary lacks {sorted(looked_up - vocabulary)}")
    return Cues({k: _confirm(v) for k, v in words.items()},
                {k: _confirm(v) for k, v in pieces.items()},
                {k: BrokenGroup(tuple(v), frozenset().union(*(_pairs(c.word) for c in v)),
                                all(c.run is not None for c in v))
                 for k, v in breaks.items()},
                vocabulary)


def _present(text: str, cues: Cues) -> Iterator[Confirm]:
    """The patterns of the cues whose keys ``text`` holds."""
    if cues.words:
        for word in ascii_words(text, cues.vocabulary).intersection(cues.words):
            yield cues.words[word]
    low = patterns.casefolded(text)
    for piece, confirm in cues.pieces.items():
        if piece in low:
            yield confirm
    if cues.broken:
        joins = hyphen_joins(text)
        for key, group in cues.broken.items():
            broken = not joins.isdisjoint(group.pairs)
            if not (broken or group.runs or key in low):
                continue
            for cue in group.cues:
                whole = (cue.word in low if cue.run is None
                         else cue.run in ascii_words(text, cues.vocabulary))
                if whole:
                    yield cue.whole
                if broken and _broken_in(text, cue.word):
                    yield cue.broken


def _broken_in(text: str, word: str) -> bool:
    """Whether ``word`` stands in ``text`` case-folded where OCR broke it."""
    low, hay = patterns.casefolded(text), unhyphenated(text)
    # Broken: the word stands in ``hay`` where it does not in ``low``.
    return hay is not low and word in hay and (
        _has_border(word) or hay.count(word) > low.count(word))


def cued(text: str, cues: Cues, timeout: float | None) -> bool:
    """Whether a pattern of ``cues`` matches ``text``."""
    return any(p.search(text, timeout=timeout) for confirm in _present(text, cues)
               for p in confirm)


def cue_spots(text: str, cues: Cues, timeout: float | None) -> list[int]:
    """Where a pattern of ``cues`` matches ``text``, in order."""
    return sorted({m.start() for confirm in _present(text, cues) for p in confirm
                   for m in p.finditer(text, overlapped=True, timeout=timeout)})


# --- windows -------------------------------------------------------------------------------
#
# A match that must hold a cued word holds no barrier: a character or a word that no
# match holds. It begins after the last barrier before a place where a cue matches, and
# at or before that place.

# Characters that the amount and percentage patterns hold only in their data words.
_BARRIERS = ';:()!?"“”[]<>|*'


def barrier_regex(words: Iterable[str], starts: list[str]) -> regex.Pattern[str]:
    """Finds the last barrier before a place, for a pattern made of the data ``words`` and
    of number words that begin with one of ``starts``: a character of ``_BARRIERS`` that
    no data word holds, or a word that is no data word, does not begin as a number word
    and stands apart from hyphens, where OCR may have broken a data word."""
    folded = [w.casefold() for w in words]
    runs = {run for w in folded for run in regex.findall(r"\p{L}++", w, timeout=1.0)}
    chars = [c for c in _BARRIERS if not any(c in w for w in folded)]
    not_number = f"(?!(?i:{alternation(starts)}))" if starts else ""
    not_data = rf"(?!(?i:{alternation(list(runs))})(?![\p{{L}}]))" if runs else ""
    word = rf"(?<![\p{{L}}-])(?<!-\s){not_number}{not_data}\p{{L}}++(?![\p{{L}}-])"
    char = f"[{regex.escape(''.join(chars))}]|" if chars else ""
    return regex.compile(f"(?r){char}{word}", regex.V1)


def windows(text: str, spots: list[int], barrier: regex.Pattern[str],
            timeout: float | None) -> list[tuple[int, int]]:
    """Where a match that holds one of ``spots`` may begin: from after the last barrier
    before a spot to the last spot before the next barrier, in order."""
    out: list[tuple[int, int]] = []
    for spot in spots:
        if out and out[-1][1] >= spot:
            continue
        m = barrier.search(text, out[-1][1] if out else 0, spot, timeout=timeout)
        start = m.end() if m else (out[-1][0] if out else 0)
        if out and start == out[-1][0]:
            out[-1] = (start, spot)
        else:
            out.append((start, spot))
    return out


def after_figure(word: str, ends: str = "") -> str:
    """Lookbehind for a word that follows a figure (a number, or a number and a unit that
    ends in a letter or a character of ``ends``) after at most one space. A word that
    starts with a letter is glued only to a figure that ends in a digit or a sign."""
    if word[0].isalpha():
        return r"(?<=[^\s\p{L}]|\S\s)"
    return rf"(?<=[\p{{L}}\d{regex.escape(ends)}]\s?)"
