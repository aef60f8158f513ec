"""briefparser's spaCy components. All ``Language.factory`` registrations live here.

Each component reads the document text and adds its mentions to ``doc._.briefparser``,
a plain dict shared by the components of one document:

- ``claims``: characters already taken (by a non-entity or an earlier mention);
- ``letter_date``: the date relative dates resolve against;
- ``amount``/``percentage``/``date``/``headcount``/``quantity``: lists of ``Found``;
- ``keep_going`` and ``error``: see ``_Component.pipe``.

The components work in any Dutch pipeline, blank or trained.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, cast

import numpy
import regex
from spacy.attrs import IDX, IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Sentencizer
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.util import raise_error
from spacy.vocab import Vocab

from briefparser.extractors.base import Claims
from briefparser.extractors.blocked import claim_blocked
from briefparser.extractors.dates import find_dates
from briefparser.extractors.headcounts import find_counts
from briefparser.extractors.letter import HeaderInfo, parse_header
from briefparser.extractors.meaning import (
    Cue,
    Taxonomy,
    TaxonomyError,
    annotate,
    load_taxonomy,
    meaning_table,
    prepare,
    status_table,
)
from briefparser.extractors.money import find_amounts
from briefparser.extractors.percentages import find_percentages

if TYPE_CHECKING:
    from thinc.types import Ints2d

EXT = "briefparser"

if not Doc.has_extension(EXT):
    Doc.set_extension(EXT, default=None)


def state(doc: Doc, text: str | None = None) -> dict[str, Any]:
    """The briefparser state of ``doc``, created on first use. ``text``, when given, is
    the letter's text, which the extractors read: ``doc`` was made from it, or from
    ``extraction.tokenizer_text`` of it (of the same length, so token offsets hold).
    Without it, ``doc.text`` (which joins every token on each access)."""
    data: dict[Any, Any] = doc.user_data
    current: dict[str, Any] | None = data.get(_STATE_KEY)
    if current is None:
        text = doc.text if text is None else text
        current = {"text": text, "claims": Claims(len(text)), "letter_date": None,
                   "header": None}
        data[_STATE_KEY] = current
    return current


# Where ``doc._.briefparser`` keeps its value: spaCy's key for a Doc extension in the
# doc's user data, which every component reads directly.
_STATE_KEY = ("._.", EXT, None, None)


# The longest stretch of text treated as one sentence (see sentence_starts).
MAX_SENTENCE_CHARS = 2000


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where sentences begin, computed once per document.

    Reads the token arrays directly: iterating ``doc.sents`` builds a Python object
    per token, which costs more than all the rule matching of a short letter.

    A run-on stretch without sentence ends (a table, a list, hostile input) is cut into
    pieces of at most ``MAX_SENTENCE_CHARS`` at token starts: every mention carries its
    sentence, and the meaning component reads each figure's sentence word by word.
    """
    st = state(doc)
    starts: list[int] | None = st.get("sentence_starts")
    if starts is None:
        starts = []
        if len(doc):
            rows = doc.to_array([SENT_START, IDX])
            offsets = rows[:, 1]
            first = rows[:, 0] == 1
            first[0] = True
            starts = _cut_long(offsets[first].tolist(), offsets)
        st["sentence_starts"] = starts
    return starts


def _cut_long(found: list[int], offsets: numpy.ndarray[Any, Any]) -> list[int]:
    """The sentence starts ``found`` (the offsets of the tokens that begin sentences,
    the first token's first), with every stretch longer than ``MAX_SENTENCE_CHARS`` cut
    at the first token start past the limit, again and again."""
    last = int(offsets[-1])
    if last - found[0] <= MAX_SENTENCE_CHARS:
        return found
    # A sentence ends before the next one begins, the last one at the last token.
    if all(b - a <= MAX_SENTENCE_CHARS for a, b in itertools.pairwise([*found, last])):
        return found
    marked = set(found)
    starts = [found[0]]
    for offset in offsets[1:].tolist():
        if offset in marked or offset - starts[-1] > MAX_SENTENCE_CHARS:
            starts.append(offset)
    return starts


