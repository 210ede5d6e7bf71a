"""Reading OKRs from a spreadsheet: one row per objective or key result.

CSV is read with the csv module (UTF-8 only); XLSX with openpyxl in read-only mode with cached
values (`data_only`), so a formula is never evaluated: its last saved value is read, or nothing.
Rows are numbered as a spreadsheet shows them (the header is row 1). A row names its parent by
its id or its title; a missing parent, a cycle, a duplicate id or two objectives with one title
are findings with their rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from okrctl.adopt.inputs import decode, read_bytes
from okrctl.adopt.presets import Layout
from okrctl.adopt.records import Category, Item, Kind, Measure, Note, Source
from okrctl.adopt.text import read_numbers

MAX_BYTES = 20 * 1024 * 1024
"""Largest spreadsheet read (20 MiB)."""
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL = 20_000
_DROPPED = ("dropped", "cancelled", "canceled", "abandoned", "discarded", "deferred", "postponed")
_DONE = ("closed", "completed", "complete", "done", "achieved")
_ACTIVE = ("active", "")

Cell = str | float | dt.date | None
Row = tuple[int, list[Cell]]
Record = tuple[int, str, dict[str, Cell]]
"""A row read: its number, its kind and its values by field."""


def _cell(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return float(value)
    return str(value)[:MAX_CELL]


def read_csv(path: Path, name: str) -> tuple[list[Row], list[Note]]:
    data, notes = read_bytes(path, name, MAX_BYTES)
    if data is None:
        return [], notes
    text, notes = decode(data, name)
    if text is None:
        return [], notes
    rows: list[Row] = []
    first_line = text.split("\n", 1)[0]
    # Excel writes `;` where `,` is the decimal separator; tabs come from copying a sheet
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    notes = []
    if delimiter != ",":
        shown = "tabs" if delimiter == "\t" else f"'{delimiter}'"
        notes.append(Note(name, 1, Category.MAPPED, f"columns separated by {shown}"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for record in reader:
            number += 1
            if number > MAX_ROWS + 1:
                return [], [
                    Note(name, number, Category.ERROR, f"more than {MAX_ROWS} rows: split the file")
                ]
            if len(record) > MAX_COLUMNS:
                return [], [Note(name, number, Category.ERROR, f"more than {MAX_COLUMNS} columns")]
            cells: list[Cell] = [c if c.strip() else None for c in record]
            if delimiter == ";":
                cells = [_decimal_comma(c) for c in cells]
            rows.append((number, cells))
    except csv.Error as exc:
        return [], [
            Note(name, number + 1, Category.ERROR, f"not valid CSV: {exc} (line {reader.line_num})")
        ]
    return rows, notes


_DECIMAL_COMMA = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _decimal_comma(cell: Cell) -> Cell:
    """In a `;`-separated file a comma is the decimal mark: "1.234,5" is 1234.5."""
    if isinstance(cell, str) and _DECIMAL_COMMA.fullmatch(cell.strip()):
        return float(cell.strip().replace(".", "").replace(",", "."))
    return cell


def read_xlsx(path: Path, name: str) -> tuple[list[Row], list[Note]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    data, notes = read_bytes(path, name, MAX_BYTES)
    if data is None:
        return [], notes
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        return [], [Note(name, 1, Category.ERROR, f"not a readable XLSX workbook: {exc}")]
    rows: list[Row] = []
    try:
        sheet = book.worksheets[0]
        notes = [
            Note(name, 1, Category.UNREAD, f"sheet {other.title!r} not read (only the first is)")
            for other in book.worksheets[1:]
        ]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:
                return [], [
                    Note(name, number, Category.ERROR, f"more than {MAX_ROWS} rows: split the file")
                ]
            cells = [_cell(v) for v in values[: MAX_COLUMNS + 1]]
            if len(cells) > MAX_COLUMNS and any(c is not None for c in cells[MAX_COLUMNS:]):
                return [], [Note(name, number, Category.ERROR, f"more than {MAX_COLUMNS} columns")]
            rows.append(
                (number, [c if not (isinstance(c, str) and not c.strip()) else None for c in cells])
            )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as exc:
        return [], [
            Note(name, len(rows) + 1, Category.ERROR, f"not a readable XLSX workbook: {exc}")
        ]
    finally:
        book.close()
    return rows, notes


def read_rows(path: Path, name: str) -> tuple[list[Row], list[Note]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, name)
    return read_csv(path, name)


# --------------------------------------------------------------------------- rows to items


def _text(value: Cell) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) or abs(value) > 1e15 else str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    text = " ".join(value.split())
    return text or None


def _number(value: Cell) -> float | str | None:
    """A number, None (empty), or the text that is not a number."""
    if value is None:
        return None
    if isinstance(value, float):
        return value if math.isfinite(value) else "not a finite number"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.strip().rstrip("%").strip()
    if text.startswith("'"):
        text = text[1:]
    if "," in text:  # only as a thousands separator: "1,5" could be 1.5 or 15
        if not _THOUSANDS.fullmatch(text):
            return value
        text = text.replace(",", "")
    try:
        number = float(text)
    except ValueError:
        return value
    return number if math.isfinite(number) and abs(number) <= 1e15 else value


def _date(value: Cell) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return text


def read(rows: list[Row], name: str, layout: Layout) -> Source:
    """Items from the rows of a spreadsheet laid out as `layout`."""
    source = Source()
    if not rows:
        source.notes.append(Note(name, 1, Category.ERROR, "the file has no header row"))
        return source
    header_row, header = rows[0]
    names = [(_text(c) or "").strip() for c in header]
    lower = {n.lower(): i for i, n in reversed(list(enumerate(names))) if n}
    where: dict[str, int] = {}
    for field, candidates in layout.columns.items():
        for candidate in candidates:
            if candidate.lower() in lower:
                where[field] = lower[candidate.lower()]
                break
    if "title" not in where:
        wanted = " or ".join(repr(c) for c in layout.columns.get("title", ("Title",)))
        source.notes.append(
            Note(
                name,
                header_row,
                Category.ERROR,
                f"no {wanted} column in the "
                f"header (layout {layout.name!r}); use --preset or --mapping",
            )
        )
        return source
    used = set(where.values())
    for index, column in enumerate(names):
        if column and index not in used:
            source.notes.append(
                Note(name, header_row, Category.UNREAD, f"column {column!r} not read")
            )
    for field, index in sorted(where.items()):
        source.notes.append(
            Note(name, header_row, Category.MAPPED, f"column {names[index]!r} read as {field}")
        )

    def get(cells: list[Cell], field: str) -> Cell:
        index = where.get(field)
        return cells[index] if index is not None and index < len(cells) else None

    kinds = {value: kind for kind, values in layout.types.items() for value in values}
    records: list[Record] = []
    for number, cells in rows[1:]:
        if all(c is None for c in cells):
            continue
        values = {field: get(cells, field) for field in where}
        title = _text(values.get("title"))
        if title is None:
            source.notes.append(Note(name, number, Category.UNREAD, "row without a title not read"))
            continue
        kind_text = (_text(values.get("type")) or "").lower()
        if "type" not in where:
            kind = "objective" if _text(values.get("parent")) is None else "key_result"
        else:
            kind = kinds.get(kind_text, "")
        if not kind:
            source.notes.append(
                Note(
                    name,
                    number,
                    Category.UNREAD,
                    f"type {kind_text!r} is not an objective or key result: row not read",
                )
            )
            continue
        records.append((number, kind, values))
    _link(source, records, name, layout)
    return source


def _link(source: Source, records: list[Record], name: str, layout: Layout) -> None:
    """Items for the records, parents resolved by id or title; findings for what cannot be."""
    by_ref, by_title = _references(source, records, name, layout)
    _flag_same_titles(source, records, by_title, name, layout)
    parents = _parents(source, records, by_ref, by_title, name, layout)
    _flag_cycles(source, records, parents, name)
    if any(n.category == Category.ERROR for n in source.notes):
        return
    chosen = _choose_parents(source, records, parents, name)
    keys = {position: key for key, (position, _) in enumerate(chosen)}
    for position, parent in chosen:
        number, kind, values = records[position]
        item = _item(
            source,
            number,
            kind,
            values,
            name,
            layout,
            keys[position],
            keys.get(parent) if parent is not None else None,
        )
        if item is not None:
            source.items.append(item)
    if any(n.category == Category.ERROR for n in source.notes):
        source.items.clear()


def _references(
    source: Source, records: list[Record], name: str, layout: Layout
) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Records by id (an error for an id used twice), and objectives by title and period."""
    by_ref: dict[str, int] = {}
    by_title: dict[str, list[int]] = {}
    for position, (number, kind, values) in enumerate(records):
        ref = _text(values.get("ref")) if kind == "objective" or not layout.owner_is_id else None
        if ref is not None:
            if ref in by_ref:
                other = records[by_ref[ref]][0]
                source.notes.append(
                    Note(name, number, Category.ERROR, f"id {ref!r} is also the id of row {other}")
                )
            by_ref.setdefault(ref, position)
        if kind == "objective":
            title = _text(values.get("title")) or ""
            key = f"{title.lower()}\x00{(_text(values.get('period')) or '').lower()}"
            by_title.setdefault(key, []).append(position)
    return by_ref, by_title


