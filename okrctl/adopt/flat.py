"""The flat spreadsheet layout: one row per key result, its objective in an Objective column.

The most common export of an OKR spreadsheet repeats the objective's title on every key result
row (or leaves it empty below the first, as a merged cell does). A header with an objective
column and a key result column and no title column is read this way by default: each new
objective title starts an objective, each row's key result belongs to it. Owner, team, period,
status, progress, score, start, target and current columns are read when present; a status
such as "✅ Done (5 reviewed)" is a result (done, with its note), a percent sign makes the unit
`%`, and progress without a target is kept as a check-in note and reported.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from okrctl.adopt.numbers import read_numbers
from okrctl.adopt.records import Category, Item, Measure, Note, Source
from okrctl.adopt.results import Result, judge
from okrctl.adopt.row import Cell, cell_number, cell_text
from okrctl.adopt.sheets import Row
from okrctl.adopt.text import read_title

_COLUMNS: dict[str, re.Pattern[str]] = {
    "objective": re.compile(r"(?i)^(objectives?|obj\.?|goals?|objective title)$"),
    "key_result": re.compile(r"(?i)^(key results?|krs?|key result title|results?)$"),
    "owner": re.compile(r"(?i)^(owners?|owner\(s\)|owner e-?mail|dri|lead|responsible|assignee)$"),
    "unit": re.compile(r"(?i)^(teams?|unit|department|squad|group)$"),
    "period": re.compile(r"(?i)^(period|time period|quarter|cycle|timeframe)$"),
    "status": re.compile(r"(?i)^(status|result|outcome|done)$"),
    "progress": re.compile(r"(?i)^(progress|progress %|% complete|completion|complete)$"),
    "score": re.compile(r"(?i)^(score|grade|final score)$"),
    "baseline": re.compile(r"(?i)^(start|start value|baseline|from)$"),
    "target": re.compile(r"(?i)^(target|target value|goal value|to)$"),
    "current": re.compile(r"(?i)^(current|current value|actual)$"),
    "unit_of_measure": re.compile(r"(?i)^(unit of measure|metric unit|measure unit)$"),
    "description": re.compile(r"(?i)^(description|notes?|comments?)$"),
}
_MARKUP = re.compile(r"\*\*|__|`|^\*|\*$")


class _Columns(NamedTuple):
    where: dict[str, int]
    names: list[str]


def columns(header: list[Cell]) -> _Columns | None:
    """The flat layout's columns, or None when the header is not one (no objective and key
    result columns, or a title column that says it is another layout)."""
    names = [(cell_text(c) or "").strip() for c in header]
    where: dict[str, int] = {}
    for index, name in enumerate(names):
        for field, pattern in _COLUMNS.items():
            if field not in where and pattern.match(name):
                where[field] = index
                break
    lower = {n.lower() for n in names}
    if "objective" not in where or "key_result" not in where or lower & {"title", "name"}:
        return None
    return _Columns(where, names)


def _plain(value: Cell) -> str:
    return _MARKUP.sub("", cell_text(value) or "").strip()


def read(rows: list[Row], name: str, found: _Columns) -> Source:
    """Items from a flat table's rows."""
    header_row = rows[0][0]
    source = Source(file=name, reading=_describe(found))
    for field, index in sorted(found.where.items(), key=lambda f: f[1]):
        source.notes.append(
            Note(
                name, header_row, Category.MAPPED, f"column {found.names[index]!r} read as {field}"
            )
        )
    used = set(found.where.values())
    for index, column in enumerate(found.names):
        if column and index not in used:
            source.notes.append(
                Note(name, header_row, Category.UNREAD, f"column {column!r} not read")
            )
    current: Item | None = None
    written = ""
    for number, cells in rows[1:]:
        values = {field: cells[i] if i < len(cells) else None for field, i in found.where.items()}
        objective = _plain(values["objective"])
        if objective and (current is None or objective != written):
            current, written = _objective(source, name, number, objective, values), objective
        elif not objective and current is not None and _plain(values["key_result"]):
            source.notes.append(
                Note(
                    name,
                    number,
                    Category.GUESSED,
                    f"empty objective cell: the key result is {current.title!r}'s",
                )
            )
        if current is None or not _plain(values["key_result"]):
            if _plain(values["key_result"]):
                source.notes.append(
                    Note(
                        name,
                        number,
                        Category.UNREAD,
                        "key result with no objective above it: row not read",
                    )
                )
            continue
        _key_result(source, name, number, current.key, values)
    return source


