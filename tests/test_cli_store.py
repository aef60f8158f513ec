"""CLI commands diff, ingest, letters, show and history."""

from __future__ import annotations

import builtins
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefparser.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures" / "diff"
LETTER = "Den Haag, {}\n\nSinds februari 2022 is in totaal {} voor militaire steun aan " \
    "Oekraïne begroot."


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "a.txt").write_text(LETTER.format("1 maart 2023", "€ 2 miljard"), encoding="utf-8")
    (folder / "b.txt").write_text(LETTER.format("1 maart 2024", "€ 3 miljard"), encoding="utf-8")
    return folder


def test_diff_files_json() -> None:
    result = runner.invoke(app, ["diff", str(FIXTURES / "reworded-old.txt"),
                                 str(FIXTURES / "reworded-new.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert (summary["changed"], summary["added"], summary["removed"]) == (0, 0, 0)


def test_diff_html_to_file(tmp_path: Path, letters: Path) -> None:
    out = tmp_path / "d.html"
    result = runner.invoke(app, ["diff", str(letters / "a.txt"), str(letters / "b.txt"),
                                 "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 changed" in result.stdout  # the letter date and the budget
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_ingest_letters_show_diff_by_id(tmp_path: Path, letters: Path) -> None:
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(letters), "--db", db]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(letters), "--db", db])
    assert again.exit_code == 0 and "stored" not in again.stdout
    listing = runner.invoke(app, ["letters", "--db", db])
    assert "2023-03-01" in listing.stdout and "2024-03-01" in listing.stdout
    shown = runner.invoke(app, ["show", "1", "--db", db])
    assert json.loads(shown.stdout)["letter"]["source"].endswith("a.txt")
    diff = runner.invoke(app, ["diff", "1", "2", "--db", db])
    assert diff.exit_code == 0 and diff.stdout.startswith("2 changed")
    assert runner.invoke(app, ["show", "99", "--db", db]).exit_code == 1


def test_ingest_bad_file_goes_on(tmp_path: Path, letters: Path) -> None:
    (letters / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(letters), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert result.stdout.count("stored") == 2
    assert len([line for line in result.stderr.splitlines() if "empty.txt" in line]) == 1


def test_db_from_environment(tmp_path: Path, letters: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFPARSER_DB", str(tmp_path / "env.db"))
    assert runner.invoke(app, ["ingest", str(letters / "a.txt")]).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_history_with_chart(tmp_path: Path, letters: Path) -> None:
    db = str(tmp_path / "s.db")
    runner.invoke(app, ["ingest", str(letters), "--db", db])
    chart = tmp_path / "h.png"
    result = runner.invoke(app, ["history", "militaire steun", "--db", db, "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert chart.stat().st_size > 0
    assert result.stdout.index("2023-03-01") < result.stdout.index("2024-03-01")


def test_history_chart_without_matplotlib(tmp_path: Path, letters: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "s.db")
    runner.invoke(app, ["ingest", str(letters), "--db", db])
    real_import = builtins.__import__

    def no_matplotlib(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    result = runner.invoke(app, ["history", "militaire steun", "--db", db,
                                 "--chart", str(tmp_path / "h.svg")])
    assert result.exit_code == 1
    assert "pip install 'briefparser[plot]'" in result.stderr
    assert not (tmp_path / "h.svg").exists()
