"""Writing a new OKR file from data: block-style YAML in the house layout, with the schema
modeline on top, checked to read back as exactly the data it was made from.

Used for files okrctl creates (`okrctl new`, `okrctl init`, `okrctl close --carry`); files that
exist are only ever changed through `okrctl.lifecycle.edit`.
"""

from __future__ import annotations

import posixpath
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from okrctl.lifecycle.edit import scalar
from okrctl.load import parse_text

WIDTH = 100
"""Longest line okrctl writes when it can fold text."""


OBJECTIVE_ORDER = (
    "apiVersion", "kind", "id", "title", "description", "level", "type", "unit", "owner",
    "period", "parent", "carried_from", "depends_on", "acknowledges", "score", "retrospective",
    "key_results",
)  # fmt: skip
KEY_RESULT_ORDER = (
    "id", "title", "description", "owner", "kind", "metric", "unit", "baseline", "target",
    "current", "direction", "indicator", "weight", "confidence", "source", "done", "score",
    "checkins",
)  # fmt: skip
"""The order okrctl writes fields in, the order of the example files."""


def ordered(data: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """`data` with its keys in `order` (keys not in it last, in their order)."""
    rank = {name: i for i, name in enumerate(order)}
    return dict(sorted(data.items(), key=lambda item: rank.get(item[0], len(rank))))


def objective_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """An objective's fields, and its key results', in the house order."""
    result = ordered(data, OBJECTIVE_ORDER)
    if isinstance(result.get("key_results"), list):
        result["key_results"] = [ordered(kr, KEY_RESULT_ORDER) for kr in result["key_results"]]
    return result


def modeline(file: str, schema: str = "objective.schema.json") -> str:
    """The comment that points editors at the JSON Schema in `schema/` at the repository root,
    relative to `file` (a path relative to the root)."""
    folder = PurePosixPath(file).parent
    # posixpath on every platform: the modeline is a URL path, `/` also on Windows
    relative = posixpath.relpath(f"schema/{schema}", str(folder) or ".")
    return f"# yaml-language-server: $schema={relative}"


def _printable(text: str) -> bool:
    return all(c == "\n" or (c.isprintable() and c not in "\t\u2028\u2029\x85") for c in text)


def _text(value: str, indent: int, fancy: bool) -> str:
    """A string value: plain or quoted on one line, folded (`>-`) when long, literal (`|-`) when
    it holds line breaks (`fancy`), whichever reads back exactly."""
    if not fancy:
        return scalar(value)
    pad = " " * indent
    if "\n" in value and _printable(value) and not value.startswith(" "):
        body = value.rstrip("\n")
        trailing = len(value) - len(body)
        lines = body.split("\n")
        if trailing <= 1 and all(line == line.rstrip() for line in lines):
            chomp = "-" if trailing == 0 else ""
            return f"|{chomp}\n" + "\n".join(f"{pad}{line}" if line else "" for line in lines)
    simple = scalar(value)
    if (
        len(value) + indent > WIDTH - 10
        and "  " not in value
        and value == value.strip()
        and _printable(value)
        and "\n" not in value
    ):
        lines = textwrap.wrap(value, WIDTH - indent, break_long_words=False, break_on_hyphens=False)
        if " ".join(lines) == value:
            return ">-\n" + "\n".join(f"{pad}{line}" for line in lines)
    return simple


def _value(value: Any, indent: int, fancy: bool) -> str:
    """The text after `key:` (with its leading space or line break)."""
    if isinstance(value, Mapping):
        if not value:
            return " {}"
        return "\n" + _mapping(value, indent + 2, fancy)
    if isinstance(value, list | tuple):
        if not value:
            return " []"
        return "\n" + _sequence(value, indent + 2, fancy)
    if isinstance(value, str):
        return " " + _text(value, indent + 2, fancy)
    return " " + scalar(value)


def _mapping(data: Mapping[str, Any], indent: int, fancy: bool) -> str:
    pad = " " * indent
    return "\n".join(
        f"{pad}{key}:{_value(value, indent, fancy)}"
        for key, value in data.items()
        if value is not None
    )


def _sequence(items: Sequence[Any], indent: int, fancy: bool) -> str:
    pad = " " * indent
    lines = []
    for item in items:
        if isinstance(item, Mapping) and item:
            body = _mapping(item, indent + 2, fancy)
            lines.append(f"{pad}- {body[indent + 2 :]}")
        elif isinstance(item, str):
            lines.append(f"{pad}- {_text(item, indent + 2, fancy)}")
        else:
            lines.append(f"{pad}-{_value(item, indent, fancy)}")
    return "\n".join(lines)


def render(data: Mapping[str, Any], comments: Sequence[str] = (), top: str | None = None) -> str:
    """A document's text: `top` (a modeline), comment lines, then the data in block style
    (keys whose value is None are left out).

    Raises ValueError if the text would not read back as `data` (a bug, never a user's input).
    """
    header = [top] if top else []
    header += [f"# {line}".rstrip() for line in comments]
    for fancy in (True, False):  # block scalars read best; quoted ones always read back
        text = "\n".join([*header, _mapping(data, 0, fancy)]) + "\n"
        if parse_text(text, "<new file>").data == _plain(data):
            return text
    raise ValueError("rendered YAML does not read back as the data it was made from")


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
