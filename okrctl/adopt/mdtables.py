"""Tables in a Markdown page, and labelled metadata lines.

A table is read by what its header and its place say: rows of key results (a `KR` or `Key
result` column, or any table under a "Key results" label), a table of final scores after a
"Final Score" label (one `KR #n` column per key result, a `Total` for the objective), objectives
with their key results (`Objective` and `Key result` columns), or a table of facts that names the
page's period (`Cycle | Q2 2026`). Progress tables and other tables are reported, not read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from okrctl.adopt import holders
from okrctl.adopt.labels import read_label
from okrctl.adopt.mditems import Frame, Reader, key_result_item, objective_item, read_line
from okrctl.adopt.mdtree import Node
from okrctl.adopt.periods import find_period
from okrctl.adopt.records import Category
from okrctl.adopt.results import judge
from okrctl.adopt.text import is_placeholder

if TYPE_CHECKING:
    from okrctl.adopt.mditems import Section

_NUMBERED = re.compile(r"(?i)^\s*(?:kr|key results?|#)\s*#?\s*(\d+)\s*$")
_KR_COLUMN = re.compile(r"(?i)^\s*(kr|krs|key results?|key result #?)\s*$")
_KR_NUMBER_COLUMN = re.compile(r"(?i)^\s*kr\s*#?\s*(\d+)\s*$")
_OBJECTIVE_COLUMN = re.compile(r"(?i)^\s*(objectives?|obj|goals?)\s*$")
_OWNER_COLUMN = re.compile(r"(?i)^\s*(owners?|owner\(s\)|dri|lead|responsible)\s*$")
_STATUS_COLUMN = re.compile(r"(?i)^\s*(status|result|done|progress)\s*$")
_SCORE_COLUMN = re.compile(
    r"(?i)^\s*(score|grade|final(?: score| grade)?|end[\s-]*(?:of[\s-]*)?(?:q|quarter)"
    r"(?: score)?|eoq(?: score)?)\s*$"
)
"""The column of final scores ("Score", "End-Q"); mid-quarter columns are check-ins."""
_ENUMERATED = re.compile(r"^\s*(?:\d{1,2}[.)]?|[a-z][.)])\s+(?=\S)")
"""A row's own numbering ("1 Finish ...", "2. Guide on ..."): not the title's."""
_TOTAL_COLUMN = re.compile(r"(?i)^\s*(total|overall|objective|score|avg|average)\s*$")
_PERIOD_ROW = re.compile(
    r"(?i)^\s*(cycle|period|quarter|time ?period|timeframe|time frame|okr period)\s*$"
)
_FRACTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$")


def _cell_node(text: str, line: int) -> Node:
    return Node("item", 1, line, text=text, first_line=text, unstruck=text)


def visit(reader: Reader, frame: Frame) -> None:
    """Read a table by its header and its place."""
    node = frame.node
    if len(node.rows) < 2:
        reader.note(node.line, Category.UNREAD, "table not read: no rows", "unread")
        return
    header = [c.strip() for c in node.rows[0]]
    section = frame.section
    pending, section.pending = section.pending, None
    if any(_KR_NUMBER_COLUMN.match(c) for c in header):
        if pending == "score":
            _scores(reader, node, header, section, frame.parent)
        else:
            reader.note(
                node.line,
                Category.UNREAD,
                "table of progress over time not read (earlier scores)",
                "unread",
            )
        return
    has_objective = any(_OBJECTIVE_COLUMN.match(c) for c in header)
    has_kr = any(_KR_COLUMN.match(c) for c in header)
    if has_objective and has_kr:
        _objectives(reader, frame, header)
        return
    parent = frame.parent if frame.context in ("objective", "krs") else section.objective
    if (has_kr or frame.context == "krs") and parent is not None:
        _key_results(reader, frame, header, parent)
        return
    if _group_rows(node):
        _grouped(reader, frame, header)
        return
    reader.note(node.line, Category.UNREAD, "table not read", "unread")


def _group_rows(node: Node) -> list[int]:
    """The rows (by index) that head a group: the first cell bold, every other cell empty (a
    spreadsheet's objective rows, with their key results on the rows under them)."""
    found = []
    for index, (row, bold) in enumerate(zip(node.rows[1:], node.bold_cells[1:], strict=False), 1):
        if row and row[0].strip() and bold and bold[0] and not any(c.strip() for c in row[1:]):
            found.append(index)
    return found if len(found) >= 2 else []


def _grouped(reader: Reader, frame: Frame, header: list[str]) -> None:
    """A table of objectives as bold rows, each over the rows of its key results, with their
    owners and final scores in columns of their own."""
    node = frame.node
    groups = set(_group_rows(node))
    owner, score = _column(header, _OWNER_COLUMN), _column(header, _SCORE_COLUMN)
    reader.note(node.line, Category.MAPPED, "table: bold rows are objectives, the rows under "
                "them their key results")  # fmt: skip
    current: int | None = None
    for index, row in enumerate(node.rows[1:], 1):
        line = node.line + index + 1
        text = _ENUMERATED.sub("", row[0].strip()) if row else ""
        filled = any(c.strip() for c in row[1:])
        if index in groups:
            cell = _cell_node(text, line)
            made = frame._replace(node=cell, parent=None)
            current = reader.add(objective_item(reader, made, read_line(reader, cell))).key
        elif not text or current is None or is_placeholder(text):
            continue
        elif text.endswith(":") and not filled:
            reader.note(line, Category.UNREAD, f"row {text!r}: a remark, not read", "unread")
        else:
            cell = _cell_node(text, line)
            owners = (
                tuple(holders.names(row[owner])) if owner is not None and owner < len(row) else ()
            )
            made = frame._replace(node=cell, parent=current, owners=owners or frame.owners)
            item = reader.add(key_result_item(reader, made, read_line(reader, cell)))
            _cell_result(reader, item.key, row, None, score, line)


def table_period(node: Node) -> str | None:
    """The period a table of facts names (`Cycle | Q2 2026`), or None."""
    for row in node.rows[1:]:
        if len(row) >= 2 and _PERIOD_ROW.match(row[0].strip("* ")):
            found = find_period(row[1])
            if found is not None:
                return found.identifier
    return None


def _title_column(header: list[str], rows: list[list[str]]) -> int:
    """The column holding key results' titles: the longest text that is not a number."""
    lengths = [0] * len(header)
    for row in rows:
        for index, cell in enumerate(row[: len(header)]):
            if not _NUMBERED.match(cell) and not _FRACTION.match(cell):
                lengths[index] += len(cell)
    return max(range(len(header)), key=lambda i: (lengths[i], -i))


def _column(header: list[str], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, c in enumerate(header) if pattern.match(c)), None)