def _flag_same_titles(
    source: Source,
    records: list[Record],
    by_title: dict[str, list[int]],
    name: str,
    layout: Layout,
) -> None:
    """An error for each objective whose title another has in the same period (without ids)."""
    for positions in by_title.values():
        if len(positions) > 1 and not layout.owner_is_id:  # with ids, titles may repeat
            rows = ", ".join(str(records[p][0]) for p in positions)
            for p in positions:
                source.notes.append(
                    Note(
                        name,
                        records[p][0],
                        Category.ERROR,
                        f"objectives in rows {rows} have the same title in the "
                        "same period: rename one (their ids would clash)",
                    )
                )


def _parents(
    source: Source,
    records: list[Record],
    by_ref: dict[str, int],
    by_title: dict[str, list[int]],
    name: str,
    layout: Layout,
) -> dict[int, int | None]:
    """Each record's parent record, by id or title; errors for what names none or several."""
    titles: dict[str, list[int]] = {}
    for key, positions in by_title.items():
        titles.setdefault(key.split("\x00")[0], []).extend(positions)
    parents: dict[int, int | None] = {}
    for position, (number, kind, values) in enumerate(records):
        field = "kr_parent" if kind != "objective" and "kr_parent" in layout.columns else "parent"
        reference = _text(values.get(field))
        if reference is None:
            parents[position] = None
            continue
        found = by_ref.get(reference)
        if found is None:
            period = (_text(values.get("period")) or "").lower()
            matches = by_title.get(f"{reference.lower()}\x00{period}") or titles.get(
                reference.lower(), []
            )
            if len(matches) > 1:
                source.notes.append(
                    Note(
                        name,
                        number,
                        Category.ERROR,
                        f"parent {reference!r}: several objectives have this title",
                    )
                )
                continue
            found = matches[0] if matches else None
        if found is None:
            source.notes.append(
                Note(name, number, Category.ERROR, f"parent {reference!r} is in no row")
            )
            continue
        parents[position] = found
    return parents