class _Component:
    """A pipeline component that ``nlp.pipe`` runs over a batch of documents at a time.

    Without a ``pipe`` method spaCy hands each document through every component before
    it reads the next; one component over many documents keeps its patterns and tables
    in the processor's caches, which makes a stream of short letters markedly faster.
    """

    _error_handler: Callable[..., Any] | None = None
    name = ""  # the pipe's name, given by its factory

    def named(self, name: str) -> Self:
        self.name = name
        return self

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def set_error_handler(self, handler: Callable[..., Any]) -> None:
        """What ``pipe`` does with an error, as for spaCy's own components: called with
        the component's name, the component, the documents and the error."""
        self._error_handler = handler

    def get_error_handler(self) -> Callable[..., Any]:
        return self._error_handler or raise_error

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """``self(doc)`` for each document. An error goes to the error handler (which
        raises it unless ``nlp.set_error_handler`` said otherwise; a document it lets
        pass is dropped), but a document whose state says ``keep_going`` keeps it as
        its state's ``error``, and the components after it leave it alone."""
        docs = iter(stream)
        while batch := list(itertools.islice(docs, batch_size)):
            for doc in batch:
                data: dict[Any, Any] = doc.user_data
                st: dict[str, Any] | None = data.get(_STATE_KEY)
                if st is None or not st.get("keep_going"):
                    try:
                        doc = self(doc)
                    except Exception as exc:
                        self.get_error_handler()(self.name or type(self).__name__, self, [doc], exc)
                        continue
                    yield doc
                    continue
                if st.get("error") is None:
                    try:
                        self(doc)
                    except Exception as exc:
                        st["error"] = exc
                yield doc


# The token attributes SentenceSplitter reads, in this order.
_SPLITTER_ATTRS = [ORTH, IS_PUNCT, SENT_START, IDX]
_SENT_START_YES = (1).to_bytes(8, "little")


class SentenceSplitter(_Component):
    """spaCy's ``sentencizer`` rule, read from and written to the token arrays.

    The first token starts a sentence, and after a token that is one of spaCy's
    sentence-final marks (``Sentencizer.default_punct_chars``) so does the next token
    that is neither punctuation nor such a mark. Every other token gets -1. Like spaCy's
    sentencizer it keeps the boundaries a document already has.

    It also records the character offsets of the sentences it sets, as
    ``sentence_starts`` would read them.
    """

    def __init__(self, vocab: Vocab) -> None:
        marks = Sentencizer.default_punct_chars
        # The ORTH ids of the marks, as the bytes of their values in the token array.
        self._marks = frozenset(get_string_id(c).to_bytes(8, "little") for c in marks)
        # Then only the punctuation tokens can be marks.
        self._marks_are_punct = all(vocab[c].is_punct for c in marks)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        rows = doc.to_array(_SPLITTER_ATTRS)
        # Read as little-endian bytes whatever the machine's byte order.
        raw = rows.astype("<u8", copy=False).tobytes()
        width = 8 * len(_SPLITTER_ATTRS)
        marks = self._marks
        # The first byte of each value: the IS_PUNCT column holds 0 or 1, SENT_START
        # 0, 1 or -1 (0xff...). A mark that is no punctuation counts as one here.
        puncts = raw[8::width]
        if not self._marks_are_punct:
            puncts = bytes(puncts[k] or raw[width * k : width * k + 8] in marks
                           for k in range(n))
        flags = bytearray(b"\xff" * (8 * n))
        flags[0:8] = _SENT_START_YES
        found = [int.from_bytes(raw[24:32], "little")]
        i = puncts.find(1)
        while i >= 0:
            if raw[width * i : width * i + 8] not in marks:
                i = puncts.find(1, i + 1)
                continue
            j = puncts.find(0, i)
            if j < 0:
                break
            flags[8 * j : 8 * j + 8] = _SENT_START_YES
            found.append(int.from_bytes(raw[width * j + 24 : width * j + 32], "little"))
            i = puncts.find(1, j)
        values = numpy.frombuffer(flags, dtype="<u8")
        given = raw[16::width]
        # A new document has none, or only the first token's 1, which stays as it is.
        if given.count(0) + (given[0] == 1) < n:
            kept = rows[:, 2]
            doc.from_array([SENT_START], cast("Ints2d", numpy.where(kept == 0, values, kept)))
            return doc
        doc.from_array([SENT_START], cast("Ints2d", values))
        state(doc)["sentence_starts"] = _cut_long(found, rows[:, 3])
        return doc


