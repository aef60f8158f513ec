"""The cue matchers find cue phrases by their longest word; they must find exactly what
spaCy's PhraseMatcher finds for the same phrase lists (overlapping matches included)."""

from __future__ import annotations

import random
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from briefparser.components import CueMatcher, MeaningAnnotator, token_lowers
from briefparser.extraction import _make_doc
from briefparser.extractors.meaning import load_taxonomy, status_table
from briefparser.nlp import get_nlp

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _reference(nlp: Language, rows: list[list[str]]) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for i, words in enumerate(rows):
        if words:
            matcher.add(f"k{i}", [nlp.make_doc(w) for w in words])
    return matcher


def _found(matcher: CueMatcher, doc: Doc) -> set[tuple[int, int, int]]:
    lowers = token_lowers(doc)
    lexemes = matcher._lexemes(doc, lowers)
    out = set()
    for i, lower in enumerate(lowers):
        lexeme = lexemes.get(lower)
        for index, at, ids in lexeme.phrases if lexeme else ():
            start = i - at
            if start >= 0 and lowers[start : start + len(ids)] == ids:
                out.add((index, start, start + len(ids)))
    return out


def _texts(rows: list[list[str]], seed: int) -> list[str]:
    rng = random.Random(seed)
    words = [w for row in rows for phrase in row for w in phrase.split()]
    fillers = ["de", "het", "van", "en", ",", ".", "werd", "steun", "2024", "€", "5"]
    return [" ".join(rng.choice(words if rng.random() < 0.5 else fillers)
                     for _ in range(rng.randint(1, 40))) for _ in range(300)]


def test_cue_phrases_equal_phrase_matcher() -> None:
    nlp = get_nlp()
    annotator = nlp.get_pipe("briefparser_meaning")
    assert isinstance(annotator, MeaningAnnotator)
    status_rows = [row.words for row in status_table().cue]
    category_rows: list[list[str]] = []
    for node in load_taxonomy().category:
        category_rows.append(node.cues)
        if node.weak_cues:
            category_rows.append(node.weak_cues)
    pairs = [(annotator.status, status_rows),
             (annotator.categories(load_taxonomy()), category_rows)]
    hits = 0
    for seed, (matcher, rows) in enumerate(pairs):
        reference = _reference(nlp, rows)
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
        for text in texts + _texts(rows, seed):
            doc = _make_doc(nlp, text, None)
            want = {(int(nlp.vocab.strings[key][1:]), s, e) for key, s, e in reference(doc)}
            assert _found(matcher, doc) == want, text[:80]
            hits += len(want)
    assert hits > 200
