"""Reading a spreadsheet file into rows of cells: CSV and XLSX, within fixed limits.

CSV is read with the csv module (UTF-8 only), its separator (`,`, `;` or a tab) guessed from the
header line; with `;`, a comma is the decimal mark. XLSX is measured and mapped first
(`workbook`: sizes, expansion, XML elements, the sheets and their states, the chosen sheet's
extent, merged ranges and formulas), then read with openpyxl in read-only mode with cached
values (`data_only`), so a formula is never evaluated: its last saved value is read, and one with
none is reported cell by cell. The first visible sheet is read, or the one `--sheet` names;
hidden sheets are skipped and reported. A merged range's value is given to every cell it covers
(as a spreadsheet shows it), reported row by row. Rows are numbered as a spreadsheet shows them
(the header is row 1). `table` reads the rows as objectives and key results.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from okrctl.adopt import workbook
from okrctl.adopt.inputs import decode, read_bytes
from okrctl.adopt.records import Category, Note
from okrctl.adopt.row import Cell
from okrctl.errors import UsageError

MAX_BYTES = 20 * 1024 * 1024
"""Largest spreadsheet read (20 MiB)."""
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL = 20_000
MAX_MERGED = 100_000
"""Cells of merged ranges given their first cell's value."""
Row = tuple[int, list[Cell]]


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


def _decimal_comma(cell: Cell) -> Cell:
    """In a `;`-separated file a comma is the decimal mark: "1.234,5" is 1234.5."""
    if isinstance(cell, str) and _DECIMAL_COMMA.fullmatch(cell.strip()):
        return float(cell.strip().replace(".", "").replace(",", "."))
    return cell


_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # a compression method zipfile does not have
    RuntimeError,  # an encrypted part
    EOFError,
    zlib.error,
    OSError,
    KeyError,
    ValueError,
)


def read_xlsx(path: Path, name: str, wanted: str | None = None) -> tuple[list[Row], list[Note]]:
    """The rows of the workbook's first visible sheet, or of the sheet `wanted` (a UsageError
    when it has none of that name); nothing but findings when it is larger than okrctl reads."""
    data, notes = read_bytes(path, name, MAX_BYTES)
    if data is None:
        return [], notes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook.measure(archive)
            listed = workbook.sheets(archive)
            chosen, notes = choose_sheet(listed, wanted, name)
            if chosen is None:
                return [], notes
            layout = workbook.layout(archive, chosen, MAX_ROWS, MAX_COLUMNS)
    except workbook.Refused as refused:
        return [], [Note(name, refused.row, Category.ERROR, refused.message)]
    except _ZIP_ERRORS as exc:
        return [], [Note(name, 1, Category.ERROR, f"not a readable XLSX workbook: {exc}")]
    rows, more = _values(data, name, [s.name for s in listed], chosen.name, layout)
    if rows is None:
        return [], more
    return rows, [*notes, *more, *merge(rows, layout, name), *_uncached(layout, name)]


