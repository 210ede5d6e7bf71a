"""Objectives and key results made from classified nodes, and the frames of what is under them.

`markdown` and its visitors (`mdlabels`, `mdheadings`, `mdblocks`) decide what a node is; these
record it (with `mditems`) and say how the nodes under it are read: an objective's blocks in its
context, a key result's blocks as its notes (or, when labelled, objectives supporting its
objective).
"""

from __future__ import annotations

from okrctl.adopt.markers import Reading
from okrctl.adopt.mditems import (
    Frame,
    Reader,
    Section,
    key_result_item,
    objective_item,
    read_line,
)
from okrctl.adopt.mdtree import Node
from okrctl.adopt.records import Category
from okrctl.adopt.text import is_placeholder, read_title


def children(frame: Frame, **changes: object) -> list[Frame]:
    """The frames of a node's children, sharing one new section (its owner inherited)."""
    items = [c for c in frame.node.children if c.kind == "item"]
    marked = sum(read_title(c.text).role == "key_result" for c in items)
    labelled_krs = marked >= 2 and marked >= 2 * (len(items) - marked)
    section = Section(
        owner=frame.section.owner, siblings=tuple(frame.node.children), labelled_krs=labelled_krs
    )
    return [frame.under(c, section, **changes) for c in frame.node.children]


def labelled(reading: Reading, node: Node) -> bool:
    """The node is labelled an objective (`Objective: ...`)."""
    return read_title(node.text, loose=reading.holders).role == "objective"


def make_objective(reader: Reader, frame: Frame) -> list[Frame]:
    node = frame.node
    line = read_line(reader, node)
    if is_placeholder(line.text):
        reader.note(node.line, Category.UNREAD, f"{node.text!r}: an empty placeholder", "unread")
        return []
    parent = frame.parent if frame.context in ("objective", "krs", "note") else None
    owner = frame.owner or frame.section.owner or (frame.outer.owner if frame.outer else None)
    made = frame._replace(parent=parent, owner=owner)
    item = reader.add(objective_item(reader, made, line))
    (frame.outer or frame.section).objective = item.key
    if frame.outer is not None:
        frame.section.objective = item.key
    unit = item.unit
    inner = {"context": "objective", "unit": unit, "parent": item.key, "owner": owner}
    if unit != frame.unit:
        inner["unit_parent"] = frame.unit
    return children(frame, **inner)


def make_key_result(reader: Reader, frame: Frame) -> list[Frame]:
    node = frame.node
    parent = frame.parent if frame.context in ("objective", "krs") else frame.section.objective
    if frame.context == "krs" and frame.section.theme is not None:
        parent = frame.section.theme
    line = read_line(reader, node)
    if is_placeholder(line.text):
        reader.note(node.line, Category.UNREAD, f"{node.text!r}: an empty placeholder", "unread")
        return []
    item = reader.add(key_result_item(reader, frame._replace(parent=parent), line))
    boxes = [c for c in node.children if c.kind == "item" and c.checked is not None]
    if boxes and node.checked is None and item.done is None:
        done = all(c.checked for c in boxes)
        reader.update(item.key, done=done, measure=None)
        reader.note(
            node.line,
            Category.MAPPED,
            f"task boxes under it: {'done' if done else 'not done'}",
            "result",
        )
    frames = []
    for child in node.children:
        if child.kind == "item" and labelled(reader.reading, child):
            frames.append(frame.under(child, Section(), context="note", parent=parent))
        else:
            frames.append(frame.under(child, Section(), context="note", parent=item.key))
    return frames
