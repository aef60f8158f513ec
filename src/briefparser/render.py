"""Render a LetterDiff as a rich table, JSON, Markdown or a self-contained HTML page.

Every renderer starts with the one-line summary. Text taken from a letter is
escaped in Markdown and HTML: letters are untrusted input.
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

from rich.console import Console
from rich.table import Table

from briefparser.diff import DiffEntry, DiffStatus, FactValue, LetterDiff, summary_line


class DiffFormat(StrEnum):
    """Output formats of a diff."""

    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


def _value(v: FactValue | None) -> str:
    if v is None:
        return ""
    if v.date is not None or v.number is None:
        shown = v.date or "?"
        return shown + (f"–{v.end_date}" if v.end_date else "")
    shown = format(v.number, "f")
    return shown + (f"–{format(v.high, 'f')}" if v.high is not None else "")


def _delta(e: DiffEntry) -> str:
    if e.absolute_difference is None:
        return ""
    sign = "+" if e.absolute_difference > 0 else ""
    rel = e.relative_difference
    pct = f" ({sign}{(rel * 100).quantize(Decimal('0.1'))}%)" if rel is not None else ""
    return f"{sign}{format(e.absolute_difference, 'f')}{pct}"


def _as_of(e: DiffEntry) -> str:
    """As-of dates of both sides: "2025-05-31 → 2025-08-31", or the one side's."""
    old = e.old.as_of if e.old else None
    new = e.new.as_of if e.new else None
    if e.old and e.new and old != new:
        return f"{old or '?'} → {new or '?'}"
    return old or new or ""


def _figure_status(e: DiffEntry) -> str:
    if e.status_change:
        return e.status_change
    side = e.new or e.old
    return (side.figure_status or "") if side else ""


def _sentences(diff: LetterDiff) -> list[tuple[DiffEntry, str, str]]:
    """(entry, old sentence, new sentence) of every changed fact."""
    return [(e, e.old.sentence, e.new.sentence) for e in diff.entries
            if e.status is DiffStatus.CHANGED and e.old and e.new]


def _title(diff: LetterDiff) -> str:
    return (f"{diff.old.source or diff.old.sha256[:12]} ({diff.old.date or '?'}) → "
            f"{diff.new.source or diff.new.sha256[:12]} ({diff.new.date or '?'})")


def render_table(diff: LetterDiff, width: int = 160) -> str:
    console = Console(file=io.StringIO(), width=width, record=True)
    console.print(summary_line(diff), markup=False, highlight=False)
    table = Table("status", "kind", "old", "new", "difference", "figure status", "as of",
                  "subject", title=_title(diff), title_justify="left")
    for e in diff.entries:
        table.add_row(e.status.value, e.kind.value,
                      f"{e.old.text} = {_value(e.old)}" if e.old else "",
                      f"{e.new.text} = {_value(e.new)}" if e.new else "",
                      _delta(e), _figure_status(e), _as_of(e), e.subject)
    console.print(table)
    for e, old, new in _sentences(diff):
        console.print(f"{e.kind.value} {e.old.text if e.old else ''} → "
                      f"{e.new.text if e.new else ''}", markup=False, highlight=False)
        console.print(f"  old: {old}", markup=False, highlight=False)
        console.print(f"  new: {new}", markup=False, highlight=False)
    return console.export_text()


