"""The fast path: a plainly valid document composed by libyaml's C composer, positions included.

Most files in a repository are plain mappings of scalars; composing them in C and walking the
node tree is faster than handling every event in Python. Anything unusual, or any error, is left
to the exact event reader (`okrctl.load.events`), so the fast path never gives a different answer.

Positions come from this first parse: each composed node carries its start mark, and the walk
records the marks of every key and value in document order as a flat list of integers (four per
node, 0-based, the root first, then each mapping value or list item before its children), which
costs little more than walking. The map from field path to position is built from
that list only when a finding first needs it (`marked_source`); nothing parses the file again.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any

import yaml

from okrctl.load.events import LOADER
from okrctl.load.parsed import Parsed
from okrctl.load.positions import Entry_, Path_, SourceMap
from okrctl.load.refusals import MAX_DEPTH
from okrctl.load.scalars import resolve_plain

_NEEDS_EVENTS = ("&", "*", "!", "<<")
"""Text that may hold an anchor, alias, tag or merge key: only the event path judges those."""


class _Unusual(Exception):
    """The fast path met something only the event path reports exactly."""


def compose(text: str, file: str) -> Parsed | None:
    """A plainly valid document with its positions, or None when the event path must decide."""
    composed = compose_marked(text)
    if composed is None:
        return None
    data, marks, raws = composed
    return Parsed(file, data, marked_source(data, marks, raws), [])


def compose_marked(text: str) -> tuple[dict[str, Any], array[int], dict[int, str]] | None:
    """The data of a plainly valid document, the marks of its nodes and the author's text of
    its plain scalars that are not strings (by node number); None when the event path must
    decide."""
    if any(marker in text for marker in _NEEDS_EVENTS):
        return None
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if node is None or node.__class__ is not yaml.MappingNode:
        return None
    marks: list[int] = []
    raws: dict[int, str] = {}
    try:
        data = _Walker(marks, raws).walk(node)
    except (_Unusual, RecursionError):
        return None
    return data, array("i", marks), raws


def parse_fast(text: str) -> dict[str, Any] | None:
    """The data of a plainly valid document, or None when the exact event path must decide."""
    parsed = compose(text, "")
    return parsed.data if parsed is not None else None


class _Walker:
    """Builds the data of a composed node tree and records every node's marks on the way."""

    __slots__ = ("marks", "raws")

    def __init__(self, marks: list[int], raws: dict[int, str]) -> None:
        self.marks = marks
        self.raws = raws
        """Node number -> the author's text, for plain scalars that are not strings."""

    def walk(self, root: Any) -> Any:
        mark = root.start_mark
        self.marks += (mark.line, mark.column, mark.line, mark.column)
        return self._value(root, 0)

    def _value(self, node: Any, depth: int) -> Any:
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if node.style:
                return node.value
            value = resolve_plain(node.value)
            if value.__class__ is not str:
                self.raws[len(self.marks) // 4 - 1] = node.value
            return value
        if depth >= MAX_DEPTH:
            raise _Unusual
        marks = self.marks
        if kind is yaml.MappingNode:
            mapping: dict[str, Any] = {}
            for key, value in node.value:
                if key.__class__ is not yaml.ScalarNode or key.value in mapping:
                    raise _Unusual  # a complex or duplicate key: the event path reports it
                at, key_at = value.start_mark, key.start_mark
                marks += (key_at.line, key_at.column, at.line, at.column)
                mapping[key.value] = self._value(value, depth + 1)
            return mapping
        items: list[Any] = []
        for item in node.value:
            at = item.start_mark
            marks += (at.line, at.column, at.line, at.column)
            items.append(self._value(item, depth + 1))
        return items


def marked_source(data: Any, marks: Sequence[int], raws: dict[int, str] | None = None) -> SourceMap:
    """The positions of `data` from the marks recorded when it was composed, built on first use.

    `data` must have the shape it was composed with (a value may have been replaced by another
    scalar, as validation does when it restores the author's text).
    """
    return SourceMap(loader=lambda: _entries(data, marks, raws or {}))


def marks_of(source: SourceMap) -> array[int]:
    """The marks of a source map's entries, in the order they were recorded (document order for
    both parsers), for a map built by the event reader."""
    marks = array("i")
    for key_line, key_column, line, column, _ in source.entries.values():
        marks.extend((key_line - 1, key_column - 1, line - 1, column - 1))
    return marks


def _entries(data: Any, marks: Sequence[int], raws: dict[int, str]) -> dict[Path_, Entry_]:
    """Walks `data` in the order the marks were recorded, iteratively."""
    entries: dict[Path_, Entry_] = {}
    number = 0
    pending: list[tuple[Path_, Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        at = number * 4
        if at + 3 >= len(marks):
            break  # the data no longer has the shape it was read with: place nothing further
        entries[path] = (
            marks[at] + 1, marks[at + 1] + 1, marks[at + 2] + 1, marks[at + 3] + 1,
            raws.get(number),
        )  # fmt: skip
        number += 1
        if isinstance(value, dict):
            pending.extend(reversed([((*path, k), v) for k, v in value.items()]))
        elif isinstance(value, list):
            pending.extend(reversed([((*path, i), v) for i, v in enumerate(value)]))
    return entries
