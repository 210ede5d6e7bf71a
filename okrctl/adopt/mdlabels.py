"""Labelled blocks of a Markdown page: what a label says the blocks under or after it are.

"Objective" (the next block is the objective), "Key results" (the blocks under it are the key
results of the objective above, owned by the people its value names: "Key Results: Martin and
Bedeho equally"), "Owner: Devesh" (the owner of the section's objectives), "Team: Platform",
"Score: 0.6" and "Status: Achieved" (a result of the objective or key result above), "Why?" and
"Notes:" (a description), a score label alone (the next table holds final scores), and metadata
("Tracking Manager:", "Vision", "Success Metrics"), which is not OKRs: reported, and only the
headings under it are read.
"""

from __future__ import annotations

from collections.abc import Callable

from okrctl.adopt import holders, mdtables
from okrctl.adopt.labels import Label
from okrctl.adopt.mditems import Frame, Reader
from okrctl.adopt.mdmake import children
from okrctl.adopt.mdtree import Node
from okrctl.adopt.records import Category


def is_label(node: Node, label: Label) -> bool:
    """A label, not a title that starts like one: a heading, a bold block, a label with a colon,
    or a label with a value that is no objective or key result of its own."""
    if label.kind in ("objective", "key_results") and label.value:
        # "Key results: Martin and Bedeho" names who owns the list under it; "KR: Increase APP"
        # (one key result) is that key result, whatever is nested under it
        owners = label.name.lower().endswith("s") and holders.are_names(label.value)
        return (
            label.kind == "key_results" and owners and any(c.kind == "item" for c in node.children)
        )
    return node.kind == "heading" or node.bold or label.marked or bool(label.value)


def visit_label(reader: Reader, frame: Frame, label: Label) -> list[Frame]:
    """A labelled block: record what the label says, and the frames of the blocks under it."""
    frame.section.pending = "score" if label.kind == "score" and not label.value else "other"
    handle = _LABELS.get(label.kind)
    found = handle(reader, frame, label) if handle is not None else None
    if found is not None:
        return found
    reader.note(
        frame.node.line,
        Category.UNREAD,
        f"{label.name!r} and what it labels: not OKRs",
        "metadata",
    )
    return [f for f in children(frame) if f.node.kind == "heading"]


def _objective(reader: Reader, frame: Frame, label: Label) -> list[Frame] | None:
    reader.note(frame.node.line, Category.MAPPED, f"label {label.name!r}: the objective follows")
    return children(frame, context="label", outer=frame.section)


def _key_results(reader: Reader, frame: Frame, label: Label) -> list[Frame] | None:
    node = frame.node
    owners = tuple(holders.names(label.value)) if label.value else frame.owners
    parent = frame.parent if frame.context == "objective" else frame.section.objective
    parent = frame.parent if parent is None else parent
    if parent is None:
        reader.note(node.line, Category.UNREAD, f"{label.name!r} with no objective above it")
        return []
    if owners:
        reader.note(node.line, Category.MAPPED, f"key results owned by {', '.join(owners)}")
    return children(frame, context="krs", parent=parent, owners=owners)


def _owner(reader: Reader, frame: Frame, label: Label) -> list[Frame] | None:
    if not label.value:
        return None
    names = holders.names(label.value)
    frame.section.owner = names[0] if names else None
    reader.note(frame.node.line, Category.MAPPED, f"owner {label.value!r} of this section")
    return children(frame, context="ignore")


def _unit(reader: Reader, frame: Frame, label: Label) -> list[Frame] | None:
    if not label.value:
        return None
    reader.note(frame.node.line, Category.MAPPED, f"unit {label.value!r} of this section")
    return children(frame, unit=label.value, context="unit")


def _stated(reader: Reader, frame: Frame, label: Label) -> list[Frame] | None:
    if not label.value or frame.parent is None:
        return None
    mdtables.stated(reader, frame.node, frame.parent, label.value)
    return []


def _description(reader: Reader, frame: Frame, label: Label) -> list[Frame] | None:
    if frame.parent is not None and frame.context != "top":
        return children(frame, context="description")
    if frame.section.objective is not None:
        return children(frame, context="description", parent=frame.section.objective)
    return None


_LABELS: dict[str, Callable[[Reader, Frame, Label], list[Frame] | None]] = {
    "objective": _objective,
    "key_results": _key_results,
    "owner": _owner,
    "unit": _unit,
    "score": _stated,
    "result": _stated,
    "description": _description,
}
"""How each kind of label is read (None: not here; the label is then reported as not OKRs)."""
