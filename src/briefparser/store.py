"""The embedded store: letters and their records in one SQLite file.

The schema lives in ``migrations/NNN_*.sql``; :func:`open_store` applies the ones
newer than ``PRAGMA user_version``, in order, each in its own transaction.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Final

import platformdirs
from rapidfuzz import fuzz

from briefparser.diff import FactKey, fact_keys, normalise_word, similarity
from briefparser.models import MENTION_FIELDS, DateMention, LetterRecord, Mention

DB_ENV: Final = "BRIEFPARSER_DB"
_MIGRATION: Final = re.compile(r"^(\d+)_.*\.sql$")

HISTORY_MIN_SCORE: Final = 60.0
"""Lowest query score (0-100) at which a mention counts as the figure asked for."""


def default_path() -> Path:
    """``$BRIEFPARSER_DB``, else ``briefparser.sqlite3`` in the user's data directory."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("briefparser")) / "briefparser.sqlite3"


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped in the package, in order."""
    found = []
    for entry in resources.files("briefparser").joinpath("migrations").iterdir():
        match = _MIGRATION.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


@dataclass(frozen=True)
class LetterRow:
    """One stored letter version."""

    id: int
    sha256: str
    source: str | None
    version: int
    date: dt.date | None
    dossier: str | None
    number: str | None
    title: str | None
    created: str
    counts: dict[str, int]


@dataclass(frozen=True)
class HistoryRow:
    """One letter's value of the figure asked for."""

    letter_id: int
    date: dt.date | None
    source: str | None
    kind: str
    text: str
    value: Decimal | str | None
    sentence: str
    score: float
    as_of: dt.date | None = None
    """The date the figure stands at, when the letter says (else None)."""

    @property
    def when(self) -> dt.date | None:
        """As-of date, else the letter's date: where the figure goes on a time line."""
        return self.as_of or self.date


