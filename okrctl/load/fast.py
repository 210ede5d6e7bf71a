"""The fast path: a plainly valid document composed by libyaml's C composer, positions included.

Most files in a repository are plain mappings of scalars; composing them in C and walking the
node tree is faster than handling every event in Python. Anything unusual, or any error, is left
to the exact event reader (`okrctl.load.events`), so the fast path never gives a different answer.

Positions come from this first parse: each composed node carries its start mark, and the walk
records the marks of every key and value in document order as a flat list of integers (four per
node, 0-based, the root first, then each mapping value or list item before its children), the key
of each node and the size of each mapping and list. That costs little more than walking, and keeps
nothing of the data alive (a check holds tens of thousands of files; live containers slow Python's
garbage collector). A finding is placed by walking these to its field (`MarkedSource`); nothing
parses the file again.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Any, Literal, NamedTuple

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
    data, marks = composed
    return Parsed(file, data, MarkedSource(marks), [])


class Marks(NamedTuple):
    """Where each node of a document stands, recorded while composing it. Nodes are numbered in
    document order: the root, then each mapping value or list item before its children."""

    positions: array[int]
    """(key line, key column, value line, value column), 0-based, four per node."""
    keys: list[str | None]
    """The key of each node in its mapping; None for the root and for list items."""
    sizes: dict[int, int]
    """Node number of each mapping and list -> the number of nodes in it (itself included)."""
    raws: dict[int, str]
    """Node number -> the author's text, for plain scalars that are not strings."""


def compose_marked(text: str) -> tuple[dict[str, Any], Marks] | None:
    """The data of a plainly valid document and the marks of its nodes; None when the event
    path must decide."""
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
    walker = _Walker()
    try:
        data = walker.walk(node)
    except (_Unusual, RecursionError):
        return None
    return data, Marks(array("i", walker.marks), walker.keys, walker.sizes, walker.raws)


def parse_fast(text: str) -> dict[str, Any] | None:
    """The data of a plainly valid document, or None when the exact event path must decide."""
    composed = compose_marked(text)
    return composed[0] if composed is not None else None


class _Walker:
    """Builds the data of a composed node tree and records every node's marks on the way."""

    __slots__ = ("keys", "marks", "raws", "sizes")

    def __init__(self) -> None:
        self.marks: list[int] = []
        self.keys: list[str | None] = []
        self.sizes: dict[int, int] = {}
        self.raws: dict[int, str] = {}

    def walk(self, root: Any) -> Any:
        mark = root.start_mark
        self.marks += (mark.line, mark.column, mark.line, mark.column)
        self.keys.append(None)
        return self._value(root, 0)

    def _value(self, node: Any, depth: int) -> Any:
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if node.style:
                return node.value
            value = resolve_plain(node.value)
            if value.__class__ is not str:
                self.raws[len(self.keys) - 1] = node.value
            return value
        if depth >= MAX_DEPTH:
            raise _Unusual
        marks, keys = self.marks, self.keys
        number = len(keys) - 1
        container: dict[str, Any] | list[Any]
        if kind is yaml.MappingNode:
            container = mapping = {}
            for key, value in node.value:
                name = key.value
                if key.__class__ is not yaml.ScalarNode or name in mapping:
                    raise _Unusual  # a complex or duplicate key: the event path reports it
                at, key_at = value.start_mark, key.start_mark
                marks += (key_at.line, key_at.column, at.line, at.column)
                keys.append(name)
                mapping[name] = self._value(value, depth + 1)
        else:
            container = items = []
            for item in node.value:
                at = item.start_mark
                marks += (at.line, at.column, at.line, at.column)
                keys.append(None)
                items.append(self._value(item, depth + 1))
        self.sizes[number] = len(keys) - number
        return container


