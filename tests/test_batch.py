"""Batches: bad files are reported and skipped, nothing stored is lost."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from briefparser import batch, components, extraction
from briefparser.batch import Status, Summary
from briefparser.cli import app
from briefparser.io import Document
from briefparser.models import LetterRecord
from briefparser.store import open_store

runner = CliRunner()

GOOD = "Den Haag, 3 mei 2024\n\nEr is € {n} miljoen uitgegeven aan {n} militairen.\n"

BAD_FILES = [
    pytest.param("empty.txt", b"", "empty", id="empty"),
    pytest.param("binary.txt", bytes(range(256)) * 40, "binary", id="binary"),
    pytest.param("bad-utf8.txt", b"\x00\xff\xfe\x00" * 100, "binary", id="invalid-utf8"),
    pytest.param("laughs.xml", b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<officiele-publicatie>&lol2;</officiele-publicatie>""", "", id="billion-laughs"),
    pytest.param("external.xml", b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>""", "", id="external-entity"),
    pytest.param("deep.xml", b"<a>" * 5000 + b"</a>" * 5000, "", id="deep-nesting"),
    pytest.param("broken.xml", b"<officiele-publicatie><al>Er is", "", id="malformed-xml"),
]


def _letters(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        path = folder / f"letter-{n:02d}.txt"
        path.write_text(GOOD.format(n=n), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_a_bad_file_fails_alone(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    good = _letters(tmp_path / "in", 2)
    bad = tmp_path / "in" / name
    bad.write_bytes(content)
    outcomes = list(batch.run([good[0], bad, good[1]]))
    assert [o.status for o in outcomes] == [Status.DONE, Status.FAILED, Status.DONE]
    failed = outcomes[1]
    assert failed.reason and "\n" not in failed.reason
    assert reason in failed.reason


def test_broken_html_still_gives_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><div><p>Er is \xe2\x82\xac 5 miljoen<p>uitgegeven</div")
    [outcome] = batch.run([page])
    assert outcome.status is Status.DONE and outcome.record is not None
    assert [str(a.value) for a in outcome.record.amounts] == ["5000000"]


def test_a_crashing_extraction_is_one_failure(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _letters(tmp_path, 3)
    real = components.find_amounts

    def explode(text: str, *args: object, **kwargs: object) -> object:
        if "€ 2 miljoen" in text:
            raise RuntimeError("boom\nsecond line")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    # The letters go through nlp.pipe together; the middle one fails in a component.
    monkeypatch.setattr(components, "find_amounts", explode)
    outcomes = list(batch.run(paths))
    assert [o.status for o in outcomes] == [Status.DONE, Status.FAILED, Status.DONE]
    assert outcomes[1].reason == "RuntimeError: boom"
    assert [o.source for o in outcomes] == [str(p) for p in paths]
    assert [str(o.record.amounts[0].value) for o in outcomes if o.record] == [
        "1000000", "3000000"]


def test_a_letter_that_fails_to_tokenize_is_one_failure(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    docs = [Document(text=GOOD.format(n=n), source=f"l{n}", format="txt") for n in (1, 2, 3)]
    real = extraction._make_doc

    def explode(nlp: object, text: str, *args: object) -> object:
        if "€ 3 miljoen" in text:
            raise ValueError("cannot tokenize")
        return real(nlp, text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(extraction, "_make_doc", explode)
    results = list(extraction.extract_each(docs))
    assert [d.source for d, _ in results] == ["l1", "l2", "l3"]
    assert isinstance(results[2][1], ValueError)
    assert all(isinstance(r, LetterRecord) for _, r in results[:2])
    with pytest.raises(ValueError, match="cannot tokenize"):
        list(extraction.extract_many(docs))


def test_workers_give_the_same_records_in_order(tmp_path: Path) -> None:
    paths = _letters(tmp_path, 6)
    one = [o.record for o in batch.run(paths)]
    two = [o.record for o in batch.run(paths, workers=2)]
    assert one == two
    assert [str(r.amounts[0].value) for r in two if r] == [f"{n}000000" for n in range(1, 7)]


def test_summary_line() -> None:
    s = Summary()
    for status in (Status.DONE, Status.DONE, Status.SKIPPED, Status.FAILED):
        s.add(batch.Outcome("x", status, reason="why" if status is Status.FAILED else None))
    assert s.line() == "2 done, 1 skipped, 1 failed"
    assert s.failures == [("x", "why")]


def test_interrupted_ingest_loses_nothing_and_resumes(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "letters"
    _letters(folder, 5)
    db = tmp_path / "store.sqlite3"
    real = extraction.build_record
    calls = {"n": 0}

    def interrupt_third(doc: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(doc, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extraction, "build_record", interrupt_third)
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code != 0
    with open_store(db) as store:
        assert len(store.letters()) == 2
    monkeypatch.setattr(extraction, "build_record", real)
    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "3 done, 2 skipped, 0 failed" in again.stderr
    with open_store(db) as store:
        assert len(store.letters()) == 5


def test_extract_exit_codes_and_jsonl_out(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _letters(folder, 3)
    out = tmp_path / "records.jsonl"
    ok = runner.invoke(app, ["extract", str(folder), "--out", str(out)])
    assert ok.exit_code == 0
    assert len([json.loads(line) for line in out.read_text().splitlines()]) == 3
    (folder / "empty.txt").write_bytes(b"")
    bad = runner.invoke(app, ["extract", str(folder), "--out", str(out)])
    assert bad.exit_code == 1
    assert "3 done, 0 skipped, 1 failed" in bad.stderr
    assert len(out.read_text().splitlines()) == 3


def test_nlp_pipe_honours_the_error_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    from spacy.util import ignore_error, raise_error

    from briefparser.nlp import get_nlp

    real = components.find_amounts

    def explode(text: str, *args: object, **kwargs: object) -> object:
        if "boom" in text:
            raise RuntimeError("boom")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(components, "find_amounts", explode)
    nlp = get_nlp()
    texts = ["€ 5 miljoen", "boom € 5", "€ 7 miljoen"]
    with pytest.raises(RuntimeError, match="boom"):
        list(nlp.pipe(texts))
    nlp.set_error_handler(ignore_error)
    try:
        assert [d.text for d in nlp.pipe(texts)] == ["€ 5 miljoen", "€ 7 miljoen"]
    finally:
        nlp.set_error_handler(raise_error)


def test_many_files_with_failures_keep_their_order(tmp_path: Path) -> None:
    """More files than a worker group, with unreadable, repeated and long ones between."""
    paths = _letters(tmp_path / "in", 30)
    for n in (3, 17, 24):
        paths[n].write_bytes(b"")
    paths[10].write_text(GOOD.format(n=1), encoding="utf-8")
    long = tmp_path / "in" / "long.txt"
    long.write_text(GOOD.format(n=99) * 3_000, encoding="utf-8")
    paths.insert(20, long)
    one = list(batch.run(paths))
    two = list(batch.run(paths, workers=2))
    assert [o.source for o in one] == [str(p) for p in paths] == [o.source for o in two]
    assert [o.status for o in one] == [o.status for o in two]
    assert [o.record for o in one] == [o.record for o in two]
    assert [i for i, o in enumerate(one) if o.status is Status.FAILED] == [3, 17, 25]


def test_a_failing_foreign_component_fails_only_its_letter() -> None:
    """A component that is not briefparser's (as in a trained pipeline) raises out of
    nlp.pipe; the rest of the batch is then done one letter at a time."""
    import spacy
    from spacy.language import Language

    from briefparser.nlp import add_components

    @Language.component("test_explode_on_boom")
    def explode(doc: object) -> object:
        if "boom" in str(doc):
            raise RuntimeError("boom")
        return doc

    nlp = spacy.blank("nl")
    add_components(nlp)
    nlp.add_pipe("test_explode_on_boom", first=True)
    docs = [Document(text=GOOD.format(n=n) + ("boom" if n == 2 else ""), source=f"l{n}",
                     format="txt") for n in (1, 2, 3, 4)]
    results = list(extraction.extract_each(docs, nlp=nlp))
    assert [d.source for d, _ in results] == ["l1", "l2", "l3", "l4"]
    assert isinstance(results[1][1], RuntimeError)
    assert [str(r.amounts[0].value) for _, r in results if isinstance(r, LetterRecord)] == [
        "1000000", "3000000", "4000000"]


def test_letters_an_error_handler_drops_are_reported_once() -> None:
    """With an error handler that drops failing docs, each letter still gives exactly
    one result, in order: the dropped ones a DroppedError, also when a later component
    raises out of nlp.pipe."""
    import spacy
    from spacy.language import Language
    from spacy.util import ignore_error

    from briefparser.nlp import add_components

    @Language.component("test_drop_on_two")
    def drop(doc: object) -> object:
        if "€ 2 miljoen" in str(doc):
            raise RuntimeError("two")
        return doc

    nlp = spacy.blank("nl")
    add_components(nlp)
    nlp.add_pipe("test_drop_on_two", first=True)
    docs = [Document(text=GOOD.format(n=n), source=f"l{n}", format="txt") for n in range(1, 6)]
    nlp.set_error_handler(ignore_error)
    results = list(extraction.extract_each(docs, nlp=nlp))
    assert [d.source for d, _ in results] == ["l1", "l2", "l3", "l4", "l5"]
    assert [type(r).__name__ for _, r in results] == [
        "LetterRecord", "DroppedError", "LetterRecord", "LetterRecord", "LetterRecord"]

    # A component with a pipe method of its own raises past the handler.
    nlp.add_pipe("test_raise_on_four_in_pipe", after="test_drop_on_two")
    results = list(extraction.extract_each(docs, nlp=nlp))
    assert [d.source for d, _ in results] == ["l1", "l2", "l3", "l4", "l5"]
    assert [type(r).__name__ for _, r in results] == [
        "LetterRecord", "DroppedError", "LetterRecord", "RuntimeError", "LetterRecord"]


class _RaiseOnFour:
    def __call__(self, doc: Doc) -> Doc:
        if "€ 4 miljoen" in doc.text:
            raise RuntimeError("four")
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("test_raise_on_four_in_pipe")
def _make_raise_on_four(nlp: Language, name: str) -> _RaiseOnFour:
    return _RaiseOnFour()
