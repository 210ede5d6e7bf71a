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
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from okrctl.adopt.mdtree import Node, depths, is_note, note_text, tree
from okrctl.adopt.periods import FILLER, find_period, period_label
from okrctl.adopt.records import Category, Item, Note, Source
from okrctl.adopt.text import Title, read_numbers, read_title

MAX_BYTES = 4 * 1024 * 1024
"""Largest document read (4 MiB: thousands of objectives); a larger one is a finding."""

_TITLE_WORDS = re.compile(r"(?i)\b(okrs?|objectives|goals)\b")


# --------------------------------------------------------------------------- classification


@dataclass
class _Reader:
    file: str
    notes: list[Note]
    depth: dict[int, int]
    known_units: set[str]
    items: list[Item] = field(default_factory=list)
    title: str | None = None
    description: str | None = None

    def note(self, line: int, category: Category, message: str) -> None:
        self.notes.append(Note(self.file, line, category, message))

    def add(self, item: Item) -> Item:
        item = replace(item, key=len(self.items))
        self.items.append(item)
        return item


def _unit_of(reader: _Reader, who: str | None, team: str | None) -> tuple[str | None, str | None]:
    """(unit, person) from a `Name:` prefix: a name the document uses for a unit (in a
    `(Team)`, a `Team KR:` or a unit heading above) is a unit."""
    if team:
        return team, None
    if who and who.lower() in reader.known_units:
        return who, None
    return None, who


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


class _Frame(NamedTuple):
    """A node to classify, with what the nodes around it say."""

    node: Node
    context: str
    """What encloses it: `top`, `unit`, `objective`, or `support` (under a key result)."""
    period: str | None
    unit: str | None
    unit_parent: str | None
    parent: int | None
    """The key of the enclosing objective."""

    def under(self, node: Node, **changes: Any) -> _Frame:
        return self._replace(node=node, **changes)


def read(text: str, file: str, period: str | None = None) -> Source:
    """Read one Markdown document into objectives and key results, and the report."""
    notes: list[Note] = []
    root = tree(text, file, notes)
    reader = _Reader(file, notes, depths(root), _known_units(root))
    start = _Frame(root, "top", period, None, None, None)
    stack = [start.under(child) for child in reversed(root.children)]
    while stack:
        frame = stack.pop()
        stack.extend(reversed(_visit(reader, frame)))
    return Source(
        items=reader.items, notes=notes, title=reader.title, description=reader.description
    )


def _visit(reader: _Reader, frame: _Frame) -> list[_Frame]:
    """Classify one node, record what it is, and return the frames of the nodes under it."""
    node = frame.node
    if node.kind == "para":
        _paragraph(reader, node, frame.context, frame.parent)
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


def _visit_period(reader: _Reader, frame: _Frame, label: str) -> list[_Frame]:
    """A heading naming a period: what is under it is in that period."""
    node = frame.node
    reader.note(node.line, Category.MAPPED, f"heading {node.text!r} read as period {label}")
    if frame.context == "unit":  # a unit's periods: the unit stays
        return [frame.under(c, period=label, parent=None) for c in node.children]
    top = {"context": "top", "unit": None, "unit_parent": None, "parent": None}
    return [frame.under(c, period=label, **top) for c in node.children]


def _visit_title(reader: _Reader, frame: _Frame, title: Title) -> list[_Frame]:
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


def _visit_unit(reader: _Reader, frame: _Frame, title: Title) -> list[_Frame]:
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


def _visit_objective(reader: _Reader, frame: _Frame, title: Title) -> list[_Frame]:
    item = reader.add(_objective(reader, frame, title))
    return [
        frame.under(c, context="objective", unit=item.unit, parent=item.key)
        for c in frame.node.children
    ]


def _visit_key_result(reader: _Reader, frame: _Frame, title: Title) -> list[_Frame]:
    """A key result, its notes, and the objectives supporting it; or a note of the one before."""
    node = frame.node
    if node.kind == "item" and is_note(node):
        # `- => note` as a sibling of key results: the note of the key result before it
        earlier = [i for i in reader.items if i.parent == frame.parent and i.kind == "key_result"]
        if earlier:
            _note_under(reader, node, earlier[-1])
        else:
            reader.note(node.line, Category.UNREAD, f"note {node.text!r} not placed")
        return []
    item = reader.add(_key_result(reader, frame, title))
    supporting = []
    for child in node.children:
        if child.kind == "para" or is_note(child) or not reader.depth[id(child)]:
            _note_under(reader, child, item)
        else:
            supporting.append(frame.under(child, context="support"))
    return supporting


def _visit_skip(reader: _Reader, frame: _Frame, title: Title) -> list[_Frame]:
    return [frame.under(c) for c in frame.node.children]


_VISITORS: dict[str, Callable[[_Reader, _Frame, Title], list[_Frame]]] = {
    "title": _visit_title,
    "unit": _visit_unit,
    "objective": _visit_objective,
    "key_result": _visit_key_result,
    "skip": _visit_skip,
}
"""How each role of a node is read (any other role is why the node is not placed)."""


def _role(reader: _Reader, node: Node, title: Title, context: str) -> str:
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


def _heading_role(reader: _Reader, node: Node, context: str, depth: int) -> str:
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


def _nested_heading_role(reader: _Reader, node: Node) -> str:
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


