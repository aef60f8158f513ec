"""Run many letters: read, extract, and report each one's outcome.

Letters stream through the pipeline's ``nlp.pipe`` in groups. A letter that cannot be
read or processed becomes a failed outcome with a one-line reason; the rest of the
batch goes on. With ``workers > 1`` the groups are extracted in separate processes;
outcomes come back in input order.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from itertools import islice
from pathlib import Path

from briefparser.extraction import extract_each, text_sha256
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


def process_document(
    document: Document,
    letter_date: dt.date | None = None,
    skip_hashes: frozenset[str] = frozenset(),
    taxonomy: Path | None = None,
) -> Outcome:
    """Extract one letter read elsewhere; never raises for a bad letter."""
    [outcome] = outcomes([document], letter_date, skip_hashes, taxonomy)
    return outcome


def process_paths(
    items: Sequence[Path | Document],
    letter_date: dt.date | None = None,
    skip_hashes: frozenset[str] = frozenset(),
    taxonomy: Path | None = None,
) -> list[Outcome]:
    """Outcomes of files (read here) and letters, in order (see ``outcomes``)."""
    return list(outcomes(items, letter_date, skip_hashes, taxonomy))


def outcomes(
    items: Iterable[Path | Document],
    letter_date: dt.date | None = None,
    skip_hashes: frozenset[str] = frozenset(),
    taxonomy: Path | None = None,
) -> Iterator[Outcome]:
    """Outcomes of files (read here, as the pipeline asks for them) and letters, in
    order, each as soon as it is done. The new, readable ones go through the pipeline
    together (``extract_each``); one that fails is a failed outcome with a one-line
    reason, and the others go on."""
    # Each item's outcome, or its letter while that is in the pipeline, in input order.
    slots: deque[Outcome | Document] = deque()

    def documents() -> Iterator[Document]:
        for item in items:
            slot = _read(item, skip_hashes) if isinstance(item, Path) else _skip(item,
                                                                                  skip_hashes)
            slots.append(slot)
            if isinstance(slot, Document):
                yield slot

    for document, result in extract_each(documents(), letter_date=letter_date,
                                         taxonomy=taxonomy):
        while isinstance(head := slots[0], Outcome):
            slots.popleft()
            yield head
        if slots.popleft() is not document:
            raise RuntimeError(f"{document.source}: the pipeline lost the order of letters")
        if isinstance(result, Exception):
            reason = f"{type(result).__name__}: {result}".splitlines()[0][:300]
            yield Outcome(document.source, Status.FAILED, reason=reason)
        else:
            yield Outcome(document.source, Status.DONE, record=result)
    while slots:
        slot = slots.popleft()
        if isinstance(slot, Outcome):
            yield slot


def _read(path: Path, skip_hashes: frozenset[str]) -> Outcome | Document:
    try:
        document = read_path(path)
    except ReadError as exc:
        return Outcome(str(path), Status.FAILED, reason=exc.reason)
    return _skip(document, skip_hashes)


def _skip(document: Document, skip_hashes: frozenset[str]) -> Outcome | Document:
    if skip_hashes and text_sha256(document.text) in skip_hashes:
        return Outcome(document.source, Status.SKIPPED, reason="already stored")
    return document


def run(
    paths: Iterable[Path],
    *,
    letter_date: dt.date | None = None,
    workers: int = 1,
    skip_hashes: Callable[[], frozenset[str]] | None = None,
    taxonomy: Path | None = None,
) -> Iterator[Outcome]:
    """Outcomes for ``paths`` in order; ``skip_hashes`` gives texts to skip (already stored).

    ``taxonomy`` is a category file to use instead of the built-in one. Files are read
    as the pipeline takes them (see ``extraction.BATCH_SIZE``), in groups of ``_GROUP``;
    with ``workers`` each worker process takes groups of ``_WORKER_GROUP`` files.
    """
    skip = skip_hashes() if skip_hashes else frozenset()
    remaining = iter(paths)
    if workers <= 1:
        # The outcomes of skipped and unreadable files wait for the next letter the
        # pipeline gives back: a group bounds how many wait.
        for group in iter(lambda: list(islice(remaining, _GROUP)), []):
            yield from outcomes(group, letter_date, skip, taxonomy)
        return
    groups = iter(lambda: list(islice(remaining, _WORKER_GROUP)), [])
    task = partial(process_paths, letter_date=letter_date, skip_hashes=skip, taxonomy=taxonomy)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Submit a few groups per worker at a time, so that a huge directory is not
        # queued at once.
        while window := list(islice(groups, workers * 4)):
            for done in pool.map(task, window):
                yield from done


# Files read and extracted together in one process (several batches), and the files a
# worker process takes at a time: smaller than a batch, so that the workers share a
# small input evenly.
_GROUP = 1_024
_WORKER_GROUP = 16