def token_lowers(doc: Doc) -> list[int]:
    """The LOWER id of every token, read once per document (the status and the category
    matcher both need them)."""
    st = state(doc)
    cached: list[int] | None = st.get("token_lowers")
    if cached is None:
        cached = st["token_lowers"] = doc.to_array("LOWER").tolist()
    return cached


def set_header(doc: Doc, header: HeaderInfo) -> Doc:
    """Give ``doc`` a header read elsewhere (from the whole text it is a piece of)."""
    state(doc)["header"] = header
    return doc


def set_letter_date(doc: Doc, date: dt.date | None) -> Doc:
    """Give ``doc`` the letter date the caller knows (used when the header has none)."""
    state(doc)["given_date"] = date
    return doc


def set_taxonomy(doc: Doc, taxonomy: Path | None) -> Doc:
    """Have ``doc`` categorised with the taxonomy file ``taxonomy`` (None: the built-in one)."""
    state(doc)["taxonomy"] = taxonomy
    return doc


class LetterHeader(_Component):
    """Reads the header, fixes the reference date, claims non-entities."""

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        header = st["header"]
        if header is None:  # a piece of a long letter arrives with the whole letter's header
            header = st["header"] = parse_header(st["text"])
        st["letter_date"] = header.date or st.get("given_date")
        claim_blocked(st["text"], st["claims"])
        return doc


class MoneyExtractor(_Component):
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st["amount"] = find_amounts(st["text"], st["claims"])
        return doc


class PercentageExtractor(_Component):
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st["percentage"] = find_percentages(st["text"], st["claims"])
        return doc


class DateExtractor(_Component):
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        found = find_dates(st["text"], st["claims"], st.get("letter_date"))
        header = st.get("header")
        if header is not None:
            spans = {role: span for role, (_, span) in header.other_dates.items()}
            if header.date_span is not None:
                spans["letter_date"] = header.date_span
            for hit in found:
                for role, (start, end) in spans.items():
                    if hit.start < end and start < hit.end:
                        hit.attrs["role"] = role
        st["date"] = found
        return doc


class CountExtractor(_Component):
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        starts = sentence_starts(doc) if doc.has_annotation("SENT_START") else None
        st["headcount"], st["quantity"] = find_counts(st["text"], st["claims"], starts)
        return doc


@dataclass(frozen=True, slots=True)
class _CueSpec:
    label: str
    weight: float
    figures: frozenset[str]
    change: bool = False
    needs: str | None = None


_COMPOUND_PART = regex.compile(r"\w+-?")

# Distinct words a CueMatcher remembers the cues of; it forgets them all beyond this.
_LEXICON_LIMIT = 1 << 16

# REGEX predicates that only a word with a given start or end can satisfy: "^" and a
# literal, or literal alternatives before "$".
_LITERAL_START = regex.compile(r"\^([\w-]+)")
_LITERAL_END = regex.compile(r"\((?:\?:)?([\w-]+(?:\|[\w-]+)*)\)\$|([\w-]+)\$")
_QUANTIFIERS = frozenset("?*+{")


def _anchor(pattern: list[dict[str, Any]]) -> frozenset[str] | regex.Pattern[str] | None:
    """What the first token of a Matcher pattern must be, when it tests only its lower-case
    form: one of a set of words, or a word a regex finds something in. None when it may be
    any token (an operator, another attribute, a predicate other than IN and REGEX)."""
    first = pattern[0] if pattern else None
    if not isinstance(first, dict) or list(first) != ["LOWER"]:
        return None
    value = first["LOWER"]
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, dict) and len(value) == 1:
        op, arg = next(iter(value.items()))
        if op == "IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            return frozenset(arg)
        if op == "REGEX" and isinstance(arg, str):
            try:  # the Matcher's own engine is `re`; V0 is the `regex` behaviour that matches it
                return regex.compile(arg, regex.V0)
            except regex.error:
                return None
    return None


@dataclass(frozen=True, slots=True)
class _Affixes:
    """A word a REGEX predicate finds something in starts with one of ``starts`` or ends
    with one of ``ends``."""

    starts: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()

    def allow(self, word: str) -> bool:
        return word.startswith(self.starts) or word.endswith(self.ends)


