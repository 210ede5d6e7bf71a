"""Markdown nodes made into items: the objective or key result a classified node is, with its
owner, unit, tags, result, struck-through (dropped) state, measure and notes, and the findings
about them.

`markdown` walks the document and decides what each node is; this builds the item it records,
and files paragraphs and notes under the item they belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from okrctl.adopt import holders
from okrctl.adopt.markers import Reading
from okrctl.adopt.mdtree import Node, note_text
from okrctl.adopt.numbers import read_numbers
from okrctl.adopt.records import Category, Item, Link, Note
from okrctl.adopt.results import Result, judge, split
from okrctl.adopt.text import Title, read_title

_TRAILING_SCORE = re.compile(r"^(?P<who>.*?)\s*(?P<score>0?\.\d{1,2}|1\.0{1,2})$")


@dataclass
class Section:
    """What the blocks of one heading or item say to the blocks after them."""

    theme: int | None = None
    """Under a "Key results" label: the theme (a bold paragraph) the items after it measure."""
    objective: int | None = None
    """The objective the section's later blocks belong to (a bold paragraph's, a label's)."""
    owner: str | None = None
    """An owner named by an `Owner:` label or a person's heading."""
    handle: str | None = None
    pending: str | None = None
    """What the next table is: `score` after a "Final Score" label, `other` after another."""
    lead: str | None = None
    """What a sentence ending in a colon said the next blocks are (`objective`,
    `key_results`, `ignore`)."""
    siblings: tuple[Node, ...] = ()
    """The blocks that share this section (to read a heading as its peers read)."""
    labelled_krs: bool = False
    """Most of these blocks are labelled key results ("[Key Result] ...", "KR: ..."): the few
    others beside them are not key results (action items, remarks)."""


@dataclass
class Reader:
    """The state of one document's reading: the items so far and the report."""

    file: str
    notes: list[Note]
    reading: Reading
    items: list[Item] = field(default_factory=list)
    title: str | None = None
    titles: list[tuple[str, int]] = field(default_factory=list)
    """The page's titles as written, with their lines (`Source.titles`)."""
    description: str | None = None
    known_units: set[str] = field(default_factory=set)
    known_people: set[str] = field(default_factory=set)
    handles: dict[str, str] = field(default_factory=dict)
    """Lowercase person name -> GitHub handle, as the page pairs them."""
    year: str | None = None
    """The year of the last period the page named (for a quarter written without one)."""
    period_titles: int = 0
    """Level-1 headings that name a period: several are the page's periods, one its title."""
    assumed_year: str | None = None
    """The year a quarter takes when the page names none (of `--period`, else today's)."""
    roles: bool = False
    """Some holders on the page are roles (`CEO:`): the other single words are teams."""
    labelled: set[int] = field(default_factory=set)
    """The ids of nodes labelled an objective, or with one under them."""
    title_node: int | None = None
    """The id of the page's title heading: its only top heading, first on the page."""
    named: set[int] = field(default_factory=set)
    """Key results whose owners a nested item named ("`Martin`" under it)."""
    key_results: dict[str, int] = field(default_factory=dict)
    """Lowercase key result title -> its key (a later heading repeating it holds its details)."""

    def note(self, line: int, category: Category, message: str, topic: str = "") -> None:
        self.notes.append(Note(self.file, line, category, message, topic))

    def add(self, item: Item) -> Item:
        item = replace(item, key=len(self.items))
        self.items.append(item)
        if item.kind == "key_result":
            self.key_results.setdefault(item.title.casefold(), item.key)
        return item

    def update(self, key: int, **changes: Any) -> None:
        self.items[key] = replace(self.items[key], **changes)


class Frame(NamedTuple):
    """A node to classify, with what the nodes around it say."""

    node: Node
    context: str
    """What encloses it: `top`, `unit`, `objective`, `krs` (a key results label), `label`
    (an objective label: the first block is the objective), `description`, `note`."""
    period: str | None
    unit: str | None
    unit_parent: str | None
    parent: int | None
    """The key of the enclosing objective (or key result, for notes)."""
    section: Section
    """The state shared with the node's siblings."""
    owner: str | None = None
    owners: tuple[str, ...] = ()
    """People a key results label names for every key result under it."""
    outer: Section | None = None
    """For the blocks under a label: the section the label itself is in."""

    def under(self, node: Node, section: Section, **changes: Any) -> Frame:
        return self._replace(node=node, section=section, **changes)


class Line(NamedTuple):
    """What a node's own line says, read for an objective or a key result."""

    text: str
    title: Title
    result: Result | None
    dropped: bool
    reason: str | None
    owners: tuple[str, ...]
    score: float | None


