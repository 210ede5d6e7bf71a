"""Where every node of a YAML document starts and ends, as offsets into its text.

`okrctl.load.SourceMap` knows where a value starts (for diagnostics); editing also needs where it
ends, whether a collection is written in flow style (`[]`) and in which order a mapping's keys
come. libyaml's marks count characters, so an offset indexes the Python string directly.

Only call this on text that `okrctl.load.parse_text` accepted (no anchors, tags or duplicates).
"""

from __future__ import annotations

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
    __slots__ = ("key", "key_span", "node", "path")

    def __init__(self, node: Node, path: Path_) -> None:
        self.node = node
        self.path = path
        self.key: str | None = None
        self.key_span = (0, 0)


def spans(text: str) -> dict[Path_, Node]:
    """Every node of the (single) document in `text`, keyed by field path."""
    nodes: dict[Path_, Node] = {}
    stack: list[_Open] = []
    event: Any
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            done = stack.pop()
            if done.node.flow:
                done.node.end = event.end_mark.index
            if stack:
                parent = stack[-1].node
                parent.end = max(parent.end, done.node.end)
            continue
        if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
            continue
        top = stack[-1] if stack else None
        start, end = event.start_mark.index, event.end_mark.index
        if top is not None and top.node.kind == "mapping" and top.key is None:
            top.key = event.value
            top.key_span = (start, end)
            top.node.keys.append(event.value)
            continue
        if kind is yaml.ScalarEvent:
            node = Node("scalar", start, end, style=event.style or None, value=event.value)
        else:
            flow = bool(event.flow_style)
            node = Node(
                "mapping" if kind is yaml.MappingStartEvent else "sequence",
                start,
                end if flow else start,
                flow=flow,
            )
        if top is None:
            path: Path_ = ()
        elif top.node.kind == "mapping":
            assert top.key is not None
            path = (*top.path, top.key)
            node.key_start, node.key_end = top.key_span
            top.key = None
        else:
            path = (*top.path, top.node.items)
            top.node.items += 1
        nodes[path] = node
        if top is not None and node.kind == "scalar":
            top.node.end = max(top.node.end, node.end)
        if kind is not yaml.ScalarEvent:
            stack.append(_Open(node, path))
    return nodes
