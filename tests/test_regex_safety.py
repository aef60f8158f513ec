"""Hostile input finishes quickly, and every regex call carries a timeout."""

from __future__ import annotations

import ast
import random
import time
from pathlib import Path

import pytest

from briefparser.extractors.base import Claims
from briefparser.extractors.blocked import claim_blocked
from briefparser.extractors.money import find_amounts
from briefparser.extractors.percentages import find_percentages
from briefparser.normalize import parse_digits, parse_number_text, parse_quantity

SRC = Path(__file__).resolve().parent.parent / "src" / "briefparser"
SECONDS = 1.0


def _mixed(alphabet: str, n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(n))


HOSTILE = [
    pytest.param("1" * 100_000, id="digits"),
    pytest.param("1." * 50_000, id="dots"),
    pytest.param("1," * 50_000, id="commas"),
    pytest.param("1.1,1" * 20_000, id="dots-and-commas"),
    pytest.param(_mixed("0123456789.,", 100_000, 1), id="random-digits-dots-commas"),
    pytest.param(_mixed("0123456789., \u00a0\u202f-", 100_000, 2), id="random-with-spaces"),
    pytest.param("123 " * 25_000, id="space-groups"),
    pytest.param("€ " * 50_000 + "1", id="signs"),
    pytest.param("-" * 100_000 + "€ 1", id="dashes"),
    pytest.param("mil-" * 25_000 + "joen", id="hyphen-broken-words"),
    pytest.param("tussen " * 15_000 + "€ 1 en 2 miljard", id="between-words"),
    pytest.param("x € " * 25_000 + "1.000\n1", id="caption-starts"),
    pytest.param("(bedragen x € 1.000)\n" + "1 2\n" * 10_000, id="long-table"),
    pytest.param("percentage " * 10_000 + "5", id="percentage-nouns"),
    pytest.param("1, " * 30_000 + "5%", id="long-percent-list"),
    pytest.param("%" * 100_000, id="percent-signs"),
    pytest.param("drie" * 25_000 + " miljoen euro", id="long-number-word"),
]


@pytest.fixture(scope="module", autouse=True)
def compiled() -> None:
    """Compile the patterns once, so that the timings measure matching only."""
    text = "(bedragen x € 1.000)\nMunitie 45.300\nOok € 5 miljoen en 10, 25 c.q. 35%."
    claims = Claims(len(text))
    find_amounts(text, claims)
    find_percentages(text, claims)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_fast(text: str) -> None:
    claims = Claims(len(text))
    claim_blocked(text, claims)
    started = time.perf_counter()
    find_amounts(text, claims)
    find_percentages(text, claims)
    assert time.perf_counter() - started < SECONDS


@pytest.mark.parametrize("text", [
    pytest.param("1" * 100_000, id="digits"),
    pytest.param("1.000" * 20_000, id="groups"),
    pytest.param("1,1" * 30_000, id="commas"),
    pytest.param("drie" * 25_000, id="word"),
])
def test_normalize_hostile_input_is_fast(text: str) -> None:
    started = time.perf_counter()
    parse_digits(text)
    parse_number_text(text)
    parse_quantity(text, "miljoen")
    assert time.perf_counter() - started < SECONDS


REGEX_METHODS = {"search", "match", "fullmatch", "finditer", "findall", "sub", "subn"}


def _calls_without_timeout(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    missing = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in REGEX_METHODS
                and not any(k.arg == "timeout" for k in node.keywords)):
            missing.append(f"{path.name}:{node.lineno}")
    return missing


@pytest.mark.parametrize("module", [
    pytest.param("extractors/money.py", id="money"),
    pytest.param("extractors/percentages.py", id="percentages"),
    pytest.param("normalize.py", id="normalize"),
])
def test_every_regex_call_has_a_timeout(module: str) -> None:
    assert _calls_without_timeout(SRC / module) == []
