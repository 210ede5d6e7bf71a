"""The values the importer passes between its phases: items read from a source, and the report.

An `Item` is one objective or key result as the source gives it, with names as written (a unit's
name, an owner's name or e-mail, a period's label); `assemble` turns names into ids. A `Note` is
one line of the import report, anchored to a file and a line (Markdown) or row (tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal, NamedTuple

Kind = Literal["objective", "key_result"]


class Category(IntEnum):
    """What the report says about a piece of the source; errors stop the import."""

    MAPPED = 1
    GUESSED = 2
    UNREAD = 3
    ERROR = 4

    def __str__(self) -> str:
        return {1: "mapped", 2: "guessed", 3: "unread", 4: "error"}[int(self)]


class Note(NamedTuple):
    """One entry of the import report: `line` is a line (Markdown) or a row (tables), 1-based."""

    file: str
    line: int
    category: Category
    message: str
    topic: str = ""
    """What the entry counts towards in the structural summary (`unit-heading`, `kr-note`,
    `stand-in`, `cut-title`, `parent-lost`, ...); empty for none."""

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line, int(self.category))


def ordered(notes: list[Note]) -> list[Note]:
    """The report in its stable order: by file, line and category; duplicates removed."""
    return sorted(set(notes), key=lambda n: (*n.sort_key, n.message))


class Measure(NamedTuple):
    """The numbers of a numeric key result; None where the source does not say."""

    target: float
    unit: str
    baseline: float | None = None
    direction: Literal["increase", "decrease"] | None = None


class Link(NamedTuple):
    title: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Item:
    """One objective or key result read from a source."""

    key: int
    """Position in the source's item list; `parent` refers to it."""
    kind: Kind
    title: str
    file: str
    line: int
    parent: int | None = None
    """For a key result, its objective; for an objective, the objective it supports."""
    period: str | None = None
    """The period's label as written ("Q3 2026", "2026-Q3")."""
    period_start: str | None = None
    period_end: str | None = None
    unit: str | None = None
    """The unit's name as written."""
    unit_parent: str | None = None
    """The name of the unit above `unit`, when the source nests them."""
    owner: str | None = None
    """A person's name or e-mail address."""
    owner_name: str | None = None
    owner_github: str | None = None
    """The owner's GitHub handle, when the source names one (`@alanshaw`)."""
    co_owners: tuple[str, ...] = ()
    """Further people the source names as owners ("skobes, ymalik")."""
    description: str | None = None
    tags: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    note: str | None = None
    """The latest check-in note."""
    dropped: bool = False
    dropped_reason: str | None = None
    moved: bool = False
    """Dropped because the source moved it on ("moved to Q4"): `dropped_reason` says where."""
    done: bool | None = None
    measure: Measure | None = None
    current: float | None = None
    # Fields a table may give as they are (the `okrctl` layout, or a mapping)
    id: str | None = None
    level: str | None = None
    type: str | None = None
    metric: str | None = None
    weight: float | None = None
    confidence: float | None = None
    score: float | None = None
    carried_from: str | None = None
    contributors: tuple[str, ...] = ()
    """Names of other units that share the objective."""
    milestone: bool = False
    """The source says the key result is a milestone (a table's `kind`)."""
    result: str | None = None
    """The result the source states, as written ("=> Done", "50% ACHIEVED"), for the report."""
    progress: float | None = None
    """Progress the source gives without a target (0 to 1): kept as a check-in note."""


@dataclass
class Source:
    """What reading one source gives: its items and its part of the report."""

    items: list[Item] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    title: str | None = None
    """A name for the organisation, when the source has one (a document's title)."""
    titles: list[tuple[str, int]] = field(default_factory=list)
    """The titles the source gives itself as written, with their lines (a front matter's
    `title`, a title heading), for the report on the organisation's name."""
    description: str | None = None
    """What the source says about the organisation (the text under a document's title)."""
    reading: str | None = None
    """How the source was read (the markers chosen), for the report's first line."""
    file: str | None = None
