"""The ``briefparser`` command line: thin wrappers around the library."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from briefparser import __version__
from briefparser.batch import Outcome, Status, Summary, process_document
from briefparser.batch import run as run_batch
from briefparser.diff import FactKind, diff_records, summary_line
from briefparser.evaluate import Evaluation, evaluate, load_cases
from briefparser.extraction import check_taxonomy, extract_document
from briefparser.extractors.meaning import TaxonomyError
from briefparser.io import ReadError, iter_input_paths, read_path, read_stream
from briefparser.models import MENTION_FIELDS, Amount, Headcount, LetterRecord
from briefparser.plot import PlotUnavailable, draw_history_chart
from briefparser.render import DiffFormat, render_diff
from briefparser.schema import check_schemas, write_schemas
from briefparser.store import Store, open_store

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


WorkersOption = Annotated[int, typer.Option(
    "--workers", "-w", min=1, help="Processes to extract with (default 1).")]


@app.command("extract")
def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Letters (.txt .html .xml .pdf), "
                                                     "directories, or - for stdin.")],
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format (default: jsonl for an --out *.jsonl file, "
        "else json).")] = None,
    letter_date: Annotated[str | None, typer.Option(
        help="Letter date (YYYY-MM-DD) for texts without a date line.")] = None,
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    workers: WorkersOption = 1,
    taxonomy: Annotated[Path | None, typer.Option(
        help="Category taxonomy (TOML) to use instead of the built-in one.")] = None,
) -> None:
    """Extract amounts, dates, headcounts and percentages from letters.

    Exit code 0 when every letter was processed, 1 when any failed.
    """
    if fmt is None:
        fmt = Format.jsonl if output is not None and output.suffix == ".jsonl" else Format.json
    given = _date(letter_date)
    if taxonomy is not None:
        try:
            check_taxonomy(taxonomy)
        except TaxonomyError as exc:
            err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
    summary = Summary()
    records: list[LetterRecord] = []
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for outcome in _outcomes(paths, given, workers, taxonomy=taxonomy):
            summary.add(outcome)
            if outcome.record is None:
                continue
            if fmt is Format.jsonl:
                sink.write(outcome.record.model_dump_json() + "\n")
            else:
                records.append(outcome.record)
        if fmt is Format.table:
            for record in records:
                _print_table(record)
        elif fmt is Format.json:
            dumped = [r.model_dump(mode="json") for r in records]
            body = dumped[0] if len(dumped) == 1 else dumped
            sink.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    finally:
        if output:
            sink.close()
    _finish(summary, quiet=output is None and fmt is not Format.table)


class _RateColumn(ProgressColumn):
    """Letters per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} letters/s" if speed else "")


