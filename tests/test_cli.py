"""The command line, through typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefparser.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "2025-09-militaire-steun-oekraine.txt"
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "eval" / "sample.jsonl"


def test_extract_json() -> None:
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["amounts"][0]["value"] == "13600000000"


def test_extract_jsonl_of_a_directory(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Er is € 5 miljoen uitgegeven.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Er zijn 40 militairen ingezet.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [len(r["amounts"]) for r in lines] == [1, 0]
    assert lines[1]["headcounts"][0]["noun"] == "militair"


def test_extract_stdin_with_letter_date() -> None:
    result = runner.invoke(app, ["extract", "-", "--letter-date", "2025-09-15"],
                           input="Vorig jaar is € 2 miljard begroot.")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["letter"]["date"] == "2025-09-15"
    assert data["dates"][0]["value"] == "2024"


def test_extract_table_format() -> None:
    result = runner.invoke(app, ["extract", str(SEED), "--format", "table"])
    assert result.exit_code == 0
    assert "13600000000" in result.stdout


def test_extract_bad_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["extract", str(SEED), "--letter-date", "15-09-2025"])
    assert result.exit_code == 2


def test_extract_failing_file_sets_exit_code(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Er is € 5 miljoen uitgegeven.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(good), str(empty), "--format", "jsonl"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1


def test_evaluate_prints_scores() -> None:
    result = runner.invoke(app, ["evaluate", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert set(scores) >= {"money", "dates", "headcounts", "percentages"}
    assert scores["money"]["gold"] >= 3
    assert 0.0 <= scores["money"]["strict_f1"] <= 1.0


def test_evaluate_table() -> None:
    result = runner.invoke(app, ["evaluate", str(SAMPLE)])
    assert result.exit_code == 0
    assert "strict F1" in result.stdout


def test_schema_check_passes_on_the_repository() -> None:
    result = runner.invoke(app, ["schema", "--check", "--dir", str(ROOT / "schemas")])
    assert result.exit_code == 0, result.output


def test_schema_check_fails_on_an_empty_dir(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--check", "--dir", str(tmp_path)])
    assert result.exit_code == 1


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "briefparser" in result.stdout