def render_json(diff: LetterDiff) -> str:
    return json.dumps(diff.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    """Escape a cell: HTML-escaped, with Markdown table and emphasis characters quoted."""
    escaped = html.escape(" ".join(text.split()))
    for ch in "\\|*_`[]":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def render_markdown(diff: LetterDiff) -> str:
    lines = [f"**{_md(summary_line(diff))}**", "", f"{_md(_title(diff))}", "",
             "| status | kind | old | new | difference | figure status | as of | subject |",
             "|---|---|---|---|---|---|---|---|"]
    for e in diff.entries:
        old = f"{e.old.text} = {_value(e.old)}" if e.old else ""
        new = f"{e.new.text} = {_value(e.new)}" if e.new else ""
        lines.append(f"| {e.status.value} | {e.kind.value} | {_md(old)} | {_md(new)} | "
                     f"{_md(_delta(e))} | {_md(_figure_status(e))} | {_md(_as_of(e))} | "
                     f"{_md(e.subject)} |")
    changed = _sentences(diff)
    if changed:
        lines += ["", "**Changed figures in their sentences**", ""]
        for e, old_sentence, new_sentence in changed:
            lines.append(f"- {_md(e.old.text if e.old else '')} → "
                         f"{_md(e.new.text if e.new else '')}: old: {_md(old_sentence)}; "
                         f"new: {_md(new_sentence)}")
    return "\n".join(lines) + "\n"


_CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5em; }
.letters { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5em; }
.letter { white-space: pre-wrap; border: 1px solid #ccc; padding: 1em; line-height: 1.6; }
mark { padding: 0 .15em; border-radius: .2em; }
mark.changed { background: #ffe08a; } mark.added { background: #b7f0b1; }
mark.removed { background: #f7b4b4; } mark.unchanged { background: #e3e3e3; }
table { border-collapse: collapse; margin: 1em 0; }
td, th { border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }
"""


def _highlight(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """``text`` escaped, with each (start, end, css class, tooltip) span in a <mark>."""
    parts: list[str] = []
    at = 0
    for start, end, cls, tip in sorted(spans):
        if start < at or end > len(text):
            continue
        parts.append(html.escape(text[at:start]))
        parts.append(f'<mark class="{html.escape(cls)}" title="{html.escape(tip)}">'
                     f"{html.escape(text[start:end])}</mark>")
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts)


def render_html(diff: LetterDiff, old_text: str | None = None,
                new_text: str | None = None) -> str:
    """One self-contained page: summary, both letters with highlighted figures, table.

    Without the letters' texts the side-by-side view shows the sentences instead.
    """
    old_spans = [(e.old.start, e.old.end, e.status.value, f"{e.kind.value}: {_value(e.old)}")
                 for e in diff.entries if e.old]
    new_spans = [(e.new.start, e.new.end, e.status.value, f"{e.kind.value}: {_value(e.new)}")
                 for e in diff.entries if e.new]
    if old_text is not None:
        old_body = _highlight(old_text, old_spans)
    else:
        old_body = "\n".join(html.escape(e.old.sentence) for e in diff.entries if e.old)
    if new_text is not None:
        new_body = _highlight(new_text, new_spans)
    else:
        new_body = "\n".join(html.escape(e.new.sentence) for e in diff.entries if e.new)
    rows = "\n".join(
        f"<tr><td>{html.escape(e.status.value)}</td><td>{html.escape(e.kind.value)}</td>"
        f"<td>{html.escape(e.old.text) if e.old else ''}</td>"
        f"<td>{html.escape(_value(e.old))}</td>"
        f"<td>{html.escape(e.new.text) if e.new else ''}</td>"
        f"<td>{html.escape(_value(e.new))}</td><td>{html.escape(_delta(e))}</td>"
        f"<td>{html.escape(e.subject)}</td></tr>"
        for e in diff.entries)
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>{html.escape(_title(diff))}</title><style>{_CSS}</style></head>
<body>
<h1>{html.escape(summary_line(diff))}</h1>
<p>{html.escape(_title(diff))}</p>
<div class="letters">
<div><h2>{html.escape(diff.old.source or "old")}</h2><div class="letter">{old_body}</div></div>
<div><h2>{html.escape(diff.new.source or "new")}</h2><div class="letter">{new_body}</div></div>
</div>
<table><tr><th>status</th><th>kind</th><th>old text</th><th>old value</th><th>new text</th>
<th>new value</th><th>difference</th><th>subject</th></tr>
{rows}
</table>
</body></html>
"""


def render_diff(diff: LetterDiff, fmt: DiffFormat, *, old_text: str | None = None,
                new_text: str | None = None) -> str:
    """Render in any format; HTML uses the letters' texts when given."""
    if fmt is DiffFormat.json:
        return render_json(diff)
    if fmt is DiffFormat.markdown:
        return render_markdown(diff)
    if fmt is DiffFormat.html:
        return render_html(diff, old_text, new_text)
    return render_table(diff)