def _affixes(pattern: str) -> _Affixes | None:
    """The starts or ends a word needs for ``pattern`` to find something in it; None when
    the pattern is not of a form this reads."""
    if "|" not in pattern:
        start = _LITERAL_START.match(pattern)
        if start is not None:
            literal = start.group(1)
            if pattern[start.end() : start.end() + 1] in _QUANTIFIERS:
                literal = literal[:-1]
            return _Affixes(starts=(literal,)) if literal else None
    end = _LITERAL_END.fullmatch(pattern)
    if end is None:
        return None
    # "$" also matches before a newline that ends the word.
    return _Affixes(ends=tuple(word + tail for word in (end.group(1) or end.group(2)).split("|")
                               for tail in ("", "\n")))


def _finds(pattern: regex.Pattern[str], word: str) -> bool:
    """Whether ``pattern`` finds something in ``word``; True when it takes too long."""
    try:
        return pattern.search(word, timeout=1.0) is not None
    except TimeoutError:
        return True


@dataclass(frozen=True, slots=True)
class _Lexeme:
    """The cues one word takes part in."""

    heads: tuple[int, ...]  # cues with a head that ends the word
    splits: tuple[tuple[int, frozenset[int], int], ...]  # (cue, LOWER ids of seconds, gap)
    anchored: bool  # some Matcher pattern may start at the word
    # (cue, where the word stands in the phrase, LOWER ids of the phrase's tokens)
    phrases: tuple[tuple[int, int, list[int]], ...] = ()


def _next_index(items: list[int], item: int, start: int) -> int:
    """Where ``item`` next stands in ``items`` from ``start`` on; -1 when nowhere."""
    try:
        return items.index(item, start)
    except ValueError:
        return -1


class _SentenceOpens:
    """Whether a token (not the first) of ``doc`` opens a sentence (its SENT_START is 1).

    Reads the sentence starts the document state holds when they are exactly those
    tokens' offsets: a stretch cut at ``MAX_SENTENCE_CHARS`` shows as a gap longer than
    that. Otherwise reads the token array.
    """

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._flags: list[int] | None = None
        self._offsets: set[int] = set()
        starts: list[int] | None = state(doc).get("sentence_starts")
        if starts is None or any(b - a > MAX_SENTENCE_CHARS
                                 for a, b in itertools.pairwise(starts)):
            self._flags = doc.to_array("SENT_START").tolist()
        else:
            self._offsets = set(starts)

    def __call__(self, i: int) -> bool:
        if self._flags is not None:
            return self._flags[i] == 1
        return self._doc[i].idx in self._offsets


