"""Reading OKR documents written in Markdown, with markdown-it-py's token stream.

The parser gives the structure: headings nest by level, list items by the list they sit in, and
every block carries its source lines (`token.map`). From that tree:

- a heading that names a period (`Q3 2026`, `2026-H2`) sets the period of what follows it;
- a node with a prefix (`Objective:`, `O1:`, `KR1.2:`, `Platform KR:`) is what the prefix says;
- otherwise a heading over other headings, or over lists that are themselves nested, is a unit;
  a heading or list item over plain items is an objective, and its items are key results; a key
  result's own items are supporting objectives when they have items in turn, and notes when not;
- task boxes make milestones done or not, struck-through text marks dropped work, `=> text` and
  indented paragraphs under a key result are its latest check-in note, links are kept;
- everything else is reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from okrctl.adopt.mditems import (
    Frame,
    Reader,
    key_result_item,
    note_under,
    objective_item,
    paragraph,
)
from okrctl.adopt.mdtree import Node, depths, is_note, tree
from okrctl.adopt.periods import FILLER, find_period, period_label
from okrctl.adopt.records import Category, Note, Source
from okrctl.adopt.text import Title, read_title

MAX_BYTES = 4 * 1024 * 1024
"""Largest document read (4 MiB: thousands of objectives); a larger one is a finding."""

_TITLE_WORDS = re.compile(r"(?i)\b(okrs?|objectives|goals)\b")


def _known_units(root: Node) -> set[str]:
    """Names the document itself uses for units: `(Team)` in `Name (Team):`, `Team KR:`."""
    found: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.kind in ("heading", "item"):
            title = read_title(node.text)
            if title.team:
                found.add(title.team.lower())
    return found


def read(text: str, file: str, period: str | None = None) -> Source:
    """Read one Markdown document into objectives and key results, and the report."""
    notes: list[Note] = []
    root = tree(text, file, notes)
    reader = Reader(file, notes, depths(root), _known_units(root))
    start = Frame(root, "top", period, None, None, None)
    stack = [start.under(child) for child in reversed(root.children)]
    while stack:
        frame = stack.pop()
        stack.extend(reversed(_visit(reader, frame)))
    return Source(
        items=reader.items, notes=notes, title=reader.title, description=reader.description
    )


def _visit(reader: Reader, frame: Frame) -> list[Frame]:
    """Classify one node, record what it is, and return the frames of the nodes under it."""
    node = frame.node
    if node.kind == "para":
        paragraph(reader, node, frame.context, frame.parent)
        return []
    title = read_title(node.text)
    label = period_label(node.text) if node.kind == "heading" else None
    role = _role(reader, node, title, frame.context) if node.text else "skip"
    if label is not None and role not in ("objective", "key_result"):
        return _visit_period(reader, frame, label)
    visit = _VISITORS.get(role)
    if visit is not None:
        return visit(reader, frame, title)
    reader.note(node.line, Category.UNREAD, f"{node.text!r} not placed: {role}")
    return [frame.under(c) for c in node.children]


def _visit_period(reader: Reader, frame: Frame, label: str) -> list[Frame]:
    """A heading naming a period: what is under it is in that period."""
    node = frame.node
    reader.note(node.line, Category.MAPPED, f"heading {node.text!r} read as period {label}")
    if frame.context == "unit":  # a unit's periods: the unit stays
        return [frame.under(c, period=label, parent=None) for c in node.children]
    top = {"context": "top", "unit": None, "unit_parent": None, "parent": None}
    return [frame.under(c, period=label, **top) for c in node.children]


def _visit_title(reader: Reader, frame: Frame, title: Title) -> list[Frame]:
    """The document's title (and the period it names)."""
    node = frame.node
    found = find_period(node.text)
    name = FILLER.sub(" ", found[1] if found else node.text)
    reader.title = " ".join(name.split()).strip(" -–—:,") or None
    current = frame.period
    if found:
        current = found[0]
        reader.note(node.line, Category.MAPPED, f"heading {node.text!r} names period {current}")
    reader.note(node.line, Category.GUESSED, f"heading {node.text!r} read as the document's title")
    return [frame.under(c, context="top", period=current, parent=None) for c in node.children]


