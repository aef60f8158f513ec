"""What each figure means: status, category, dates, subject, breakdowns and checks."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

import briefparser
from briefparser.cli import app
from briefparser.evaluate import evaluate
from briefparser.extractors.meaning import TaxonomyError, load_taxonomy, rounding
from briefparser.models import Amount, LetterRecord

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "2025-09-militaire-steun-oekraine.txt"
L7 = ROOT / "corpus" / "2025-06-17-stand-van-zaken-steun.txt"
LETTER_DATE = dt.date(2025, 9, 15)
runner = CliRunner()


def only_amount(text: str, letter_date: dt.date | None = LETTER_DATE) -> Amount:
    [amount] = briefparser.extract(text, letter_date=letter_date).amounts
    return amount


# --- status ----------------------------------------------------------------------------

STATUS_CUES = [
    ("Voor 2026 is € 3,5 miljard begroot.", "begroot"),
    ("Het budget van het programma bedraagt € 40 miljoen.", "begroot"),
    ("De kosten worden geraamd op € 12 miljoen.", "geraamd"),
    ("De meerkosten bedragen naar verwachting € 6 miljoen.", "geraamd"),
    ("Het kabinet heeft € 250 miljoen gereserveerd voor de opvang.", "gereserveerd"),
    ("Voor de aanpak is € 975 miljoen beschikbaar.", "gereserveerd"),
    ("Met de Voorjaarsnota komt er € 1,2 miljard bij voor munitie.", "gereserveerd"),
    ("Het kabinet trekt in 2026 € 115 miljoen uit voor wederopbouw.", "gereserveerd"),
    ("Nederland heeft € 400 miljoen toegezegd aan het fonds.", "toegezegd"),
    ("Er zijn contracten ter waarde van € 90 miljoen gesloten.", "gecontracteerd"),
    ("Uit eigen voorraad is voor € 2,1 miljard geleverd.", "geleverd"),
    ("Nederland draagt € 179 miljoen bij aan NAVO-fondsen.", "bijgedragen"),
    ("In 2022 droeg Defensie EUR 7,4 miljoen af.", "bijgedragen"),
    ("Gemeenten hebben € 30 miljoen gedeclareerd.", "gedeclareerd"),
    ("De kosten zijn voor € 3 miljoen vergoed.", "vergoed"),
    ("Vorig jaar kende het instituut voor 412 miljoen euro aan schadevergoedingen toe.",
     "uitgekeerd"),
    ("Aan herstel is € 20 miljoen uitbetaald.", "uitgekeerd"),
    ("Verder kocht Defensie voor 45 miljoen euro goederen in.", "uitgegeven"),
    ("In 2024 werd € 1,1 miljard gerealiseerd.", "gerealiseerd"),
    ("De uitgaven bedroegen vorig jaar € 640 miljoen.", "gerealiseerd"),
    ("Het defensiebudget wordt structureel met € 100 miljoen verhoogd.", "mutatie"),
    ("Er is een onderuitputting van € 42,3 miljoen ontstaan.", "mutatie"),
    ("Gemeenten ontvangen een normbedrag van € 100 per opvangplek per dag.", "tarief"),
    ("Huishoudens betalen ten hoogste € 1,38 per kubieke meter gas.", "tarief"),
    ("Het gaat om € 8 miljoen.", None),
]

STATUS_STRUCTURE = [
    # A level after a change keeps the status of what changed, not "mutatie".
    ("Het budget stijgt van 21 naar 22,5 miljard euro.", ["begroot", "begroot"]),
    ("Het plafond is met EUR 5 mld. opgehoogd, waarmee het totaal op ruim 17 mld. euro komt.",
     ["mutatie", "begroot"]),
    # Each amount takes the cue nearest to it.
    ("Van de toegezegde € 9,6 miljard is tot nu toe voor € 4,2 miljard geleverd.",
     ["toegezegd", "geleverd"]),
    ("Voor 2025 is € 1,3 miljard begroot, in 2024 werd € 1,1 miljard gerealiseerd en "
     "€ 0,2 miljard doorgeschoven.", ["begroot", "gerealiseerd", "mutatie"]),
    # A restatement takes the status of the amount it restates.
    ("De bijdrage bedraagt USD 500 miljoen, omgerekend circa € 430 miljoen.",
     ["bijgedragen", "bijgedragen"]),
    # Parts of a total do not borrow the cue of the total.
    ("Van de verhoging van 120 miljoen euro gaat 70 miljoen naar munitie en 35 miljoen naar "
     "veteranenzorg.", ["mutatie", None, None]),
    # A figure for a year after the letter date is a forecast.
    ("De uitvoeringskosten bedragen 850 k€ in 2026 en 1.200 k€ in 2027.",
     ["geraamd", "geraamd"]),
]


@pytest.mark.parametrize(("text", "status"), STATUS_CUES, ids=[s for _, s in STATUS_CUES])
def test_status_cue(text: str, status: str | None) -> None:
    assert only_amount(text).status == status


@pytest.mark.parametrize(("text", "statuses"), STATUS_STRUCTURE,
                         ids=[t[:40] for t, _ in STATUS_STRUCTURE])
def test_status_from_sentence_structure(text: str, statuses: list[str | None]) -> None:
    record = briefparser.extract(text, letter_date=LETTER_DATE)
    assert [a.status for a in record.amounts] == statuses


HEADCOUNT_STATUS = [
    ("Tot nu toe zijn via operatie Interflex ongeveer 60.000 Oekraïense militairen getraind.",
     "getraind"),
    ("Ook in Duitsland zijn al duizenden Oekraïense militairen opgeleid.", "opgeleid"),
    ("Nederland draagt hieraan bij met ongeveer 90 militairen per rotatie.", "ingezet"),
    ("Er zijn 40 agenten extra in dienst.", None),
]


@pytest.mark.parametrize(("text", "status"), HEADCOUNT_STATUS,
                         ids=[str(s) for _, s in HEADCOUNT_STATUS])
def test_headcount_status(text: str, status: str | None) -> None:
    [headcount] = briefparser.extract(text, letter_date=LETTER_DATE).headcounts
    assert headcount.status == status


# --- categories ------------------------------------------------------------------------

CATEGORIES = [
    ("Het kabinet heeft € 3,5 miljard gereserveerd voor militaire steun aan Oekraïne.",
     "militaire_steun"),
    ("Voor militaire steun is veel gedaan. Defensie levert voor € 2,4 miljard uit eigen "
     "voorraden.", "militaire_steun/eigen_voorraad"),
    ("Voor noodhulp in Soedan komt er € 12 miljoen bij.", "humanitaire_hulp"),
    ("Voor de aanpak van piekbelasters is € 975 miljoen beschikbaar.", "stikstof"),
    ("Vorig jaar kende het IMG voor 412 miljoen euro aan schadevergoedingen toe.", "groningen"),
    ("Huishoudens betalen onder het prijsplafond ten hoogste € 1,38 per kubieke meter.",
     "energie"),
    ("Voor het werven en behouden van personeel is € 300 miljoen beschikbaar.", "personeel"),
    ("Per PAC-3-interceptor moet worden gerekend op circa € 3,8 miljoen.",
     "militaire_steun/luchtverdediging"),
    # Without the letter being about military support, "eigen voorraden" is no category.
    ("De gemeente betaalt € 2 miljoen uit eigen voorraden.", None),
]


@pytest.mark.parametrize(("text", "category"), CATEGORIES, ids=[str(c) for _, c in CATEGORIES])
def test_category(text: str, category: str | None) -> None:
    amounts = briefparser.extract(text, letter_date=LETTER_DATE).amounts
    assert amounts[-1].category == category


def test_category_looks_back_in_its_paragraph() -> None:
    text = ("Via operatie Interflex zijn ongeveer 55.000 Oekraïense militairen getraind. "
            "Nederland draagt hieraan bij met ongeveer 90 militairen per rotatie.")
    record = briefparser.extract(text, letter_date=LETTER_DATE)
    assert [h.category for h in record.headcounts] == ["militaire_steun/training"] * 2


# --- as-of dates and periods -----------------------------------------------------------

DATES = [
    # (text, as_of, period_start, period_end)
    ("Op 31 augustus 2025 stond de waarde van de steun op bijna € 8,7 miljard.",
     "2025-08-31", None, None),
    ("De waarde van de gerealiseerde steun bedraagt, stand per 31 mei 2025, bijna € 7,3 "
     "miljard.", "2025-05-31", None, None),
    ("Tot en met 24 januari 2023 is voor € 640 miljoen geleverd.", "2023-01-24", None, None),
    ("Sinds de start van de grootschalige Russische invasie in 2022 heeft het kabinet voor "
     "€ 13,6 miljard begroot.", None, "2022", None),
    ("Sinds februari 2022 is € 13,6 miljard begroot.", None, "2022-02", None),
    ("In 2026 is € 3,5 miljard begroot.", None, "2026", "2026"),
    ("Voor de periode 2021–2027 is € 40 miljoen gereserveerd.", None, "2021", "2027"),
    ("Tot nu toe is voor € 3 miljard geleverd.", "2025-09-15", None, None),
    # An event on one day is not a period the amount covers.
    ("Op 18 maart 2024 besloot de Raad tot een fonds van € 5 miljard.", None, None, None),
]


@pytest.mark.parametrize(("text", "as_of", "start", "end"), DATES, ids=[d[0][:30] for d in DATES])
def test_as_of_and_period(text: str, as_of: str | None, start: str | None,
                          end: str | None) -> None:
    amount = only_amount(text)
    assert (amount.as_of, amount.period_start, amount.period_end) == (as_of, start, end)


def test_each_amount_takes_its_own_year() -> None:
    record = briefparser.extract("De kosten bedragen 850 k€ in 2025 en 1.200 k€ in 2026.",
                                 letter_date=dt.date(2024, 11, 29))
    assert [a.period_start for a in record.amounts] == ["2025", "2026"]


def test_headcount_period() -> None:
    text = "De Nederlandse bijdrage wordt in 2026 voortgezet met zo'n 90 militairen per rotatie."
    [headcount] = briefparser.extract(text).headcounts
    assert (headcount.period_start, headcount.period_end) == ("2026", "2026")


# --- subjects --------------------------------------------------------------------------

SUBJECTS = [
    # Pairs of wordings from consecutive letters: the same figure, the same subject.
    ("De commerciële aankopen bij de industrie bedragen € 6,1 miljard.",
     "Hiervan betreft € 5,0 miljard commerciële aankopen bij de industrie.",
     "commerciële aankopen bij de industrie"),
    ("Daarnaast draagt Nederland € 179 miljoen bij aan NAVO-fondsen.",
     "Verder is € 170 miljoen bijgedragen aan NAVO-fondsen.",
     "NAVO-fondsen"),
    ("Op 31 augustus 2025 stond de waarde van de gerealiseerde Nederlandse militaire steun op "
     "bijna € 8,7 miljard.",
     "De waarde van de gerealiseerde militaire steun bedraagt, stand per 31 mei 2025, bijna "
     "€ 7,3 miljard.",
     "militaire steun"),
    ("Defensie levert voor € 2,4 miljard direct uit eigen voorraden.",
     "Hiervan is € 2,1 miljard geleverd uit eigen voorraden.",
     "eigen voorraden"),
    ("Het kabinet trekt € 115 miljoen uit voor herstel en wederopbouw.",
     "Er is € 120 miljoen beschikbaar voor herstel en wederopbouw.",
     "herstel en wederopbouw"),
    ("Er is een budget van € 32 miljoen.", "Het gaat om een budget van € 35 miljoen.", "budget"),
]


@pytest.mark.parametrize(("first", "second", "subject"), SUBJECTS,
                         ids=[s for _, _, s in SUBJECTS])
def test_subject_is_stable_across_rewording(first: str, second: str, subject: str) -> None:
    assert only_amount(first).subject == subject
    assert only_amount(second).subject == subject


def test_headcount_subject() -> None:
    text = "Tot nu toe zijn via operatie Interflex ongeveer 60.000 Oekraïense militairen getraind."
    [headcount] = briefparser.extract(text).headcounts
    assert headcount.subject == "Oekraïense militairen getraind via operatie Interflex"


# --- the example letter ----------------------------------------------------------------

SEED_MEANING = [
    # (text, status, category, as_of, period_start, period_end, subject)
    ("€ 13,6 miljard", "begroot", "militaire_steun", None, "2022", None, "militaire steun"),
    ("€ 8,7 miljard", "gerealiseerd", "militaire_steun", "2025-08-31", None, None,
     "militaire steun"),
    ("€ 2,4 miljard", "geleverd", "militaire_steun/eigen_voorraad", "2025-08-31", None, None,
     "eigen voorraden"),
    ("€ 6,1 miljard", "uitgegeven", "militaire_steun/commerciele_aankopen", "2025-08-31", None,
     None, "commerciële aankopen bij de industrie"),
    ("€ 179 miljoen", "bijgedragen", "militaire_steun/fondsen", "2025-08-31", None, None,
     "NAVO-fondsen"),
]


@pytest.fixture(scope="module")
def seed() -> LetterRecord:
    return briefparser.extract_file(SEED)


def test_example_letter_meaning(seed: LetterRecord) -> None:
    got = [(a.text, a.status, a.category, a.as_of, a.period_start, a.period_end, a.subject)
           for a in seed.amounts]
    assert got == SEED_MEANING


def test_example_letter_breakdown_passes(seed: LetterRecord) -> None:
    [relation] = seed.relations
    assert (relation.kind, relation.total, relation.parts, relation.complete) == (
        "part_of", 1, (2, 3, 4), True)
    [check] = [c for c in seed.checks if c.kind == "sum"]
    assert check.passed
    assert check.difference == Decimal("-21000000")
    assert abs(check.difference) <= check.tolerance
    assert check.amounts == (1, 2, 3, 4)


def test_example_letter_budget_check_and_topics(seed: LetterRecord) -> None:
    [check] = [c for c in seed.checks if c.kind == "realised_exceeds_budget"]
    assert check.passed and check.amounts == (1, 0)
    assert seed.topics == ("militaire_steun",)


def test_example_letter_headcounts(seed: LetterRecord) -> None:
    got = {h.text: (h.status, h.category) for h in seed.headcounts}
    assert got["60.000"] == ("getraind", "militaire_steun/training")
    assert got["duizenden"] == ("opgeleid", "militaire_steun/training")


def test_parts_in_a_previous_letter_stay_within_total() -> None:
    record = briefparser.extract_file(L7)
    kinds = {(c.kind, c.passed) for c in record.checks}
    assert ("parts_within_total", True) in kinds
    assert all(c.passed for c in record.checks)


# --- inconsistencies are flagged -------------------------------------------------------

INCONSISTENT = """\
Den Haag, 1 oktober 2025

