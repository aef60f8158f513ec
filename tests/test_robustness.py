"""Arbitrary and hostile input: extraction never raises and offsets always hold."""

from __future__ import annotations

import datetime as dt
import importlib
import random
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
    pytest.param("%" * 100_000, id="percent-signs"),
    pytest.param("€" * 100_000, id="euro-signs"),
    pytest.param("".join(random.Random(1).choice('%€("') for _ in range(50_000)),
                 id="affix-characters"),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_finishes_quickly(text: str) -> None:
    start = time.perf_counter()
    record = briefparser.extract(text)
    # Generous bound for a slow CI machine; the point is "not exponential".
    assert time.perf_counter() - start < 30
    _check_offsets(text, record)


def test_long_text_is_processed_in_pieces_with_true_offsets(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    extract_module = importlib.import_module("briefparser.extraction")

    monkeypatch.setattr(extract_module, "CHUNK_CHARS", 400)
    paragraph = ("Den Haag, 3 mei 2024\n\n" if False else "") + \
        "In 2023 is € {n} miljoen uitgegeven; er werken {n}0 militairen aan mee.\n\n"
    header = "Den Haag, 3 mei 2024\n\nBegin dit jaar is € 1 miljard begroot.\n\n"
    text = header + "".join(paragraph.format(n=n) for n in range(1, 40))
    record = briefparser.extract(text)
    assert record.letter.date == dt.date(2024, 5, 3)
    _check_offsets(text, record)
    assert [str(a.value) for a in record.amounts][:3] == ["1000000000", "1000000", "2000000"]
    assert len(record.amounts) == 40 and len(record.headcounts) == 39
    # Relative dates in later pieces still resolve against the header's date.
    assert record.dates[1].value == "2024"
    assert record.letter.sha256 == briefparser.extract(text[:0] + text).letter.sha256


def test_one_huge_line_is_processed(monkeypatch: pytest.MonkeyPatch) -> None:
    extract_module = importlib.import_module("briefparser.extraction")

    monkeypatch.setattr(extract_module, "CHUNK_CHARS", 1000)
    text = "€ 5 miljoen " * 2000 + "9" * 5000
    record = briefparser.extract(text)
    _check_offsets(text, record)
    assert len(record.amounts) == 2000


SPLITS = [
    pytest.param("aa bb. cc\n\ndd", 8, [(0, "aa bb. "), (7, "cc\n\ndd")], id="sentence-break"),
    pytest.param("1234567890", 4, [(0, "1234"), (4, "5678"), (8, "90")], id="no-break-hard-cut"),
    pytest.param("ab\ncd\n\nef", 8, [(0, "ab\ncd\n\n"), (7, "ef")], id="paragraph-first"),
    pytest.param("short", 10, [(0, "short")], id="fits"),
]


@pytest.mark.parametrize(("text", "size", "pieces"), SPLITS)
def test_split_text(text: str, size: int, pieces: list[tuple[int, str]]) -> None:
    from briefparser.extraction import split_text

    assert split_text(text, size) == pieces
    assert "".join(p for _, p in pieces) == text


def test_extract_many_keeps_input_order_around_long_texts(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    from briefparser.io import Document

    extraction = importlib.import_module("briefparser.extraction")
    monkeypatch.setattr(extraction, "CHUNK_CHARS", 100)
    texts = ["Er is € 1 miljoen.", "Er is € 2 miljoen. " + "Niets. " * 40, "Er is € 3 miljoen."]
    docs = [Document(text=t, source=f"d{i}", format="txt") for i, t in enumerate(texts)]
    results = list(briefparser.extract_many(docs, batch_size=8))
    assert [d.source for d, _ in results] == ["d0", "d1", "d2"]
    assert [str(r.amounts[0].value) for _, r in results] == ["1000000", "2000000", "3000000"]


def test_a_character_that_lengthens_in_lower_case_keeps_meaning_offsets() -> None:
    # "İ".lower() is two characters; the meaning component reads a lower-case copy of the
    # text by the offsets of the original, so each "İ" before a figure would shift it.
    body = "Op 31 augustus 2025 stond de waarde van de gerealiseerde steun op € 8,7 miljard."
    plain = "IIIIIIIIIIIIIIIIIIII.\n\n" + body
    tricky = plain.replace("I", "İ")
    a, b = briefparser.extract(plain).amounts[0], briefparser.extract(tricky).amounts[0]
    assert a.as_of == "2025-08-31"
    assert (b.as_of, b.status, b.subject) == (a.as_of, a.status, a.subject)


@pytest.mark.parametrize("text", ["", "kort", "a " + "%" * 201, "%" * 1_000 + " x\n" + "€" * 450,
                                  "x" * 200, "\u00a0".join(["y" * 300] * 3)])
def test_tokenizer_text_cuts_long_runs_in_place(text: str) -> None:
    from briefparser.extraction import LONG_RUN, tokenizer_text

    cut = tokenizer_text(text)
    assert len(cut) == len(text)
    assert max((len(w) for w in cut.split()), default=0) <= LONG_RUN
    assert all(a == b for a, b in zip(cut, text, strict=True) if b.isspace() or a != " ")
    if max((len(w) for w in text.split()), default=0) <= LONG_RUN:
        assert cut is text


def test_a_long_run_keeps_offsets_into_the_text() -> None:
    text = "Er is € 5 miljoen uitgegeven. " + "%" * 5_000 + " Op 3 mei 2024 kwamen 20 militairen."
    record = briefparser.extract(text)
    _check_offsets(text, record)
    assert [a.text for a in record.amounts] == ["€ 5 miljoen"]
    assert [d.text for d in record.dates] == ["3 mei 2024"]
