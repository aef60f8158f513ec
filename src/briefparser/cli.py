"""The ``briefparser`` command line: thin wrappers around the library."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from briefparser import __version__
from briefparser.evaluate import Evaluation, evaluate, load_cases
from briefparser.extract import extract_document
from briefparser.io import ReadError, iter_input_paths, read_bytes, read_path
from briefparser.models import LetterRecord
from briefparser.schema import check_schemas, write_schemas

app = typer.Typer(
    help="Extract and compare the figures in Dutch ministerial letters.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DEFAULT_SCHEMA_DIR = Path("schemas")


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}") from None


def _version(value: bool) -> None:
    if value:
        out.print(f"briefparser {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Extract and compare the figures in Dutch ministerial letters."""


@app.command("extract")
def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Letters (.txt .html .xml .pdf), "
                                                     "directories, or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.json,
    letter_date: Annotated[str | None, typer.Option(
        help="Letter date (YYYY-MM-DD) for texts without a date line.")] = None,
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
) -> None:
    """Extract amounts, dates, headcounts and percentages from letters."""
    given = _date(letter_date)
    records: list[LetterRecord] = []
    failures = 0
    for source in _inputs(paths):
        try:
            document = read_bytes(sys.stdin.buffer.read(), source="-") if source == "-" \
                else read_path(Path(source))
            records.append(extract_document(document, letter_date=given))
        except ReadError as exc:
            failures += 1
            err.print(f"[red]error[/red] {exc}")
    if fmt is Format.table:
        for record in records:
            _print_table(record)
    else:
        dumped = [r.model_dump(mode="json") for r in records]
        if fmt is Format.jsonl:
            text = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dumped)
        else:
            body = dumped[0] if len(dumped) == 1 else dumped
            text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    if failures:
        raise typer.Exit(1)


def _inputs(paths: list[Path]) -> list[str]:
    sources: list[str] = []
    files = [p for p in paths if str(p) != "-"]
    if len(files) != len(paths):
        sources.append("-")
    try:
        sources += [str(p) for p in iter_input_paths(files)]
    except ReadError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1) from None
    return sources


def _print_table(record: LetterRecord) -> None:
    meta = record.letter
    out.rule(f"{meta.source or ''}  {meta.date or 'date unknown'}  "
             f"{meta.dossier or ''} {('nr. ' + meta.number) if meta.number else ''}")
    table = Table("kind", "text", "value", "qualifier", "details")
    for a in record.amounts:
        table.add_row("amount", a.text, f"{a.value} {a.currency}" if a.value is not None
                      else f"vague {a.currency}", a.qualifier or "",
                      f"high {a.high}" if a.high is not None else (a.per or ""))
    for d in record.dates:
        table.add_row("date", d.text, str(d.value), d.modifier or "",
                      f"{d.kind} → {d.end_value}" if d.kind == "period" else d.kind)
    for h in record.headcounts:
        table.add_row("headcount", h.text, str(h.value), h.qualifier or "", h.noun)
    for p in record.percentages:
        table.add_row("percentage", p.text, str(p.value), p.qualifier or "", p.unit)
    out.print(table)


@app.command("evaluate")
def evaluate_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL).")],
    texts: Annotated[Path | None, typer.Option(
        help="Directory with the documents that gold rows name in 'doc'.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print scores as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every mistake.")] = False,
) -> None:
    """Score extraction against annotated gold data: P/R/F1 and value accuracy per kind."""
    try:
        result = evaluate(load_cases(gold, texts))
    except (OSError, ReadError, ValueError) as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(json.dumps({k: v.as_dict() for k, v in result.scores.items()},
                                    indent=2) + "\n")
    else:
        _print_scores(result, gold)
    if errors:
        for m in result.mistakes:
            gold_attrs = {k: v for k, v in (m.gold or {}).items() if k not in ("start", "end")}
            pred_attrs = {k: v for k, v in (m.predicted or {}).items()
                          if k not in ("start", "end", "text")}
            out.print(f"{m.case} {m.kind} {m.problem}: {m.text!r}  gold={gold_attrs or None}  "
                      f"pred={pred_attrs or None}  … {m.context} …",
                      markup=False, highlight=False, soft_wrap=True)


def _print_scores(result: Evaluation, gold: Path) -> None:
    console = out if out.is_terminal else Console(width=160)
    table = Table(title=f"{gold.name}: {result.cases} cases", title_justify="left")
    for col in ("kind", "gold", "pred", "P", "R", "F1", "strict P", "strict R", "strict F1",
                "value acc", "attributes", "not-entity hits"):
        table.add_column(col, justify="left" if col in ("kind", "attributes") else "right")
    for kind, score in result.scores.items():
        p, r, f = score.detection()
        sp, sr, sf = score.strict_prf()
        attrs = ", ".join(f"{k} {v[0] / v[1]:.2f}" for k, v in score.attributes.items() if v[1])
        table.add_row(kind, str(score.gold), str(score.predicted), f"{p:.3f}", f"{r:.3f}",
                      f"{f:.3f}", f"{sp:.3f}", f"{sr:.3f}", f"{sf:.3f}",
                      f"{score.value_accuracy():.3f}", attrs, str(score.not_entity_hits))
    console.print(table)


@app.command("schema")
def schema_cmd(
    directory: Annotated[Path, typer.Option("--dir", help="Where the schema files live.")] =
        DEFAULT_SCHEMA_DIR,
    check: Annotated[bool, typer.Option(
        "--check", help="Only check that the files match the models.")] = False,
) -> None:
    """Write (or check) the JSON Schema files of the exported models."""
    if check:
        stale = check_schemas(directory)
        if stale:
            err.print(f"[red]out of date[/red]: {', '.join(stale)} "
                      "(run 'briefparser schema' to regenerate)")
            raise typer.Exit(1)
        out.print(f"schemas in {directory} match the models")
        return
    for name in write_schemas(directory):
        out.print(f"wrote {directory / name}")
