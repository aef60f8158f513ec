"""Run many letters: read, extract, and report each one's outcome.

A letter that cannot be read or processed becomes a failed outcome with a
one-line reason; the rest of the batch goes on. With ``workers > 1`` letters are
extracted in separate processes; outcomes come back in input order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from itertools import islice
from pathlib import Path

from briefparser.extraction import extract_document, text_sha256
from briefparser.io import Document, ReadError, read_path
from briefparser.models import LetterRecord


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    source: str
    status: Status
    record: LetterRecord | None = None
    reason: str | None = None


@dataclass
class Summary:
    """Counts of a finished batch, with the reasons of the failures."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.status is Status.DONE:
            self.done += 1
        elif outcome.status is Status.SKIPPED:
            self.skipped += 1
        else:
            self.failed += 1
            self.failures.append((outcome.source, outcome.reason or "unknown error"))

    def line(self) -> str:
        """``"12 done, 3 skipped, 1 failed"``."""
        return f"{self.done} done, {self.skipped} skipped, {self.failed} failed"


def process_path(
    path: Path,
    letter_date: dt.date | None = None,
    skip_hashes: frozenset[str] = frozenset(),
    taxonomy: Path | None = None,
) -> Outcome:
    """Read and extract one file; never raises for a bad file."""
    source = str(path)
    try:
        document = read_path(path)
    except ReadError as exc:
        return Outcome(source, Status.FAILED, reason=exc.reason)
    return process_document(document, letter_date, skip_hashes, taxonomy)


def process_document(
    document: Document,
    letter_date: dt.date | None = None,
    skip_hashes: frozenset[str] = frozenset(),
    taxonomy: Path | None = None,
) -> Outcome:
    if skip_hashes and text_sha256(document.text) in skip_hashes:
        return Outcome(document.source, Status.SKIPPED, reason="already stored")
    try:
        record = extract_document(document, letter_date=letter_date, taxonomy=taxonomy)
    except Exception as exc:  # one broken letter must not stop the batch
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        return Outcome(document.source, Status.FAILED, reason=reason)
    return Outcome(document.source, Status.DONE, record=record)


def run(
    paths: Iterable[Path],
    *,
    letter_date: dt.date | None = None,
    workers: int = 1,
    skip_hashes: Callable[[], frozenset[str]] | None = None,
    taxonomy: Path | None = None,
) -> Iterator[Outcome]:
    """Outcomes for ``paths`` in order; ``skip_hashes`` gives texts to skip (already stored).

    ``taxonomy`` is a category file to use instead of the built-in one.
    """
    skip = skip_hashes() if skip_hashes else frozenset()
    if workers <= 1:
        for path in paths:
            yield process_path(path, letter_date, skip, taxonomy)
        return
    task = partial(process_path, letter_date=letter_date, skip_hashes=skip, taxonomy=taxonomy)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Submit in windows so a huge directory does not queue every path at once.
        window = workers * 8
        iterator = iter(paths)
        while chunk := list(islice(iterator, window)):
            yield from pool.map(task, chunk)
