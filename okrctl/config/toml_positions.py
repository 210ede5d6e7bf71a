"""Where the tables and keys of a pyproject.toml start, to place a configuration error in it.

A line-based approximation of TOML: `[table]` headers and `key = value` lines; the first
occurrence of a path wins. Kept by hand because no well-kept Python TOML library gives
positions: tomllib and tomli return plain dicts, and tomlkit keeps formatting but no line or
column per key. A configuration error needs only where a table or key starts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_TOML_KEY = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+')

Positions = Mapping[tuple[str, ...], tuple[int, int]]
"""A dotted key path -> the line and column where it starts."""


def _toml_keys(text: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _TOML_KEY.findall(text))


def toml_position(positions: Positions, path: tuple[str, ...]) -> tuple[int, int]:
    """Where `path` starts, else where the first key below it does (`[tool.okrctl.rules]` is
    where `tool.okrctl` starts when there is no `[tool.okrctl]` header), else 1:1."""
    if path in positions:
        return positions[path]
    below = [at for key, at in positions.items() if key[: len(path)] == path]
    return min(below, default=(1, 1))


def toml_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Where tables and keys start, by dotted path: enough to place a configuration error."""
    positions: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        column = len(line) - len(stripped) + 1
        if stripped.startswith("["):
            table = _toml_keys(stripped.split("]", 1)[0])
            positions.setdefault(table, (number, column))
        elif "=" in stripped and not stripped.startswith("#"):
            keys = _toml_keys(stripped.split("=", 1)[0])
            if keys:
                positions.setdefault((*table, *keys), (number, column))
    return positions
