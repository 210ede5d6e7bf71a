"""Cross-file integrity: ids, references, the unit tree, parent chains. Always on, always errors.

These are the checks without which the cascade is not a graph at all; the tunable rules of good
OKRs live in `okrctl.checks`. Each finding names a file and a field path; `Cascade.at` places it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from contextvars import ContextVar

from okrctl.diagnostics import Diagnostic
from okrctl.hints import Hints
from okrctl.index import Cascade, Entry
from okrctl.model import Period, Person, Unit
from okrctl.workspace import DEFAULT_DIR


def check(cascade: Cascade, objective_files: Sequence[str]) -> list[Diagnostic]:
    """All integrity findings for an indexed repository."""
    token = _hints.set(Hints())
    try:
        found: list[Diagnostic] = []
        found += _organization(cascade, objective_files)
        found += _unit_tree(cascade)
        for entry in cascade.iter_objectives():
            found += _objective(cascade, entry)
        found += _duplicates(cascade)
        found += _cycles(cascade)
    finally:
        _hints.reset(token)
    return found


_hints: ContextVar[Hints] = ContextVar("hints")
"""The hints of the running `check`: each unknown name looked up once, and only so many."""


def _hint(word: str, candidates: Collection[str]) -> str:
    hints = _hints.get(None)
    return (hints or Hints()).hint(word, candidates)


# --------------------------------------------------------------------------- organisation


def _organization(cascade: Cascade, objective_files: Sequence[str]) -> Iterator[Diagnostic]:
    if cascade.organization is None:
        if objective_files and cascade.broken_organization is None:
            yield cascade.at(
                objective_files[0],
                ("kind",),
                "OKR300",
                "no Organization file was found, so units, people and periods cannot be checked; "
                "add `okrs/org.yaml` with `kind: Organization` (`okrctl init` writes one)",
            )
        return
    for file, _ in cascade.extra_org_files:
        yield cascade.at(
            file,
            ("kind",),
            "OKR301",
            f"a second Organization file; the organisation is defined in {cascade.org_file}: "
            "merge the two",
        )
    org = cascade.organization
    file = cascade.org_file or ""
    sections: tuple[tuple[str, Sequence[Unit | Person | Period]], ...] = (
        ("units", org.units),
        ("people", org.people),
        ("periods", org.periods),
    )
    for section, items in sections:
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                yield cascade.at(
                    file,
                    (section, i, "id"),
                    "OKR302",
                    f"{section} id {item.id!r} is already used by entry {first[item.id] + 1} of "
                    f"`{section}`; ids must be unique",
                )
            else:
                first[item.id] = i
    for i, period in enumerate(org.periods):
        for other in org.periods[:i]:
            overlap = period.start <= other.end and other.start <= period.end
            if overlap and not (period.encloses(other) or other.encloses(period)):
                yield cascade.at(
                    file,
                    ("periods", i, "start"),
                    "OKR311",
                    f"period {period.id!r} ({period.start} to {period.end}) overlaps "
                    f"{other.id!r} ({other.start} to {other.end}) without either enclosing the "
                    "other; periods either nest (a year and its quarters) or follow each other",
                )
    for i, person in enumerate(org.people):
        if person.unit is not None and person.unit not in cascade.units:
            yield _unknown(cascade, file, ("people", i, "unit"), "unit", person.unit)
    for i, unit in enumerate(org.units):
        if unit.lead is not None and unit.lead not in cascade.people:
            yield _unknown(cascade, file, ("units", i, "lead"), "person", unit.lead)
        if unit.parent is not None and unit.parent not in cascade.units:
            yield _unknown(cascade, file, ("units", i, "parent"), "unit", unit.parent)


def _unit_tree(cascade: Cascade) -> Iterator[Diagnostic]:
    org = cascade.organization
    if org is None:
        return
    file = cascade.org_file or ""
    roots = [i for i, u in enumerate(org.units) if u.parent is None]
    for i in roots[1:]:
        yield cascade.at(
            file,
            ("units", i),
            "OKR309",
            f"unit {org.units[i].id!r} has no parent, but {org.units[roots[0]].id!r} is already "
            "the root; give it a `parent`",
        )
    reported: set[str] = set()
    done: set[str] = set()
    """Units whose chain up to the root was walked: a walk that reaches one stops (linear)."""
    for i, unit in enumerate(org.units):
        chain = [unit.id]
        position = {unit.id: 0}
        current = unit
        while (
            current.parent is not None
            and current.parent in cascade.units
            and current.parent not in done
        ):
            if current.parent in position:
                cycle = chain[position[current.parent] :]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    shown = " -> ".join([*cycle, current.parent])
                    yield cascade.at(
                        file,
                        ("units", i, "parent"),
                        "OKR306",
                        f"units form a cycle: {shown}; a unit cannot be inside itself",
                    )
                break
            position[current.parent] = len(chain)
            chain.append(current.parent)
            current = cascade.units[current.parent]
        done.update(chain)
    if org.units and not roots and not reported:  # pragma: no cover - a cycle is reported instead
        yield cascade.at(file, ("units",), "OKR309", "no unit is the root (a unit without parent)")


def _unknown(
    cascade: Cascade, file: str, path: tuple[str | int, ...], what: str, name: str
) -> Diagnostic:
    pools: dict[str, Mapping[str, object]] = {
        "unit": cascade.units,
        "person": cascade.people,
        "person or unit": {**cascade.people, **cascade.units},
        "period": cascade.periods,
    }
    where = {
        "unit": "`units`",
        "person": "`people`",
        "person or unit": "`people` (or `units`, for a team)",
        "period": "`periods`",
    }[what]
    return cascade.at(
        file,
        path,
        "OKR304",
        f"unknown {what} {name!r}{_hint(name, pools[what])}; add it to {where} in "
        f"{cascade.org_file or 'the organisation file'} or fix the name",
    )


# --------------------------------------------------------------------------- objectives


def _split(file: str) -> tuple[str, str, str]:
    """(folder, name, stem) of a posix path, without building path objects: this runs for every
    objective of a repository."""
    folder, _, name = file.rpartition("/")
    stem = name.rpartition(".")[0] or name
    return folder, name, stem


def _file_name(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    objective, file = entry.objective, entry.file
    _, name, stem = _split(file)
    if stem != objective.id:
        yield cascade.at(
            file,
            ("id",),
            "OKR303",
            f"id {objective.id!r} differs from the file name {name!r}: "
            f"rename the file to {objective.id}.yaml or set `id: {stem}`",
        )


def _folder(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """An objective in the OKR folder lives at okrs/<period>/<unit>/: reviewers (CODEOWNERS) and
    readers find it by its folder, so a file elsewhere would dodge its unit's review."""
    objective, file = entry.objective, entry.file
    if not file.startswith(DEFAULT_DIR + "/"):
        return
    folder, name, _ = _split(file)
    expected = f"{DEFAULT_DIR}/{objective.period}/{objective.unit}"
    if folder == expected:
        return
    parts = folder.split("/")
    field = "unit" if len(parts) == 3 and parts[1] == objective.period else "period"
    yield cascade.at(
        file,
        (field,),
        "OKR310",
        f"the file is in {folder}/ but the objective belongs to unit {objective.unit!r} "
        f"in period {objective.period!r}: move it to {expected}/{name} (the folder decides "
        "who reviews it)",
    )


