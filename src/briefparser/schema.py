"""Write the JSON Schema of the exported models into ``schemas/``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefparser.diff import LetterDiff
from briefparser.models import LetterRecord

# File name -> model. Keep in sync with the models that outside tools read.
EXPORTED: dict[str, type[BaseModel]] = {
    "letter-record.schema.json": LetterRecord,
    "letter-diff.schema.json": LetterDiff,
}

SCHEMA_BASE = "urn:briefparser:schema:"


def schema_of(model: type[BaseModel], name: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_BASE + name, **schema}


def render(name: str) -> str:
    return json.dumps(schema_of(EXPORTED[name], name), indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> dict[str, str]:
    """Write every exported schema; return file name -> rendered text."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for name in EXPORTED:
        text = render(name)
        (directory / name).write_text(text, encoding="utf-8")
        out[name] = text
    return out


def check_schemas(directory: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    return [
        name for name in EXPORTED
        if not (directory / name).exists()
        or (directory / name).read_text(encoding="utf-8") != render(name)
    ]
