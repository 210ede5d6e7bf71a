"""One spreadsheet row as an objective or key result: its cells read as text, numbers and dates,
its measure, milestone and status, and the findings about them.

`table` finds the columns and the rows' parents; this reads each row's values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import NamedTuple

from pydantic import ValidationError

from okrctl.adopt.numbers import read_numbers
from okrctl.adopt.presets import Layout
from okrctl.adopt.records import Category, Item, Kind, Link, Measure, Note, Source
from okrctl.lifecycle.csvcells import read_links, unescaped, unguarded
from okrctl.model import Link as CheckedLink

Cell = str | float | dt.date | None
Record = tuple[int, str, dict[str, Cell]]
"""A row read: its number, its kind and its values by field."""

_DROPPED = ("dropped", "cancelled", "canceled", "abandoned", "discarded", "deferred", "postponed")
_DONE = ("closed", "completed", "complete", "done", "achieved")
_ACTIVE = ("active", "")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_NUMBER_FIELDS = ("baseline", "target", "current", "weight", "confidence", "score", "progress")
_Noter = Callable[[Category, str], None]


def cell_text(value: Cell) -> str | None:
    """A cell as text on one line (a whole number without `.0`, a date as YYYY-MM-DD); None when
    empty."""
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) or abs(value) > 1e15 else str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    text = " ".join(value.split())
    return text or None


def written(value: Cell, layout: Layout) -> Cell:
    """A cell as its author wrote it: in okrctl's export, without the `'` it puts before a text
    that starts like a formula."""
    return unguarded(value) if layout.exported and isinstance(value, str) else value


def cell_number(value: Cell) -> float | str | None:
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


def cell_date(value: Cell) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = cell_text(value)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return text


def unit_names(value: Cell, layout: Layout) -> tuple[str, ...]:
    """Unit names from a cell listing them (okrctl's export: ids separated by spaces)."""
    text = cell_text(value) or ""
    names = text.replace(",", " ").split() if layout.owner_is_id else text.split(",")
    if layout.owner_is_id:
        return tuple(n.replace("-", " ").title() for n in names)
    return tuple(n.strip() for n in names if n.strip())


_LAST_FIRST = re.compile(r"[A-Z][\w'’\-]+,\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]*\.?)*")
"""One person written "Last, First M." (the comma is the name's, not a list's)."""


def person_names(value: Cell) -> tuple[str, ...]:
    """People from a cell listing them: separated by `;`, or by commas unless the cell is one
    name written "Last, First"."""
    text = cell_text(value)
    if text is None:
        return ()
    if ";" not in text and _LAST_FIRST.fullmatch(text):
        return (text,)
    parts = text.split(";") if ";" in text else text.split(",")
    return tuple(p.strip() for p in parts if p.strip())


def row_item(
    source: Source,
    number: int,
    kind: str,
    values: dict[str, Cell],
    name: str,
    layout: Layout,
    key: int,
    parent: int | None,
) -> Item | None:
    """The objective or key result of one row (`kind` as its type column says); None, with an
    error in `source`'s report, when its numbers cannot be read."""

    def note(category: Category, message: str) -> None:
        source.notes.append(Note(name, number, category, message))

    title = cell_text(values.get("title")) or ""
    status = (cell_text(values.get("status")) or "").lower()
    numbers = _numbers(values, note)
    if numbers is None:
        return None
    measured = _measure(kind, title, values, numbers, note)
    if measured is None:
        return None
    measure, milestone = measured
    _note_status(status, status in _DROPPED, note)
    item_kind: Kind = "objective" if kind == "objective" else "key_result"
    people = _people(values, layout)
    reason = _dropped_reason(values, status)
    return Item(
        key=key,
        kind=item_kind,
        title=title,
        file=name,
        line=number,
        parent=parent,
        period=cell_text(values.get("period")),
        period_start=cell_date(values.get("period_start")),
        period_end=cell_date(values.get("period_end")),
        unit=people.unit,
        owner=people.owner,
        owner_name=people.owner_name,
        description=_description(values.get("description"), layout),
        links=_links(values.get("links"), note),
        dropped=reason is not None,
        dropped_reason=reason,
        contributors=unit_names(values.get("contributors"), layout),
        co_owners=person_names(values.get("co_owners")),
        done=_done(milestone, status, values, numbers, layout),
        measure=measure,
        current=numbers["current"] if measure else None,
        id=cell_text(values.get("id" if item_kind == "objective" else "key_result")),
        level=cell_text(values.get("level")),
        type=cell_text(values.get("objective_type")),
        metric=cell_text(values.get("metric")),
        weight=numbers["weight"],
        confidence=numbers["confidence"],
        score=_score(values, numbers, layout),
        carried_from=cell_text(values.get("carried_from")),
        milestone=milestone,
        progress=_progress(milestone, status, values, numbers, layout),
    )


def _progress(
    milestone: bool,
    status: str,
    values: dict[str, Cell],
    numbers: dict[str, float | None],
    layout: Layout,
) -> float | None:
    """Progress given without a target (0 to 1), kept as a check-in note: a milestone's, when
    it is not read as done."""
    progress = numbers["progress"]
    if not milestone or progress is None or _done(milestone, status, values, numbers, layout):
        return None
    return progress / 100 if progress > 1 else progress


class _People(NamedTuple):
    unit: str | None
    owner: str | None
    owner_name: str | None


def _people(values: dict[str, Cell], layout: Layout) -> _People:
    """The row's unit, owner and owner's name (from okrctl's ids: names made from them)."""
    owner = cell_text(values.get("owner"))
    owner_name = cell_text(values.get("owner_name"))
    unit = cell_text(values.get("unit"))
    if layout.owner_is_id:
        owner_name = owner.replace("-", " ").title() if owner else None
        unit = unit.replace("-", " ").title() if unit else None
    return _People(unit, owner, owner_name)


def _dropped_reason(values: dict[str, Cell], status: str) -> str | None:
    """Why the row was dropped (the reason column, or the status itself); None when its status
    does not say it was dropped."""
    if status not in _DROPPED:
        return None
    return cell_text(values.get("dropped_reason")) or f"Status was {status!r} in the source"


def _score(
    values: dict[str, Cell], numbers: dict[str, float | None], layout: Layout
) -> float | None:
    """The final grade: the score column, unless a `graded` column says it is not final."""
    graded = (cell_text(values.get("graded")) or "").lower()
    return numbers["score"] if "graded" not in layout.columns or graded == "true" else None


def _description(value: Cell, layout: Layout) -> str | None:
    """The description: from okrctl's export as it was (its escapes read back, line breaks
    kept), from any other table on one line."""
    if layout.exported and isinstance(value, str):
        return unescaped(value).strip() or None
    return cell_text(value)


def _links(value: Cell, note: _Noter) -> tuple[Link, ...]:
    """The links of a `links` cell (`title <https://...>; ...`); an entry that is not a link, or
    whose address okrctl refuses, is reported and left out."""
    text = value if isinstance(value, str) else cell_text(value)
    found, unread = read_links(text or "")
    for entry in unread:
        note(Category.UNREAD, f"link {entry!r} not read: write `title <https://...>`")
    links = []
    for title, url in found:
        try:
            CheckedLink(title="link", url=url)
        except ValidationError:
            note(Category.UNREAD, f"link {url!r} not read: not an http:// or https:// address")
            continue
        links.append(Link(title, url))
    return tuple(links)


def _numbers(values: dict[str, Cell], note: _Noter) -> dict[str, float | None] | None:
    """The row's numeric fields; None (and an error) when one is not a number."""
    numbers: dict[str, float | None] = {}
    for field in _NUMBER_FIELDS:
        value = cell_number(values.get(field))
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
    said_milestone = (cell_text(values.get("kind")) or "").lower() == "milestone"
    milestone = kind == "initiative" or said_milestone
    target = numbers["target"]
    if kind != "objective" and not milestone and target is not None:
        baseline = numbers["baseline"]
        if baseline is not None and baseline == target:
            note(Category.ERROR, f"start value and target are both {target:g}: nothing to measure")
            return None
        unit_of_measure = cell_text(values.get("unit_of_measure"))
        written = " ".join(
            cell_text(values.get(f)) or "" for f in ("baseline", "target", "current")
        )
        if unit_of_measure is None and "%" in written:
            unit_of_measure = "%"
            note(Category.GUESSED, "no unit of measure: '%', as the values are written")
        elif unit_of_measure is None:
            unit_of_measure = "count"
            note(Category.GUESSED, "no unit of measure: 'count'")
        direction = _direction(title, values, numbers, target, note)
        return Measure(target, unit_of_measure[:40], baseline, direction), milestone  # type: ignore[arg-type]
    if kind != "objective":
        milestone = True
        if kind == "initiative":
            note(Category.GUESSED, "initiative read as a milestone key result")
        elif not said_milestone:
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
    given = (cell_text(values.get("direction")) or "").lower()
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
    done_text = (cell_text(values.get("done")) or "").lower()
    not_measured = (
        layout.owner_is_id
        and cell_text(values.get("score")) is None
        and (cell_text(values.get("graded")) or "").lower() != "true"
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
