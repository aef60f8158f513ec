"""Line charts of a figure's history; needs the optional ``plot`` extra (matplotlib)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from briefparser.store import HistoryRow

INSTALL_HINT = "drawing charts needs matplotlib: pip install 'briefparser[plot]'"


class PlotUnavailable(RuntimeError):
    """matplotlib is not installed."""


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise PlotUnavailable(INSTALL_HINT) from exc
    return plt


def draw_history_chart(rows: Sequence[HistoryRow], path: Path, *, title: str) -> Path:
    """Draw the numeric, dated rows as a line chart into ``path`` (.png or .svg)."""
    plt = _pyplot()
    points: list[tuple[dt.date, float]] = sorted(
        (r.when, float(r.value)) for r in rows
        if r.when is not None and isinstance(r.value, Decimal)
    )
    fig, ax = plt.subplots(figsize=(8, 4.5))
    try:
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o")
        ax.set_title(title)
        ax.set_xlabel("as-of date (else letter date)")
        ax.set_ylabel(rows[0].kind if rows else "value")
        ax.grid(True, alpha=0.3)
        fig.autofmt_xdate()
        fig.savefig(path)
    finally:
        plt.close(fig)
    return path
