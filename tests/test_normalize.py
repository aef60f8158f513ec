"""Written Dutch numbers to exact values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from briefparser.normalize import (
    exact,
    parse_digits,
    parse_number_text,
    parse_number_word,
    parse_quantity,
    scale_of,
    unbreak,
)

DIGITS = [
    pytest.param("1.250.000", "1250000", id="dot-thousands"),
    pytest.param("3 000", "3000", id="space-thousands"),
    pytest.param("3\u00a0000", "3000", id="no-break-space"),
    pytest.param("8\u202f392,6", "8392.6", id="narrow-no-break-space"),
    pytest.param("13,6", "13.6", id="decimal-comma"),
    pytest.param("10.612,4", "10612.4", id="thousands-and-decimal"),
    pytest.param("7.4", "7.4", id="english-decimal"),
    pytest.param("6.75", "6.75", id="english-two-decimals"),
    pytest.param("1.012", "1012", id="thousands-dot"),
    pytest.param("0,78", "0.78", id="below-one"),
    pytest.param("+1,0", "1.0", id="plus"),
    pytest.param("2025", "2025", id="plain"),
    pytest.param("12,3,4", None, id="two-commas"),
    pytest.param("1.23.4", None, id="bad-groups"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), DIGITS)
def test_parse_digits(text: str, expected: str | None) -> None:
    value = parse_digits(text)
    assert (None if value is None else format(value, "f")) == expected


WORDS = [
    pytest.param("drieëntwintig", 23, id="drieentwintig"),
    pytest.param("honderdtwintig", 120, id="honderdtwintig"),
    pytest.param("zevenduizend", 7000, id="zevenduizend"),
    pytest.param("tweehonderd", 200, id="tweehonderd"),
    pytest.param("vijftien", 15, id="vijftien"),
    pytest.param("honderd", 100, id="honderd"),
    pytest.param("duizend", 1000, id="duizend"),
    pytest.param("tweehonderdvijfendertigduizend", 235000, id="long-compound"),
    pytest.param("eenentwintig", 21, id="eenentwintig"),
    pytest.param("Negentig", 90, id="capital"),
    pytest.param("achter", None, id="not-a-number"),
    pytest.param("tweede", None, id="ordinal"),
    pytest.param("tweetwee", None, id="two-units"),
    pytest.param("en", None, id="connector-alone"),
]


@pytest.mark.parametrize(("word", "expected"), WORDS)
def test_parse_number_word(word: str, expected: int | None) -> None:
    assert parse_number_word(word) == expected


QUANTITIES = [
    pytest.param("13,6", "miljard", "13600000000", id="miljard"),
    pytest.param("5,69", "mld.", "5690000000", id="mld"),
    pytest.param("2,5", "mln", "2500000", id="mln"),
    pytest.param("1,3", "mrd.", "1300000000", id="mrd"),
    pytest.param("2", "biljoen", "2000000000000", id="biljoen"),
    pytest.param("17,6", "duizend", "17600", id="duizend"),
    pytest.param("anderhalf", "miljard", "1500000000", id="anderhalf"),
    pytest.param("een half", "miljard", "500000000", id="een-half"),
    pytest.param("tweeënhalf", "miljoen", "2500000", id="tweeenhalf"),
    pytest.param("honderd", "miljoen", "100000000", id="word-and-scale"),
    pytest.param("12,6", "min.", "12600000", id="ocr-min"),
    pytest.param("12,6", "mil-joen", "12600000", id="hyphen-broken-scale"),
    pytest.param("7.4", "miljoen", "7400000", id="english-decimal-scale"),
    pytest.param("5", "liter", None, id="not-a-scale"),
    pytest.param("vijf", None, "5", id="no-scale"),
]


@pytest.mark.parametrize(("number", "scale", "expected"), QUANTITIES)
def test_parse_quantity(number: str, scale: str | None, expected: str | None) -> None:
    value = parse_quantity(number, scale)
    assert (None if value is None else format(exact(value), "f")) == expected
    assert value is None or isinstance(value, Decimal)


TEXTS = [
    pytest.param("anderhalf", "1.5", id="fraction"),
    pytest.param("een  half", "0.5", id="fraction-spaced"),
    pytest.param("drieënhalf", "3.5", id="unit-and-a-half"),
    pytest.param("zeventig", "70", id="word"),
    pytest.param("3 000", "3000", id="digits"),
    pytest.param("halfjaar", None, id="not-a-number"),
]


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_parse_number_text(text: str, expected: str | None) -> None:
    value = parse_number_text(text)
    assert (None if value is None else format(value, "f")) == expected


@pytest.mark.parametrize(("word", "expected"), [
    pytest.param("gul-dens", "guldens", id="hyphen"),
    pytest.param("Mil- joen", "miljoen", id="hyphen-space"),
    pytest.param("%-punt", "%-punt", id="not-between-letters"),
    pytest.param("euro's", "euro's", id="apostrophe"),
])
def test_unbreak(word: str, expected: str) -> None:
    assert unbreak(word) == expected


@pytest.mark.parametrize(("word", "expected"), [
    pytest.param("mld.", 1_000_000_000, id="mld"),
    pytest.param("Miljoen", 1_000_000, id="capital"),
    pytest.param("mil-jard", 1_000_000_000, id="broken"),
    pytest.param("meter", None, id="not-a-scale"),
])
def test_scale_of(word: str, expected: int | None) -> None:
    assert scale_of(word) == expected


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param(Decimal("13600000000.0"), "13600000000", id="trailing-zero"),
    pytest.param(Decimal("0.780"), "0.78", id="fraction-zeros"),
    pytest.param(Decimal("1E+3"), "1000", id="exponent"),
    pytest.param(Decimal("2.5"), "2.5", id="kept"),
])
def test_exact(value: Decimal, expected: str) -> None:
    assert format(exact(value), "f") == expected
