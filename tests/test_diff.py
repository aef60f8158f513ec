"""Fact diff: identity across rewording, value changes, renderers, corpus golden diffs."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from briefparser import extract, extract_file
from briefparser.diff import DiffStatus, LetterDiff, diff_records, summary_line
from briefparser.render import DiffFormat, render_diff, render_html

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "diff"
CORPUS = HERE.parent / "corpus"
GOLDEN = HERE / "golden" / "diffs"
REGENERATE = os.environ.get("BRIEFPARSER_REGENERATE") == "1"

HEADER = "Den Haag, 1 maart 2024\n\n"
BUDGET = "Sinds februari 2022 is in totaal {} voor militaire steun aan Oekraïne begroot."
TRAINED = "Via operatie Interflex zijn tot nu toe ruim {} Oekraïense militairen getraind."


def _diff(old: str, new: str) -> LetterDiff:
    return diff_records(extract(old, source="old"), extract(new, source="new"))


def test_rewording_and_reordering_change_nothing() -> None:
    diff = diff_records(extract_file(FIXTURES / "reworded-old.txt"),
                        extract_file(FIXTURES / "reworded-new.txt"))
    s = diff.summary
    assert (s.changed, s.added, s.removed) == (0, 0, 0)
    assert s.unchanged > 0


def test_value_change_with_differences() -> None:
    diff = _diff(HEADER + BUDGET.format("€ 10,1 miljard"), HEADER + BUDGET.format("€ 13,6 miljard"))
    [entry] = [e for e in diff.entries if e.status is DiffStatus.CHANGED]
    assert entry.kind == "amount"
    assert entry.absolute_difference == Decimal("3500000000")
    assert entry.relative_difference == Decimal("0.3465")


def test_same_value_written_differently_is_unchanged() -> None:
    diff = _diff(HEADER + BUDGET.format("€ 13,6 miljard"),
                 HEADER + BUDGET.format("13.600 miljoen euro"))
    assert diff.summary.changed == 0
    assert diff.summary.unchanged == len(diff.entries)


def test_added_and_removed() -> None:
    old = HEADER + BUDGET.format("€ 3,5 miljard") + " Er gingen 200 Stinger-raketten naar Kyiv."
    new = HEADER + BUDGET.format("€ 3,5 miljard") + " " + TRAINED.format("11.000")
    diff = _diff(old, new)
    statuses = {(e.kind.value, e.status.value) for e in diff.entries}
    assert ("headcount", "added") in statuses
    assert ("quantity", "removed") in statuses
    assert diff.summary.added == 1 and diff.summary.removed == 1


def test_summary_line() -> None:
    diff = _diff(HEADER + BUDGET.format("€ 1 miljard"), HEADER + BUDGET.format("€ 2 miljard"))
    assert summary_line(diff) == "1 changed, 0 added, 0 removed, 2 unchanged"
    for fmt in DiffFormat:
        assert summary_line(diff) in render_diff(diff, fmt).splitlines()[0] or fmt is \
            DiffFormat.json or fmt is DiffFormat.html


def test_html_escapes_letter_text() -> None:
    evil = HEADER + "<script>alert(1)</script> " + BUDGET.format("€ 2 miljard") + \
        ' <img src=x onerror="alert(2)">'
    old_text = HEADER + BUDGET.format("€ 1 miljard")
    diff = diff_records(extract(old_text, source="<b>old</b>"), extract(evil, source="<i>x"))
    page = render_html(diff, old_text, evil)
    assert "<script>" not in page and "<img" not in page and "<i>x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    sentence_only = render_html(diff)
    assert "<script>" not in sentence_only
    markdown = render_diff(diff, DiffFormat.markdown)
    assert "<script>" not in markdown


def _corpus_pairs() -> list[tuple[Path, Path]]:
    return list(pairwise(sorted(CORPUS.glob("*.txt"))))


@pytest.mark.parametrize("pair", _corpus_pairs(), ids=lambda p: f"{p[0].stem}__{p[1].stem}")
def test_corpus_golden_diffs(pair: tuple[Path, Path]) -> None:
    old, new = pair
    # Sources by file name, so the golden files do not depend on where the clone lives.
    diff = diff_records(extract(old.read_text(encoding="utf-8"), source=old.name),
                        extract(new.read_text(encoding="utf-8"), source=new.name))
    text = json.dumps(diff.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    golden = GOLDEN / f"{old.stem}__{new.stem}.json"
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with BRIEFPARSER_REGENERATE=1"
    assert json.loads(text) == json.loads(golden.read_text(encoding="utf-8"))
