"""The JSON Schema in `schema/`: generated from the models, checked for drift, never hand-edited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from okrctl.files import write_atomic
from okrctl.model import Objective, Organization

FILES: dict[str, type[BaseModel]] = {
    "objective.schema.json": Objective,
    "organization.schema.json": Organization,
}
COMBINED = "okrctl.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _one(model: type[BaseModel]) -> dict[str, Any]:
    return {"$schema": DIALECT, **model.model_json_schema(mode="validation")}


def _combined() -> dict[str, Any]:
    """Both kinds in one self-contained schema (no `$ref` leaves the file: validators and
    editors never need the network), told apart by `kind`."""
    definitions: dict[str, Any] = {}
    choices = []
    for model in FILES.values():
        schema = model.model_json_schema(mode="validation")
        definitions.update(schema.pop("$defs", {}))
        definitions[model.__name__] = schema
        choices.append({"$ref": f"#/$defs/{model.__name__}"})
    return {
        "$schema": DIALECT,
        "title": "okrctl file",
        "description": "Any okrctl OKR file: the organisation file or an objective, told apart "
        "by `kind`.",
        "oneOf": choices,
        "$defs": dict(sorted(definitions.items())),
    }


def render() -> dict[str, str]:
    """File name -> the exact text okrctl writes to `schema/`."""
    documents = {name: _one(model) for name, model in FILES.items()}
    documents[COMBINED] = _combined()
    return {
        name: json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        for name, doc in documents.items()
    }


def write(folder: Path) -> list[str]:
    """Write every schema file (atomically, each via a temporary file); return the changed ones."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render().items():
        target = folder / name
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        write_atomic(target, text)
        changed.append(name)
    return changed


def drift(folder: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate."""
    stale = []
    for name, text in render().items():
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
