"""Column layouts: which column of a spreadsheet holds which field.

A layout maps okrctl's fields to column headers (each field may name several headers; the first
one the file has is used). Presets cover the documented exports of well-known tools; any other
layout comes from a small YAML file (`--mapping`), validated with positions:

```yaml
columns:            # field: header (or a list of headers)
  title: Goal
  type: Level
  ref: ID
  parent: Parent ID
  owner: Owner e-mail
  period: Quarter
  baseline: Start
  target: Target
  current: Actual
types:              # values of the `type` column (compared without case)
  objective: [Goal, Objective]
  key_result: [Metric, Key Result]
```
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from okrctl.adopt.records import Category, Note
from okrctl.load import parse_text

FIELDS = {
    "ref": "the row's own id, that other rows name as their parent",
    "type": "objective or key result (see `types`)",
    "title": "the objective's or key result's title (required)",
    "parent": "the parent row: its id (`ref`) or its title",
    "kr_parent": "a key result's objective, when another column than `parent` holds it",
    "owner": "the owner's e-mail address or name",
    "owner_name": "the owner's full name",
    "unit": "the team or unit",
    "period": "the time period's label (Q3 2026, 2026-Q3, ...)",
    "period_start": "the period's first day",
    "period_end": "the period's last day",
    "baseline": "the start value",
    "target": "the target value",
    "current": "the current value",
    "progress": "progress in percent (a milestone at 100% is done)",
    "status": "the status (dropped, cancelled, closed, ...)",
    "description": "a description",
    "unit_of_measure": "the unit of the numbers (%, EUR, days)",
    "metric": "the metric's slug",
    "id": "the objective's id (okrctl's own export)",
    "key_result": "the key result's id (okrctl's own export)",
    "level": "strategic or operational",
    "objective_type": "committed or aspirational",
    "kind": "numeric or milestone",
    "done": "true when a milestone is done",
    "weight": "the key result's weight",
    "confidence": "confidence from 0 to 1",
    "score": "the final grade",
    "graded": "true when `score` is a final grade",
    "carried_from": "the objective this one continues",
    "dropped_reason": "why the objective or key result was dropped",
    "direction": "increase or decrease (needed when the start value is unknown)",
    "contributors": "other units that share the objective (separated by spaces or commas)",
    "co_owners": "other people who own the row with its owner (separated by `;`, or by commas "
    "when no name holds one)",
    "links": "titled links, `title <https://...>` separated by `;` (a `\\;` in a title is a `;`)",
}
"""The fields a layout can map, and what each holds (shown by errors in a mapping file)."""


@dataclass(frozen=True)
class Layout:
    name: str
    columns: dict[str, tuple[str, ...]]
    types: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "objective": ("objective", "objectives", "goal", "o", "obj"),
            "key_result": (
                "key result",
                "key results",
                "key_result",
                "keyresult",
                "kr",
                "krs",
                "metric",
            ),
            "initiative": ("initiative", "project", "task", "action", "milestone"),
        }
    )
    owner_is_id: bool = False
    """Owners and units are okrctl ids (the `okrctl` export)."""
    exported: bool = False
    """Cells are as `okrctl export` writes them (`okrctl.lifecycle.csvcells`): the `'` before a
    text a spreadsheet would run as a formula is taken off, and the backslash escapes of
    `description` are read back."""


PRESETS: dict[str, Layout] = {
    "allyio": Layout(
        "allyio",
        {
            "ref": ("Row ID", "ID", "OKR ID"),
            "title": ("Title", "Name"),
            "parent": ("Parent", "Parent ID", "Parent Row ID", "Aligned To"),
            "type": ("Entity", "Type", "Entity Type"),
            "owner": ("Owner Email", "Owner E-mail", "Owner"),
            "owner_name": ("Owner Name",),
            "co_owners": ("Co-Owners", "Co-Owner", "Co Owners"),
            "unit": ("Team", "Teams", "Team Name"),
            "period": ("Time Period", "Period"),
            "period_start": ("Start Date",),
            "period_end": ("End Date", "Due Date"),
            "baseline": ("Start Value", "Start"),
            "target": ("Target Value", "Target"),
            "current": ("Current Value", "Current"),
            "progress": ("Progress", "Progress %"),
            "status": ("Status",),
            "description": ("Description", "Notes"),
            "unit_of_measure": ("Metric Unit", "Unit", "Unit of Measure"),
        },
    ),
    "okrctl": Layout(
        "okrctl",
        {
            "type": ("record",),
            "period": ("period",),
            "unit": ("unit",),
            "ref": ("objective",),
            "id": ("objective",),
            "kr_parent": ("objective",),
            "key_result": ("key_result",),
            "title": ("title",),
            "owner": ("owner",),
            "level": ("level",),
            "objective_type": ("type",),
            "kind": ("kind",),
            "metric": ("metric",),
            "unit_of_measure": ("unit_of_measure",),
            "baseline": ("baseline",),
            "target": ("target",),
            "current": ("current",),
            "done": ("done",),
            "weight": ("weight",),
            "confidence": ("confidence",),
            "score": ("score",),
            "graded": ("graded",),
            "parent": ("parent",),
            "carried_from": ("carried_from",),
            "status": ("status",),
            "dropped_reason": ("dropped_reason",),
            "contributors": ("contributors",),
            "direction": ("direction",),
            "description": ("description",),
            "links": ("links",),
        },
        {"objective": ("objective",), "key_result": ("key_result",), "initiative": ()},
        owner_is_id=True,
        exported=True,
    ),
}
PRESETS["viva-goals"] = Layout("viva-goals", PRESETS["allyio"].columns)


_Error = Callable[[tuple[str | int, ...], str], None]


def load_mapping(text: str, name: str) -> tuple[Layout | None, list[Note]]:
    """A layout from a mapping file's text, or None and findings with their lines."""
    parsed = parse_text(text, name)
    if parsed.data is None or parsed.diagnostics:
        first = parsed.diagnostics[0] if parsed.diagnostics else None
        line = first.line if first else 1
        message = first.message if first else "the mapping file is empty"
        return None, [Note(name, line, Category.ERROR, message)]
    data: Any = parsed.data
    notes: list[Note] = []

    def error(path: tuple[str | int, ...], message: str) -> None:
        notes.append(Note(name, parsed.source.locate(path, "key")[0], Category.ERROR, message))

    for key in data:
        if key not in ("columns", "types"):
            error((key,), f"unknown key {key!r}: a mapping has `columns` and `types`")
    columns = _columns(data.get("columns"), error)
    if "title" not in columns and not notes:
        error(("columns",), "map the `title` field: every row needs a title")
    layout = Layout("mapping", columns)
    types = data.get("types")
    if types is not None:
        chosen = _types(types, error)
        if chosen is not None:
            layout = Layout("mapping", columns, chosen)
    return (None, notes) if notes else (layout, [])


