"""Reading OKRs from a spreadsheet's rows: one row per objective or key result.

The header row names the columns (a `Layout` says which column holds which field). A row names
its parent by its id or its title; a missing parent, a cycle, a duplicate id or two objectives
with one title are findings with their rows. `sheets` reads the file into rows.
"""

from __future__ import annotations

from okrctl.adopt import flat
from okrctl.adopt.presets import Layout
from okrctl.adopt.records import Category, Note, Source
from okrctl.adopt.row import Cell, Record, cell_text, row_item, written
from okrctl.adopt.sheets import Row
from okrctl.adopt.tablecols import by_values, find_columns, referenced


def read(rows: list[Row], name: str, layout: Layout) -> Source:
    """Items from the rows of a spreadsheet laid out as `layout`."""
    source = Source()
    if not rows:
        source.notes.append(Note(name, 1, Category.ERROR, "the file has no header row"))
        return source
    header_row, header = rows[0]
    names = [(cell_text(c) or "").strip() for c in header]
    where = find_columns(names, layout)
    flat_columns = flat.columns(header) if layout.name in ("allyio", "viva-goals") else None
    if "title" not in where and flat_columns is not None:
        return flat.read(rows, name, flat_columns)
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
    for field, index in by_values(names, rows[1:], where, layout):
        source.notes.append(
            Note(
                name,
                header_row,
                Category.GUESSED,
                f"column {names[index]!r} read as {field}: its cells say so",
            )
        )
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
    records = _records(source, rows[1:], where, name, layout)
    _link(source, records, name, layout)
    return source


def _records(
    source: Source, rows: list[Row], where: dict[str, int], name: str, layout: Layout
) -> list[Record]:
    """The rows with a title and a known type, with their values by field."""

    def get(cells: list[Cell], field: str) -> Cell:
        index = where.get(field)
        return cells[index] if index is not None and index < len(cells) else None

    kinds = {value: kind for kind, values in layout.types.items() for value in values}
    records: list[Record] = []
    for number, cells in rows:
        if all(c is None for c in cells):
            continue
        values = {field: written(get(cells, field), layout) for field in where}
        title = cell_text(values.get("title"))
        if title is None:
            source.notes.append(Note(name, number, Category.UNREAD, "row without a title not read"))
            continue
        kind_text = (cell_text(values.get("type")) or "").lower()
        if "type" not in where:
            kind = "objective" if cell_text(values.get("parent")) is None else "key_result"
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
    return records


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
        item = row_item(
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
        ref = (
            cell_text(values.get("ref")) if kind == "objective" or not layout.owner_is_id else None
        )
        if ref is not None:
            if ref in by_ref:
                other = records[by_ref[ref]][0]
                source.notes.append(
                    Note(name, number, Category.GUESSED, f"id {ref!r} is also the id of row "
                         f"{other}: both rows are read, neither can be named as a parent")
                )  # fmt: skip
                by_ref[ref] = -1
            by_ref.setdefault(ref, position)
        if kind == "objective":
            title = cell_text(values.get("title")) or ""
            period = (cell_text(values.get("period")) or "").lower()
            unit = (cell_text(values.get("unit")) or "").lower()
            by_title.setdefault(f"{title.lower()}\x00{period}\x00{unit}", []).append(position)
    return by_ref, by_title


def _flag_same_titles(
    source: Source,
    records: list[Record],
    by_title: dict[str, list[int]],
    name: str,
    layout: Layout,
) -> None:
    """An error for each objective whose title another has in the same period and unit
    (without ids)."""
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
                        "same period and unit: rename one (their ids would clash)",
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
    in_period: dict[str, list[int]] = {}
    for key, positions in by_title.items():
        title, period, _unit = key.split("\x00")
        titles.setdefault(title, []).extend(positions)
        in_period.setdefault(f"{title}\x00{period}", []).extend(positions)
    parents: dict[int, int | None] = {}
    for position, (number, kind, values) in enumerate(records):
        field = "kr_parent" if kind != "objective" and "kr_parent" in layout.columns else "parent"
        reference = _numbered_parent(values, kind, by_ref) or cell_text(values.get(field))
        if reference is None:
            parents[position] = None
            continue
        found = by_ref.get(reference, by_ref.get(referenced(reference)))
        if found == -1:
            source.notes.append(
                Note(name, number, Category.ERROR, f"parent {reference!r}: several rows have it")
            )
            continue
        if found is None:
            period = (cell_text(values.get("period")) or "").lower()
            matches = in_period.get(f"{reference.lower()}\x00{period}") or titles.get(
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


def _numbered_parent(values: dict[str, Cell], kind: str, by_ref: dict[str, int]) -> str | None:
    """A key result's objective by the numbering of ids ("2022-Q1-CI-1.1" under
    "2022-Q1-CI-1"), which its own row states even when another column aligns it elsewhere."""
    ref = cell_text(values.get("ref"))
    if kind == "objective" or ref is None or "." not in ref:
        return None
    above = ref.rsplit(".", 1)[0]
    return above if above in by_ref else None


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
