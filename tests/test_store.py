"""The SQLite store: migrations, idempotent ingest, versions, history."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

from briefparser import extract
from briefparser.store import migrations, open_store

LETTER = "Den Haag, {}\n\nSinds februari 2022 is in totaal {} voor militaire steun aan " \
    "Oekraïne begroot. Via operatie Interflex zijn ruim 11.000 Oekraïense militairen getraind."


def test_migrations_set_user_version(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
    assert version == migrations()[-1][0]
    open_store(path).close()


def test_ingest_twice_stores_once(tmp_path: Path) -> None:
    record = extract(LETTER.format("1 maart 2024", "€ 2 miljard"), source="a.txt")
    with open_store(tmp_path / "s.db") as store:
        first = store.ingest(record)
        second = store.ingest(record)
        assert first[1] is True and second == (first[0], False)
        assert len(store.letters()) == 1
        assert store.get(first[0]) == record


def test_changed_text_is_new_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.ingest(extract(LETTER.format("1 maart 2024", "€ 2 miljard"), source="a.txt"))
        _, created = store.ingest(
            extract(LETTER.format("1 maart 2024", "€ 3 miljard"), source="a.txt"))
        rows = store.letters()
    assert created
    assert [r.version for r in rows] == [1, 2]
    assert {r.source for r in rows} == {"a.txt"}


def test_history_in_date_order(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.ingest(extract(LETTER.format("1 maart 2024", "€ 3 miljard"), source="b.txt"))
        store.ingest(extract(LETTER.format("1 maart 2023", "€ 2 miljard"), source="a.txt"))
        store.ingest(extract(LETTER.format("1 maart 2025", "€ 4 miljard"), source="c.txt"))
        rows = store.history("militaire steun begroot")
    assert [r.date for r in rows] == [dt.date(2023, 3, 1), dt.date(2024, 3, 1),
                                      dt.date(2025, 3, 1)]
    assert [r.value for r in rows] == [Decimal("2000000000"), Decimal("3000000000"),
                                       Decimal("4000000000")]
