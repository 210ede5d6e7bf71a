"""A diff's changes in words, for Markdown and for a terminal.

Titles, names, messages and even file names come from the repository, so they are untrusted:
Markdown output escapes every character that Markdown or HTML give a meaning to (and `@`, so a
title cannot mention and notify people), and text output replaces control characters (so a
title cannot send escape sequences to a terminal). Each kind of change is phrased by its own
small function, picked from a table by the change's category and field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from okrctl.gitops.changes import Command, CommandChange, CommandFileChange, FieldChange, Value
from okrctl.safetext import markdown_code as markdown_code  # Markdown escaping lives in safetext
from okrctl.safetext import markdown_text as markdown_text
from okrctl.safetext import terminal

# Fields whose values are identifiers (shown as code); the others are free text (quoted).
_ID_FIELDS = frozenset(
    {"id", "file", "parent", "unit", "period", "owner", "level", "type", "kind", "metric"}
    | {"lead", "github", "depends_on", "acknowledges", "added", "removed", "start", "end"}
    | {"contributors", "status", "indicator", "direction"}
)

plain_text = terminal
"""`text` for a terminal: control characters shown as `\\xNN`, never sent."""


@dataclass(frozen=True)
class Style:
    """How one output format writes identifiers, free text and the arrow from old to new."""

    code: Callable[[str], str]
    text: Callable[[str], str]
    arrow: str

    def value(self, field: str, value: Value) -> str:
        """A field's value in words: identifiers as code, free text quoted."""
        if value is None:
            return "none"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int | float):
            return f"{value:g}"
        if isinstance(value, list):
            return ", ".join(self.code(v) for v in value) if value else "none"
        if field in _ID_FIELDS:
            return self.code(value)
        return self.text(f'"{value}"')

    def change(self, c: FieldChange) -> str:
        """One change in words, without its category."""
        subject = "" if c.of == "objective" else f"{c.of} {self.code(c.ref)} "
        words = (
            _BY_CATEGORY.get(c.category)
            or _BY_CATEGORY_FIELD.get((c.category, c.field))
            or _BY_FIELD.get(c.field, _edited)
        )
        return words(self, c, subject)

    def command(self, command: Command) -> str:
        """A command as the allow-list writes it, a JSON list (as `metric source` shows one)."""
        return self.text(json.dumps(list(command), ensure_ascii=False))

    def allow_list(self, c: CommandChange) -> str:
        """A command added to or removed from the allow-list."""
        return f"allowed command {c.status}: {self.command(c.command)}"

    def command_file(self, c: CommandFileChange) -> str:
        """A file of allowed commands added, removed or changed: where links lead, and the
        commands that name it."""
        link = self._link(c)
        commands = ", ".join(self.command(command) for command in c.commands)
        return f"command file {self.code(c.file)}{link} {c.status}, run by {commands}"

    def _link(self, c: CommandFileChange) -> str:
        """Where the file leads when it is a symbolic link on a side (`itself` when it is not)."""
        old = c.new_target if c.status == "added" else c.old_target
        new = c.old_target if c.status == "removed" else c.new_target
        if old is None and new is None:
            return ""
        if old == new:
            return f" (a link to {self.code(str(old))})"
        shown = [self.code(t) if t is not None else "itself" for t in (old, new)]
        return f" (leads to {shown[0]} {self.arrow} {shown[1]})"


_Words = Callable[[Style, FieldChange, str], str]
"""Writes one kind of change in words: (style, change, subject) -> text. The subject names
the key result, unit, person or period changed, and is empty for the objective itself."""


def _listed(value: Value) -> list[str]:
    """A list-valued field's value; none is an empty list."""
    return value if isinstance(value, list) else []


def _edited(s: Style, c: FieldChange, subject: str) -> str:
    """The general case: `field old -> new` (the field's name left out when it is the category)."""
    name = "" if c.field == c.category else f"{c.field} "
    kind = "measure" if c.of == "key result" and c.field == "unit" else c.field
    return f"{subject}{name}{s.value(kind, c.old)} {s.arrow} {s.value(kind, c.new)}"


def _key_result_membership(s: Style, c: FieldChange, subject: str) -> str:
    """A key result added or removed, with its title."""
    title = s.value("title", c.new if c.old is None else c.old)
    return f"{c.field} {s.code(c.ref)}: {title}"


def _membership(s: Style, c: FieldChange, subject: str) -> str:
    """A unit, person or period added or removed."""
    return f"{subject}{c.field}"


def _closed(s: Style, c: FieldChange, subject: str) -> str:
    return f"{subject}{'closed' if c.new else 'reopened'}"


def _description(s: Style, c: FieldChange, subject: str) -> str:
    """A description is too long to show: only that it changed."""
    return f"{subject}description"


def _note(s: Style, c: FieldChange, subject: str) -> str:
    return f"{subject}check-in note: {s.value(c.field, c.new)}"


def _links(s: Style, c: FieldChange, subject: str) -> str:
    """The links as they are now."""
    return f"{subject}links: {s.text(', '.join(_listed(c.new)))}"


def _id_set(s: Style, c: FieldChange, subject: str) -> str:
    """A set of ids (dependencies, acknowledgements): the ids added and removed."""
    old, new = set(_listed(c.old)), set(_listed(c.new))
    parts = [f"added {s.code(x)}" for x in sorted(new - old)]
    parts += [f"removed {s.code(x)}" for x in sorted(old - new)]
    return f"{subject}{c.field}: {', '.join(parts)}"


def _checkins(s: Style, c: FieldChange, subject: str) -> str:
    """New check-ins counted; fewer than before is shown as a plain edit."""
    if isinstance(c.old, int) and isinstance(c.new, int) and c.new > c.old:
        grown = c.new - c.old
        return f"{subject}{grown} new check-in{'s' * (grown != 1)}"
    return _edited(s, c, subject)


_BY_CATEGORY: dict[str, _Words] = {"key-results": _key_result_membership}
"""Kinds of change written one way whatever the field."""
_BY_CATEGORY_FIELD: dict[tuple[str, str], _Words] = {
    ("organization", "added"): _membership,
    ("organization", "removed"): _membership,
}
"""Fields written their own way within one kind of change."""
_BY_FIELD: dict[str, _Words] = {
    "closed": _closed,
    "description": _description,
    "note": _note,
    "links": _links,
    "depends_on": _id_set,
    "acknowledges": _id_set,
    "checkins": _checkins,
}
"""Fields written their own way in any kind of change; every other field is `_edited`."""


LABELS = {
    "renamed": "renamed",
    "moved": "moved",
    "goalpost": "goalpost moved",
    "key-results": "key results",
    "status": "status",
    "progress": "progress",
    "confidence": "confidence",
    "source": "metric source",
    "details": "edited",
    "organization": "organisation",
}
"""Each kind of change (`CATEGORIES`) as a heading word."""
