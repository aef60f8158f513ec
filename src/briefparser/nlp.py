"""The pipeline: a Dutch spaCy pipeline plus briefparser's components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from briefparser import rules
from briefparser.components import PIPE_NAMES  # importing components registers the factories

# Letters can be long; the components are linear in text length.
MAX_LENGTH = 20_000_000


def abbreviations() -> list[str]:
    words: list[str] = rules.load("abbreviations.toml")["words"]
    return words


def add_components(nlp: Language) -> Language:
    """Add tokenizer exceptions, sentence boundaries and the extractors to ``nlp``."""
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for word in abbreviations():
            tokenizer.add_special_case(word, [{ORTH: word}])
    if not ({"parser", "senter", "sentencizer"} & set(nlp.pipe_names)):
        nlp.add_pipe("sentencizer")
    for name in PIPE_NAMES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    nlp.max_length = MAX_LENGTH
    return nlp


@cache
def get_nlp(model: str | None = None) -> Language:
    """``spacy.blank("nl")`` with our components, or a trained Dutch pipeline by name.

    A trained pipeline's parser and NER are disabled: the components do not need them,
    and sentence boundaries come from its senter or our sentencizer.
    """
    if model is None:
        nlp = spacy.blank("nl")
    else:
        nlp = spacy.load(model, exclude=["ner", "parser", "attribute_ruler", "lemmatizer"])
    return add_components(nlp)