class Store:
    """A briefparser database; use :func:`open_store` to get one."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, record: LetterRecord) -> tuple[int, bool]:
        """Store a record unless a letter with the same text is stored; (id, created)."""
        meta = record.letter
        with self.connection:
            row = self.connection.execute(
                "SELECT id FROM letters WHERE sha256 = ?", (meta.sha256,)).fetchone()
            if row is not None:
                return int(row[0]), False
            (version,) = self.connection.execute(
                "SELECT COUNT(*) + 1 FROM letters WHERE source IS ?", (meta.source,)).fetchone()
            cursor = self.connection.execute(
                "INSERT INTO letters (sha256, source, version, date, dossier, number, title,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (meta.sha256, meta.source, version,
                 meta.date.isoformat() if meta.date else None, meta.dossier, meta.number,
                 meta.title, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
            letter_id = int(cursor.lastrowid or 0)
            self.connection.execute("INSERT INTO records (letter_id, record) VALUES (?, ?)",
                                    (letter_id, record.model_dump_json()))
        return letter_id, True

    def hashes(self) -> frozenset[str]:
        """SHA-256 of every stored text, to skip letters already stored."""
        rows = self.connection.execute("SELECT sha256 FROM letters").fetchall()
        return frozenset(row[0] for row in rows)

    def letters(self) -> list[LetterRow]:
        """Every stored letter version, by date (unknown dates last), then id."""
        return [row for row, _ in self.records()]

    def get(self, letter_id: int) -> LetterRecord:
        """The record of one letter; KeyError when there is none."""
        row = self.connection.execute(
            "SELECT record FROM records WHERE letter_id = ?", (letter_id,)).fetchone()
        if row is None:
            raise KeyError(letter_id)
        return LetterRecord.model_validate_json(row[0])

    def records(self) -> list[tuple[LetterRow, LetterRecord]]:
        """Every stored letter version with its record, in the order of :meth:`letters`."""
        rows = self.connection.execute(
            "SELECT l.id, l.sha256, l.source, l.version, l.date, l.dossier, l.number, l.title,"
            " l.created, r.record FROM letters l JOIN records r ON r.letter_id = l.id"
            " ORDER BY l.date IS NULL, l.date, l.id").fetchall()
        result = []
        for row in rows:
            record = LetterRecord.model_validate_json(row[9])
            counts = {name: len(getattr(record, name)) for name in MENTION_FIELDS}
            result.append((LetterRow(
                id=row[0], sha256=row[1], source=row[2], version=row[3],
                date=dt.date.fromisoformat(row[4]) if row[4] else None, dossier=row[5],
                number=row[6], title=row[7], created=row[8], counts=counts), record))
        return result

    def history(self, query: str, kind: str | None = None) -> list[HistoryRow]:
        """One figure across all stored letters, in date order.

        The best match of ``query`` over all letters is the anchor; in every letter the
        mention with the best query score is taken, ties going to the mention whose
        subject is most like the anchor's.
        """
        wanted = " ".join(normalise_word(w) for w in query.split())
        scored: list[tuple[LetterRow, list[tuple[float, Mention, FactKey]]]] = []
        for row, record in self.records():
            cands = []
            sentences: dict[str, str] = {}
            for mention, key in fact_keys(record):
                # A history follows a figure; dates only when asked for by kind.
                if key.kind != kind if kind is not None else isinstance(mention, DateMention):
                    continue
                if mention.sentence not in sentences:
                    sentences[mention.sentence] = normalise_word(mention.sentence)
                score = _query_score(wanted, sentences[mention.sentence], key)
                if score >= HISTORY_MIN_SCORE:
                    cands.append((score, mention, key))
            scored.append((row, cands))
        everything = [c for _, cands in scored for c in cands]
        if not everything:
            return []
        anchor = max(everything, key=_prefer_numbers)[2]
        result = []
        for row, cands in scored:
            fitting = [(similarity(anchor, c[2]), c) for c in cands]
            fitting = [(like, c) for like, c in fitting if like > 0]
            if not fitting:
                continue
            # The figure most like the anchor, so one series is followed across letters.
            _, (score, mention, _) = max(fitting, key=lambda f: (f[0], f[1][0], -f[1][1].start))
            result.append(HistoryRow(
                letter_id=row.id, date=row.date, source=row.source, kind=anchor.kind.value,
                text=mention.text, value=_history_value(mention), sentence=mention.sentence,
                score=score, as_of=_day(getattr(mention, "as_of", None))))
        # In time order of the figure: its as-of date, else its letter's date; undated last.
        return sorted(result, key=lambda r: (r.when is None, r.when or dt.date.min, r.letter_id))


def _prefer_numbers(c: tuple[float, Mention, FactKey]) -> tuple[float, bool, bool, int]:
    # Among equal scores a figure beats a date ("militaire steun" asks for an amount), and
    # a standing total with an as-of date beats a budget line: it is what a series tracks.
    return (c[0], not isinstance(c[1], DateMention), getattr(c[1], "as_of", None) is not None,
            -c[1].start)


def _query_score(query: str, sentence: str, key: FactKey) -> float:
    """How well ``query`` fits a figure: its subject words, else its normalised sentence."""
    # The figure's status and category count as words of its subject: "gerealiseerde
    # militaire steun" asks for the status as much as for the subject.
    words = [*key.subject, key.status or "", *(key.category or "").replace("_", " ").split("/")]
    subject = " ".join(w for w in words if w)
    return max(float(fuzz.token_set_ratio(query, subject)),
               0.9 * fuzz.partial_ratio(query, sentence))


def _day(value: str | None) -> dt.date | None:
    """A full ISO day, else None ("2025-08-31" yes, "2025" no)."""
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _history_value(mention: Mention) -> Decimal | str | None:
    value = getattr(mention, "value", None)
    if value is None or isinstance(mention, DateMention):
        return value
    return Decimal(value)


def open_store(path: Path | str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``path`` or the default."""
    target = Path(path) if path is not None else default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    # isolation_level=None: we run BEGIN/COMMIT ourselves so each migration is atomic.
    (current,) = connection.execute("PRAGMA user_version").fetchone()
    for version, sql in migrations():
        if version <= current:
            continue
        try:
            connection.execute("BEGIN")
            for statement in sql.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version:d}")
            connection.execute("COMMIT")
        except sqlite3.Error:
            connection.execute("ROLLBACK")
            connection.close()
            raise
    connection.isolation_level = "DEFERRED"
    return Store(connection, target)