class MarkedSource(SourceMap):
    """The positions of a composed document, from the marks recorded while composing it.

    `locate` walks the recorded keys along the asked path, skipping whole subtrees by their
    sizes, so a finding is placed without building the map of every field (`entries` builds it
    when asked). `marks` may be a function that gives them on first use (a worker's document is
    decoded from JSON only then).
    """

    __slots__ = ("_load", "_marks")

    def __init__(self, marks: Marks | Callable[[], Marks]) -> None:
        super().__init__(loader=self._all_entries)
        self._marks = marks if isinstance(marks, Marks) else None
        self._load = None if isinstance(marks, Marks) else marks

    def _recorded(self) -> Marks:
        if self._marks is None:
            assert self._load is not None
            self._marks, self._load = self._load(), None
        return self._marks

    def _all_entries(self) -> dict[Path_, Entry_]:
        return _entries(self._recorded())

    def _find(self, path: Sequence[str | int]) -> tuple[int, bool]:
        """The node number of `path`, or of its nearest ancestor (then False)."""
        marks = self._recorded()
        keys, sizes = marks.keys, marks.sizes
        number = 0
        for part in path:
            end = number + sizes.get(number, 1)
            child = number + 1
            if isinstance(part, int):
                if child >= end or keys[child] is not None or part < 0:
                    return number, False
                for _ in range(part):
                    child += sizes.get(child, 1)
            else:
                while child < end and keys[child] != part:
                    child += sizes.get(child, 1)
            if child >= end:
                return number, False
            number = child
        return number, True

    def locate(
        self, path: Sequence[str | int], at: Literal["key", "value"] = "value"
    ) -> tuple[int, int]:
        number, exact = self._find(path)
        positions = self._recorded().positions
        if number * 4 + 3 >= len(positions):
            return (1, 1)
        first = number * 4 + (2 if at == "value" and exact else 0)
        return (positions[first] + 1, positions[first + 1] + 1)

    def source_text(self, path: Sequence[str | int]) -> str | None:
        number, exact = self._find(path)
        return self._recorded().raws.get(number) if exact else None


def marks_from(data: Any, positions: array[int]) -> Marks:
    """Marks for `data` whose positions were recorded elsewhere (by a worker, or by the event
    reader, whose entries are in document order too): keys and sizes come from the data."""
    keys: list[str | None] = []
    sizes: dict[int, int] = {}
    pending: list[tuple[str | None, Any, int]] = [(None, data, -1)]  # or (None, None, closing)
    while pending:
        key, value, closing = pending.pop()
        if closing >= 0:
            sizes[closing] = len(keys) - closing
            continue
        number = len(keys)
        keys.append(key)
        if isinstance(value, dict):
            children: list[tuple[str | None, Any]] = list(value.items())
        elif isinstance(value, list):
            children = [(None, item) for item in value]
        else:
            continue
        pending.append((None, None, number))
        pending.extend((k, v, -1) for k, v in reversed(children))
    return Marks(positions, keys, sizes, {})


def positions_of(source: SourceMap) -> array[int]:
    """The positions of a map the event reader built, in its (document) order."""
    positions = array("i")
    for key_line, key_column, line, column, _ in source.entries.values():
        positions.extend((key_line - 1, key_column - 1, line - 1, column - 1))
    return positions


def _entries(marks: Marks) -> dict[Path_, Entry_]:
    """Every field's path and position, from the recorded keys and sizes."""
    entries: dict[Path_, Entry_] = {}
    positions, keys, sizes, raws = marks
    open_: list[list[Any]] = []  # [end, path, next list index] of each enclosing container
    for number, key in enumerate(keys):
        while open_ and number >= open_[-1][0]:
            open_.pop()
        path: Path_ = ()
        if open_:
            parent = open_[-1]
            if key is None:
                path, parent[2] = (*parent[1], parent[2]), parent[2] + 1
            else:
                path = (*parent[1], key)
        at = number * 4
        entries[path] = (
            positions[at] + 1, positions[at + 1] + 1, positions[at + 2] + 1,
            positions[at + 3] + 1, raws.get(number),
        )  # fmt: skip
        if number in sizes:
            open_.append([number + sizes[number], path, 0])
    return entries