def _outcomes(paths: list[Path], given: dt.date | None, workers: int,
              skip: Callable[[], frozenset[str]] | None = None,
              taxonomy: Path | None = None) -> Iterator[Outcome]:
    """Outcomes of every input, with a progress bar (rate, ETA) on a terminal."""
    skipped = skip() if skip else frozenset()
    if any(str(p) == "-" for p in paths):
        try:
            document = read_stream(sys.stdin.buffer, source="-")
        except ReadError as exc:
            yield Outcome("-", Status.FAILED, reason=exc.reason)
        else:
            yield process_document(document, given, skipped, taxonomy=taxonomy)
    sources: list[Path] = []
    for path in (p for p in paths if str(p) != "-"):
        try:
            sources += list(iter_input_paths([path]))
        except ReadError as exc:
            yield Outcome(str(path), Status.FAILED, reason=exc.reason)
    results = run_batch(sources, letter_date=given, workers=workers,
                        skip_hashes=lambda: skipped, taxonomy=taxonomy)
    if not err.is_terminal or len(sources) < 2:
        yield from results
        return
    columns = (TextColumn("letters"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
               TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("letters", total=len(sources))
        for outcome in results:
            progress.advance(task)
            yield outcome


def _finish(summary: Summary, *, quiet: bool = False) -> None:
    """Report the batch on stderr; exit 1 when anything failed.

    ``quiet`` leaves out the summary line for a plain successful run whose records go to
    standard output, so that piping one letter's JSON stays clean.
    """
    if not (quiet and not summary.failed and not summary.skipped):
        err.print(summary.line(), markup=False, highlight=False, soft_wrap=True)
    for source, reason in summary.failures:
        err.print(f"failed {source}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if summary.failed:
        raise typer.Exit(1)


def _print_table(record: LetterRecord) -> None:
    meta = record.letter
    out.rule(f"{meta.source or ''}  {meta.date or 'date unknown'}  "
             f"{meta.dossier or ''} {('nr. ' + meta.number) if meta.number else ''}")
    table = Table("kind", "text", "value", "qualifier", "details", "meaning")
    for a in record.amounts:
        table.add_row("amount", a.text, f"{a.value} {a.currency}" if a.value is not None
                      else f"vague {a.currency}", a.qualifier or "",
                      f"high {a.high}" if a.high is not None else (a.per or ""), _meaning(a))
    for d in record.dates:
        table.add_row("date", d.text, str(d.value), d.modifier or "",
                      f"{d.kind} → {d.end_value}" if d.kind == "period" else d.kind)
    for h in record.headcounts:
        table.add_row("headcount", h.text, str(h.value), h.qualifier or "", h.noun, _meaning(h))
    for p in record.percentages:
        table.add_row("percentage", p.text, str(p.value), p.qualifier or "", p.unit)
    out.print(table)
    for check in record.checks:
        mark = "[green]ok[/green]" if check.passed else "[red]FAILED[/red]"
        out.print(f"{mark} {check.kind}: ", end="")
        out.print(check.message, markup=False, highlight=False)


def _meaning(m: Amount | Headcount) -> str:
    if m.as_of:
        when = f"as of {m.as_of}"
    elif m.period_start or m.period_end:
        when = f"{m.period_start or '…'}–{m.period_end or '…'}"
    else:
        when = ""
    return " · ".join(x for x in (m.status, m.category, when, m.subject) if x)


@app.command("evaluate")
def evaluate_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL).")],
    texts: Annotated[Path | None, typer.Option(
        help="Directory with the documents that gold rows name in 'doc'.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print scores as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every mistake.")] = False,
    taxonomy: Annotated[Path | None, typer.Option(
        help="Category taxonomy (TOML) to use instead of the built-in one.")] = None,
) -> None:
    """Score extraction against annotated gold data: P/R/F1 and value accuracy per kind,
    and status and category agreement on matched amounts."""
    try:
        result = evaluate(load_cases(gold, texts), taxonomy)
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


# --- Comparing letters and the letter store -------------------------------------------------

DbOption = Annotated[Path | None, typer.Option(
    "--db", help="SQLite store (default: $BRIEFPARSER_DB or the user data directory).")]


def _open_store(db: Path | None) -> Store:
    try:
        return open_store(db)
    except (OSError, sqlite3.Error) as exc:
        err.print(f"[red]error[/red] cannot open store: {exc}", markup=True, highlight=False)
        raise typer.Exit(1) from None


def _load_side(arg: str, db: Path | None) -> tuple[LetterRecord, str | None]:
    """A file's record and text, or a stored letter's record when ``arg`` is an id."""
    if arg.isdigit() and not Path(arg).exists():
        with _open_store(db) as store:
            try:
                return store.get(int(arg)), None
            except KeyError:
                err.print(f"[red]error[/red] no stored letter with id {arg}")
                raise typer.Exit(1) from None
    try:
        document = read_path(Path(arg))
    except ReadError as exc:
        err.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(1) from None
    return extract_document(document), document.text


@app.command("diff")
def diff_cmd(
    old: Annotated[str, typer.Argument(help="Old letter: a file, or a stored letter id.")],
    new: Annotated[str, typer.Argument(help="New letter: a file, or a stored letter id.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] =
        DiffFormat.table,
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    db: DbOption = None,
) -> None:
    """Compare the figures of two letters: changed, added, removed, unchanged."""
    old_record, old_text = _load_side(old, db)
    new_record, new_text = _load_side(new, db)
    diff = diff_records(old_record, new_record)
    text = render_diff(diff, fmt, old_text=old_text, new_text=new_text)
    if output:
        output.write_text(text, encoding="utf-8")
        out.print(f"{summary_line(diff)}; wrote {output}", markup=False, highlight=False)
    else:
        sys.stdout.write(text)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Letters or directories to store.")],
    db: DbOption = None,
    letter_date: Annotated[str | None, typer.Option(
        help="Letter date (YYYY-MM-DD) for texts without a date line.")] = None,
    workers: WorkersOption = 1,
) -> None:
    """Extract letters and store each in its own transaction; stored texts are skipped.

    Exit code 0 when every letter was stored or skipped, 1 when any failed.
    """
    given = _date(letter_date)
    summary = Summary()
    with _open_store(db) as store:
        for outcome in _outcomes(paths, given, workers, skip=store.hashes):
            if outcome.record is not None:
                letter_id, created = store.ingest(outcome.record)
                if created:
                    out.print(f"stored {letter_id} {outcome.source}", markup=False,
                              highlight=False)
                else:
                    outcome = Outcome(outcome.source, Status.SKIPPED, reason="already stored")
            summary.add(outcome)
    _finish(summary)


@app.command("letters")
def letters_cmd(db: DbOption = None) -> None:
    """List the stored letters."""
    with _open_store(db) as store:
        rows = store.letters()
    table = Table("id", "date", "dossier", "number", "title", "version", "source",
                  *MENTION_FIELDS)
    for r in rows:
        table.add_row(str(r.id), str(r.date or ""), r.dossier or "", r.number or "",
                      r.title or "", str(r.version), r.source or "",
                      *(str(v) for v in r.counts.values()))
    (out if out.is_terminal else Console(width=200)).print(table)


@app.command("show")
def show_cmd(
    letter_id: Annotated[int, typer.Argument(help="Id of a stored letter.")],
    db: DbOption = None,
) -> None:
    """Print the stored record of one letter as JSON."""
    with _open_store(db) as store:
        try:
            record = store.get(letter_id)
        except KeyError:
            err.print(f"[red]error[/red] no stored letter with id {letter_id}")
            raise typer.Exit(1) from None
    sys.stdout.write(record.model_dump_json(indent=2) + "\n")


@app.command("history")
def history_cmd(
    query: Annotated[str, typer.Argument(help="Words describing the figure.")],
    db: DbOption = None,
    chart: Annotated[Path | None, typer.Option(
        help="Also draw a line chart to this .png or .svg file.")] = None,
    kind: Annotated[FactKind | None, typer.Option(
        help="Only figures of this kind (default: amounts, headcounts, percentages, "
        "quantities).")] = None,
) -> None:
    """One figure across all stored letters, in date order."""
    with _open_store(db) as store:
        rows = store.history(query, kind=kind.value if kind else None)
    if not rows:
        err.print(f"no figure matches {query!r}", markup=False, highlight=False)
        raise typer.Exit(1)
    table = Table("id", "date", "as of", "kind", "text", "value", "score", "sentence",
                  title=f"history of {query!r}", title_justify="left")
    for r in rows:
        table.add_row(str(r.letter_id), str(r.date or ""), str(r.as_of or ""), r.kind, r.text,
                      str(r.value),
                      f"{r.score:.0f}", r.sentence)
    (out if out.is_terminal else Console(width=200)).print(table)
    if chart is not None:
        try:
            draw_history_chart(rows, chart, title=query)
        except PlotUnavailable as exc:
            err.print(str(exc), markup=False, highlight=False)
            raise typer.Exit(1) from None
        out.print(f"wrote {chart}", markup=False, highlight=False)
