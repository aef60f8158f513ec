"""Scoring: overlap matching, strict values and the counts behind P/R/F1."""

from __future__ import annotations

from typing import Any

import pytest

from briefparser.evaluate import KindScore, _match, evaluate


def span(start: int, end: int, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, **extra}


MATCH_CASES = [
    pytest.param([span(0, 5)], [span(3, 8)], [(0, 0)], id="overlap-matches"),
    pytest.param([span(0, 5)], [span(5, 8)], [], id="touching-is-no-overlap"),
    pytest.param([span(0, 10)], [span(0, 2), span(2, 10)], [(0, 1)], id="largest-overlap-wins"),
    pytest.param([span(0, 5), span(6, 9)], [span(0, 9)], [(0, 0)], id="one-to-one"),
]


@pytest.mark.parametrize(("golds", "preds", "expected"), MATCH_CASES)
def test_match(golds: list[dict[str, Any]], preds: list[dict[str, Any]],
               expected: list[tuple[int, int]]) -> None:
    assert sorted(_match(golds, preds)) == expected


def test_prf_counts() -> None:
    s = KindScore(gold=4, predicted=5, matched=4, strict=3)
    assert s.detection() == pytest.approx((0.8, 1.0, 0.888888), rel=1e-4)
    assert s.strict_prf()[2] == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_evaluate_scores_a_wrong_value_as_detected_but_not_strict() -> None:
    text = "Er is € 5 miljoen uitgegeven."
    row = {"id": "x", "letter_date": None, "text": text,
           "money": [{"text": "€ 5 miljoen", "start": 6, "end": 17, "value": "6000000",
                      "currency": "EUR", "qualifier": None, "range_high": None}]}
    result = evaluate([(row, text)])
    money = result.scores["money"]
    assert (money.matched, money.strict) == (1, 0)
    assert [m.problem for m in result.mistakes] == ["wrong_value"]


def test_not_entity_hits_are_counted() -> None:
    text = "Bel 070 123 45 67 of kom met 40 militairen."
    row = {"id": "y", "letter_date": None, "text": text, "not_entities": ["40 militairen"]}
    result = evaluate([(row, text)])
    assert result.scores["headcounts"].not_entity_hits == 1
