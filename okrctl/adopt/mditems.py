"""Markdown nodes made into items: the objective or key result a classified node is, with its
owner, unit, tags, struck-through (dropped) state, measure and notes, and the findings about them.

`markdown` walks the document and decides what each node is; this builds the item it records,
and files paragraphs and notes under the item they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from okrctl.adopt.mdtree import Node, is_note, note_text
from okrctl.adopt.records import Category, Item, Note
from okrctl.adopt.text import Title, read_numbers, read_title


@dataclass
class Reader:
    """The state of one document's reading: the items so far and the report."""

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


def _unit_of(reader: Reader, who: str | None, team: str | None) -> tuple[str | None, str | None]:
    """(unit, person) from a `Name:` prefix: a name the document uses for a unit (in a
    `(Team)`, a `Team KR:` or a unit heading above) is a unit."""
    if team:
        return team, None
    if who and who.lower() in reader.known_units:
        return who, None
    return None, who


class Frame(NamedTuple):
    """A node to classify, with what the nodes around it say."""

    node: Node
    context: str
    """What encloses it: `top`, `unit`, `objective`, or `support` (under a key result)."""
    period: str | None
    unit: str | None
    unit_parent: str | None
    parent: int | None
    """The key of the enclosing objective."""

    def under(self, node: Node, **changes: Any) -> Frame:
        return self._replace(node=node, **changes)


def _tags_and_owner(
    reader: Reader, node: Node, title: Title, unit: str | None
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


def _note_dropped(reader: Reader, node: Node, dropped: bool, reason: str | None) -> None:
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


def _corrected(reader: Reader, node: Node, title: Title) -> Title:
    """The title without words struck through inside it (`from ~~30~~ 32 to 45`)."""
    if node.struck or node.unstruck == " ".join(node.text.split()):
        return title
    reader.note(node.line, Category.GUESSED, "struck-through words left out of the title")
    return read_title(node.unstruck)


class _Heading(NamedTuple):
    """What an objective's or a key result's own line says: its title (struck-through words
    left out), unit, owner, the tags left over, and whether it was struck through (dropped)."""

    text: str
    unit: str | None
    owner: str | None
    tags: tuple[str, ...]
    dropped: bool
    reason: str | None


def _heading(reader: Reader, frame: Frame, title: Title) -> _Heading:
    """A node's own line read as an objective or a key result, reporting what was guessed."""
    node = frame.node
    dropped, reason, struck = _dropped(node)
    title = _corrected(reader, node, title)
    text = read_title(struck).text if dropped else title.text
    unit, owner, tags = _tags_and_owner(reader, node, title, frame.unit)
    return _Heading(text, unit, owner, tags, dropped, reason)


def objective_item(reader: Reader, frame: Frame, title: Title) -> Item:
    """The objective a node is (not yet recorded: `Reader.add` gives it its key)."""
    node, unit = frame.node, frame.unit
    head = _heading(reader, frame, title)
    reader.note(node.line, Category.MAPPED, f"objective {head.text!r}")
    _note_dropped(reader, node, head.dropped, head.reason)
    return Item(
        key=0,
        kind="objective",
        title=head.text,
        file=reader.file,
        line=node.line,
        parent=frame.parent,
        period=frame.period,
        unit=head.unit,
        unit_parent=frame.unit_parent if head.unit == unit else unit,
        owner=head.owner,
        tags=head.tags,
        links=tuple(node.links),
        dropped=head.dropped,
        dropped_reason=head.reason,
        description=" ".join(t for _, t in node.extra) or None,
    )


def key_result_item(reader: Reader, frame: Frame, title: Title) -> Item:
    """The key result a node is: its measure or milestone from its numbers and task box, and
    its latest check-in note from the lines under its title."""
    node, unit = frame.node, frame.unit
    head = _heading(reader, frame, title)
    _note_dropped(reader, node, head.dropped, head.reason)
    text = head.text
    note = None
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
        parent=frame.parent,
        period=frame.period,
        unit=head.unit if head.unit != unit else None,
        owner=head.owner,
        tags=head.tags,
        links=tuple(node.links),
        dropped=head.dropped,
        dropped_reason=head.reason,
        done=node.checked,
        measure=measure,
        note=note,
    )


def note_under(reader: Reader, node: Node, item: Item) -> None:
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


def paragraph(reader: Reader, node: Node, context: str, parent: int | None) -> None:
    """A paragraph: the description of the objective it is under, or of the organisation when
    it follows the document's title; otherwise reported as not placed."""
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