def _visit_unit(reader: Reader, frame: Frame, title: Title) -> list[Frame]:
    """A unit (and the period its heading names): what is under it is the unit's."""
    node = frame.node
    name = title.team or title.who or title.text
    current = frame.period
    found = find_period(name) if node.kind == "heading" else None
    if found and found[1].strip(" -–—:,()"):
        current, name = found[0], found[1].strip(" -–—:,()")
        reader.note(node.line, Category.MAPPED, f"heading {node.text!r} names period {current}")
    reader.note(node.line, Category.GUESSED, f"{name!r} read as a unit")
    reader.known_units.add(name.lower())
    inner = {"context": "unit", "period": current, "unit": name, "unit_parent": frame.unit}
    return [frame.under(c, parent=None, **inner) for c in node.children]


def _visit_objective(reader: Reader, frame: Frame, title: Title) -> list[Frame]:
    item = reader.add(objective_item(reader, frame, title))
    return [
        frame.under(c, context="objective", unit=item.unit, parent=item.key)
        for c in frame.node.children
    ]


def _visit_key_result(reader: Reader, frame: Frame, title: Title) -> list[Frame]:
    """A key result, its notes, and the objectives supporting it; or a note of the one before."""
    node = frame.node
    if node.kind == "item" and is_note(node):
        # `- => note` as a sibling of key results: the note of the key result before it
        earlier = [i for i in reader.items if i.parent == frame.parent and i.kind == "key_result"]
        if earlier:
            note_under(reader, node, earlier[-1])
        else:
            reader.note(node.line, Category.UNREAD, f"note {node.text!r} not placed")
        return []
    item = reader.add(key_result_item(reader, frame, title))
    supporting = []
    for child in node.children:
        if child.kind == "para" or is_note(child) or not reader.depth[id(child)]:
            note_under(reader, child, item)
        else:
            supporting.append(frame.under(child, context="support"))
    return supporting


def _visit_skip(reader: Reader, frame: Frame, title: Title) -> list[Frame]:
    return [frame.under(c) for c in frame.node.children]


_VISITORS: dict[str, Callable[[Reader, Frame, Title], list[Frame]]] = {
    "title": _visit_title,
    "unit": _visit_unit,
    "objective": _visit_objective,
    "key_result": _visit_key_result,
    "skip": _visit_skip,
}
"""How each role of a node is read (any other role is why the node is not placed)."""


def _role(reader: Reader, node: Node, title: Title, context: str) -> str:
    """What a node is: objective, key_result, unit, title, skip, or why it is not placed."""
    depth = reader.depth[id(node)]
    if title.role == "key_result":
        return "key_result" if context == "objective" else "a key result outside any objective"
    if title.role == "objective":
        return "objective"
    if context == "objective":
        return "key_result"
    if node.kind == "heading":
        return _heading_role(reader, node, context, depth)
    if depth >= 1 or context == "support":
        return "objective"
    return "a list item with no key results under it"


def _heading_role(reader: Reader, node: Node, context: str, depth: int) -> str:
    """What a heading with no prefix is: title, unit, objective, or why it is not placed."""
    if context == "top" and _TITLE_WORDS.search(node.text) and depth >= 2:
        return "title"
    if depth == 0:
        return "a heading with nothing under it"
    if any(c.kind == "heading" and read_title(c.text).role == "objective" for c in node.children):
        return "unit"
    if depth == 1:
        return "objective"
    return _nested_heading_role(reader, node)


def _nested_heading_role(reader: Reader, node: Node) -> str:
    """A heading two levels or more above the leaves: an objective whose key results are
    checkboxes or say `KR`, or a unit."""
    lists = [c for c in node.children if c.kind == "item"]
    sub_headings = any(c.kind == "heading" for c in node.children)
    if sub_headings or any(reader.depth[id(c)] >= 1 for c in lists):
        boxes = any(c.checked is not None for c in lists)
        kr_prefix = any(read_title(c.text).role == "key_result" for c in lists)
        if not sub_headings and (boxes or kr_prefix):
            return "objective"
        return "unit"
    return "objective"
