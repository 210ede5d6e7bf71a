"""Reading a key result's metric source: a CSV or JSON file in the repository, or a command.

`read` returns the value, or a `Problem` naming the source's field at fault (the caller places it
at that field's line). Nothing here raises for a bad source: a missing file, a missing column, a
cell that is not a number, a command that fails or hangs are all problems.

Commands run only from here (`okrctl sync`), never from `check` or `build`, and only those that
okrctl.yaml lists (`okrctl.sources.listed`), confined as `okrctl.sources.process` says:
no shell, a stripped environment, stopped after `timeout` seconds or too much output.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from okrctl import codes, paths
from okrctl.model import MetricSource
from okrctl.sources import process
from okrctl.sources.process import MAX_STDOUT

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest metric file read."""

FILE_PROBLEM = codes.SOURCE_FILE.code
"""The source file is missing, unreadable, outside the repository or not valid CSV/JSON."""
FIELD_PROBLEM = codes.SOURCE_FIELD.code
"""The column, key or `where` field is not in the file."""
VALUE_PROBLEM = codes.SOURCE_VALUE.code
"""A value is not a number, or no row matches."""
LATER_CHECKIN = codes.LATER_CHECKIN.code
"""A later check-in exists: sync records no earlier value (a warning)."""
COMMAND_PROBLEM = codes.SOURCE_COMMAND.code
"""The command could not run, failed, timed out or printed something other than a value."""


class Problem(NamedTuple):
    """Why a source gave no value: a code, the source's field at fault, and a message."""

    code: str
    field: str
    message: str


Value = float | bool


def _number(raw: object) -> float | bool | None:
    """A cell or JSON value as a number (or a boolean); None when it is not one."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        try:
            value = float(raw)  # an int from JSON may be too large for a float
        except OverflowError:
            return None
        return value if math.isfinite(value) else None
    if isinstance(raw, str):
        text = raw.strip()
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        try:
            value = float(text)
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    return None


def aggregate(values: Sequence[float | bool], how: str, rows: int) -> float | bool | None:
    """The values combined as `how` says; None when the result is not a finite number (a sum
    of huge values overflows)."""
    try:
        result = _combine(values, how, rows)
    except OverflowError:
        return None
    if isinstance(result, bool) or math.isfinite(result):
        return result
    return None


def _aggregated(source: MetricSource, values: Sequence[float | bool], rows: int) -> Value | Problem:
    result = aggregate(values, source.aggregate, rows)
    if result is None:
        return Problem(
            VALUE_PROBLEM,
            "column",
            f"the {source.aggregate} of {source.column} in {source.path} is too large to be a "
            "number",
        )
    return result


def _combine(values: Sequence[float | bool], how: str, rows: int) -> float | bool:
    if how == "count":
        return float(rows)
    if how == "last":
        return values[-1]
    if how == "first":
        return values[0]
    numbers = [float(v) for v in values]
    if how == "sum":
        return math.fsum(numbers)
    if how == "mean":
        return math.fsum(n / len(numbers) for n in numbers)  # no overflow on huge values
    return max(numbers) if how == "max" else min(numbers)


def _records(
    source: MetricSource, records: list[dict[str, Any]], labels: Sequence[str]
) -> Value | Problem:
    """Filter records with `where`, pick `column`, aggregate. `labels` say where each record is
    (`line 3`, `record 2`)."""
    problem = _missing_where(source, records)
    if problem is not None:
        return problem
    matching = [
        (label, r)
        for label, r in zip(labels, records, strict=True)
        if all(str(r.get(k, "")).strip() == v for k, v in source.where.items())
    ]
    if not matching:
        return Problem(VALUE_PROBLEM, "where" if source.where else "path", "no rows to read")
    if source.aggregate == "count":
        return float(len(matching))
    column = source.column or ""
    values = _column_values(source, column, matching)
    if isinstance(values, Problem):
        return values
    if not values:
        return Problem(VALUE_PROBLEM, "column", f"column {column!r} has no values")
    return _aggregated(source, values, len(matching))


def _missing_where(source: MetricSource, records: list[dict[str, Any]]) -> Problem | None:
    """A `where` key that no record has (a typo, not a filter that matches nothing)."""
    for key in source.where:
        if records and all(key not in record for record in records):
            return Problem(FIELD_PROBLEM, "where", f"no field {key!r} in {source.path}")
    return None


def _column_values(
    source: MetricSource, column: str, matching: list[tuple[str, dict[str, Any]]]
) -> list[Value] | Problem:
    """The column's values in the matching records, empty cells left out; the problem when no
    record has the column or a cell is not a number."""
    if all(column not in record for _, record in matching):
        known = sorted({key for _, record in matching for key in record})[:20]
        return Problem(
            FIELD_PROBLEM,
            "column",
            f"no column {column!r} in {source.path}; it has: {', '.join(known) or 'none'}",
        )
    values: list[Value] = []
    for label, record in matching:
        raw = record.get(column)
        if raw is None or raw == "":
            continue  # an empty cell: nothing measured that day
        value = _number(raw)
        if value is None:
            return Problem(
                VALUE_PROBLEM,
                "column",
                f"{label} of {source.path}: {column} is {str(raw)[:40]!r}, not a number",
            )
        values.append(value)
    return values


def _dotted(data: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return _MISSING
    return data


_MISSING = object()


def _read_json(source: MetricSource, text: str) -> Value | Problem:
    """A JSON file: a list of records (read like CSV rows), or an object whose `column` is a
    dotted path to a number or a list of numbers."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        return Problem(FILE_PROBLEM, "path", f"{source.path} is not valid JSON: {exc}")
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        return _records(source, data, [f"record {i}" for i in range(1, len(data) + 1)])
    if not isinstance(data, dict):
        return Problem(FILE_PROBLEM, "path", f"{source.path} must hold records or an object")
    return _read_object(source, data)


