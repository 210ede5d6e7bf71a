"""The organisation an import builds: its units, people and periods, and its file.

`State` gathers them as `assemble` reads the objectives: units by name (nested without loops),
people by name or e-mail, periods by label with their dates. Importing into a repository, its
organisation is the start, and what is new is listed apart to be appended to its file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from okrctl.adopt import periods
from okrctl.adopt.naming import DEFAULT_NAME
from okrctl.adopt.records import Category, Item, Note
from okrctl.lifecycle.scaffold import slugify
from okrctl.model import API_VERSION, Organization

ORG_FILE = "okrs/org.yaml"


@dataclass(frozen=True)
class Options:
    period: str | None = None
    """The period of objectives the source puts under no period heading or label."""
    name: str | None = None
    """The organisation's name (default: the document's title, or 'Our Organisation')."""
    today: dt.date = dt.date(2000, 1, 1)
    """The day check-in notes are dated (moved into the period when it falls outside)."""
    existing: Organization | None = None
    """The organisation of the repository imported into, when it has one."""
    taken: frozenset[str] = frozenset()
    """Objective ids the repository already uses."""
    fiscal_start: int = 1
    """The month the fiscal year starts (FY21-Q1 is its first quarter; FY21 ends in 2021)."""


@dataclass
class Unit:
    id: str
    name: str
    parent: str | None = None


@dataclass
class State:
    options: Options
    notes: list[Note]
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    periods: dict[str, tuple[dt.date, dt.date, str]] = field(default_factory=dict)
    root: str = "organisation"
    new_units: list[str] = field(default_factory=list)
    new_periods: list[str] = field(default_factory=list)
    fixed_periods: set[str] = field(default_factory=set)
    """Periods of the repository imported into."""

    def note(self, item: Item, category: Category, message: str, topic: str = "") -> None:
        self.notes.append(Note(item.file, item.line, category, message, topic))


def ancestors(state: State, unit: str) -> list[str]:
    """`unit` and the units above it (iteratively, stopping at a loop)."""
    chain: list[str] = []
    current: str | None = unit
    while current is not None and current not in chain:
        chain.append(current)
        found = state.units.get(current)
        current = found.parent if found else None
    return chain


def unit_id(state: State, name: str | None, item: Item) -> str:
    """The id of the unit called `name` (made when new); the root unit for None."""
    if name is None or not name.strip():
        return state.root
    identifier = slugify(name, 40) or state.root
    existing = state.options.existing
    if existing is not None and identifier not in state.units:
        by_name = {u.name.lower(): u.id for u in existing.units}
        identifier = by_name.get(name.strip().lower(), identifier)
    if identifier not in state.units:
        state.units[identifier] = Unit(identifier, name.strip())
        if existing is not None:
            state.new_units.append(identifier)
            state.note(item, Category.GUESSED, f"unit {name!r} is new: added to {ORG_FILE}")
    return identifier


def place_unit(state: State, unit: str, above: str | None) -> None:
    """Set `unit`'s parent to `above` unless it has one or that would make a loop."""
    found = state.units[unit]
    fixed = state.options.existing is not None and unit not in state.new_units
    if fixed or found.parent is not None or unit == state.root or above is None or above == unit:
        return
    if unit in ancestors(state, above):
        return
    found.parent = above


_GITHUB = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")