def _flag_cycles(
    source: Source, records: list[Record], parents: dict[int, int | None], name: str
) -> None:
    """An error for each record whose parents lead back to it (walked iteratively)."""
    for start in parents:
        seen: list[int] = []
        current: int | None = start
        while current is not None and current not in seen:
            seen.append(current)
            current = parents.get(current)
        if current is not None and current == start:
            rows = " -> ".join(str(records[p][0]) for p in [*seen, start])
            source.notes.append(
                Note(name, records[start][0], Category.ERROR, f"parents form a cycle: rows {rows}")
            )


def _objective_above(
    records: list[Record], parents: dict[int, int | None], parent: int | None
) -> int | None:
    """`parent`, or the nearest objective above it when it is a key result."""
    while parent is not None and records[parent][1] != "objective":
        parent = parents.get(parent)
    return parent


def _choose_parents(
    source: Source, records: list[Record], parents: dict[int, int | None], name: str
) -> list[tuple[int, int | None]]:
    """(position, parent position) of the records read: parents moved up to objectives."""
    chosen: list[tuple[int, int | None]] = []
    for position, (number, kind, _values) in enumerate(records):
        parent = parents.get(position)
        if kind != "objective":
            # a key result belongs to the nearest objective above it
            parent = _objective_above(records, parents, parent)
            if parent is None:
                source.notes.append(
                    Note(
                        name,
                        number,
                        Category.UNREAD,
                        "key result with no objective above it: row not read",
                    )
                )
                continue
        elif parent is not None and records[parent][1] != "objective":
            parent = _objective_above(records, parents, parent)
            source.notes.append(
                Note(
                    name,
                    number,
                    Category.GUESSED,
                    "aligned to a key result: supports that key result's objective",
                )
            )
        chosen.append((position, parent))
    return chosen


