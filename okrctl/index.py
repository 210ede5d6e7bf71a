"""The cross-file graph of a repository: the organisation, its objectives and how they connect.

Pure: built from validated models and their source maps, never from the file system. Checks and
the site read the cascade through this index; `Cascade.at` is the one place a check's finding
(a file and a field path) becomes a line and a column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from okrctl.diagnostics import Diagnostic, Severity
from okrctl.load import SourceMap
from okrctl.model import Objective, Organization, Period, Person, Unit


@dataclass(frozen=True)
class Entry:
    """An objective and where it was read from."""

    objective: Objective
    file: str
    source: SourceMap


@dataclass
class Cascade:
    """Everything that validated, indexed for cross-file questions."""

    organization: Organization | None = None
    org_file: str | None = None
    org_source: SourceMap = field(default_factory=SourceMap)
    extra_org_files: list[tuple[str, SourceMap]] = field(default_factory=list)
    objectives: dict[str, Entry] = field(default_factory=dict)
    duplicates: list[tuple[Entry, Entry]] = field(default_factory=list)
    broken_organization: str | None = None
    """The organisation file, when there is one but it did not validate."""
    broken: dict[str, str] = field(default_factory=dict)
    """Lowercased ids of objectives whose files did not validate, with their file: references to
    them are not reported again."""
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    periods: dict[str, Period] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    """Objective id -> ids of the objectives that name it as `parent`, sorted."""
    dependents: dict[str, list[str]] = field(default_factory=dict)
    """Objective id -> ids of the objectives that list it in `depends_on`, sorted."""
    sources: dict[str, SourceMap] = field(default_factory=dict)
    """File name -> the positions of its fields, for every indexed file."""

    # ------------------------------------------------------------------ locating findings

    def at(
        self,
        file: str,
        path: Sequence[str | int],
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
        where: Literal["key", "value"] = "value",
    ) -> Diagnostic:
        """A diagnostic for the field at `path` of `file`, placed at its line and column."""
        source = self._source(file)
        line, column = source.locate(path, where)
        return Diagnostic(file, line, column, code, severity, message)

    def _source(self, file: str) -> SourceMap:
        return self.sources.get(file) or SourceMap()

    # ------------------------------------------------------------------ organisation queries

    def unit_ancestors(self, unit_id: str) -> list[str]:
        """The unit's parents from nearest to the root (cycle-safe)."""
        chain: list[str] = []
        seen = {unit_id}
        current = self.units.get(unit_id)
        while current is not None and current.parent is not None and current.parent not in seen:
            chain.append(current.parent)
            seen.add(current.parent)
            current = self.units.get(current.parent)
        return chain

    def root_units(self) -> list[str]:
        return sorted(u.id for u in self.units.values() if u.parent is None)

    def objectives_of(self, unit_id: str, period_id: str | None = None) -> list[Objective]:
        return sorted(
            (
                e.objective
                for e in self.objectives.values()
                if e.objective.unit == unit_id
                and (period_id is None or e.objective.period == period_id)
            ),
            key=lambda o: o.id,
        )

    def parent_chain(self, objective_id: str) -> list[str]:
        """The ids an objective supports, nearest first (stops at a cycle or a broken link)."""
        chain: list[str] = []
        seen = {objective_id}
        entry = self.objectives.get(objective_id)
        while entry is not None and entry.objective.parent is not None:
            parent = entry.objective.parent
            if parent in seen:
                break
            chain.append(parent)
            seen.add(parent)
            entry = self.objectives.get(parent)
        return chain

    def iter_objectives(self) -> Iterator[Entry]:
        """Objectives in id order."""
        for key in sorted(self.objectives):
            yield self.objectives[key]


def build(
    organizations: Iterable[tuple[Organization, str, SourceMap]],
    objectives: Iterable[tuple[Objective, str, SourceMap]],
    broken: Iterable[tuple[str, str]] = (),
    broken_organization: str | None = None,
) -> Cascade:
    """Index validated documents; `broken` lists (id, file) of objectives that did not validate."""
    cascade = Cascade(broken_organization=broken_organization)
    for org, file, source in sorted(organizations, key=lambda t: t[1]):
        cascade.sources[file] = source
        if cascade.organization is None:
            cascade.organization, cascade.org_file, cascade.org_source = org, file, source
            cascade.units = {u.id: u for u in reversed(org.units)}
            cascade.people = {p.id: p for p in reversed(org.people)}
            cascade.periods = {p.id: p for p in reversed(org.periods)}
        else:
            cascade.extra_org_files.append((file, source))
    by_folded: dict[str, Entry] = {}
    for objective, file, source in sorted(objectives, key=lambda t: t[1]):
        entry = Entry(objective, file, source)
        cascade.sources[file] = source
        folded = objective.id.casefold()
        if folded in by_folded:
            cascade.duplicates.append((by_folded[folded], entry))
            continue
        by_folded[folded] = entry
        cascade.objectives[objective.id] = entry
    for objective_id, file in broken:
        cascade.broken.setdefault(objective_id.casefold(), file)
    for entry in cascade.objectives.values():
        parent = entry.objective.parent
        if parent is not None:
            cascade.children.setdefault(parent, []).append(entry.objective.id)
        for needed in entry.objective.depends_on:
            cascade.dependents.setdefault(needed, []).append(entry.objective.id)
    for ids in (*cascade.children.values(), *cascade.dependents.values()):
        ids.sort()
    return cascade