def _key_results(reader: Reader, frame: Frame, header: list[str], parent: int) -> None:
    node = frame.node
    rows = node.rows[1:]
    title = _title_column(header, rows)
    owner = _column(header, _OWNER_COLUMN)
    status = _column(header, _STATUS_COLUMN)
    score = _column(header, _SCORE_COLUMN)
    reader.note(
        node.line,
        Category.MAPPED,
        f"table: each row a key result, column {header[title]!r} its title",
    )
    for offset, row in enumerate(rows, start=2):
        line = node.line + offset
        text = row[title] if title < len(row) else ""
        if not text.strip():
            continue
        cell = _cell_node(text, line)
        owners = tuple(holders.names(row[owner])) if owner is not None and owner < len(row) else ()
        made = frame._replace(node=cell, parent=parent, owners=owners or frame.owners)
        item = reader.add(key_result_item(reader, made, read_line(reader, cell)))
        _cell_result(reader, item.key, row, status, score, line)


def _cell_result(
    reader: Reader, key: int, row: list[str], status: int | None, score: int | None, line: int
) -> None:
    changes: dict[str, object] = {}
    if status is not None and status < len(row) and row[status].strip():
        result = judge(row[status])
        changes["note"] = row[status].strip()
        if result.done is not None:
            changes |= {"done": result.done, "measure": None}
        if result.score is not None:
            changes["score"] = result.score
        if result.status is not None:
            changes |= {
                "dropped": True,
                "dropped_reason": result.reason,
                "moved": result.status == "moved",
            }
        if result.states:
            reader.note(
                line,
                Category.MAPPED,
                f"status {row[status].strip()!r} read: {result.describe()}",
                "result",
            )
    if score is not None and score < len(row):
        value = _value(row[score])
        if value is not None:
            changes["score"] = value
    if changes:
        reader.update(key, **changes)


