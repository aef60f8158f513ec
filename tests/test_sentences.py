"""Sentence boundaries: the blank pipeline's SentenceSplitter sets exactly the SENT_START
values of spaCy's sentencizer, and sentence_starts reads them as character offsets."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import spacy
from spacy.attrs import SENT_START
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from briefparser.components import (
    MAX_SENTENCE_CHARS,
    SENTENCES,
    SentenceSplitter,
    sentence_starts,
    state,
)
from briefparser.io import iter_input_paths, read_path
from briefparser.nlp import add_components, get_nlp

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"


def _texts() -> list[str]:
    texts = [read_path(p).text for p in iter_input_paths([CORPUS, FIXTURES / "io"])]
    with (FIXTURES / "eval" / "sample.jsonl").open(encoding="utf-8") as rows:
        texts.extend(json.loads(row)["text"] for row in rows if row.strip())
    return texts


def _reference_starts(doc: Doc) -> list[int]:
    """sentence_starts as a plain loop over the tokens."""
    starts: list[int] = []
    for token in doc:
        if not starts or token.is_sent_start or token.idx - starts[-1] > MAX_SENTENCE_CHARS:
            starts.append(token.idx)
    return starts


def _compare(docs: list[Doc], fresh: list[Doc], *, marks_are_punct: bool = True) -> int:
    """Run spaCy's sentencizer on ``docs`` and ours on their twins ``fresh``; ours
    records the sentence starts of documents without boundaries of their own. Returns
    how many it recorded."""
    spacy_rule, ours = Sentencizer(), SentenceSplitter(docs[0].vocab)
    assert ours._marks_are_punct == marks_are_punct
    recorded_count = 0
    for theirs, mine in zip(docs, fresh, strict=True):
        before = mine.to_array(SENT_START).astype("int64").tolist()
        plain = not any(before[1:]) and before[:1] != [-1]
        spacy_rule(theirs)
        ours(mine)
        assert mine.to_array(SENT_START).tolist() == theirs.to_array(SENT_START).tolist(), \
            [t.text for t in mine]
        recorded = state(mine).pop("sentence_starts", None)
        read = sentence_starts(mine)
        assert read == _reference_starts(theirs)
        assert recorded == (read if plain else None)
        recorded_count += recorded is not None
    return recorded_count


def test_punct_chars_are_spacys() -> None:
    assert Sentencizer().punct_chars == set(Sentencizer.default_punct_chars)


def test_equal_to_spacy_on_every_text() -> None:
    texts = _texts()
    assert texts
    nlp = get_nlp()
    count = _compare([nlp.make_doc(t) for t in texts], [nlp.make_doc(t) for t in texts])
    assert count == len(texts)


# Sentence-final marks, other punctuation, white space and words, to make token soups of.
_PIECES = [
    *Sentencizer.default_punct_chars,
    ".", ".", "!", "?", "...", "?!", "!!", "..", ".)", ",", ";", ":", "(", ")", "\"", "'",
    "«", "»", "-", "–", "•", "*", "/", "§", "€", "%", " ", "  ", "\n", "\n\n", "\t",
    "a", "De", "brief", "2025", "3.", "1.200", "mln.", "e.d.", "Kamer", "x1", "‘", "’",
]


def _soups(count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    return [rng.choices(_PIECES, k=rng.randint(1, 60)) for _ in range(count)]


def test_equal_to_spacy_on_token_soups() -> None:
    nlp = spacy.blank("nl")
    soups = _soups(3000, seed=1)
    docs = [Doc(nlp.vocab, words=words) for words in soups]
    fresh = [Doc(nlp.vocab, words=words) for words in soups]
    _compare(docs, fresh)


def test_marks_that_are_no_punctuation_also_end_sentences() -> None:
    nlp = spacy.blank("nl")
    soups = _soups(1000, seed=6)
    for mark in ("!", "｡"):
        nlp.vocab[mark].is_punct = False
    docs = [Doc(nlp.vocab, words=words) for words in soups]
    fresh = [Doc(nlp.vocab, words=words) for words in soups]
    _compare(docs, fresh, marks_are_punct=False)


def test_equal_to_spacy_on_tokenized_soups() -> None:
    nlp = get_nlp()
    texts = ["".join(words) for words in _soups(3000, seed=2)]
    texts += [" ".join(words) for words in _soups(3000, seed=3)]
    _compare([nlp.make_doc(t) for t in texts], [nlp.make_doc(t) for t in texts])


def test_keeps_boundaries_already_set() -> None:
    nlp = spacy.blank("nl")
    rng = random.Random(4)
    docs, fresh = [], []
    for words in _soups(2000, seed=5):
        marks = [rng.choice([None, None, True, False]) for _ in words]
        for batch in (docs, fresh):
            doc = Doc(nlp.vocab, words=words)
            for token, mark in zip(doc, marks, strict=True):
                if mark is not None:
                    token.is_sent_start = mark
            batch.append(doc)
    assert 0 < _compare(docs, fresh) < len(docs)


def test_empty_doc() -> None:
    nlp = spacy.blank("nl")
    doc = SentenceSplitter(nlp.vocab)(nlp.make_doc(""))
    assert len(doc) == 0
    assert sentence_starts(doc) == []


@pytest.mark.parametrize("text", [
    "woord " * 2000,
    ("woord " * 500 + ". ") * 5,
    "Kort. " + "woord " * 1000 + "Nog een zin. " + "x" * 3000 + " en verder " * 300,
])
def test_run_on_text_is_cut(text: str) -> None:
    nlp = get_nlp()
    _compare([nlp.make_doc(text)], [nlp.make_doc(text)])
    doc = SentenceSplitter(nlp.vocab)(nlp.make_doc(text))
    starts = sentence_starts(doc)
    assert len(starts) > text.count(". ") + 1


def test_blank_pipeline_gets_ours_others_keep_spacys() -> None:
    blank = add_components(spacy.blank("nl"))
    assert blank.pipe_names[0] == SENTENCES
    assert "sentencizer" not in blank.pipe_names

    with_sentencizer = spacy.blank("nl")
    with_sentencizer.add_pipe("sentencizer")
    add_components(with_sentencizer)
    assert SENTENCES not in with_sentencizer.pipe_names

    trained_like = spacy.blank("nl")
    trained_like.add_pipe("attribute_ruler")
    add_components(trained_like)
    assert "sentencizer" in trained_like.pipe_names
    assert SENTENCES not in trained_like.pipe_names