Op 30 september 2025 stond de waarde van de gerealiseerde militaire steun op € 9,5 miljard.

Het gaat om 3 soorten steun. Defensie levert voor € 2,4 miljard uit eigen voorraden. De \
commerciële aankopen bij de industrie bedragen € 6,1 miljard. Daarnaast draagt Nederland \
€ 179 miljoen bij aan NAVO-fondsen.
"""


def test_parts_that_do_not_add_up_are_flagged() -> None:
    record = briefparser.extract(INCONSISTENT)
    [check] = [c for c in record.checks if c.kind == "sum"]
    assert not check.passed
    assert check.difference == Decimal("-821000000")
    assert "do not add up" in check.message


def test_realised_above_budget_is_flagged() -> None:
    text = ("Voor militaire steun is € 2,0 miljard begroot. Op 1 juni 2025 stond de waarde van "
            "de gerealiseerde militaire steun op € 2,5 miljard.")
    record = briefparser.extract(text, letter_date=LETTER_DATE)
    [check] = [c for c in record.checks if c.kind == "realised_exceeds_budget"]
    assert not check.passed
    assert check.difference == Decimal("500000000")


def test_same_figure_with_two_values_is_flagged() -> None:
    text = ("Voor 2026 is € 300 miljoen gereserveerd voor de opvang van ontheemden.\n\n"
            "Voor 2026 is € 350 miljoen gereserveerd voor de opvang van ontheemden.")
    record = briefparser.extract(text, letter_date=LETTER_DATE)
    [check] = [c for c in record.checks if c.kind == "conflicting_values"]
    assert not check.passed and check.amounts == (0, 1)


def test_waarvan_part_larger_than_total_is_flagged() -> None:
    text = "Het budget is € 2,0 miljard, waarvan € 1,5 miljard en € 1,0 miljard voor 2026."
    record = briefparser.extract(text, letter_date=LETTER_DATE)
    [check] = [c for c in record.checks if c.kind == "parts_within_total"]
    assert not check.passed


ROUNDING = [
    ("€ 8,7 miljard", "8700000000", "50000000"),
    ("€ 179 miljoen", "179000000", "500000"),
    ("EUR 7.4 miljoen", "7400000", "50000"),
    ("€ 8 392,6 miljoen", "8392600000", "50000"),
    ("een half miljard euro", "500000000", "0"),
]


@pytest.mark.parametrize(("text", "value", "half"), ROUNDING, ids=[r[0] for r in ROUNDING])
def test_rounding(text: str, value: str, half: str) -> None:
    assert rounding(text, Decimal(value)) == Decimal(half)


# --- custom taxonomies -----------------------------------------------------------------

CUSTOM = """\
[[category]]
id = "vloot"
label = "vloot"
cues = ["fregatten", "fregat"]
gold_labels = ["schepen"]

