"""The fast path: a plainly valid document composed by libyaml's C composer, positions included.

Most files in a repository are plain mappings of scalars; composing them in C and walking the
node tree is faster than handling every event in Python. Anything unusual, or any error, is left
to the exact event reader (`okrctl.load.events`), so the fast path never gives a different answer.

Positions come from this first parse: each composed node carries its start mark, and the walk
records the marks of every key and value in document order as a flat list of integers (four per
node, 0-based, the root first, then each mapping value or list item before its children), which
costs little more than walking. The map from field path to position is built from
that list only when a finding first needs it (`MarkedSource`); nothing parses the file again.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
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
    return Parsed(file, data, MarkedSource(lambda: (data, marks)), [])


class Marks(NamedTuple):
    """Where each node of a document stands, recorded while composing it."""

    positions: array[int]
    """(key line, key column, value line, value column), 0-based, four per node, in document
    order: the root, then each mapping value or list item before its children."""
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
    return data, Marks(array("i", walker.marks), walker.sizes, walker.raws)


def parse_fast(text: str) -> dict[str, Any] | None:
    """The data of a plainly valid document, or None when the exact event path must decide."""
    parsed = compose(text, "")
    return parsed.data if parsed is not None else None


class _Walker:
    """Builds the data of a composed node tree and records every node's marks on the way."""

    __slots__ = ("marks", "raws", "sizes")

    def __init__(self) -> None:
        self.marks: list[int] = []
        self.sizes: dict[int, int] = {}
        self.raws: dict[int, str] = {}

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
        number = len(marks) // 4 - 1
        container: dict[str, Any] | list[Any]
        if kind is yaml.MappingNode:
            container = mapping = {}
            for key, value in node.value:
                if key.__class__ is not yaml.ScalarNode or key.value in mapping:
                    raise _Unusual  # a complex or duplicate key: the event path reports it
                at, key_at = value.start_mark, key.start_mark
                marks += (key_at.line, key_at.column, at.line, at.column)
                mapping[key.value] = self._value(value, depth + 1)
        else:
            container = items = []
            for item in node.value:
                at = item.start_mark
                marks += (at.line, at.column, at.line, at.column)
                items.append(self._value(item, depth + 1))
        self.sizes[number] = len(marks) // 4 - number
        return container


class MarkedSource(SourceMap):
    """The positions of a composed document, from the marks recorded while composing it.

    `locate` walks the data along the asked path, skipping whole subtrees by their sizes, so a
    finding is placed without building the map of every field (`entries` builds it when asked).
    `load` gives the data and its marks on first use (a worker's document is decoded from JSON
    only then); the data must keep the shape it was composed with (validation may replace a
    scalar by another).
    """

    __slots__ = ("_load", "_marked")

    def __init__(self, load: Callable[[], tuple[Any, Marks]]) -> None:
        super().__init__(loader=self._all_entries)
        self._load = load
        self._marked: tuple[Any, Marks] | None = None

    def _document(self) -> tuple[Any, Marks]:
        if self._marked is None:
            self._marked = self._load()
        return self._marked

    def _all_entries(self) -> dict[Path_, Entry_]:
        data, marks = self._document()
        return _entries(data, marks.positions, marks.raws)

    def _find(self, path: Sequence[str | int]) -> tuple[int, bool]:
        """The node number of `path`, or of its nearest ancestor (then False)."""
        node, marks = self._document()
        number, sizes = 0, marks.sizes
        for part in path:
            if isinstance(node, dict) and part in node:
                keys: Iterable[object] = node
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                keys = range(len(node))
            else:
                return number, False
            child = number + 1
            for key in keys:
                if key == part:
                    break
                child += sizes.get(child, 1)
            node, number = node[part], child
        return number, True

    def locate(
        self, path: Sequence[str | int], at: Literal["key", "value"] = "value"
    ) -> tuple[int, int]:
        number, exact = self._find(path)
        positions = self._document()[1].positions
        if number * 4 + 3 >= len(positions):
            return (1, 1)
        first = number * 4 + (2 if at == "value" and exact else 0)
        return (positions[first] + 1, positions[first + 1] + 1)

    def source_text(self, path: Sequence[str | int]) -> str | None:
        number, exact = self._find(path)
        return self._document()[1].raws.get(number) if exact else None


def sizes_of(data: Any) -> dict[int, int]:
    """The sizes of the mappings and lists of `data`, numbered in document order (for marks made
    from a map the event reader built)."""
    sizes: dict[int, int] = {}
    count = 0
    pending: list[tuple[Any, int]] = [(data, -1)]  # (a value to number, -1) or (None, its number)
    while pending:
        value, closing = pending.pop()
        if closing >= 0:
            sizes[closing] = count - closing
            continue
        number, count = count, count + 1
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        pending.append((None, number))
        pending.extend((child, -1) for child in reversed(children))
    return sizes


def marks_of(data: Any, source: SourceMap) -> Marks:
    """The marks of a map the event reader built (its entries are in document order too)."""
    positions = array("i")
    for key_line, key_column, line, column, _ in source.entries.values():
        positions.extend((key_line - 1, key_column - 1, line - 1, column - 1))
    return Marks(positions, sizes_of(data), {})


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