class CueMatcher:
    """Status or taxonomy cues: word and phrase lookups, and a Matcher for patterns."""

    def __init__(self, vocab: Vocab, name: str) -> None:
        self.name = name
        self.vocab = vocab
        self.tokens = Matcher(vocab, validate=True)
        self.specs: list[_CueSpec] = []
        self._keys: dict[int, int] = {}  # match id -> index in specs
        # Phrases (token sequences, compared by LOWER id as spaCy's PhraseMatcher does) by
        # the LOWER id of their longest token: a document without it has no such phrase.
        self._phrases: dict[int, list[tuple[int, int, list[int]]]] = {}
        # Heads ("...fondsen") are matched on each distinct lower-case word once, in
        # Python: a Matcher REGEX predicate per cue would run every regex on every token.
        self._heads: dict[str, list[int]] = {}
        self._head_lengths: list[int] = []
        # The last three letters of the heads: a word that ends otherwise has none of them.
        # None when a head is shorter than that.
        self._head_ends: set[str] | None = set()
        # Split cues ("first ... second" within a gap, inside one sentence) are matched in
        # Python from the words that open them; the Matcher's {0,n} operator is costly.
        self._split_first: dict[str, list[tuple[int, frozenset[int], int]]] = {}
        # The Matcher runs only on a document with a word some pattern can start with,
        # unless a pattern can start with any word.
        self._anchor_words: set[str] = set()
        self._anchor_patterns: list[tuple[regex.Pattern[str], _Affixes | None]] = []
        self._unanchored = False
        # Only a word that passes this screen can take part in a cue: its LOWER id keys a
        # phrase or opens a split cue or a Matcher pattern, it ends with a head or an end a
        # REGEX anchor needs, or it starts as a REGEX anchor must. The ends are found by
        # their last `_screen_length` letters. No screen (None) when a REGEX anchor is of
        # another form.
        self._screen_ids: set[int] = set()
        self._screen_tails: set[str] | None = set()
        self._screen_length = 0
        self._screen_ends: dict[str, tuple[str, ...]] | None = {}
        self._screen_starts: tuple[str, ...] = ()
        # What each distinct word (by LOWER id) takes part in; _plain holds the words
        # that take part in nothing.
        self._lexicon: dict[int, _Lexeme] = {}
        self._plain: set[int] = set()

    def _screen_end(self, ends: Iterable[str] | None) -> None:
        """Screen words by ``ends`` too; None lets every word through."""
        if ends is None or self._screen_tails is None:
            self._screen_tails = self._screen_ends = None
            return
        tails = self._screen_tails
        tails.update(ends)
        n = self._screen_length = min(map(len, tails), default=0)
        if n == 0 and tails:
            self._screen_ends = None
            return
        by_key: dict[str, list[str]] = {}
        for end in sorted(tails):
            by_key.setdefault(end[len(end) - n :], []).append(end)
        self._screen_ends = {key: tuple(group) for key, group in by_key.items()}

    def _add_phrase(self, index: int, phrase: Doc) -> None:
        if not len(phrase):
            return
        ids = [tok.lower for tok in phrase]
        at = max(range(len(phrase)), key=lambda i: len(phrase[i].lower_))
        entry = (index, at, ids)
        group = self._phrases.setdefault(ids[at], [])
        if entry not in group:
            group.append(entry)
        self._screen_ids.add(ids[at])

    def add(self, nlp: Language, spec: _CueSpec, words: list[str], heads: list[str],
            split: list[tuple[list[str], list[str]]], patterns: list[list[dict[str, Any]]],
            split_gap: int = 8) -> None:
        key = f"{self.name}{len(self.specs)}"
        index = len(self.specs)
        self.specs.append(spec)
        strings = self.vocab.strings
        self._keys[strings.add(key)] = index
        for word in words:
            self._add_phrase(index, nlp.make_doc(word))
        token_patterns: list[list[dict[str, Any]]] = [list(p) for p in patterns]
        for head in {h.lower() for h in heads}:
            self._heads.setdefault(head, []).append(index)
            if len(head) < 3:
                self._head_ends = None
            elif self._head_ends is not None:
                self._head_ends.add(head[-3:])
        self._head_lengths = sorted({len(h) for h in self._heads if h})
        self._screen_end(h.lower() for h in heads)
        for first, second in split:
            seconds = frozenset(strings[w.lower()] for w in second)
            for word in first:
                self._split_first.setdefault(word.lower(), []).append(
                    (index, seconds, split_gap))
                self._screen_ids.add(strings.add(word.lower()))
        if token_patterns:
            try:
                self.tokens.add(key, token_patterns)
            except ValueError as exc:
                raise TaxonomyError(f"cue {spec.label!r}: invalid Matcher pattern: "
                                    f"{str(exc).splitlines()[0]}") from None
            for pattern in token_patterns:
                anchor = _anchor(pattern)
                if anchor is None:
                    self._unanchored = True
                elif isinstance(anchor, frozenset):
                    self._anchor_words.update(anchor)
                    self._screen_ids.update(strings.add(w) for w in anchor)
                else:
                    affixes = _affixes(anchor.pattern)
                    self._anchor_patterns.append((anchor, affixes))
                    self._screen_end(affixes.ends if affixes is not None else None)
                    if affixes is not None:
                        self._screen_starts += affixes.starts
        self._lexicon.clear()
        self._plain.clear()

    def _head_specs(self, word: str) -> tuple[int, ...]:
        """Indices of the cues with a head that ends ``word``, alone or after a compound
        part (``\\w+``, maybe with a hyphen), as ``^(?:\\w+-?)?(?:head|...)$`` would."""
        if self._head_ends is not None and word[-3:] not in self._head_ends:
            return ()
        found: set[int] = set()
        for length in self._head_lengths:
            cut = len(word) - length
            if cut < 0:
                break
            specs = self._heads.get(word[cut:])
            if specs is not None and (cut == 0 or _COMPOUND_PART.fullmatch(word[:cut])):
                found.update(specs)
        return tuple(sorted(found))

    def _lexeme(self, lower: int, word: str) -> _Lexeme | None:
        heads = self._head_specs(word) if self._heads else ()
        splits = tuple(self._split_first.get(word, ()))
        anchored = word in self._anchor_words or any(
            (affixes is None or affixes.allow(word)) and _finds(pattern, word)
            for pattern, affixes in self._anchor_patterns)
        phrases = tuple(self._phrases.get(lower, ()))
        if heads or splits or anchored or phrases:
            return _Lexeme(heads, splits, anchored, phrases)
        return None

    def _learn(self, new: Iterable[int], strings: StringStore,
               found: dict[int, _Lexeme]) -> None:
        """Look up the cues of words not seen before; add those with cues to ``found``."""
        ids, ends, starts = self._screen_ids, self._screen_ends, self._screen_starts
        n = -self._screen_length
        plain: list[int] = []
        for lower in new:
            word = strings[lower]
            if (ends is not None and lower not in ids
                    and not word.endswith(ends.get(word[n:], ())) and not word.startswith(starts)):
                plain.append(lower)
                continue
            lexeme = self._lexeme(lower, word)
            if lexeme is None:
                plain.append(lower)
                continue
            if len(self._lexicon) >= _LEXICON_LIMIT:
                self._lexicon.clear()
            self._lexicon[lower] = found[lower] = lexeme
        if len(self._plain) + len(plain) > _LEXICON_LIMIT:
            self._plain.clear()
        self._plain.update(plain)

    def _lexemes(self, doc: Doc, lowers: list[int]) -> dict[int, _Lexeme]:
        """The words of ``doc`` that take part in a cue other than a Matcher pattern's
        later tokens."""
        rest = set(itertools.filterfalse(self._plain.__contains__, lowers))
        lexicon = self._lexicon
        new = rest.difference(lexicon)
        found = {lower: lexicon[lower] for lower in rest if lower in lexicon} if len(
            new) < len(rest) else {}
        if new:
            self._learn(new, doc.vocab.strings, found)
        return found

    def _word_cues(self, doc: Doc) -> tuple[set[tuple[int, int, int]], bool]:
        """(cue index, start, end) of phrase, head and split cues, and whether a Matcher
        pattern may match."""
        hits: set[tuple[int, int, int]] = set()
        lowers = token_lowers(doc)
        found = self._lexemes(doc, lowers)
        if not found:
            return hits, False
        anchored = False
        opens: _SentenceOpens | None = None
        size = len(lowers)
        for lower, lexeme in found.items():
            anchored = anchored or lexeme.anchored
            i = lowers.index(lower)
            while i >= 0:
                for index in lexeme.heads:
                    hits.add((index, i, i + 1))
                for index, at, ids in lexeme.phrases:
                    start = i - at
                    end = start + len(ids)
                    if start >= 0 and end <= size and lowers[start:end] == ids:
                        hits.add((index, start, end))
                if lexeme.splits:
                    if opens is None:
                        opens = _SentenceOpens(doc)
                    for index, seconds, gap in lexeme.splits:
                        for j in range(i + 1, min(size, i + gap + 2)):
                            if opens(j):
                                break
                            if lowers[j] in seconds:
                                hits.add((index, i, j + 1))
                i = _next_index(lowers, lower, i + 1)
        return hits, anchored

    def __call__(self, doc: Doc) -> list[Cue]:
        hits, anchored = self._word_cues(doc)
        if len(self.tokens) and (anchored or self._unanchored):
            for match_id, start, end in self.tokens(doc):
                hits.add((self._keys[match_id], start, end))
        out = []
        for index, start, end in sorted(hits, key=lambda h: (h[1], h[2], h[0])):
            spec = self.specs[index]
            last = doc[end - 1]
            out.append(Cue(spec.label, spec.weight, doc[start].idx, last.idx + len(last),
                           spec.figures, spec.change, spec.needs))
        return out