def read_line(reader: Reader, node: Node) -> Line:
    """A node's line: struck-through text (dropped), the result beside it, `[title](#a) owner
    0.60`, and its prefixes and tags."""
    text, score = node.text, None
    owners: tuple[str, ...] = ()
    link = node.lead_link
    if link is not None and node.after_link:
        found = _TRAILING_SCORE.match(node.after_link)
        if found is not None and len(found["who"]) <= 80:
            text, score = link.title, float(found["score"])
            owners = tuple(holders.names(found["who"]))
    dropped, reason = False, None
    struck = " ".join(node.struck.split())
    if struck:
        dropped, reason, text = True, node.unstruck.strip(" -–—:;,()") or None, struck
    elif node.unstruck != " ".join(node.first_line.split()):
        reader.note(node.line, Category.GUESSED, "struck-through words left out of the title")
        text = " ".join([node.unstruck, *text.split()[len(node.first_line.split()) :]])
    title_text, result = split(text, reader.reading.bracketed)
    title = read_title(title_text, loose=reader.reading.holders)
    return Line(title.text, title, result, dropped, reason, owners, score)


class People(NamedTuple):
    unit: str | None
    owner: str | None
    github: str | None
    co_owners: tuple[str, ...]
    text: str


def _holder(reader: Reader, node: Node, title: Title) -> holders.Holder | None:
    """Who the line's holder (`CEO:`, `Platform:`, `Ops KR:`) is, reported."""
    if not title.holder:
        return None
    single: holders.Kind = "team" if reader.roles or title.labelled else "person"
    found = holders.classify(title.holder, reader.known_people, reader.known_units, single)
    what = {"role": "a role (the owner)", "person": "a person (the owner)", "team": "a unit"}
    category = Category.MAPPED if found.stated or title.labelled else Category.GUESSED
    reader.note(node.line, category, f"{title.holder!r} read as {what[found.kind]}")
    return found


def _paren(reader: Reader, node: Node, title: Title, named: list[str]) -> tuple[str | None, str]:
    """A trailing `(Name)`: the unit when the page uses the name for one, an owner when it uses
    it for a person (added to `named`), else part of the title. (unit, title)."""
    if not title.paren:
        return None, title.text
    lower = title.paren.lower()
    if lower in reader.known_units:
        reader.note(node.line, Category.MAPPED, f"({title.paren}) read as the unit")
        return title.paren, title.text
    if lower in reader.known_people:
        named.insert(0, title.paren)
        return None, title.text
    return None, title.with_paren


def people(reader: Reader, node: Node, line: Line, frame: Frame, kind: str) -> People:
    """The unit and owners a line names (its holder, handles, `(owner: X)`, a trailing
    `(Name)` the page uses for a unit or a person), else those of its section."""
    title = line.title
    found = _holder(reader, node, title)
    unit, owner, github = (found.team, found.person, found.handle) if found else (None, None, None)
    named = [*title.handles, *([title.assignee] if title.assignee else []), *line.owners]
    if title.handles and owner is None:
        github = title.handles[0]
    paren_unit, text = _paren(reader, node, title, named)
    unit = unit or paren_unit or _tag_unit(reader, node, title)
    if owner is None and named:
        owner, named = named[0], named[1:]
        reader.note(node.line, Category.MAPPED, f"{owner!r} read as the owner")
    elif owner is None and frame.owners and kind == "key_result":
        owner, named = frame.owners[0], list(frame.owners[1:])
    elif owner is None and frame.owner and kind == "objective":
        owner = frame.owner
    if owner is not None and github is None:
        github = reader.handles.get(owner.lower())
    return People(unit, owner, github, tuple(n for n in named if n != owner), text)


def _tags(reader: Reader, node: Node, title: Title, unit: str | None) -> tuple[str, ...]:
    """The tags kept in the description: all but one naming the line's unit (`[Platform]` on a
    page that uses Platform for a team)."""
    tags = tuple(t for t in title.tags if unit is None or t.lower() != unit.lower())
    if tags:
        reader.note(node.line, Category.MAPPED, f"tags {', '.join(tags)} kept in the description")
    return tags


def _tag_unit(reader: Reader, node: Node, title: Title) -> str | None:
    """A tag that names a unit the page uses (`[Platform]`): the line's unit."""
    for tag in title.tags:
        if tag.lower() in reader.known_units:
            reader.note(node.line, Category.GUESSED, f"tag [{tag}] read as the unit {tag!r}")
            return tag
    return None


def _result(reader: Reader, node: Node, line: Line) -> Result:
    result = line.result or Result()
    if line.score is not None and result.score is None:
        result = result._replace(score=line.score)
    if line.dropped:
        why = f": {line.reason}" if line.reason else ""
        reader.note(node.line, Category.MAPPED, f"struck through: dropped{why}")
    if result.states:
        reader.note(node.line, Category.MAPPED, f"result read: {result.describe()}", "result")
    return result


def _status(line: Line, result: Result) -> dict[str, Any]:
    if line.dropped:
        return {"dropped": True, "dropped_reason": line.reason}
    if result.status is not None:
        return {"dropped": True, "dropped_reason": result.reason, "moved": result.status == "moved"}
    return {}


