"""An XLSX workbook measured and mapped before openpyxl reads any of it.

openpyxl keeps every shared string of a workbook in memory, with an XML element for each: a
file of a few megabytes that expands to gigabytes took as much memory and ended in a
MemoryError. So, before openpyxl opens it, the archive is measured: the number of parts, each
part's uncompressed size as the zip states it (zipfile never returns more than that size, and a
part that holds more fails its checksum) and its ratio to the compressed size, then every part is
streamed through expat (the parser openpyxl uses) in small pieces, counting its XML elements
against one budget for the workbook and refusing a document type declaration (Excel writes
none, and entity expansion needs one).

The sheets are found the way openpyxl finds them (the workbook part the content types name, its
`sheet` elements and their relationships), with their states: `visible`, `hidden` or
`veryHidden`. The sheet to read is streamed once more, for what openpyxl's read-only mode does
not say: where its values are (rows and columns, capped), its merged ranges and its formulas
with no saved value. Nothing here raises for a bad workbook: `Refused` carries the finding (and
its row) to `measure`, `sheets` and `layout`'s callers.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple
from xml.parsers import expat

from openpyxl.xml.constants import (
    ARC_CONTENT_TYPES,
    ARC_WORKBOOK,
    XLSM,
    XLSX,
    XLTM,
    XLTX,
)

MIB = 1024 * 1024
MAX_PART_BYTES = 32 * MIB
"""Largest part (uncompressed) of a workbook read."""
MAX_TOTAL_BYTES = 64 * MIB
"""Largest sum of the parts' uncompressed sizes."""
MAX_RATIO = 100
"""Largest ratio of a part's uncompressed size to its compressed size (Apache POI's bound)..."""
RATIO_FROM = MIB
"""...for parts larger than this (a small part may compress far better)."""
MAX_PARTS = 1_000
MAX_ELEMENTS = 2_000_000
"""XML elements in all the parts: openpyxl's memory grows with them (about 100 bytes each)."""
MAX_CELLS = 1_000_000
"""Cells in the sheet read."""
MAX_SHEETS = 1_000
MAX_LISTED = 1_000
"""Merged ranges and formulas without a value reported (one line each) in the sheet read."""
_CHUNK = 64 * 1024
_WORKBOOK_TYPES = (XLSX, XLSM, XLTX, XLTM)
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