def _columns(raw: Any, error: _Error) -> dict[str, tuple[str, ...]]:
    """The mapping's `columns`: field -> the headers of its column."""
    columns: dict[str, tuple[str, ...]] = {}
    if not isinstance(raw, dict) or not raw:
        error(("columns",), "`columns` must map fields to column headers, e.g. `title: Goal`")
        raw = {}
    for key, value in raw.items():
        if key not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            error(("columns", key), f"unknown field {key!r}; the fields are: {known}")
            continue
        headers = value if isinstance(value, list) else [value]
        if not headers or not all(isinstance(h, str) and h.strip() for h in headers):
            error(("columns", key), f"`{key}` must name a column header (text) or a list of them")
            continue
        columns[key] = tuple(h.strip() for h in headers)
    return columns


def _types(types: Any, error: _Error) -> dict[str, tuple[str, ...]] | None:
    """The mapping's `types`: type -> the texts of the type column; None when not a mapping."""
    if not isinstance(types, dict):
        error(("types",), "`types` must map objective, key_result and initiative to values")
        return None
    chosen: dict[str, tuple[str, ...]] = {"objective": (), "key_result": (), "initiative": ()}
    for key, value in types.items():
        values = value if isinstance(value, list) else [value]
        if key not in chosen:
            error(("types", key), f"unknown type {key!r}: objective, key_result or initiative")
        elif not all(isinstance(v, str) for v in values):
            error(("types", key), f"`{key}` must list the texts of the type column")
        else:
            chosen[key] = tuple(str(v).strip().lower() for v in values)
    return chosen