def objective_item(reader: Reader, frame: Frame, line: Line | None = None) -> Item:
    """The objective a node is (not yet recorded: `Reader.add` gives it its key)."""
    node = frame.node
    line = line or read_line(reader, node)
    found = people(reader, node, line, frame, "objective")
    result = _result(reader, node, line)
    reader.note(node.line, Category.MAPPED, f"objective {found.text!r}")
    score = result.score
    if score is None and result.done is not None:
        score = 1.0 if result.done else 0.0
    return Item(
        key=0,
        kind="objective",
        title=found.text,
        file=reader.file,
        line=node.line,
        parent=frame.parent,
        period=frame.period,
        unit=found.unit or frame.unit,
        unit_parent=frame.unit_parent if found.unit is None else frame.unit,
        owner=found.owner,
        owner_github=found.github,
        co_owners=found.co_owners,
        tags=_tags(reader, node, line.title, found.unit),
        links=tuple(node.links),
        score=score,
        result=result.note,
        description=" ".join(t for _, t in [*node.body, *node.extra]) or None,
        **_status(line, result),
    )


def key_result_item(reader: Reader, frame: Frame, line: Line | None = None) -> Item:
    """The key result a node is: its measure or milestone from its numbers, task box and the
    result the page states, and its latest check-in note."""
    node = frame.node
    line = line or read_line(reader, node)
    found = people(reader, node, line, frame, "key_result")
    result = _result(reader, node, line)
    note = result.note
    for row, extra in node.extra:
        note = f"{note} {note_text(extra)}" if note else note_text(extra)
        reader.note(row, Category.MAPPED, "read as the latest check-in note")
    if note is not None and line.result is None and node.extra:
        result = result._replace(
            **{k: v for k, v in judge(note)._asdict().items() if v is not None and k != "note"}
        )
    done = node.checked if node.checked is not None else result.done
    measure = _measure(reader, node, found.text, done)
    score = result.score
    if measure is not None and done is not None:  # a measured key result the page says is met
        score = score if score is not None else (1.0 if done else 0.0)
        reader.note(node.line, Category.GUESSED, f"stated result read as score {score:g}")
        done = None
    return Item(
        key=0,
        kind="key_result",
        title=found.text,
        file=reader.file,
        line=node.line,
        parent=frame.parent,
        period=frame.period,
        unit=found.unit if found.unit != frame.unit else None,
        owner=found.owner,
        owner_github=found.github,
        co_owners=found.co_owners,
        tags=_tags(reader, node, line.title, found.unit),
        links=tuple(node.links),
        done=done,
        score=score,
        result=result.note,
        measure=measure,
        note=note,
        description=" ".join(t for _, t in node.body) or None,
        **_status(line, result),
    )


def _measure(reader: Reader, node: Node, text: str, done: bool | None) -> Any:
    """The key result's measure: none for a task box (a milestone) or for a stated done-state
    without numbers; its numbers otherwise (a stated result then gives its score)."""
    reading = read_numbers(text)
    if node.checked is not None or (done is not None and reading.measure is None):
        state = "done" if done else "not done"
        how = "task box" if node.checked is not None else "stated result"
        left = " (its numbers stay in the title)" if reading.measure else ""
        reader.note(node.line, Category.MAPPED, f"{how} read as a milestone, {state}{left}")
        return None
    if reading.measure is not None:
        category = Category.GUESSED if reading.guessed else Category.MAPPED
        reader.note(node.line, category, f"numbers read as {reading.how}")
    elif reading.how != "no numbers":
        reader.note(node.line, Category.GUESSED, f"read as a milestone: {reading.how}")
    else:
        reader.note(node.line, Category.GUESSED, "no numbers: read as a milestone")
    return reading.measure


def note_under(reader: Reader, node: Node, key: int, topic: str = "") -> None:
    """A paragraph or item under a key result: its latest check-in note (and the status it
    states: "Will carry over to Q1")."""
    text = " ".join([node.text, *(t for _, t in node.extra)]).strip()
    if not text:
        return
    current = reader.items[key]
    note = note_text(text)
    merged = f"{current.note} {note}" if current.note else note
    links = current.links + tuple(node.links)
    changes: dict[str, Any] = {"note": merged[:20_000], "links": links}
    stated = judge(note)
    if stated.status is not None and not current.dropped:
        changes |= {
            "dropped": True,
            "dropped_reason": stated.reason,
            "moved": stated.status == "moved",
        }
        reader.note(node.line, Category.MAPPED, f"note read as {stated.status}", "result")
    reader.update(key, **changes)
    category = Category.MAPPED if node.kind == "para" or text.startswith("=") else Category.GUESSED
    reader.note(
        node.line, category, "read as the latest check-in note of the key result above", topic
    )


def describe(reader: Reader, node: Node, key: int) -> None:
    """A paragraph (or label's block) under an objective: its description."""
    text = " ".join([node.text, *(t for _, t in node.extra)]).strip()
    if not text:
        return
    current = reader.items[key]
    description = f"{current.description}\n\n{text}" if current.description else text
    reader.update(key, description=description, links=current.links + tuple(node.links))
    reader.note(node.line, Category.MAPPED, "read as the objective's description")


def merge_links(links: tuple[Link, ...], more: list[Link]) -> tuple[Link, ...]:
    return links + tuple(more)


def short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