def _describe(found: _Columns) -> str:
    objective = found.names[found.where["objective"]]
    key_result = found.names[found.where["key_result"]]
    return (
        f"flat layout: a key result on each row ({key_result!r}), its objective in {objective!r} "
        "(repeated, or empty below its first row)"
    )


def _objective(source: Source, name: str, number: int, text: str, values: dict[str, Cell]) -> Item:
    title = read_title(text)
    item = Item(
        key=len(source.items),
        kind="objective",
        title=title.text,
        file=name,
        line=number,
        period=cell_text(values.get("period")),
        unit=cell_text(values.get("unit")),
        tags=title.tags,
    )
    source.items.append(item)
    source.notes.append(Note(name, number, Category.MAPPED, f"objective {item.title!r}"))
    return item


def _key_result(
    source: Source, name: str, number: int, parent: int, values: dict[str, Cell]
) -> None:
    title = read_title(_plain(values["key_result"]))
    status = cell_text(values.get("status"))
    result = judge(status) if status else None
    measure, done = _measure(source, name, number, title.text, values), None
    if result is not None and result.done is not None:
        done, measure = result.done, None
    if result is not None and result.states:
        source.notes.append(
            Note(
                name,
                number,
                Category.MAPPED,
                f"status {status!r} read: {result.describe()}",
                "result",
            )
        )
    progress = cell_number(values.get("progress"))
    if isinstance(progress, float) and measure is None and done is None:
        progress = progress / 100 if progress > 1 else progress
    else:
        progress = None
    score = cell_number(values.get("score"))
    source.items.append(
        Item(
            key=len(source.items),
            kind="key_result",
            title=title.text,
            file=name,
            line=number,
            parent=parent,
            owner=cell_text(values.get("owner")),
            tags=title.tags,
            done=done,
            measure=measure,
            current=_number(values.get("current")),
            note=status,
            score=score if isinstance(score, float) and 0 <= score <= 1 else None,
            progress=progress,
            milestone=measure is None,
            description=cell_text(values.get("description")),
            **_status(result),
        )
    )


def _status(result: Result | None) -> dict[str, Any]:
    if result is None or result.status is None:
        return {}
    return {"dropped": True, "dropped_reason": result.reason, "moved": result.status == "moved"}


def _number(value: Cell) -> float | None:
    found = cell_number(value)
    return found if isinstance(found, float) else None


def _measure(
    source: Source, name: str, number: int, title: str, values: dict[str, Cell]
) -> Measure | None:
    """The key result's measure: from its start and target cells (a `%` in them makes the unit
    `%`), else from its title's numbers."""
    target = _number(values.get("target"))
    if target is None:
        return read_numbers(title).measure
    baseline = _number(values.get("baseline"))
    written = " ".join(cell_text(values.get(f)) or "" for f in ("baseline", "target", "current"))
    unit = cell_text(values.get("unit_of_measure")) or ("%" if "%" in written else "count")
    direction = None
    if baseline is None:
        said = read_numbers(title).measure
        direction = said.direction if said is not None and said.direction else "increase"
        source.notes.append(
            Note(
                name,
                number,
                Category.GUESSED,
                f"no start value: baseline unknown, direction {direction}",
            )
        )
    elif baseline == target:
        source.notes.append(
            Note(
                name, number, Category.GUESSED, "start and target are the same: read as a milestone"
            )
        )
        return None
    return Measure(target, unit[:40], baseline, direction)