def _objective(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    objective, file = entry.objective, entry.file
    yield from _file_name(cascade, entry)
    yield from _folder(cascade, entry)
    if cascade.organization is not None:
        if objective.unit not in cascade.units:
            yield _unknown(cascade, file, ("unit",), "unit", objective.unit)
        if objective.owner not in cascade.people and objective.owner not in cascade.units:
            yield _unknown(cascade, file, ("owner",), "person or unit", objective.owner)
        for i, contributor in enumerate(objective.contributors):
            if contributor not in cascade.units:
                yield _unknown(cascade, file, ("contributors", i), "unit", contributor)
        if objective.period not in cascade.periods:
            yield _unknown(cascade, file, ("period",), "period", objective.period)
        for k, kr in enumerate(objective.key_results):
            if (
                kr.owner is not None
                and kr.owner not in cascade.people
                and kr.owner not in cascade.units
            ):
                where = ("key_results", k, "owner")
                yield _unknown(cascade, file, where, "person or unit", kr.owner)
            for c, checkin in enumerate(kr.checkins):
                if checkin.by is not None and checkin.by not in cascade.people:
                    path = ("key_results", k, "checkins", c, "by")
                    yield _unknown(cascade, file, path, "person", checkin.by)
    yield from _parent(cascade, entry)
    yield from _roll_up(cascade, entry)
    for field in ("depends_on", "acknowledges"):
        for i, other in enumerate(getattr(objective, field)):
            if other == objective.id:
                yield cascade.at(
                    file,
                    (field, i),
                    "OKR304",
                    f"`{field}` names the objective itself; remove {other!r}",
                )
            elif other not in cascade.objectives and other.casefold() not in cascade.broken:
                yield _unknown_objective(cascade, file, (field, i), other, field)
    carried = objective.carried_from
    if (
        carried is not None
        and carried not in cascade.objectives
        and carried.casefold() not in cascade.broken
    ):
        yield _unknown_objective(cascade, file, ("carried_from",), carried, "carried_from")


def _unknown_objective(
    cascade: Cascade, file: str, path: tuple[str | int, ...], name: str, field: str
) -> Diagnostic:
    for what, pool in (
        ("unit", cascade.units),
        ("person", cascade.people),
        ("period", cascade.periods),
    ):
        if name in pool:
            return cascade.at(
                file,
                path,
                "OKR305",
                f"`{field}` must name an objective, but {name!r} is a {what}; use the id of one of "
                f"its objectives",
            )
    return cascade.at(
        file,
        path,
        "OKR304",
        f"unknown objective {name!r}{_hint(name, cascade.objectives)}; `{field}` takes the id of "
        "an objective (its file name without .yaml)",
    )


def _parent(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    objective, file = entry.objective, entry.file
    parent_id = objective.parent
    if parent_id is None:
        return
    if parent_id == objective.id:
        yield cascade.at(
            file,
            ("parent",),
            "OKR306",
            "the objective names itself as its parent; name the objective it supports",
        )
        return
    parent = cascade.objectives.get(parent_id)
    if parent is None:
        if parent_id.casefold() not in cascade.broken:
            yield _unknown_objective(cascade, file, ("parent",), parent_id, "parent")
        return
    above = parent.objective
    if objective.unit in cascade.units and above.unit in cascade.units:
        lineage = [objective.unit, *cascade.unit_ancestors(objective.unit)]
        if above.unit not in lineage:
            yield cascade.at(
                file,
                ("parent",),
                "OKR307",
                f"parent {parent_id!r} belongs to unit {above.unit!r}, which is neither "
                f"{objective.unit!r} nor above it; support an objective of "
                f"{' or '.join(repr(u) for u in lineage)}, or record the link with `depends_on`",
            )
    mine, theirs = cascade.periods.get(objective.period), cascade.periods.get(above.period)
    if mine is not None and theirs is not None and not theirs.encloses(mine):
        yield cascade.at(
            file,
            ("parent",),
            "OKR308",
            f"parent {parent_id!r} is set for period {above.period!r}, which does not cover "
            f"{objective.period!r}; support an objective of the same period or of one that "
            "encloses it",
        )


def _roll_up(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """An objective without key results is measured by the objectives that support it; with
    none (or only dropped ones) it measures nothing."""
    objective = entry.objective
    if objective.key_results or objective.status == "dropped":
        return
    supporting = [
        cascade.objectives[c].objective
        for c in cascade.children.get(objective.id, [])
        if c in cascade.objectives and c != objective.id
    ]
    if any(child.status == "active" for child in supporting):
        return
    if cascade.broken:  # an objective that did not validate may be the one supporting it
        return
    dropped = f" (only dropped ones: {', '.join(c.id for c in supporting)})" if supporting else ""
    written = ("key_results",) in entry.source.entries
    yield cascade.at(
        entry.file,
        ("key_results",) if written else ("id",),
        "OKR312",
        f"objective {objective.id!r} has no key results and no active objective supports it"
        f"{dropped}, so nothing measures it: add key results, or name it as the `parent` of "
        "the objectives that make it happen",
        where="key",
    )


def _duplicates(cascade: Cascade) -> Iterator[Diagnostic]:
    for first, second in cascade.duplicates:
        yield from _file_name(cascade, second)
        same = first.objective.id == second.objective.id
        yield cascade.at(
            second.file,
            ("id",),
            "OKR302",
            f"objective id {second.objective.id!r} is already used by {first.file}"
            + ("" if same else f" (as {first.objective.id!r}; ids must differ in more than case)")
            + "; choose another id and rename the file",
        )


def _cycles(cascade: Cascade) -> Iterator[Diagnostic]:
    done: set[str] = set()
    for start in sorted(cascade.objectives):
        path: list[str] = []
        position: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in cascade.objectives and current not in done:
            if current in position:
                cycle = path[position[current] :]
                first = min(cycle)
                rotated = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
                shown = " -> ".join([*rotated, first])
                entry = cascade.objectives[first]
                yield cascade.at(
                    entry.file,
                    ("parent",),
                    "OKR306",
                    f"parent chain forms a cycle: {shown}; one of them must support an "
                    "objective outside the cycle",
                )
                break
            position[current] = len(path)
            path.append(current)
            parent = cascade.objectives[current].objective.parent
            current = parent if parent != current else None
        done.update(path)