def _tags_and_owner(
    reader: _Reader, node: Node, title: Title, unit: str | None
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(unit, owner, tags left over) of a node, reporting what was guessed."""
    named_unit, person = _unit_of(reader, title.who, title.team)
    owner = title.owner or person
    if title.who and person:
        reader.note(node.line, Category.GUESSED, f"{title.who!r} read as a person (the owner)")
    if title.owner:
        reader.note(node.line, Category.MAPPED, f"{title.owner!r} read as the owner")
    if named_unit:
        reader.note(node.line, Category.MAPPED, f"{named_unit!r} read as a unit")
    tags = []
    for tag in title.tags:
        if tag.lower() in reader.known_units and named_unit is None:
            named_unit = tag
            reader.note(node.line, Category.GUESSED, f"tag [{tag}] read as the unit {tag!r}")
        else:
            tags.append(tag)
    if tags:
        reader.note(node.line, Category.MAPPED, f"tags {', '.join(tags)} kept in the description")
    return named_unit or unit, owner, tuple(tags)


def _note_dropped(reader: _Reader, node: Node, dropped: bool, reason: str | None) -> None:
    if dropped:
        why = f": {reason}" if reason else ""
        reader.note(node.line, Category.MAPPED, f"struck through: dropped{why}")


def _dropped(node: Node) -> tuple[bool, str | None, str]:
    """(dropped, reason, title) from struck-through text: `~~title~~ reason`."""
    struck = " ".join(node.struck.split())
    if not struck:
        return False, None, node.text
    rest = node.unstruck.strip(" -–—:;,()")
    return True, rest or None, struck


def _corrected(reader: _Reader, node: Node, title: Title) -> Title:
    """The title without words struck through inside it (`from ~~30~~ 32 to 45`)."""
    if node.struck or node.unstruck == " ".join(node.text.split()):
        return title
    reader.note(node.line, Category.GUESSED, "struck-through words left out of the title")
    return read_title(node.unstruck)


def _objective(reader: _Reader, frame: _Frame, title: Title) -> Item:
    node, period, unit, parent = frame.node, frame.period, frame.unit, frame.parent
    unit_parent = frame.unit_parent
    dropped, reason, struck = _dropped(node)
    title = _corrected(reader, node, title)
    text = read_title(struck).text if dropped else title.text
    own_unit, owner, tags = _tags_and_owner(reader, node, title, unit)
    reader.note(node.line, Category.MAPPED, f"objective {text!r}")
    _note_dropped(reader, node, dropped, reason)
    return Item(
        key=0,
        kind="objective",
        title=text,
        file=reader.file,
        line=node.line,
        parent=parent,
        period=period,
        unit=own_unit,
        unit_parent=unit_parent if own_unit == unit else unit,
        owner=owner,
        tags=tags,
        links=tuple(node.links),
        dropped=dropped,
        dropped_reason=reason,
        description=" ".join(t for _, t in node.extra) or None,
    )


def _key_result(reader: _Reader, frame: _Frame, title: Title) -> Item:
    node, period, unit, parent = frame.node, frame.period, frame.unit, frame.parent
    dropped, reason, struck = _dropped(node)
    title = _corrected(reader, node, title)
    text = read_title(struck).text if dropped else title.text
    own_unit, owner, tags = _tags_and_owner(reader, node, title, unit)
    _note_dropped(reader, node, dropped, reason)
    note = None
    description: list[str] = []
    for line, extra in node.extra:
        note = f"{note} {note_text(extra)}" if note else note_text(extra)
        reader.note(line, Category.MAPPED, "read as the latest check-in note")
    reading = read_numbers(text)
    measure = reading.measure
    if node.checked is not None:
        measure = None
        state = "done" if node.checked else "not done"
        left = " (its numbers stay in the title)" if reading.measure else ""
        reader.note(node.line, Category.MAPPED, f"task box read as a milestone, {state}{left}")
    elif measure is not None:
        category = Category.GUESSED if reading.guessed else Category.MAPPED
        reader.note(node.line, category, f"numbers read as {reading.how}")
    elif reading.how != "no numbers":
        reader.note(node.line, Category.GUESSED, f"read as a milestone: {reading.how}")
    else:
        reader.note(node.line, Category.GUESSED, "no numbers: read as a milestone")
    return Item(
        key=0,
        kind="key_result",
        title=text,
        file=reader.file,
        line=node.line,
        parent=parent,
        period=period,
        unit=own_unit if own_unit != unit else None,
        owner=owner,
        tags=tags,
        links=tuple(node.links),
        dropped=dropped,
        dropped_reason=reason,
        done=node.checked,
        measure=measure,
        note=note,
        description=" ".join(description) or None,
    )


def _note_under(reader: _Reader, node: Node, item: Item) -> None:
    """A paragraph or leaf item under a key result: its latest check-in note."""
    text = " ".join([node.text, *(t for _, t in node.extra)]).strip()
    if not text:
        return
    current = reader.items[item.key]
    note = note_text(text)
    merged = f"{current.note} {note}" if current.note else note
    reader.items[item.key] = replace(current, note=merged, links=current.links + tuple(node.links))
    reader.note(
        node.line,
        Category.MAPPED if is_note(node) else Category.GUESSED,
        "read as the latest check-in note of the key result above",
    )
    for child in node.children:
        reader.note(child.line, Category.UNREAD, f"{child.text!r} under a note not placed")


def _paragraph(reader: _Reader, node: Node, context: str, parent: int | None) -> None:
    text = " ".join([node.text, *(t for _, t in node.extra)]).strip()
    if not text:
        return
    if context == "objective" and parent is not None:
        current = reader.items[parent]
        description = f"{current.description}\n\n{text}" if current.description else text
        reader.items[parent] = replace(
            current, description=description, links=current.links + tuple(node.links)
        )
        reader.note(node.line, Category.MAPPED, "paragraph read as the objective's description")
        return
    if context == "top" and reader.title is not None and not reader.items:
        reader.description = f"{reader.description}\n\n{text}" if reader.description else text
        reader.note(node.line, Category.MAPPED, "paragraph read as the organisation's description")
        return
    reader.note(node.line, Category.UNREAD, f"paragraph not placed: {_short(text)!r}")


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