def _names(value: Cell, layout: Layout) -> tuple[str, ...]:
    """Unit names from a cell listing them (okrctl's export: ids separated by spaces)."""
    text = _text(value) or ""
    names = text.replace(",", " ").split() if layout.owner_is_id else text.split(",")
    if layout.owner_is_id:
        return tuple(n.replace("-", " ").title() for n in names)
    return tuple(n.strip() for n in names if n.strip())


_NUMBER_FIELDS = ("baseline", "target", "current", "weight", "confidence", "score", "progress")
_Noter = Callable[[Category, str], None]


def _item(
    source: Source,
    number: int,
    kind: str,
    values: dict[str, Cell],
    name: str,
    layout: Layout,
    key: int,
    parent: int | None,
) -> Item | None:
    def note(category: Category, message: str) -> None:
        source.notes.append(Note(name, number, category, message))

    title = _text(values.get("title")) or ""
    status = (_text(values.get("status")) or "").lower()
    dropped = status in _DROPPED
    numbers = _numbers(values, note)
    if numbers is None:
        return None
    owner = _text(values.get("owner"))
    owner_name = _text(values.get("owner_name"))
    unit = _text(values.get("unit"))
    if layout.owner_is_id:
        owner_name = owner.replace("-", " ").title() if owner else None
        unit = unit.replace("-", " ").title() if unit else None
    measured = _measure(kind, title, values, numbers, note)
    if measured is None:
        return None
    measure, milestone = measured
    done = _done(milestone, status, values, numbers, layout)
    graded = (_text(values.get("graded")) or "").lower()
    score = numbers["score"] if "graded" not in layout.columns or graded == "true" else None
    _note_status(status, dropped, note)
    kr_id = _text(values.get("key_result"))
    item_kind: Kind = "objective" if kind == "objective" else "key_result"
    identifier = _text(values.get("id")) if item_kind == "objective" else kr_id
    return Item(
        key=key,
        kind=item_kind,
        title=title,
        file=name,
        line=number,
        parent=parent,
        period=_text(values.get("period")),
        period_start=_date(values.get("period_start")),
        period_end=_date(values.get("period_end")),
        unit=unit,
        owner=owner,
        owner_name=owner_name,
        description=_text(values.get("description")),
        dropped=dropped,
        dropped_reason=(
            _text(values.get("dropped_reason")) or f"Status was {status!r} in the source"
        )
        if dropped
        else None,
        contributors=_names(values.get("contributors"), layout),
        done=done,
        measure=measure,
        current=numbers["current"] if measure else None,
        id=identifier,
        level=_text(values.get("level")),
        type=_text(values.get("objective_type")),
        metric=_text(values.get("metric")),
        weight=numbers["weight"],
        confidence=numbers["confidence"],
        score=score,
        carried_from=_text(values.get("carried_from")),
        milestone=milestone,
    )


