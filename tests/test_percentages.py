"""Percentages and percentage points; proportions are not percentages."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, NamedTuple

import pytest

from briefparser.evaluate import PROPORTIONS, evaluate
from briefparser.extractors.base import Claims
from briefparser.extractors.blocked import claim_blocked
from briefparser.extractors.money import find_amounts
from briefparser.extractors.percentages import find_percentages


class P(NamedTuple):
    """An expected percentage: span text, value, range end, unit, qualifier."""

    text: str
    value: str
    high: str | None = None
    unit: str = "percent"
    qualifier: str | None = None


def _str(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def percentages(text: str) -> list[P]:
    # Amounts are found first, as in the pipeline, so a figure is never taken twice.
    claims = Claims(len(text))
    claim_blocked(text, claims)
    find_amounts(text, claims)
    hits = sorted(find_percentages(text, claims), key=lambda f: f.start)
    return [P(text[f.start : f.end], format(f.attrs["value"], "f"), _str(f.attrs["high"]),
              f.attrs["unit"], f.attrs["qualifier"]) for f in hits]


def case(text: str, *expected: P, id: str) -> Any:
    return pytest.param(text, list(expected), id=id)


BASICS = [
    case("De inflatie bedroeg 5,9%.", P("5,9%", "5.9"), id="percent-sign"),
    case("Groei naar 2 procent van het bbp.", P("2 procent", "2"), id="procent"),
    case("Een stijging van 10 percent.", P("10 percent", "10"), id="percent-word"),
    case("De groei was 3.8% dit jaar.", P("3.8%", "3.8"), id="english-decimal"),
    case("De uitgaven stijgen (+1,0%).", P("+1,0%", "1"), id="plus-sign"),
    case("De koopkracht daalt met -0,5%.", P("-0,5%", "-0.5"), id="minus-sign"),
    case("Nederland haalt de 3,5%-norm.", P("3,5%", "3.5"), id="norm-compound"),
    case("Het tarief daalt met 1,2 procentpunt.", P("1,2 procentpunt", "1.2", unit="procentpunt"),
         id="procentpunt"),
    case("Het tarief daalt met 2 procentpunten.", P("2 procentpunten", "2", unit="procentpunt"),
         id="procentpunten"),
    case("Het tarief daalt met 0,3%-punt.", P("0,3%-punt", "0.3", unit="procentpunt"),
         id="percent-punt"),
    case("Het tarief daalt met 0,3 %-punt.", P("0,3 %-punt", "0.3", unit="procentpunt"),
         id="percent-punt-spaced"),
    case("een verhoging met 50 pet. met ingang van 1 januari", P("50 pet.", "50"),
         id="ocr-pet"),
    case("een verhoging met 20 pct. van de tarieven", P("20 pct.", "20"), id="pct"),
    case("Het gaat om vijf procent van de kosten.", P("vijf procent", "5"), id="written"),
    case("Het gaat om één procent van de kosten.", P("één procent", "1"), id="een-accent"),
    case("Bij 95% van de ouders is dat zo.", P("95%", "95"), id="sentence-start-figure"),
    case("Alles wordt 100% vergoed.", P("100%", "100"), id="hundred"),
    case("Ze krijgen 110 procent van de waarde.", P("110 procent", "110"), id="above-hundred"),
    case("Een tarief van 0% en 9%.", P("0%", "0"), P("9%", "9"), id="zero"),
]

RANGES = [
    case("De groei wordt geraamd tussen de 1,5 en 2 procent per jaar.",
         P("1,5 en 2 procent", "1.5", "2"), id="tussen-de"),
    case("Investeringen belopen 1,5% a 2% van het BBP.", P("1,5% a 2%", "1.5", "2"),
         id="ocr-a"),
    case("Het aandeel is 2,5% à 3% van het totaal.", P("2,5% à 3%", "2.5", "3"), id="a-accent"),
    case("Een stijging van 5 tot 7 procent.", P("5 tot 7 procent", "5", "7"), id="tot"),
    case("Een stijging van 5-7% dit jaar.", P("5-7%", "5", "7"), id="dash"),
    case("Dit is 40% tot 70% van het totaal.", P("40% tot 70%", "40", "70"), id="both-units"),
    case("Een daling van 1,4% tot 1,0% in vijf jaar.", P("1,4%", "1.4"), P("1,0%", "1"),
         id="falling-is-two"),
    case("Het tarief wordt verhoogd van 9% naar 21%.", P("9%", "9"), P("21%", "21"),
         id="van-naar-two"),
    case("Het percentage daalde met 1,2 procentpunt naar 83,1%.",
         P("1,2 procentpunt", "1.2", unit="procentpunt"), P("83,1%", "83.1"),
         id="points-then-level"),
    case("De huur stijgt van 3 tot 5 procent.", P("3", "3"), P("5 procent", "5"),
         id="verb-van-tot-two"),
    case("De huur stijgt met 3 tot 5 procent.", P("3 tot 5 procent", "3", "5"),
         id="met-tot-range"),
    case("Het tarief is verhoogd van 3% tot 5%.", P("3%", "3"), P("5%", "5"),
         id="change-word-van-tot-two"),
]

LISTS = [
    case("(respectievelijk 10, 25 c.q. 35% van het subsidie)", P("10", "10"), P("25", "25"),
         P("35%", "35"), id="shared-unit-list"),
    case("Het gaat om 3% en 5%.", P("3%", "3"), P("5%", "5"), id="two-with-units"),
    case("Het gaat om 3 en 5 procent.", P("3", "3"), P("5 procent", "5"), id="shared-unit-pair"),
    case("(0% en 1,5% tegenover daarboven 1,8%)", P("0%", "0"), P("1,5%", "1.5"),
         P("1,8%", "1.8"), id="three-separate"),
    case("In 2024, 25% van de gevallen.", P("25%", "25"), id="year-not-listed"),
    case("Voor 2 jaar, 5% korting.", P("5%", "5"), id="counted-word-not-listed"),
]

BY_NOUN = [
    case("verlaging van het algemene subsidiepercentage van 40 naar 30;",
         P("40", "40"), P("30", "30"), id="percentage-van-naar"),
    case("voor de laagste klassen lagere percentages gelden dan 3,3 (in 1994)",
         P("3,3", "3.3"), id="percentages-gelden-dan"),
    case("Het percentage is 45 en blijft zo.", P("45", "45"), id="percentage-is"),
    case("Het percentage jongeren in 2023 was hoog.", id="no-figure-after-noun"),
    case("Het percentage stijgt naar 2024.", id="year-after-noun"),
    case("Het percentage is 5 procent.", P("5 procent", "5"), id="unit-wins"),
]

QUALIFIERS = [
    case("Nederland draagt ca. 6,1% van de kosten.", P("6,1%", "6.1", qualifier="approx"),
         id="ca"),
    case("Daarvan is circa 65 procent geholpen.", P("65 procent", "65", qualifier="approx"),
         id="circa"),
    case("De bezetting ligt rond de 74 procent.", P("74 procent", "74", qualifier="approx"),
         id="rond-de"),
    case("Volgens het CBS is ruim 9% slachtoffer.", P("9%", "9", qualifier="more_than"),
         id="ruim"),
    case("Het is voor meer dan 80% gefinancierd.", P("80%", "80", qualifier="more_than"),
         id="meer-dan"),
    case("Minimaal 25% moet betaalbaar zijn.", P("25%", "25", qualifier="at_least"),
         id="minimaal"),
    case("Een loonkloof van ten minste 6%.", P("6%", "6", qualifier="at_least"),
         id="ten-minste"),
    case("Bijna 10 procent haakt af.", P("10 procent", "10", qualifier="less_than"),
         id="bijna"),
    case("Een vergoeding tot 110 procent van de waarde.",
         P("110 procent", "110", qualifier="at_most"), id="tot-cap"),
    case("Het aandeel is gestegen tot 40 procent.", P("40 procent", "40"),
         id="gestegen-tot-no-cap"),
    case("Het tarief stijgt van 9% naar 21%.", P("9%", "9"), P("21%", "21"),
         id="naar-no-qualifier"),
]

NOT_PERCENTAGES = [
    case("Ruim de helft van de gemeenten doet mee.", id="de-helft"),
    case("Het ligt ruim een kwart hoger.", id="een-kwart"),
    case("Voor twee derde in het betaalbare segment.", id="twee-derde"),
    case("Ongeveer één op de acht jongeren ontvangt hulp.", id="een-op-de-acht"),
    case("1 op de 5 militairen", id="ratio-digits"),
    case("Er is € 5 miljoen uitgegeven.", id="money"),
    case("Het percentage werkloosheid daalt.", id="noun-without-figure"),
    case("Een procent van de kosten.", id="een-article"),
]

KNOWN_FAILURES = [
    pytest.param(
        "Opbrengst (x f 1000)\nlimiet in %\n1981\n113 113\n1,6\n", [P("1,6", "1.6")],
        marks=pytest.mark.xfail(reason="percent columns of tables are not recognised"),
        id="percent-column"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    BASICS + RANGES + LISTS + BY_NOUN + QUALIFIERS + NOT_PERCENTAGES + KNOWN_FAILURES,
)
def test_percentages(text: str, expected: list[P]) -> None:
    assert percentages(text) == expected


def _gold(text: str, part: str, value: str, **extra: Any) -> dict[str, Any]:
    start = text.index(part)
    return {"text": part, "start": start, "end": start + len(part), "value": value,
            "qualifier": None, **extra}


def test_evaluate_leaves_proportions_out_of_percentage_scoring() -> None:
    text = "Twee derde van de woningen, dat is 66% van het totaal."
    row = {"id": "p", "letter_date": None, "text": text,
           "percentages": [_gold(text, "Twee derde", "66.7", form="fraction"),
                           _gold(text, "66%", "66")]}
    result = evaluate([(row, text)])
    scored = result.scores["percentages"]
    assert (scored.gold, scored.strict) == (1, 1)
    assert scored.strict_prf()[2] == 1.0
    shares = result.scores[PROPORTIONS]
    assert (shares.gold, shares.predicted) == (1, 0)
    assert math.isnan(shares.strict_prf()[2])
    assert shares.as_dict()["scored"] is False
    assert not [m for m in result.mistakes if m.kind == "percentages"]


def test_evaluate_without_proportions_has_no_proportions_line() -> None:
    text = "Dat is 66% van het totaal."
    row = {"id": "q", "letter_date": None, "text": text,
           "percentages": [_gold(text, "66%", "66")]}
    assert PROPORTIONS not in evaluate([(row, text)]).scores