def _values(
    data: bytes, name: str, names: list[str], sheet: str, layout: workbook.Layout
) -> tuple[list[Row] | None, list[Note]]:
    """The cells of `sheet` up to its last value, read by openpyxl (only after `workbook`
    measured the file and mapped the sheet); None and a finding when openpyxl cannot."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except (InvalidFileException, *_ZIP_ERRORS) as exc:
        return None, [Note(name, 1, Category.ERROR, f"not a readable XLSX workbook: {exc}")]
    rows: list[Row] = []
    try:
        if book.sheetnames != names:  # the sheet mapped is not the one openpyxl would read
            message = "not a readable XLSX workbook: its sheets are listed in two ways"
            return None, [Note(name, 1, Category.ERROR, message)]
        if layout.last_row == 0:
            return rows, []
        found = book[sheet]
        for number, values in enumerate(
            found.iter_rows(
                min_row=1,
                max_row=layout.last_row,
                min_col=1,
                max_col=layout.last_column,
                values_only=True,
            ),
            start=1,
        ):
            rows.append((number, [_blank(_cell(v)) for v in values]))
    except (*_ZIP_ERRORS, IndexError, TypeError) as exc:
        return None, [
            Note(name, len(rows) + 1, Category.ERROR, f"not a readable XLSX workbook: {exc}")
        ]
    finally:
        book.close()
    return rows, []


def _blank(cell: Cell) -> Cell:
    return None if isinstance(cell, str) and not cell.strip() else cell


def choose_sheet(
    listed: list[workbook.Sheet], wanted: str | None, name: str
) -> tuple[workbook.Sheet | None, list[Note]]:
    """The sheet to read (`--sheet`'s, else the first visible one) and a line for each other
    sheet: a hidden one is skipped and said to be; a UsageError for a `--sheet` that names none."""
    tables = [s for s in listed if not s.chart]
    chosen = (
        _named(tables, wanted, name)
        if wanted is not None
        else next((s for s in tables if s.state == "visible"), None)
    )
    notes = []
    for sheet in listed:
        if sheet != chosen:
            notes.append(Note(name, 1, Category.UNREAD, _not_read(sheet, wanted)))
        elif sheet.state != "visible":
            message = f"sheet {sheet.name!r} is hidden ({sheet.state}): read, as --sheet asks"
            notes.append(Note(name, 1, Category.MAPPED, message))
    if chosen is None:
        message = "no visible sheet to read: choose one with --sheet NAME"
        notes.append(Note(name, 1, Category.ERROR, message))
    return chosen, notes


def _named(tables: list[workbook.Sheet], wanted: str, name: str) -> workbook.Sheet:
    """The sheet called `wanted` (its case aside when no name matches exactly)."""
    for same in (str, str.casefold):
        for sheet in tables:
            if same(sheet.name) == same(wanted):
                return sheet
    shown = ", ".join(
        repr(s.name) + ("" if s.state == "visible" else f" ({s.state})") for s in tables
    )
    raise UsageError(f"--sheet {wanted!r}: {name} has no such sheet; its sheets: {shown or 'none'}")


def _not_read(sheet: workbook.Sheet, wanted: str | None) -> str:
    """Why a sheet is not read."""
    if sheet.state != "visible":
        shown = repr(sheet.name)
        return f"sheet {shown} is hidden ({sheet.state}): skipped (--sheet {shown} reads it)"
    if sheet.chart:
        return f"sheet {sheet.name!r} is a chart: not read"
    if wanted is not None:
        return f"sheet {sheet.name!r} not read (--sheet chose another)"
    return f"sheet {sheet.name!r} not read (only the first visible sheet is; --sheet NAME chooses)"


def merge(rows: list[Row], layout: workbook.Layout, name: str) -> list[Note]:
    """Give each cell of a merged range the value of its first cell (what a spreadsheet shows
    in all of them), with a line for each row changed; an error past `MAX_MERGED` cells."""
    by_number = dict(rows)
    notes: list[Note] = []
    covered = 0
    for area in layout.merged:
        origin = by_number.get(area.top)
        value = origin[area.left - 1] if origin and area.left <= len(origin) else None
        if value is None:
            continue
        bottom, right = min(area.bottom, layout.last_row), min(area.right, layout.last_column)
        covered += max(bottom - area.top + 1, 0) * max(right - area.left + 1, 0)
        if covered > MAX_MERGED:
            message = f"merged cells cover more than {MAX_MERGED:,} cells: unmerge them"
            return [Note(name, area.top, Category.ERROR, message)]
        first = workbook.cell_name(area.top, area.left)
        for number in range(area.top, bottom + 1):
            cells = by_number.get(number)
            columns = [
                c for c in range(area.left, right + 1) if (number, c) != (area.top, area.left)
            ]
            if cells is None or not columns:
                continue
            for column in columns:
                cells[column - 1] = value
            shown = workbook.cell_name(number, columns[0])
            if len(columns) > 1:
                shown += ":" + workbook.cell_name(number, columns[-1])
            notes.append(
                Note(
                    name,
                    number,
                    Category.MAPPED,
                    f"cell {shown} is merged with {first}: read as its value",
                )
            )
    return notes


def _uncached(layout: workbook.Layout, name: str) -> list[Note]:
    """A line for each formula with no saved value (openpyxl never computes one)."""
    advice = "open the workbook in a spreadsheet program and save it, so that its values are saved"
    notes = [
        Note(
            name,
            row,
            Category.UNREAD,
            f"cell {workbook.cell_name(row, column)} holds a formula with no saved value: "
            f"read as empty ({advice})",
        )
        for row, column in layout.uncached
    ]
    if layout.more_uncached:
        row = layout.uncached[-1][0]
        message = f"{layout.more_uncached} more formulas with no saved value, read as empty"
        notes.append(Note(name, row, Category.UNREAD, message))
    return notes


def read_rows(path: Path, name: str, sheet: str | None = None) -> tuple[list[Row], list[Note]]:
    """The file's rows (a workbook's first visible sheet, or `sheet`) and findings."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, name, sheet)
    if sheet is not None:
        raise UsageError(f"--sheet {sheet!r}: {name} is CSV, which has no sheets")
    return read_csv(path, name)
