"""The cells of `okrctl export --format csv` as text, both ways: written by the export, read back
by `okrctl import table --preset okrctl`.

A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab
or a carriage return) is written with a leading `'`; the import takes it off again.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet would run as a formula starts."""


def guarded(text: str) -> str:
    """`text` with a `'` before it when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unguarded(text: str) -> str:
    """A cell as it was before `guarded`: the `'` before a formula's first character taken off."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text
