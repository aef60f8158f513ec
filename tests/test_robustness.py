"""Arbitrary and hostile input: extraction never raises and offsets always hold."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefparser
from briefparser.models import LetterRecord

# Characters that letters are made of, weighted towards the ones rules look at.
LETTER_CHARS = st.sampled_from(
    list("0123456789.,-–/%€$ƒ()'’ \n\t") + list("abcdefghijklmnopqrstuvwxyzëéï")
    + ["miljoen", "miljard", "mln.", "mld.", " euro", " procent", "jl.", "a.s.", " tot ",
       " en ", "ruim ", "bijna ", "mei ", "2024", "Nr. ", "Kamerstuk ", "militairen",
       "duizenden", "tussen ", "t/m", "fte", "d.d.", "Den Haag, "]
)
LETTER_TEXT = st.lists(LETTER_CHARS, max_size=80).map("".join)


def _check_offsets(text: str, record: LetterRecord) -> None:
    for kind in (record.amounts, record.dates, record.headcounts, record.percentages,
                 record.quantities):
        for m in kind:
            assert text[m.start : m.end] == m.text
            assert 0 <= m.start < m.end <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LETTER_TEXT, st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2060, 12, 31))))
def test_extract_never_raises_on_letter_like_text(text: str, letter_date: dt.date | None) -> None:
    _check_offsets(text, briefparser.extract(text, letter_date=letter_date))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_extract_never_raises_on_any_text(text: str) -> None:
    _check_offsets(text, briefparser.extract(text))


HOSTILE = [
    pytest.param("1" * 100_000, id="100k-digits"),
    pytest.param("1.1," * 25_000, id="dots-and-commas"),
    pytest.param("1 " * 50_000, id="spaced-digits"),
    pytest.param("€ " * 50_000, id="currency-signs"),
    pytest.param("ruim " * 20_000 + "€ 5", id="qualifier-run"),
    pytest.param("tot en met " * 10_000, id="connector-run"),
    pytest.param("mei 2024 " * 10_000, id="date-run"),
    pytest.param("a" * 200_000, id="one-long-word"),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_finishes_quickly(text: str) -> None:
    start = time.perf_counter()
    record = briefparser.extract(text)
    # Generous bound for a slow CI machine; the point is "not exponential".
    assert time.perf_counter() - start < 30
    _check_offsets(text, record)
