"""`okrctl remind`: for each person, what they must do now, from the findings of `okrctl check`.

Pure: the diagnostics come from the one check pipeline (`engine.check_repository`, as `okrctl
check` runs it, with the repository's configuration), so a reminder is exactly a finding `okrctl
check` reports, at the same file and line, with the same wording. This module keeps those of
`CODES` and routes each to the person who must act:

* a finding about a key result (OKR700) goes to the key result's `owner`, else the objective's
  `owner`, else the lead of the objective's unit;
* a finding about an objective (OKR705, OKR710, and OKR510 on `acknowledges`) to the objective's
  `owner`, else its unit's lead;
* OKR510 on a `depends_on` entry is a dependency the other unit must acknowledge: it goes to the
  owner of the objective depended on, else that unit's lead.

An owner that is a unit (a team owns the objective) stands for the unit's lead. The finding's
field is found from its position through the file's source map (the inverse of `Cascade.at`),
never by parsing its message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from okrctl import codes
from okrctl.diagnostics import Diagnostic
from okrctl.index import Cascade, Entry
from okrctl.load import SourceMap
from okrctl.model import Objective

CODES: dict[str, str] = {
    codes.STALE_KEY_RESULT.code: "Check in",
    codes.AWAITING_GRADES.code: "Grade",
    codes.RETROSPECTIVE.code: "Write a retrospective",
    codes.UNACKNOWLEDGED_DEPENDENCY.code: "Agree on a dependency",
}
"""The codes a reminder is made of, with the action each asks for."""

UrlFor = Callable[[Objective, str | None], str | None]
"""The site's address of an objective (key result None) or of one of its key results."""


@dataclass(frozen=True, kw_only=True)
class Item:
    """One thing a person must do: a finding of `okrctl check`, with what it is about."""

    code: str
    objective: str
    """The objective of the file the finding is in."""
    key_result: str | None
    message: str
    file: str
    line: int
    column: int
    url: str | None = None

    @property
    def action(self) -> str:
        return CODES[self.code]


@dataclass(frozen=True, kw_only=True)
class Recipient:
    """A person and what they must do; `person` None collects what nobody could be found for."""

    person: str | None
    name: str
    github: str | None
    items: tuple[Item, ...]


@dataclass(frozen=True, kw_only=True)
class Reminders:
    as_of: dt.date
    period: str | None
    """The period asked for (`--period`), else the open period that contains `as_of`."""
    people: tuple[Recipient, ...]
    """By person id; the unassigned (if any) last."""


def current_period(cascade: Cascade, today: dt.date) -> str | None:
    """The open period that contains `today` (the shortest, when several do)."""
    running = [p for p in cascade.periods.values() if not p.closed and p.start <= today <= p.end]
    running.sort(key=lambda p: (p.end - p.start, p.id))
    return running[0].id if running else None


def field_at(source: SourceMap, line: int, column: int) -> tuple[str | int, ...] | None:
    """The deepest field whose value (or, failing that, key) stands at the position."""
    at = (line, column)
    found = [
        path
        for path, (key_line, key_column, value_line, value_column, _) in source.entries.items()
        if at in ((value_line, value_column), (key_line, key_column))
    ]
    return max(found, key=len, default=None)


def _by_file(cascade: Cascade) -> dict[str, Entry]:
    return {entry.file: entry for entry in cascade.objectives.values()}


def responsible(cascade: Cascade, entry: Entry, kr_id: str | None) -> str | None:
    """Who acts on the objective (or its key result): the first of the key result's owner, the
    objective's owner and the unit's lead that names a person (a unit stands for its lead)."""
    objective = entry.objective
    kr_owner = next((kr.owner for kr in objective.key_results if kr.id == kr_id), None)
    unit = cascade.units.get(objective.unit)
    for name in (kr_owner, objective.owner, unit.lead if unit else None):
        if name is None:
            continue
        if name in cascade.people:
            return name
        team = cascade.units.get(name)
        if team is not None and team.lead in cascade.people:
            return team.lead
    return None


def _route(
    cascade: Cascade, entries: dict[str, Entry], finding: Diagnostic
) -> tuple[Entry, str | None, str | None] | None:
    """The finding's objective, its key result, and the person who must act on it."""
    entry = entries.get(finding.file)
    if entry is None:
        return None
    path = field_at(entry.source, finding.line, finding.column) or ()
    kr_id: str | None = None
    acting = entry
    if len(path) >= 2 and path[0] == "key_results" and isinstance(path[1], int):
        krs = entry.objective.key_results
        kr_id = krs[path[1]].id if path[1] < len(krs) else None
    if (
        finding.code == codes.UNACKNOWLEDGED_DEPENDENCY.code
        and len(path) == 2
        and path[0] == "depends_on"
    ):
        needed = entry.objective.depends_on[int(path[1])]
        acting = cascade.objectives.get(needed, entry)
    person = responsible(cascade, acting, kr_id if acting is entry else None)
    return entry, kr_id, person


def reminders(
    cascade: Cascade,
    diagnostics: Iterable[Diagnostic],
    today: dt.date,
    *,
    period: str | None = None,
    url: UrlFor | None = None,
) -> Reminders:
    """The reminders among `diagnostics` (a check of `cascade` for `today`), by person; only
    those about objectives of `period` when it is given."""
    entries = _by_file(cascade)
    found: dict[str | None, list[Item]] = {}
    for finding in diagnostics:
        if finding.code not in CODES:
            continue
        routed = _route(cascade, entries, finding)
        if routed is None:
            continue
        entry, kr_id, person = routed
        if period is not None and entry.objective.period != period:
            continue
        item = Item(
            code=finding.code,
            objective=entry.objective.id,
            key_result=kr_id,
            message=finding.message,
            file=finding.file,
            line=finding.line,
            column=finding.column,
            url=url(entry.objective, kr_id) if url else None,
        )
        found.setdefault(person, []).append(item)
    named = sorted(p for p in found if p is not None)
    order: list[str | None] = [*named, *([None] if None in found else [])]
    return Reminders(
        as_of=today,
        period=period or current_period(cascade, today),
        people=tuple(_recipient(cascade, person, found[person]) for person in order),
    )


def _recipient(cascade: Cascade, person: str | None, items: list[Item]) -> Recipient:
    ordered = tuple(sorted(items, key=lambda i: (i.file, i.line, i.column, i.code)))
    if person is None:
        return Recipient(person=None, name="no one responsible", github=None, items=ordered)
    who = cascade.people[person]
    return Recipient(person=person, name=who.name, github=who.github, items=ordered)
