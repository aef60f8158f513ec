"""The whole path: text in, validated record out, through the spaCy pipeline."""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal
from pathlib import Path

import pytest
import spacy

import briefparser
from briefparser.components import PIPE_NAMES
from briefparser.models import LetterRecord
from briefparser.nlp import RULE_MODULES, add_components, build_rules, get_nlp

SEED = Path(__file__).resolve().parent.parent / "corpus" / "2025-09-militaire-steun-oekraine.txt"


@pytest.fixture(scope="module")
def seed() -> LetterRecord:
    return briefparser.extract_file(SEED)


def test_offsets_point_at_the_text(seed: LetterRecord) -> None:
    text = SEED.read_text(encoding="utf-8")
    mentions = [*seed.amounts, *seed.dates, *seed.headcounts, *seed.percentages]
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.text in m.sentence


AMOUNTS = [
    # (value, qualifier)
    ("13600000000", "approx"),
    ("8700000000", "less_than"),
    ("2400000000", None),
    ("6100000000", None),
    ("179000000", None),
]


def test_example_letter_amounts(seed: LetterRecord) -> None:
    got = [(str(a.value), a.qualifier) for a in seed.amounts]
    assert got == AMOUNTS
    assert {a.currency for a in seed.amounts} == {"EUR"}


def test_example_letter_realised_value_has_its_date(seed: LetterRecord) -> None:
    realised = next(a for a in seed.amounts if a.value == Decimal("8700000000"))
    same_sentence = [d.value for d in seed.dates if d.sentence == realised.sentence]
    assert same_sentence == ["2025-08-31"]


def test_example_letter_headcounts(seed: LetterRecord) -> None:
    got = [(h.value, h.noun, h.qualifier, h.per) for h in seed.headcounts]
    assert (60000, "militair", "approx", None) in got
    assert (90, "landmachtmilitair", "approx", "rotatie") in got
    assert (20, "militair", "at_most", None) in got
    assert (None, "militair", None, None) in got  # "duizenden Oekraïense militairen"


def test_example_letter_years(seed: LetterRecord) -> None:
    values = {d.value for d in seed.dates}
    assert {"2022", "2026", "2025-08-31"} <= values


def test_letter_date_argument_resolves_relative_dates() -> None:
    record = briefparser.extract("Het budget is begin dit jaar verhoogd.",
                                 letter_date=dt.date(2025, 9, 15))
    assert record.letter.date == dt.date(2025, 9, 15)
    assert record.letter.date_source == "argument"
    [d] = record.dates
    assert (d.value, d.kind, d.modifier) == ("2025", "relative", "begin")


def test_unknown_reference_leaves_relative_dates_unresolved() -> None:
    record = briefparser.extract("Het budget is vorig jaar verhoogd.")
    assert record.letter.date is None
    [d] = record.dates
    assert d.value is None and d.kind == "relative"


HEADER = """Tweede Kamer der Staten-Generaal
Vergaderjaar 2024-2025

21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken

Nr. 2893 BRIEF VAN DE MINISTER VAN DEFENSIE

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 3 mei 2024

Vorig jaar is € 5 miljoen uitgegeven.
"""


def test_header_metadata() -> None:
    record = briefparser.extract(HEADER, source="brief.txt")
    meta = record.letter
    assert meta.date == dt.date(2024, 5, 3)
    assert (meta.dossier, meta.number) == ("21 501-02", "2893")
    assert meta.sender == "Minister van Defensie"
    assert meta.title == "Raad Algemene Zaken en Raad Buitenlandse Zaken"
    assert meta.vergaderjaar == "2024-2025"
    assert meta.source == "brief.txt"
    assert len(meta.sha256) == 64
    assert [str(a.value) for a in record.amounts] == ["5000000"]
    assert "2023" in {d.value for d in record.dates}
    # Header numbers are not figures.
    assert not record.headcounts and not record.percentages


def test_record_round_trips_through_json(seed: LetterRecord) -> None:
    again = LetterRecord.model_validate_json(seed.model_dump_json())
    assert again == seed


def test_record_is_strict_and_frozen(seed: LetterRecord) -> None:
    data = seed.model_dump(mode="json")
    data["unexpected"] = 1
    with pytest.raises(ValueError):
        LetterRecord.model_validate(data)
    with pytest.raises(ValueError):
        seed.amounts[0].value = Decimal(1)  # type: ignore[misc]


ABBREVIATIONS = ["mld.", "mrd.", "mln.", "jl.", "a.s.", "d.d.", "t/m", "ca."]


@pytest.mark.parametrize("abbr", ABBREVIATIONS)
def test_abbreviations_stay_one_token_and_keep_the_sentence(abbr: str) -> None:
    nlp = get_nlp()
    doc = nlp(f"Het gaat om {abbr} drie dingen die nu spelen.")
    assert abbr in [t.text for t in doc]
    assert len(list(doc.sents)) == 1


def test_components_are_registered_factories() -> None:
    nlp = add_components(spacy.blank("nl"))
    for name in PIPE_NAMES:
        assert name in nlp.pipe_names
    doc = nlp("Er is € 5 miljoen uitgegeven.")
    assert doc._.briefparser["amount"]


def test_pipe_streams_documents() -> None:
    from briefparser.io import Document, DocumentMeta

    meta = DocumentMeta(identifier=None, dossier=None, number=None, doc_type=None, date=None,
                        title=None, sender=None, categories=())
    docs = [Document(text=f"Er is € {i} miljoen.", source=f"d{i}", format="txt", encoding="utf_8",
                     meta=meta) for i in range(1, 4)]
    results = list(briefparser.extract_many(docs))
    assert [str(r.amounts[0].value) for _, r in results] == ["1000000", "2000000", "3000000"]


def test_empty_text_gives_an_empty_record() -> None:
    record = briefparser.extract("")
    assert record.amounts == () and record.dates == ()


def test_pipeline_builds_every_rule_up_front() -> None:
    get_nlp()
    built = [obj for module in RULE_MODULES for obj in vars(module).values()
             if hasattr(obj, "cache_info") and obj.__module__ == module.__name__]
    assert len(built) > 50
    # Rule builders that take flags or nothing are filled before the first letter.
    assert build_rules() > 50
    empty = [f.__name__ for f in built if f.cache_info().currsize == 0
             and not inspect.signature(f).parameters]
    assert empty == []


def test_state_is_the_doc_extension() -> None:
    from briefparser.components import state

    nlp = get_nlp()
    doc = nlp("Op 3 mei 2024 kost het € 5 miljoen.")
    assert doc._.briefparser is state(doc)
    assert len(doc._.briefparser["date"]) == 1
