"""The JSON Schema in `schema/`: generated from the models, checked for drift, never hand-edited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from okrctl.files import write_atomic
from okrctl.model import Objective, Organization
from okrctl.transaction import Write, commit

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


def write(folder: Path, root: Path | None = None) -> list[str]:
    """Write every schema file that differs; return the changed ones. In a folder of the
    repository at `root`, all of them change in one transaction (`okrctl.transaction`), else
    each is replaced atomically on its own."""
    pending: list[tuple[str, bytes, bytes | None]] = []
    for name, text in render().items():
        target = folder / name
        try:
            current: bytes | None = target.read_bytes()
        except FileNotFoundError:
            current = None
        if current != text.encode("utf-8"):
            pending.append((name, text.encode("utf-8"), current))
    inside = root is not None and folder.resolve().is_relative_to(root.resolve())
    if root is not None and inside:
        top = root.resolve()
        where = folder.resolve().relative_to(top).as_posix()
        commit(top, [Write(f"{where}/{name}", data, current) for name, data, current in pending])
    else:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data, _ in pending:
            write_atomic(folder / name, data)
    return [name for name, _, _ in pending]


def drift(folder: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate."""
    stale = []
    for name, text in render().items():
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def field_reference() -> str:
    """Markdown tables of every field of every model, from the same docstrings as the schema.

    docs/files.md embeds this text between markers; a test keeps the two in step.
    """
    from okrctl import model as m  # local: only the docs need the full list of models

    sections: list[tuple[str, type[BaseModel]]] = [
        ("Organization (`okrs/org.yaml`)", m.Organization),
        ("Unit (an entry of `units`)", m.Unit),
        ("Person (an entry of `people`)", m.Person),
        ("Period (an entry of `periods`)", m.Period),
        ("Objective (`okrs/<period>/<unit>/<id>.yaml`)", m.Objective),
        ("Numeric key result (an entry of `key_results`)", m.NumericKeyResult),
        ("Milestone key result (`kind: milestone` in `key_results`)", m.MilestoneKeyResult),
        ("Check-in (an entry of a key result's `checkins`)", m.CheckIn),
        ("Metric source (a key result's `source`)", m.MetricSource),
        ("Link (an entry of an objective's or a key result's `links`)", m.Link),
    ]
    out: list[str] = []
    for title, model in sections:
        out += [f"### {title}", "", "| field | required | description |", "|---|---|---|"]
        for name, info in model.model_fields.items():
            required = "yes" if info.is_required() else ""
            doc = " ".join((info.description or "").split()).replace("|", "\\|")
            out.append(f"| `{name}` | {required} | {doc} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
