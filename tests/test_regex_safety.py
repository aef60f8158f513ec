"""Hostile input finishes quickly, and every regex scan of a long text carries a timeout."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

import briefparser
from briefparser.extractors.base import Claims
from briefparser.extractors.blocked import claim_blocked
from briefparser.extractors.money import find_amounts
from briefparser.extractors.percentages import find_percentages
from briefparser.normalize import (
    UNTIMED_CHARS,
    parse_digits,
    parse_number_text,
    parse_quantity,
    regex_timeout,
)

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
    """Build the pipeline and compile the patterns once, so that the timings measure
    matching only."""
    text = "(bedragen x € 1.000)\nMunitie 45.300\nOok € 5 miljoen en 10, 25 c.q. 35%."
    claims = Claims(len(text))
    find_amounts(text, claims)
    find_percentages(text, claims)
    briefparser.extract(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_fast(text: str) -> None:
    claims = Claims(len(text))
    claim_blocked(text, claims)
    started = time.perf_counter()
    find_amounts(text, claims)
    find_percentages(text, claims)
    assert time.perf_counter() - started < SECONDS


@pytest.mark.parametrize("text", HOSTILE)
def test_short_hostile_input_without_timeouts_is_fast(text: str) -> None:
    """A text of at most UNTIMED_CHARS is scanned without regex timeouts: the whole
    extraction of each hostile text cut to that length stays quick."""
    short = text[:UNTIMED_CHARS]
    assert regex_timeout(short) is None
    started = time.perf_counter()
    briefparser.extract(short)
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


# Run in a fresh interpreter: every pattern briefparser compiles is wrapped, and a call
# that scans a text without a timeout is reported with the line that made it, unless its
# pattern has no unbounded repeat (then its work per position is bounded by its length)
# or the text is short (normalize.UNTIMED_CHARS). The letters scanned include long ones.
_AUDIT = r"""
import json, sys
from pathlib import Path
import regex

SCANNING = {"search", "finditer", "findall", "sub", "subn", "split", "splititer"}
SRC = sys.argv[1]
missing = set()
long_scans = 0

def note(name, kwargs, source, text):
    global long_scans
    from briefparser.normalize import UNTIMED_CHARS
    if name in SCANNING and isinstance(text, str) and len(text) > UNTIMED_CHARS:
        long_scans += 1
    if name in SCANNING and kwargs.get("timeout") is None:
        from briefparser.patterns import unbounded
        if isinstance(source, str) and not unbounded(source):
            return
        if isinstance(text, str) and len(text) <= UNTIMED_CHARS:
            return
        frame = sys._getframe(2)
        if frame.f_code.co_filename.startswith(SRC):
            missing.add(f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}")

class Guarded:
    def __init__(self, pattern):
        self._pattern = pattern

    def __getattr__(self, name):
        attr = getattr(self._pattern, name)
        if name not in SCANNING:
            return attr
        def call(*args, **kwargs):
            # sub and subn take the replacement first, then the text.
            at = 1 if name in ("sub", "subn") else 0
            text = args[at] if len(args) > at else kwargs.get("string")
            note(name, kwargs, self._pattern.pattern, text)
            return attr(*args, **kwargs)
        return call

real_compile = regex.compile
regex.compile = lambda *a, **k: Guarded(real_compile(*a, **k))
for name in SCANNING:
    real = getattr(regex, name)
    def module_call(*args, _real=real, _name=name, **kwargs):
        text = args[2] if _name in ("sub", "subn") and len(args) > 2 else (
            args[1] if len(args) > 1 else None)
        note(_name, kwargs, args[0] if args else None, text)
        return _real(*args, **kwargs)
    setattr(regex, name, module_call)

import briefparser
from briefparser.extractors.letter import parse_date_text, title_case
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
texts += json.loads(sys.argv[3])
for text in texts:
    briefparser.extract(text)
parse_date_text("3 mei 2024")
title_case("MINISTER VAN DEFENSIE")
print(json.dumps([sorted(missing), long_scans]))
"""

SAMPLES = [
    "Den Haag, 14 november 2024\nBetreft: steun\nKenmerk: AB-12\n\nGeachte Voorzitter,\n"
    "Zie Kamerstuk 21 501-20, nr. 1872. Om 10.30 uur; Postbus 20061; 2024D41207.\n"
    "(bedragen x € 1.000)\nMunitie 45.300\nTotaal 50.000\n"
    "Tussen de 1,5 en 2 procent, € 3 à 4 mln per jaar, ruim twintig militairen, "
    "duizenden asielzoekers, 8.600 functies open, half miljard, f 2,5 mln in 1994, "
    "sinds 2022, begin dit jaar, 12 maart jl., in het derde kwartaal van 2025, "
    "2021–2027, twee derde, 5 fte.\n\nDe Minister van Defensie,\n\nR. Brekelmans",
]


def test_every_regex_scan_has_a_timeout() -> None:
    import json
    import subprocess
    import sys

    corpus = SRC.parent.parent / "corpus"
    out = subprocess.run(
        [sys.executable, "-c", _AUDIT, str(SRC), str(corpus),
         json.dumps([*SAMPLES, "\n\n".join(SAMPLES * 20)])],
        capture_output=True, text=True, check=True, timeout=300)
    missing, long_scans = json.loads(out.stdout.strip().splitlines()[-1])
    assert missing == []
    assert long_scans > 100