[[category]]
id = "onderhoud_vloot"
parent = "vloot"
label = "onderhoud van de vloot"
needs_parent = true
heads = ["onderhoud"]
patterns = [[{ LOWER = "dok" }, { LOWER = "werk" }]]
"""

TEXT = "Voor de nieuwe fregatten is € 4 miljard begroot, en voor het onderhoud € 300 miljoen."


def test_custom_taxonomy_via_api(tmp_path: Path) -> None:
    path = tmp_path / "vloot.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    record = briefparser.extract(TEXT, taxonomy=path)
    assert [a.category for a in record.amounts] == ["vloot", "vloot/onderhoud_vloot"]
    assert record.topics == ("vloot",)
    built_in = briefparser.extract(TEXT).amounts
    assert not any((a.category or "").startswith("vloot") for a in built_in)


def test_custom_taxonomy_via_cli(tmp_path: Path) -> None:
    path = tmp_path / "vloot.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    letter = tmp_path / "brief.txt"
    letter.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(letter), "--taxonomy", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [a["category"] for a in data["amounts"]] == ["vloot", "vloot/onderhoud_vloot"]


MALFORMED = [
    ('[[category]]\nid = "a"\nlabel = "a"\ncues = ["x"]\n[[category]]\nid = "a"\nlabel = "b"\n'
     'cues = ["y"]\n', "duplicate category ids: a"),
    ('[[category]]\nid = "a"\nlabel = "a"\nparent = "b"\ncues = ["x"]\n', "unknown parent 'b'"),
    ('[[category]]\nid = "a"\nlabel = "a"\n', "has no cues"),
    ('[[category]]\nid = "A b"\nlabel = "a"\ncues = ["x"]\n', "category.0.id"),
    ('[[category]]\nid = "a"\nlabel = "a"\ncues = ["x"]\ncolour = "red"\n', "colour"),
    ('[[category]\nid = "a"\n', "cannot read taxonomy"),
    ('[[category]]\nid = "a"\nlabel = "a"\npatterns = [[{ NOPE = "x" }]]\n',
     "invalid Matcher pattern"),
]


@pytest.mark.parametrize(("content", "message"), MALFORMED, ids=[m for _, m in MALFORMED])
def test_malformed_taxonomy_fails_clearly(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"bad\.toml") as info:
        briefparser.extract("Er is € 5 miljoen begroot.", taxonomy=path)
    assert message in str(info.value)


def test_malformed_taxonomy_in_cli(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(MALFORMED[1][0], encoding="utf-8")
    result = runner.invoke(app, ["extract", str(SEED), "--taxonomy", str(path)])
    assert result.exit_code == 1
    assert "unknown parent 'b'" in result.output


def test_missing_taxonomy_file(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="cannot read taxonomy"):
        load_taxonomy(tmp_path / "nope.toml")


def test_built_in_taxonomy_covers_the_phrasebook_topics() -> None:
    taxonomy = load_taxonomy()
    ids = {c.id for c in taxonomy.category}
    assert {"militaire_steun", "epf", "wederopbouw", "humanitaire_hulp", "ontwikkelingshulp",
            "asiel", "zorg", "onderwijs", "politie", "personeel", "woningbouw", "stikstof",
            "energie", "groningen", "toeslagen"} <= ids
    assert taxonomy.paths_for_gold("EPF plafond") == {"epf"}


def test_metadata_categories_become_topics() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.topics_for_meta(["Openbare orde en veiligheid | Defensie",
                                     "Natuur en milieu | Energie"]) == ["defensie", "energie"]


# --- evaluation ------------------------------------------------------------------------


def test_evaluate_reports_status_and_category() -> None:
    text = "Voor noodhulp in Soedan komt er € 12 miljoen bij."
    start = text.index("€ 12 miljoen")
    row = {"id": "x", "letter_date": "2023-10-27", "text": text,
           "money": [{"text": "€ 12 miljoen", "start": start, "end": start + 12,
                      "value": "12000000",
                      "currency": "EUR", "status": "gereserveerd",
                      "category": "humanitaire hulp"}]}
    money = evaluate([(row, text)]).scores["money"]
    assert money.attributes["status"] == [1, 1]
    assert money.attributes["category"] == [1, 1]