def person_id(
    state: State,
    owner: str,
    name: str | None,
    unit: str,
    item: Item,
    github: str | None = None,
) -> str | None:
    """The id of the person named (or e-mailed) `owner`; None when it names a unit. `github`:
    the person's GitHub handle, recorded when the source names one."""
    text = owner.strip().lstrip("@")
    if text.lower() in {u.name.lower() for u in state.units.values()} or slugify(text, 40) in (
        state.units
    ):
        return None
    email = text if "@" in text.strip("@") else None
    display = name or (
        text.split("@")[0].replace(".", " ").replace("_", " ").title() if email else text
    )
    identifier = slugify(display, 40) or "someone"
    existing = state.options.existing
    if existing is not None:
        known = _existing_person(existing, email, display, identifier)
        if known is not None:
            return known
        identifier = _free_person_id(existing, identifier)
        if identifier not in state.people:
            state.note(item, Category.GUESSED, f"person {display!r} is new: added to {ORG_FILE}")
    if identifier not in state.people:
        record: dict[str, Any] = {"id": identifier, "name": display[:300], "unit": unit}
        if email:
            record["email"] = email
        state.people[identifier] = record
    elif email and "email" not in state.people[identifier]:
        state.people[identifier]["email"] = email
    if github and _GITHUB.match(github) and "github" not in state.people[identifier]:
        state.people[identifier]["github"] = github
    return identifier


def _existing_person(
    existing: Organization, email: str | None, display: str, identifier: str
) -> str | None:
    """The id of the repository's person with this e-mail, name or id; None for none."""
    for person in existing.people:
        if (email and person.email and person.email.lower() == email.lower()) or (
            person.name.lower() == display.lower() or person.id == identifier
        ):
            return person.id
    return None


def _free_person_id(existing: Organization, identifier: str) -> str:
    """`identifier`, or with a number when the repository's people already use it."""
    taken = {p.id for p in existing.people}
    base, number = identifier, 2
    while identifier in taken:
        identifier, number = f"{base}-{number}", number + 1
    return identifier


def period_id(state: State, item: Item) -> str | None:
    """The id of the item's period, its dates recorded; None (and an error) when unknown. Into
    an existing repository, a period its organisation file names (by id or name) is that one."""
    label = item.period or state.options.period
    if label is None:
        state.note(
            item,
            Category.ERROR,
            "no period: put it under a period heading (`## Q3 2026`) or pass --period",
        )
        return None
    known = _known_period(state, label)
    if known is not None:
        return known
    dated = _period_dates(state, item, label)
    if dated is None:
        return None
    identifier, start, end = dated
    if identifier is None or start is None or end is None or end < start:
        state.note(
            item,
            Category.ERROR,
            f"period {label!r}: cannot tell its dates; write it as 2026-Q3, Q3 2026, 2026-H2, "
            "2026, 2026-05 or FY26-Q1, or give start and end dates",
        )
        return None
    return _record_period(state, item, identifier, label, start, end)


def _known_period(state: State, label: str) -> str | None:
    """The repository's own period a label names: by id, by name, or by the id it reads as."""
    if not state.fixed_periods:
        return None
    wanted = {label.strip().casefold(), (periods.normalise(label) or "").casefold()}
    for identifier in sorted(state.fixed_periods):
        name = state.periods[identifier][2]
        if identifier.casefold() in wanted or name.casefold() in wanted:
            return identifier
    return None


def _period_dates(
    state: State, item: Item, label: str
) -> tuple[str | None, dt.date | None, dt.date | None] | None:
    """The period's id and dates, from its label or the item's start and end dates; None (and an
    error) when those dates are not dates."""
    identifier = periods.normalise(label)
    start = end = None
    if identifier is not None:
        found = periods.dates(identifier, state.options.fiscal_start)
        if found:
            start, end = found
            _note_guessed_dates(state, item, identifier, label)
    if (start is None or end is None) and item.period_start and item.period_end:
        try:
            start = dt.date.fromisoformat(item.period_start)
            end = dt.date.fromisoformat(item.period_end)
        except ValueError:
            state.note(
                item,
                Category.ERROR,
                f"period dates {item.period_start!r} and {item.period_end!r} are not YYYY-MM-DD",
            )
            return None
        if identifier is None:
            identifier = slugify(label, 40) or None
    return identifier, start, end


