"""The records a semantic diff is made of: a field that changed, an objective added, removed or
changed, and a file that does not load on one side. Values only; `compare` builds them and
`formats` writes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Value = str | float | bool | list[str] | None
"""A field's value as the diff shows it (lists sorted where their order means nothing)."""

CATEGORIES = (
    "renamed",
    "moved",
    "goalpost",
    "history",
    "key-results",
    "status",
    "progress",
    "confidence",
    "source",
    "details",
    "organization",
)
"""Kinds of change, in the order they are shown."""


@dataclass(frozen=True)
class FieldChange:
    """One change: a field of an objective, of one of its key results, or of the organisation."""

    category: str
    """One of `CATEGORIES`."""
    of: Literal["objective", "key result", "unit", "person", "period"]
    ref: str
    """The id of what changed (the key result's id; the objective's own id for `objective`)."""
    field: str
    old: Value
    new: Value
    loud: bool = False
    """A goalpost moved in a period that is closed: history being rewritten."""
    at: str | None = None
    """The day of the check-in changed, for a change to a check-in."""
    rewrite: bool = False
    """Recorded history rewritten: a check-in removed, edited or backdated, a grade or a
    retrospective changed once given (`history_changes`)."""


@dataclass(frozen=True)
class ObjectiveChange:
    """An objective added, removed or changed."""

    status: Literal["added", "removed", "changed"]
    id: str
    title: str
    unit: str
    period: str
    file: str | None
    """The file on the head side (None when removed)."""
    old_file: str | None = None
    """The file on the base side (None when added)."""
    old_id: str | None = None
    """The id on the base side, when it changed."""
    changes: tuple[FieldChange, ...] = ()

    @property
    def loud(self) -> bool:
        return any(c.loud for c in self.changes)

    @property
    def rewrites(self) -> bool:
        return any(c.rewrite for c in self.changes)


@dataclass(frozen=True)
class Unreadable:
    """A changed file that does not load or validate on one side."""

    file: str
    side: Literal["base", "head"]
    problems: tuple[str, ...] = field(default=())
    """`CODE line:column message` of its first problems."""


Command = tuple[str, ...]
"""A metric-source command as `okrctl.yaml` lists it: the program and its arguments."""


@dataclass(frozen=True)
class CommandChange:
    """A command added to or removed from the allow-list (`sources: commands:` in okrctl.yaml):
    code that `okrctl sync` may now run, or no longer runs."""

    status: Literal["added", "removed"]
    command: Command


@dataclass(frozen=True)
class CommandFileChange:
    """A file named by an allowed command (its script, or a file given to it) that was added,
    removed (or no longer leads to a file of the repository) or changed: code `okrctl sync` runs."""

    file: str
    """As the commands name it, normalised, from the okrctl root."""
    status: Literal["added", "removed", "changed"]
    commands: tuple[Command, ...]
    """The allowed commands (of either side) that name it, sorted."""
    old_target: str | None = None
    """The file a link led to on the base side, when `file` is a link (from the okrctl root)."""
    new_target: str | None = None
    """The file a link leads to on the head side, when `file` is a link."""