def compile_status(nlp: Language) -> CueMatcher:
    table = status_table()
    matcher = CueMatcher(nlp.vocab, "status")
    for row in table.cue:
        matcher.add(nlp, _CueSpec(row.status, row.weight, frozenset(row.figures), row.change),
                    row.words, row.heads, row.split, row.patterns, table.window.split_gap)
    return matcher


def compile_taxonomy(nlp: Language, taxonomy: Taxonomy) -> CueMatcher:
    """The taxonomy's cues as matchers; raises TaxonomyError for an invalid pattern."""
    weight = meaning_table().category.cue_weight
    matcher = CueMatcher(nlp.vocab, "category")
    for node in taxonomy.category:
        path = taxonomy.path(node.id)
        needs = path.split("/")[0] if node.needs_parent else None
        figures = frozenset({"amount", "headcount"})
        matcher.add(nlp, _CueSpec(path, weight, figures, needs=needs), node.cues, node.heads,
                    [], node.patterns)
        if node.weak_cues:
            matcher.add(nlp, _CueSpec(path, weight / 2, figures, needs=needs), node.weak_cues,
                        [], [], [])
    return matcher


class MeaningAnnotator(_Component):
    """Status, category, dates, subject and breakdowns of the figures found before."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.status = compile_status(nlp)
        prepare()
        self._taxonomies: dict[int, tuple[Taxonomy, CueMatcher]] = {}

    def categories(self, taxonomy: Taxonomy, source: Path | None = None) -> CueMatcher:
        """The taxonomy's matchers, compiled once; errors name the ``source`` file."""
        cached = self._taxonomies.get(id(taxonomy))
        if cached is None or cached[0] is not taxonomy:
            try:
                cached = (taxonomy, compile_taxonomy(self.nlp, taxonomy))
            except TaxonomyError as exc:
                raise TaxonomyError(f"{source or 'taxonomy'}: {exc}") from None
            self._taxonomies[id(taxonomy)] = cached
        return cached[1]

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        source = st.get("taxonomy")
        taxonomy = load_taxonomy(source)
        text = st["text"]
        amounts, headcounts = st.get("amount", []), st.get("headcount", [])
        sentences: list[tuple[int, int]] = []
        status_cues: list[Cue] = []
        if amounts or headcounts:  # without figures only the category cues (topics) count
            starts = sentence_starts(doc) if doc.has_annotation("SENT_START") else []
            starts = starts or [0]
            sentences = list(zip(starts, [*starts[1:], len(text)], strict=True))
            status_cues = self.status(doc)
        meaning = annotate(text, sentences, amounts, headcounts, st.get("date", []),
                           status_cues, self.categories(taxonomy, source)(doc),
                           st.get("letter_date"))
        st["meaning"] = meaning
        st["taxonomy_model"] = taxonomy
        return doc


