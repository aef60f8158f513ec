"""Every corpus letter against its reviewed golden record.

Regenerate after a reviewed change with ``BRIEFPARSER_REGENERATE=1 pytest tests/test_golden.py``
and read the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefparser import extract_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"
LETTERS = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html", ".xml"})


def _record(path: Path) -> dict[str, object]:
    record = extract_file(path).model_dump(mode="json")
    # The source path depends on where the tests run from; the golden file keeps the name.
    record["letter"]["source"] = path.name
    return record


@pytest.mark.parametrize("path", LETTERS, ids=[p.name for p in LETTERS])
def test_corpus_letter_matches_golden(path: Path) -> None:
    golden = GOLDEN / f"{path.stem}.json"
    actual = _record(path)
    if os.environ.get("BRIEFPARSER_REGENERATE"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
    assert golden.exists(), f"no golden record for {path.name}"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_every_golden_file_has_a_letter() -> None:
    stems = {p.stem for p in LETTERS}
    orphans = [g.name for g in GOLDEN.glob("*.json") if g.stem not in stems]
    assert orphans == []


def test_corpus_has_the_seed_and_a_series() -> None:
    assert len(LETTERS) >= 6
