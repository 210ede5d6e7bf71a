"""Finding a spreadsheet's columns: by their headers first, then by what their cells hold.

A layout names each field's headers; a header matches whatever its case, spacing and punctuation
("OKR-ID" is "OKR ID", "Category " is "Category"). When no header names the type of a row or its
parent, the cells may: a column whose every value is a kind of row ("Obj", "KR", "Objective",
"Key Result") is the type column, and a column whose every value names another row's id ("2022-Q1-
CTO-1.5 : Reduce tech debt by 10% annually") is the row's parent (what it aligns to). Both are
reported as guesses.
"""

from __future__ import annotations

import re

from okrctl.adopt.presets import Layout
from okrctl.adopt.row import cell_text
from okrctl.adopt.sheets import Row

_REFERENCE = re.compile(r"\s*(?::|[-–—]\s)\s*")
"""What separates an id from the title after it in a reference ("ID : title", "ID - title")."""


def normal(header: str) -> str:
    """A header compared without case, spaces or punctuation."""
    return re.sub(r"[\W_]+", "", header.lower())


def find_columns(names: list[str], layout: Layout) -> dict[str, int]:
    """Field -> index of its column: the first of the layout's headers the header has."""
    lower = {normal(n): i for i, n in reversed(list(enumerate(names))) if n and normal(n)}
    where: dict[str, int] = {}
    for field, candidates in layout.columns.items():
        for candidate in candidates:
            if normal(candidate) in lower:
                where[field] = lower[normal(candidate)]
                break
    return where


def referenced(value: str) -> str:
    """The id a reference names: "2022-Q1-CTO-1.5 : Reduce tech debt" -> "2022-Q1-CTO-1.5"."""
    return _REFERENCE.split(value.strip(), maxsplit=1)[0].strip()


def _values(rows: list[Row], index: int) -> list[str]:
    found = []
    for _number, cells in rows:
        text = cell_text(cells[index]) if index < len(cells) else None
        if text is not None:
            found.append(text)
    return found


def by_values(
    names: list[str], rows: list[Row], where: dict[str, int], layout: Layout
) -> list[tuple[str, int]]:
    """The type and parent columns the cells show when no header names them: (field, index)
    pairs, added to `where`."""
    found: list[tuple[str, int]] = []
    free = [i for i in range(len(names)) if i not in where.values()]
    kinds = {v: k for k, values in layout.types.items() for v in values}
    if "type" not in where:
        for index in free:
            texts = {v.lower() for v in _values(rows, index)}
            if texts and texts <= kinds.keys() and len({kinds[v] for v in texts}) >= 2:
                found.append(("type", index))
                break
    if "parent" not in where and "ref" in where:
        refs = set(_values(rows, where["ref"]))
        for index in free:
            cells = _values(rows, index)
            if (
                cells
                and (index not in dict(found).values())
                and refs >= {referenced(v) for v in cells}
            ):
                found.append(("parent", index))
                break
    where.update(found)
    return found
