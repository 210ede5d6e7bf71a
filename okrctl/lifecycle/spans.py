"""Where every node of a YAML document starts and ends, as offsets into its text.

`okrctl.load.SourceMap` knows where a value starts (for diagnostics); editing also needs where it
ends, whether a collection is written in flow style (`[]`) and in which order a mapping's keys
come. libyaml's marks count characters, so an offset indexes the Python string directly.

Only call this on text that `okrctl.load.parse_text` accepted (no anchors, tags or duplicates).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from okrctl.load import Path_

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Node:
    """One value of the document.

    `start` is the offset of its first character (the first dash of a block sequence, the first
    key of a block mapping); `end` is just past its last character: for a block collection, the
    end of its last value, so that comments and blank lines after it are not part of it.
    """

    kind: Literal["scalar", "mapping", "sequence"]
    start: int
    end: int
    flow: bool = False
    """A flow collection (`[...]`, `{...}`)."""
    style: str | None = None
    """A scalar's style: None for plain, `'`, `"`, `|` or `>`."""
    value: str = ""
    """A scalar's text as parsed."""
    key_start: int | None = None
    """Offset of the key when the node is a mapping's value."""
    key_end: int | None = None
    keys: list[str] = field(default_factory=list)
    """A mapping's keys in document order."""
    items: int = 0
    """How many items a sequence holds."""


class _Open:
    """A collection being read: its node, its path, and the key whose value comes next."""

    __slots__ = ("key", "key_span", "node", "path")

    def __init__(self, node: Node, path: Path_) -> None:
        self.node = node
        self.path = path
        self.key: str | None = None
        self.key_span = (0, 0)


class _Reader:
    """Reads the parser's events into nodes, with the collections still open on a stack."""

    def __init__(self) -> None:
        self.nodes: dict[Path_, Node] = {}
        self.stack: list[_Open] = []

    def end(self, event: Any) -> None:
        """A collection ends: a flow one where its bracket closes, a block one with its last
        value, which also extends its parent."""
        done = self.stack.pop()
        if done.node.flow:
            done.node.end = event.end_mark.index
        if self.stack:
            parent = self.stack[-1].node
            parent.end = max(parent.end, done.node.end)

    def value(self, event: Any) -> None:
        """A scalar or the start of a collection: a mapping's key, or a value at a new path."""
        top = self.stack[-1] if self.stack else None
        if top is not None and top.node.kind == "mapping" and top.key is None:
            top.key = event.value
            top.key_span = (event.start_mark.index, event.end_mark.index)
            top.node.keys.append(event.value)
            return
        node = _node(event)
        path = _place(top, node)
        self.nodes[path] = node
        if top is not None and node.kind == "scalar":
            top.node.end = max(top.node.end, node.end)
        if node.kind != "scalar":
            self.stack.append(_Open(node, path))


def _node(event: Any) -> Node:
    """The node a scalar or collection-start event begins; a block collection ends, for now,
    where it starts."""
    start, end = event.start_mark.index, event.end_mark.index
    if type(event) is yaml.ScalarEvent:
        return Node("scalar", start, end, style=event.style or None, value=event.value)
    flow = bool(event.flow_style)
    kind: Literal["mapping", "sequence"] = (
        "mapping" if type(event) is yaml.MappingStartEvent else "sequence"
    )
    return Node(kind, start, end if flow else start, flow=flow)


def _place(top: _Open | None, node: Node) -> Path_:
    """The path of `node` inside the open collection `top` (the key read before it, or the next
    index), counted in `top`."""
    if top is None:
        return ()
    if top.node.kind == "mapping":
        assert top.key is not None
        node.key_start, node.key_end = top.key_span
        key, top.key = top.key, None
        return (*top.path, key)
    top.node.items += 1
    return (*top.path, top.node.items - 1)


_HANDLERS: dict[type[Any], Callable[[_Reader, Any], None]] = {
    yaml.ScalarEvent: _Reader.value,
    yaml.MappingStartEvent: _Reader.value,
    yaml.SequenceStartEvent: _Reader.value,
    yaml.MappingEndEvent: _Reader.end,
    yaml.SequenceEndEvent: _Reader.end,
}
"""What each event does; the others (stream, document) carry no node."""


def spans(text: str) -> dict[Path_, Node]:
    """Every node of the (single) document in `text`, keyed by field path."""
    reader = _Reader()
    for event in yaml.parse(text, Loader=_Loader):
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            handler(reader, event)
    return reader.nodes
