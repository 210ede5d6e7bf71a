"""Reading a spreadsheet file into rows of cells: CSV and XLSX, within fixed limits.

CSV is read with the csv module (UTF-8 only), its separator (`,`, `;` or a tab) guessed from the
header line; with `;`, a comma is the decimal mark. XLSX is read with openpyxl in read-only mode
with cached values (`data_only`), so a formula is never evaluated: its last saved value is read,
or nothing; only the first sheet is read. Rows are numbered as a spreadsheet shows them (the
header is row 1). `table` reads the rows as objectives and key results.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from okrctl.adopt.inputs import decode, read_bytes
from okrctl.adopt.records import Category, Note
from okrctl.adopt.row import Cell

MAX_BYTES = 20 * 1024 * 1024
"""Largest spreadsheet read (20 MiB)."""
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL = 20_000
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