def _numbers(values: dict[str, Cell], note: _Noter) -> dict[str, float | None] | None:
    """The row's numeric fields; None (and an error) when one is not a number."""
    numbers: dict[str, float | None] = {}
    for field in _NUMBER_FIELDS:
        value = _number(values.get(field))
        if isinstance(value, str):
            note(Category.ERROR, f"{field} {value!r} is not a number")
            return None
        numbers[field] = value
    return numbers


def _measure(
    kind: str,
    title: str,
    values: dict[str, Cell],
    numbers: dict[str, float | None],
    note: _Noter,
) -> tuple[Measure | None, bool] | None:
    """The key result's measure and whether it is a milestone; None (and an error) when the
    start value and the target are the same."""
    milestone = kind == "initiative" or (_text(values.get("kind")) or "").lower() == "milestone"
    target = numbers["target"]
    if kind != "objective" and not milestone and target is not None:
        baseline = numbers["baseline"]
        if baseline is not None and baseline == target:
            note(Category.ERROR, f"start value and target are both {target:g}: nothing to measure")
            return None
        unit_of_measure = _text(values.get("unit_of_measure"))
        if unit_of_measure is None:
            unit_of_measure = "count"
            note(Category.GUESSED, "no unit of measure: 'count'")
        direction = _direction(title, values, numbers, target, note)
        return Measure(target, unit_of_measure[:40], baseline, direction), milestone  # type: ignore[arg-type]
    if kind != "objective":
        milestone = True
        if kind == "initiative":
            note(Category.GUESSED, "initiative read as a milestone key result")
        elif (_text(values.get("kind")) or "").lower() != "milestone":
            note(Category.GUESSED, "no target: read as a milestone")
    return None, milestone


def _direction(
    title: str,
    values: dict[str, Cell],
    numbers: dict[str, float | None],
    target: float,
    note: _Noter,
) -> str | None:
    """The direction given, or guessed (and noted) when there is no start value."""
    given = (_text(values.get("direction")) or "").lower()
    direction = given if given in ("increase", "decrease") else None
    if numbers["baseline"] is not None:
        return None  # implied by the start value and the target
    if direction is not None:
        return direction
    current = numbers["current"]
    said = read_numbers(title).measure
    if said is not None and said.direction is not None:
        direction, why = said.direction, "as the title says"
    elif current is not None and current != target:
        direction = "decrease" if current > target else "increase"
        why = "from the current value"
    else:
        direction, why = "increase", "by default"
    note(Category.GUESSED, f"no start value: baseline unknown, direction {direction} ({why})")
    return direction


def _done(
    milestone: bool,
    status: str,
    values: dict[str, Cell],
    numbers: dict[str, float | None],
    layout: Layout,
) -> bool | None:
    """Whether a milestone is done: True, False, or None when unknown."""
    if not milestone:
        return None
    done_text = (_text(values.get("done")) or "").lower()
    not_measured = (
        layout.owner_is_id
        and _text(values.get("score")) is None
        and (_text(values.get("graded")) or "").lower() != "true"
    )  # okrctl's export writes `done: false` for a milestone nobody has reported on yet
    if not_measured and done_text != "true":
        return None
    if done_text in ("true", "yes", "1", "x"):
        return True
    if done_text in ("false", "no", "0"):
        return False
    if status in _DONE or numbers["progress"] == 100:
        return True
    return None


def _note_status(status: str, dropped: bool, note: _Noter) -> None:
    if dropped:
        note(Category.MAPPED, f"status {status!r} read as dropped")
    elif status not in _DONE + _ACTIVE:
        note(Category.UNREAD, f"status {status!r} not imported: okrctl scores from the values")
