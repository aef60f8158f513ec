"""The pipeline: a Dutch spaCy pipeline plus briefparser's components."""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from briefparser import patterns, rules
from briefparser.components import (  # importing components registers the factories
    PIPE_NAMES,
    SENTENCES,
)
from briefparser.extractors import (
    blocked,
    cues,
    dates,
    headcounts,
    letter,
    meaning,
    money,
    percentages,
)

# Modules whose tables and patterns are built on first use, by cached functions.
RULE_MODULES: tuple[ModuleType, ...] = (
    patterns, blocked, letter, cues, money, percentages, dates, headcounts, meaning)

# Letters can be long; the components are linear in text length.
MAX_LENGTH = 20_000_000


def abbreviations() -> list[str]:
    words: list[str] = rules.load("abbreviations.toml")["words"]
    return words


def add_components(nlp: Language) -> Language:
    """Add tokenizer exceptions, sentence boundaries and the extractors to ``nlp``.

    A blank pipeline gets ``SENTENCES``, which sets the boundaries spaCy's sentencizer
    would; another pipeline keeps its parser, senter or sentencizer, or gets spaCy's.
    """
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for word in abbreviations():
            tokenizer.add_special_case(word, [{ORTH: word}])
    if not nlp.pipe_names:
        nlp.add_pipe(SENTENCES)
    elif not ({"parser", "senter", "sentencizer", SENTENCES} & set(nlp.pipe_names)):
        nlp.add_pipe("sentencizer")
    for name in PIPE_NAMES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    nlp.max_length = MAX_LENGTH
    return nlp


def _argument_sets(function: Callable[..., Any]) -> list[tuple[Any, ...]] | None:
    """Every way to call ``function`` when its parameters are flags or have defaults;
    None otherwise."""
    choices: list[tuple[Any, ...]] = []
    for p in inspect.signature(function).parameters.values():
        if p.annotation in (bool, "bool"):
            choices.append((False, True))
        elif p.default is not p.empty:
            choices.append((p.default,))
        else:
            return None
    return list(itertools.product(*choices))


def build_rules() -> int:
    """Load every table and compile every pattern that the extractors build on first use
    (cached functions whose parameters are flags or have defaults), so that the first
    letters of a run do not pay for it. Returns how many were built."""
    built = 0
    for module in RULE_MODULES:
        for obj in vars(module).values():
            if not (callable(obj) and hasattr(obj, "cache_info")
                    and getattr(obj, "__module__", None) == module.__name__):
                continue
            for args in _argument_sets(obj) or ():
                obj(*args)
                built += 1
    return built


@cache
def get_nlp(model: str | None = None) -> Language:
    """``spacy.blank("nl")`` with our components, or a trained Dutch pipeline by name.

    A trained pipeline's parser and NER are disabled: the components do not need them,
    and sentence boundaries come from its senter or spaCy's sentencizer.
    """
    build_rules()
    if model is None:
        nlp = spacy.blank("nl")
    else:
        nlp = spacy.load(model, exclude=["ner", "parser", "attribute_ruler", "lemmatizer"])
    return add_components(nlp)
