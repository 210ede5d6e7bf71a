"""The import report as values: each line's file, line (or row), category and message, so a test
names the position and the category it expects, and at most a short fragment of the wording."""

from __future__ import annotations

import re
from typing import NamedTuple

LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+): (?P<category>mapped|guessed|unread|error): (?P<message>.*)$"
)


class Entry(NamedTuple):
    file: str
    line: int
    category: str
    message: str


def entries(out: str) -> list[Entry]:
    """Every report line of `out` (what `okrctl import` printed), in order."""
    found = []
    for text in out.splitlines():
        if match := LINE.match(text):
            file, line, category, message = match.groups()
            found.append(Entry(file.replace("\\", "/"), int(line), category, message))
    return found


def _names(entry: Entry, file: str) -> bool:
    return entry.file == file or entry.file.endswith("/" + file)


def at(out: str, file: str, line: int, category: str) -> str:
    """The messages of the report's entries of `category` at `file` (its name, or the end of its
    path) and `line`, one a line; "" when there is none."""
    return "\n".join(
        e.message
        for e in entries(out)
        if _names(e, file) and e.line == line and e.category == category
    )


def errors(out: str) -> list[tuple[str, int]]:
    """Where the report's errors are: (file as printed, line), in order."""
    return [(e.file, e.line) for e in entries(out) if e.category == "error"]


def reading(out: str, file: str) -> str:
    """How the import read `file` (its name, or the end of its path): the report's
    `FILE: reading: ...` line, without its prefix; "" when there is none."""
    for text in out.splitlines():
        name, found, how = text.partition(": reading: ")
        if found and _names(Entry(name.replace("\\", "/"), 0, "", ""), file):
            return how
    return ""
