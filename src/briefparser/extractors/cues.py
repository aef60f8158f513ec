"""Cues and windows: cheap tests of whether, and where, a pattern made of data words can
match a text, shared by the amount and percentage extractors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
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


@lru_cache(maxsize=4)
def unhyphenated(text: str) -> str:
    """``text`` case-folded, without hyphens and the space after one: a word of the data
    tables is a substring of it also where OCR broke it ("mil- joen")."""
    low = patterns.casefolded(text)
    if "-" not in low:
        return low
    parts = low.split("-")
    return parts[0] + "".join(p[1:] if p[:1] in _SPACES else p for p in parts[1:])


@lru_cache(maxsize=4)
def ascii_words(text: str) -> frozenset[bytes]:
    """The runs of the letters a-z in ``text`` case-folded.

    >>> sorted(ascii_words("Ca. € 5 mln,- (US-dollar)"))
    [b'ca', b'dollar', b'mln', b'us']
    """
    low = patterns.casefolded(text).encode("utf-8", "replace")
    return frozenset(low.translate(_WORD_BYTES).split())


Confirm = tuple[regex.Pattern[str], ...]


class Broken(NamedTuple):
    """A long word that OCR may break: patterns for it whole and for it broken."""

    word: str
    whole: Confirm
    broken: Confirm


class Cues(NamedTuple):
    """Where to look for the data words of a pattern, each with patterns that confirm it.

    ``words``: runs of a-z, looked up in ``ascii_words``; ``pieces``: symbols and words
    that may end a longer word, looked up in the case-folded text; ``broken``: words that
    OCR may break, looked up in ``unhyphenated`` under the shortest of them they hold.
    """

    words: dict[bytes, Confirm]
    pieces: dict[str, Confirm]
    broken: dict[str, tuple[Broken, ...]]


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
Item = tuple[str, Callable[[str], str]]


def make_cues(items: Iterable[Item], *, whole: bool = True, broken: bool = True) -> Cues:
    """Cues for data words, each with a function from a regex for the word to a pattern
    that matches wherever the word stands in a match of the pattern it is a cue for.

    With ``whole`` the words stand apart from the letters around them in such a match, so
    that ``ascii_words`` holds their runs of a-z; without, they may end a longer word.
    With ``broken`` long words may hold OCR hyphens (see ``breakable``)."""
    words: dict[bytes, list[str]] = {}
    pieces: dict[str, list[str]] = {}
    breaks: dict[str, list[Broken]] = {}

    def compiled(*sources: str) -> Confirm:
        return tuple(regex.compile(p, patterns.FLAGS) for p in dict.fromkeys(sources))

    for word, build in sorted(items, key=lambda item: (len(item[0]), item[0])):
        folded = word.casefold()
        symbols = [c for c in folded if not (c.isalnum() or c.isspace() or c in _JOINERS)]
        runs = folded.encode().translate(_WORD_BYTES).split()
        if broken and _breaks(word):
            key = next((k for k in breaks if k in folded), folded)
            breaks.setdefault(key, []).append(Broken(
                folded, compiled(build(_literal(word))), compiled(build(breakable([word])))))
        elif whole and runs and not symbols:
            words.setdefault(max(runs, key=len), []).append(build(_literal(word)))
        else:
            key = symbols[0] if symbols else next((k for k in pieces if k in folded), folded)
            pieces.setdefault(key, []).append(build(_literal(word)))
    return Cues({k: compiled(*v) for k, v in words.items()},
                {k: compiled(*v) for k, v in pieces.items()},
                {k: tuple(v) for k, v in breaks.items()})


def _present(text: str, cues: Cues) -> Iterator[Confirm]:
    """The patterns of the cues whose keys ``text`` holds."""
    if cues.words:
        for word in ascii_words(text).intersection(cues.words):
            yield cues.words[word]
    low = patterns.casefolded(text)
    for piece, confirm in cues.pieces.items():
        if piece in low:
            yield confirm
    if cues.broken:
        hay = unhyphenated(text)
        for key, group in cues.broken.items():
            if key not in hay:
                continue
            for cue in group:
                if cue.word in low:
                    yield cue.whole
                # Broken: the word stands in ``hay`` where it does not in ``low``.
                if hay is not low and cue.word in hay and (
                        _has_border(cue.word) or hay.count(cue.word) > low.count(cue.word)):
                    yield cue.broken


def cued(text: str, cues: Cues, timeout: float) -> bool:
    """Whether a pattern of ``cues`` matches ``text``."""
    return any(p.search(text, timeout=timeout) for confirm in _present(text, cues)
               for p in confirm)


def cue_spots(text: str, cues: Cues, timeout: float) -> list[int]:
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
            timeout: float) -> list[tuple[int, int]]:
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