def _value(text: str) -> float | None:
    found = _FRACTION.match(text.replace("*", ""))
    if found is None:
        return None
    value = float(found[1]) / (100 if found[2] else 1)
    return value if 0 <= value <= 1 else None


def _scores(
    reader: Reader, node: Node, header: list[str], section: Section, parent: int | None
) -> None:
    """A table of final scores: the last row, one column per key result, `Total` for the
    objective."""
    objective = parent if parent is not None else section.objective
    if objective is None:
        reader.note(
            node.line, Category.UNREAD, "table of scores with no objective above it", "unread"
        )
        return
    results = [i.key for i in reader.items if i.parent == objective and i.kind == "key_result"]
    last = node.rows[-1]
    read = 0
    for index, column in enumerate(header):
        value = _value(last[index]) if index < len(last) else None
        numbered = _KR_NUMBER_COLUMN.match(column)
        if value is None:
            continue
        if numbered is not None and 0 < int(numbered[1]) <= len(results):
            reader.update(results[int(numbered[1]) - 1], score=value)
            read += 1
        elif _TOTAL_COLUMN.match(column):
            reader.update(objective, score=value)
            read += 1
    reader.note(
        node.line,
        Category.MAPPED,
        f"table of final scores: {read} score(s) read from its last row",
        "result",
    )


def _objectives(reader: Reader, frame: Frame, header: list[str]) -> None:
    """A table of objectives and their key results, one key result a row (the objective's cell
    repeated or left empty below its first row)."""
    node = frame.node
    objective_at = _column(header, _OBJECTIVE_COLUMN)
    kr_at = _column(header, _KR_COLUMN)
    status = _column(header, _STATUS_COLUMN)
    assert objective_at is not None and kr_at is not None
    current: int | None = None
    current_title = ""
    reader.note(node.line, Category.MAPPED, "table: objectives with a key result on each row")
    for offset, row in enumerate(node.rows[1:], start=2):
        line = node.line + offset
        name = row[objective_at].strip() if objective_at < len(row) else ""
        if name and name != current_title:
            cell = _cell_node(name, line)
            item = reader.add(
                objective_item(
                    reader, frame._replace(node=cell, parent=None), read_line(reader, cell)
                )
            )
            current, current_title = item.key, name
        text = row[kr_at].strip() if kr_at < len(row) else ""
        if current is None or not text:
            continue
        cell = _cell_node(text, line)
        made = frame._replace(node=cell, parent=current)
        kr = reader.add(key_result_item(reader, made, read_line(reader, cell)))
        _cell_result(reader, kr.key, row, status, None, line)


def stated(reader: Reader, node: Node, key: int, value: str) -> None:
    """A `Score: 0.6` or `Status: Achieved` line under an objective or key result."""
    result = judge(value)
    changes: dict[str, object] = {}
    if result.score is not None:
        changes["score"] = result.score
    if result.done is not None and reader.items[key].kind == "key_result":
        changes |= {"done": result.done, "measure": None}
    elif result.done is not None:
        changes["score"] = 1.0 if result.done else 0.0
    if changes:
        reader.update(key, **changes)
        reader.note(node.line, Category.MAPPED, f"{value!r} read: {result.describe()}", "result")


def metadata_lines(reader: Reader, node: Node, key: int) -> bool:
    """`Owner(s): skobes, ymalik` and `Score: 0.60` lines under a key result's heading: read
    into it; True when every line of the paragraph was one."""
    labels = [read_label(line) for line in node.lines]
    if not labels or any(label is None or not label.value for label in labels):
        return False
    for label in labels:
        assert label is not None
        item = reader.items[key]
        if label.kind in ("score", "result"):
            if item.score is None:
                stated(reader, node, key, label.value)
        elif label.kind == "owner" and item.owner is None:
            names = holders.names(label.value)
            if names:
                reader.update(key, owner=names[0], co_owners=tuple(names[1:]))
    reader.note(node.line, Category.MAPPED, "owner and score lines of the key result above")
    return True