def _note_guessed_dates(state: State, item: Item, identifier: str, label: str) -> None:
    """Report dates the label does not give itself: a fiscal period's, a custom period's."""
    if periods.is_fiscal(identifier) and identifier not in state.periods:
        month = dt.date(2000, state.options.fiscal_start, 1).strftime("%B")
        state.note(
            item,
            Category.GUESSED,
            f"period {identifier}: a fiscal year starting in {month}, named after the year it "
            "ends in (pass --fiscal-year-start MONTH if yours starts elsewhere)",
            "period",
        )
    elif periods.name_of(label) and identifier not in state.periods:
        state.note(
            item,
            Category.GUESSED,
            f"period {label!r} names no dates: read as the year {identifier[:4]} ({identifier})",
            "period",
        )


def _record_period(
    state: State, item: Item, identifier: str, label: str, start: dt.date, end: dt.date
) -> str:
    """Record the period's dates (the first given stand; the repository's own are kept)."""
    known = state.periods.get(identifier)
    if known is not None and identifier in state.fixed_periods:
        return identifier  # the repository's own period: its dates stand
    if known is None and state.options.existing is not None:
        state.new_periods.append(identifier)
        state.note(item, Category.GUESSED, f"period {identifier} is new: added to {ORG_FILE}")
    if known and (known[0], known[1]) != (start, end):
        state.note(
            item,
            Category.GUESSED,
            f"period {identifier}: dates {start}..{end} differ "
            f"from the first given, {known[0]}..{known[1]}, which are kept",
        )
    state.periods.setdefault(identifier, (start, end, label))
    return identifier


def start_organization(state: State, title: str | None) -> str:
    """Fill `state` with the root unit (and the existing organisation); the organisation's name."""
    existing = state.options.existing
    if existing is None:
        org_name = state.options.name or title or DEFAULT_NAME
        state.root = slugify(org_name, 40) or "organisation"
        state.units[state.root] = Unit(state.root, org_name[:300])
        return org_name
    root = next(u for u in existing.units if u.parent is None)
    state.root = root.id
    for unit in existing.units:
        state.units[unit.id] = Unit(unit.id, unit.name, unit.parent)
    for period in existing.periods:
        state.periods[period.id] = (period.start, period.end, period.name or period.id)
        state.fixed_periods.add(period.id)
    return existing.name


def attach_to_root(state: State) -> None:
    """Put every unit with no parent (but the root) under the root unit."""
    for record in state.units.values():
        if record.parent is None and record.id != state.root:
            record.parent = state.root


def organization(state: State, name: str, description: str | None) -> dict[str, Any]:
    ordered = sorted(state.periods.items(), key=lambda p: (p[1][0], p[0]))
    return {
        "apiVersion": API_VERSION,
        "kind": "Organization",
        "name": name[:300],
        "description": description[:20_000] if description else None,
        "units": [
            {"id": u.id, "name": u.name[:300], "parent": u.parent} for u in state.units.values()
        ],
        "people": list(state.people.values()),
        "periods": [
            {
                "id": identifier,
                "name": label if label != identifier else None,
                "start": start,
                "end": end,
            }
            for identifier, (start, end, label) in ordered
        ],
    }


def additions(state: State) -> dict[str, list[dict[str, Any]]]:
    """What an existing organisation file gains: new units, people and periods."""
    periods = sorted(state.new_periods, key=lambda p: (state.periods[p][0], p))
    found = {
        "units": [
            _fields({"id": u, "name": state.units[u].name[:300], "parent": state.units[u].parent})
            for u in state.new_units
        ],
        "people": [_fields(p) for p in state.people.values()],
        "periods": [
            _fields(
                {
                    "id": p,
                    "name": state.periods[p][2] if state.periods[p][2] != p else None,
                    "start": state.periods[p][0],
                    "end": state.periods[p][1],
                }
            )
            for p in periods
        ],
    }
    return {key: value for key, value in found.items() if value}


def _fields(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


def encloses(state: State, outer: str, inner: str) -> bool:
    a, b = state.periods.get(outer), state.periods.get(inner)
    return a is not None and b is not None and a[0] <= b[0] and b[1] <= a[1]