def _read_object(source: MetricSource, data: dict[str, Any]) -> Value | Problem:
    """The value at the dotted path `column` of a JSON object, aggregated when it is a list."""
    if source.where:
        return Problem(FIELD_PROBLEM, "where", "`where` filters records (a JSON list)")
    found = _dotted(data, source.column or "")
    if found is _MISSING:
        return Problem(FIELD_PROBLEM, "column", f"no {source.column!r} in {source.path}")
    items = found if isinstance(found, list) else [found]
    values = [_number(v) for v in items]
    if not values or any(v is None for v in values):
        return Problem(VALUE_PROBLEM, "column", f"{source.column} in {source.path} is not a number")
    return _aggregated(source, [v for v in values if v is not None], len(values))


def _read_csv(source: MetricSource, text: str) -> Value | Problem:
    """A CSV file with a header row: its rows are records."""
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            rows.append({k: v for k, v in row.items() if k is not None})
            lines.append(f"line {reader.line_num}")
    except csv.Error as exc:
        return Problem(FILE_PROBLEM, "path", f"{source.path} is not valid CSV: {exc}")
    return _records(source, rows, lines)


def _file_text(root: Path, source: MetricSource) -> str | Problem:
    """The source file's text: inside the repository, at most `MAX_FILE_BYTES`, UTF-8."""
    assert source.path is not None
    real = paths.confined(root, root / source.path)
    if isinstance(real, str):
        return Problem(FILE_PROBLEM, "path", f"{source.path} {real}")
    try:
        with open(real, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Problem(FILE_PROBLEM, "path", f"cannot read {source.path}: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:
        return Problem(FILE_PROBLEM, "path", f"{source.path} is larger than 16 MiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Problem(FILE_PROBLEM, "path", f"{source.path} is not UTF-8 text")


def read_file(root: Path, source: MetricSource) -> Value | Problem:
    """The value of a file source: JSON by its extension, else CSV."""
    text = _file_text(root, source)
    if isinstance(text, Problem):
        return text
    assert source.path is not None
    if source.path.lower().endswith(".json"):
        return _read_json(source, text)
    return _read_csv(source, text)


def run_command(root: Path, source: MetricSource) -> Value | Problem:
    """The value a command source prints (one number, or true/false), or why there is none."""
    assert source.command is not None
    shown = " ".join(source.command)[:80]
    try:
        code, output = process.run(source.command, root, source.timeout)
    except FileNotFoundError:
        return Problem(COMMAND_PROBLEM, "command", f"program {source.command[0]!r} not found")
    except PermissionError:
        return Problem(COMMAND_PROBLEM, "command", f"{source.command[0]!r} is not executable")
    except OSError as exc:
        return Problem(COMMAND_PROBLEM, "command", f"`{shown}` could not run: {exc}")
    if output.too_long:
        return Problem(
            COMMAND_PROBLEM,
            "command",
            f"`{shown}` printed more than {MAX_STDOUT} bytes; it must print one number",
        )
    if code is None:
        return Problem(
            COMMAND_PROBLEM, "command", f"`{shown}` ran longer than {source.timeout:g} s"
        )
    if code != 0:
        detail = bytes(output.stderr).decode("utf-8", "replace").strip().splitlines()
        last = f": {detail[-1][:200]}" if detail else ""
        return Problem(COMMAND_PROBLEM, "command", f"`{shown}` failed with exit code {code}{last}")
    text = bytes(output.stdout).decode("utf-8", "replace").strip()
    value = _number(text) if text and "\n" not in text else None
    if value is None:
        return Problem(
            COMMAND_PROBLEM,
            "command",
            f"`{shown}` must print one number (or true/false), printed {text[:40]!r}",
        )
    return value


def read(root: Path, source: MetricSource) -> Value | Problem:
    """The source's current value, or the problem that stopped us from reading it."""
    if source.command is not None:
        return run_command(root, source)
    return read_file(root, source)
