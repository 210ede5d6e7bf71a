"""The JSON Schema in `schema/`: generated from the models, checked for drift, never hand-edited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from okrctl.files import write_atomic
from okrctl.model import Objective, Organization

BASE_URI = "https://okrctl.dev/schema/v1/"
FILES: dict[str, type[BaseModel]] = {
    "objective.schema.json": Objective,
    "organization.schema.json": Organization,
}
COMBINED = "okrctl.schema.json"


def _one(name: str, model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URI + name,
        **schema,
    }


def render() -> dict[str, str]:
    """File name -> the exact text okrctl writes to `schema/`."""
    documents: dict[str, dict[str, Any]] = {
        name: _one(name, model) for name, model in FILES.items()
    }
    documents[COMBINED] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URI + COMBINED,
        "title": "okrctl file",
        "description": "Any okrctl OKR file: the organisation file or an objective, told apart "
        "by `kind`.",
        "oneOf": [{"$ref": name} for name in FILES],
    }
    return {
        name: json.dumps(doc, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
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