@Language.factory("briefparser_letter")
def make_letter(nlp: Language, name: str) -> LetterHeader:
    return LetterHeader().named(name)


@Language.factory("briefparser_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(nlp.vocab).named(name)


@Language.factory("briefparser_money")
def make_money(nlp: Language, name: str) -> MoneyExtractor:
    return MoneyExtractor().named(name)


@Language.factory("briefparser_percentages")
def make_percentages(nlp: Language, name: str) -> PercentageExtractor:
    return PercentageExtractor().named(name)


@Language.factory("briefparser_dates")
def make_dates(nlp: Language, name: str) -> DateExtractor:
    return DateExtractor().named(name)


@Language.factory("briefparser_counts")
def make_counts(nlp: Language, name: str) -> CountExtractor:
    return CountExtractor().named(name)


@Language.factory("briefparser_meaning")
def make_meaning(nlp: Language, name: str) -> MeaningAnnotator:
    return MeaningAnnotator(nlp).named(name)


# The component that sets sentence boundaries in a blank pipeline.
SENTENCES = "briefparser_sentences"

# Order matters: non-entities first, then money before percentages, dates and counts,
# so that a year or a bare number inside an amount is never taken twice.
PIPE_NAMES = (
    "briefparser_letter",
    "briefparser_money",
    "briefparser_percentages",
    "briefparser_dates",
    "briefparser_counts",
    "briefparser_meaning",
)
