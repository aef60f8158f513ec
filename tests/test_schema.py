from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefparser.schema import EXPORTED, check_schemas, render, write_schemas

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@pytest.mark.parametrize("name", sorted(EXPORTED))
def test_committed_schema_matches_the_model(name: str) -> None:
    assert (SCHEMAS / name).read_text(encoding="utf-8") == render(name)


def test_check_reports_a_stale_file(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    assert check_schemas(tmp_path) == []
    name = sorted(EXPORTED)[0]
    data = json.loads((tmp_path / name).read_text(encoding="utf-8"))
    data["title"] = "changed"
    (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    assert check_schemas(tmp_path) == [name]


def test_schema_describes_decimals_as_strings() -> None:
    schema = json.loads(render("letter-record.schema.json"))
    value = schema["$defs"]["Amount"]["properties"]["value"]
    assert {"type": "string"} in value["anyOf"]
