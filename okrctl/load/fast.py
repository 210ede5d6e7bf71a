"""The fast path: a plainly valid document composed by libyaml's C composer.

Most files in a repository are plain mappings of scalars; composing them in C and walking the
node tree is faster than handling every event in Python. Anything unusual, or any error, is left
to the exact event reader (`okrctl.load.events`), so the fast path never gives a different answer.
"""

from __future__ import annotations

from typing import Any

import yaml

from okrctl.load.events import LOADER
from okrctl.load.refusals import MAX_DEPTH
from okrctl.load.scalars import resolve_plain

_NEEDS_EVENTS = ("&", "*", "!", "<<")
"""Text that may hold an anchor, alias, tag or merge key: only the event path judges those."""


class _Unusual(Exception):
    """The fast path met something only the event path reports exactly."""


def parse_fast(text: str) -> dict[str, Any] | None:
    """The data of a plainly valid document, or None when the exact event path must decide."""
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
    try:
        data = _walk(node, 0)
    except (_Unusual, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _walk(node: Any, depth: int) -> Any:
    kind = node.__class__
    if kind is yaml.ScalarNode:
        return node.value if node.style else resolve_plain(node.value)
    if depth >= MAX_DEPTH:
        raise _Unusual
    if kind is yaml.MappingNode:
        mapping: dict[str, Any] = {}
        for key, value in node.value:
            if key.__class__ is not yaml.ScalarNode or key.value in mapping:
                raise _Unusual  # a complex or duplicate key: the event path reports it
            mapping[key.value] = _walk(value, depth + 1)
        return mapping
    return [_walk(item, depth + 1) for item in node.value]