class Refused(Exception):
    """The workbook is not read: `message` says why, at spreadsheet row `row`."""

    def __init__(self, message: str, row: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


class Sheet(NamedTuple):
    """A sheet as the workbook lists it: its name, state and part (None when it has none)."""

    name: str
    state: str
    part: str | None
    chart: bool = False


class Area(NamedTuple):
    """A rectangle of cells, 1-based and inclusive."""

    top: int
    left: int
    bottom: int
    right: int


@dataclass
class Layout:
    """What openpyxl's read-only mode does not say about a sheet."""

    last_row: int = 0
    """The last row holding a value (or a formula)."""
    last_column: int = 0
    """The last column holding a value, within `max_columns`."""
    merged: list[Area] = field(default_factory=list)
    uncached: list[tuple[int, int]] = field(default_factory=list)
    """(row, column) of each formula with no saved value, the first `MAX_LISTED` of them."""
    more_uncached: int = 0
    """Formulas with no saved value past those listed."""


def _size(size: int) -> str:
    """A size as people read it: `33 MiB`, `12 KiB`, `700 bytes`."""
    if size >= MIB:
        return f"{size // MIB} MiB"
    return f"{size // 1024} KiB" if size >= 1024 else f"{size} bytes"


def column_name(column: int) -> str:
    """1 -> A, 28 -> AB."""
    name = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def cell_name(row: int, column: int) -> str:
    return f"{column_name(column)}{row}"


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _local(name: str) -> str:
    """An element or attribute name without its namespace (expat writes `uri}local`)."""
    return name.rpartition("}")[2]


class _Budget:
    """The XML elements left to read in the whole workbook."""

    def __init__(self) -> None:
        self.left = MAX_ELEMENTS

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise Refused(
                f"the workbook holds more than {MAX_ELEMENTS:,} XML elements, more than "
                "okrctl reads: save the OKR sheet alone in a new workbook, or as CSV"
            )


_Start = Callable[[str, dict[str, str]], None]
_End = Callable[[str], None]


def _stream(
    archive: zipfile.ZipFile,
    part: str,
    budget: _Budget,
    start: _Start | None = None,
    end: _End | None = None,
    text: _End | None = None,
) -> None:
    """Parse `part` in pieces, each element counted against `budget`, with `start` and `end`
    called with local names (and `text` with character data); a part that is not XML (or stops
    being XML) is read up to there, where openpyxl's parser, expat too, would stop."""
    parser = expat.ParserCreate(namespace_separator="}")

    def on_start(name: str, attributes: dict[str, str]) -> None:
        budget.spend()
        if start is not None:
            start(_local(name), {_local(k): v for k, v in attributes.items()})

    def on_doctype(*_: object) -> None:
        raise Refused(
            f"part {part} declares a document type, which no spreadsheet program writes: "
            "okrctl does not read this workbook"
        )

    parser.StartElementHandler = on_start
    if end is not None:
        parser.EndElementHandler = lambda name: end(_local(name))
    if text is not None:
        parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = on_doctype
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return


def measure(archive: zipfile.ZipFile) -> None:
    """Refused when the workbook is larger than okrctl reads, in any of its measures."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise Refused(f"the workbook has {len(parts):,} parts; okrctl reads at most {MAX_PARTS:,}")
    total = 0
    for info in parts:
        size = info.file_size
        total += size
        if size > MAX_PART_BYTES:
            raise Refused(
                f"part {info.filename} is {_size(size)} uncompressed; okrctl reads parts of at "
                f"most {_size(MAX_PART_BYTES)}: save the OKR sheet alone, or as CSV"
            )
        if size > RATIO_FROM and size > MAX_RATIO * max(info.compress_size, 1):
            raise Refused(
                f"part {info.filename} expands {size // max(info.compress_size, 1):,} times "
                f"when uncompressed; okrctl reads parts that expand at most {MAX_RATIO} times"
            )
    if total > MAX_TOTAL_BYTES:
        raise Refused(
            f"the workbook is {_size(total)} uncompressed; okrctl reads at most "
            f"{_size(MAX_TOTAL_BYTES)}: save the OKR sheet alone, or as CSV"
        )
    budget = _Budget()
    for info in parts:
        if not info.is_dir():
            _stream(archive, info.filename, budget)


def sheets(archive: zipfile.ZipFile) -> list[Sheet]:
    """The workbook's sheets in order, as openpyxl lists them (call `measure` first)."""
    budget = _Budget()  # the parts were counted by `measure`: this only guards the lists
    workbook = _workbook_part(archive, budget)
    found: list[tuple[str, str, str | None]] = []

    def on_sheet(name: str, attributes: dict[str, str]) -> None:
        if name == "sheet":
            if len(found) >= MAX_SHEETS:
                raise Refused(f"the workbook has more than {MAX_SHEETS} sheets")
            state = attributes.get("state", "visible")
            found.append((attributes.get("name", ""), state, attributes.get("id")))

    _stream(archive, workbook, budget, on_sheet)
    targets = _relationships(archive, workbook, {rid for _, _, rid in found if rid}, budget)
    names = set(archive.namelist())
    listed = []
    for name, state, rid in found:
        target = targets.get(rid) if rid else None
        if target is None or target[0] not in names:
            continue  # openpyxl skips a sheet with no part too
        listed.append(Sheet(name, state, target[0], chart="chartsheet" in target[1]))
    return listed


def _workbook_part(archive: zipfile.ZipFile, budget: _Budget) -> str:
    """The workbook part's name, as openpyxl finds it from the content types."""
    overrides: list[str] = []
    defaults: set[str] = set()

    def on_type(name: str, attributes: dict[str, str]) -> None:
        kind = attributes.get("ContentType", "")
        if kind in _WORKBOOK_TYPES:
            if name == "Override" and "PartName" in attributes:
                overrides.append(attributes["PartName"])
            elif name == "Default":
                defaults.add(kind)

    try:
        _stream(archive, ARC_CONTENT_TYPES, budget, on_type)
    except KeyError:
        raise Refused("not an XLSX workbook: it has no [Content_Types].xml") from None
    if overrides:
        return overrides[0].lstrip("/")
    if defaults:
        return ARC_WORKBOOK
    raise Refused("not an XLSX workbook: it names no workbook part")


def _relationships(
    archive: zipfile.ZipFile, part: str, wanted: set[str], budget: _Budget
) -> dict[str, tuple[str, str]]:
    """Relationship id -> (target part, type) of `part`'s relationships among `wanted`,
    targets resolved as openpyxl resolves them."""
    folder, file = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{file}.rels")
    found: dict[str, tuple[str, str]] = {}

    def on_relationship(name: str, attributes: dict[str, str]) -> None:
        rid = attributes.get("Id", "")
        if name == "Relationship" and rid in wanted and attributes.get("TargetMode") != "External":
            target = attributes.get("Target", "")
            if target.startswith("/"):
                target = target[1:]
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            found.setdefault(rid, (target, attributes.get("Type", "")))

    if rels in archive.namelist():
        _stream(archive, rels, budget, on_relationship)
    return found


class _Reading:
    """The state of one pass over a sheet's XML (`layout`)."""

    def __init__(self, max_rows: int, max_columns: int) -> None:
        self.max_rows, self.max_columns = max_rows, max_columns
        self.layout = Layout()
        self.row = 0
        self.column = 0
        self.cells = 0
        self.formula = self.value = self.in_value = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "row":
            self.row = _number(attributes.get("r"), self.row + 1)
            self.column = 0
        elif name == "c":
            self._cell(attributes.get("r"))
        elif name == "f":
            self.formula = True
        elif name == "v":  # openpyxl writes `<v></v>` for a formula it did not compute
            self.in_value = True
        elif name == "is":
            self.value = True
        elif name == "mergeCell":
            self._merge(attributes.get("ref", ""))

    def _cell(self, reference: str | None) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise Refused(f"more than {MAX_CELLS:,} cells: split the file", self.row)
        if reference is None:
            self.column += 1
        else:
            found = _CELL_REF.fullmatch(reference)
            if found is None:
                raise Refused(f"not a readable XLSX workbook: cell {reference!r}", self.row)
            self.column, self.row = _column_number(found[1]), int(found[2])
        self.formula = self.value = False

    def text(self, data: str) -> None:
        if self.in_value and data.strip():
            self.value = True

    def end(self, name: str) -> None:
        if name == "v":
            self.in_value = False
        if name != "c":
            return
        layout = self.layout
        if self.formula and not self.value:
            if len(layout.uncached) < MAX_LISTED:
                layout.uncached.append((self.row, self.column))
            else:
                layout.more_uncached += 1
        if not (self.value or self.formula):
            return
        if self.row > self.max_rows + 1:
            raise Refused(f"more than {self.max_rows} rows: split the file", self.row)
        if self.column > self.max_columns:
            raise Refused(f"more than {self.max_columns} columns", self.row)
        layout.last_row = max(layout.last_row, self.row)
        layout.last_column = max(layout.last_column, self.column)

    def _merge(self, reference: str) -> None:
        corners = reference.split(":")
        found = [_CELL_REF.fullmatch(c) for c in corners]
        if len(corners) != 2 or not all(found):
            return  # openpyxl does not read merged ranges in read-only mode: nothing to undo
        (top, left), (bottom, right) = [(int(m[2]), _column_number(m[1])) for m in found if m]
        if len(self.layout.merged) >= MAX_LISTED:
            raise Refused(f"more than {MAX_LISTED:,} merged ranges: unmerge the cells")
        self.layout.merged.append(
            Area(min(top, bottom), min(left, right), max(top, bottom), max(left, right))
        )


def _number(text: str | None, default: int) -> int:
    if text is None:
        return default
    if not text.isdigit() or len(text) > 7:
        raise Refused(f"not a readable XLSX workbook: row {text!r}", default)
    return int(text)


def layout(archive: zipfile.ZipFile, sheet: Sheet, max_rows: int, max_columns: int) -> Layout:
    """Where the sheet's values are, its merged ranges and its formulas with no saved value;
    Refused when it holds more rows, columns or cells than okrctl reads."""
    reading = _Reading(max_rows, max_columns)
    if sheet.part is not None:
        _stream(archive, sheet.part, _Budget(), reading.start, reading.end, reading.text)
    return reading.layout
