"""Integrity of the cascade's parent links: what an objective supports, and what measures it.

- OKR306: an objective that names itself as its parent, or parent links that form a cycle;
- OKR304/OKR305: a `parent` that is not an objective (see `unknown_names`);
- OKR307: a parent in a unit that is neither the objective's own unit nor above it;
- OKR308: a parent in a period that does not enclose the objective's;
- OKR312: an objective without key results that no active objective supports.
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.diagnostics import Diagnostic
from okrctl.index import Cascade, Entry
from okrctl.model import Objective
from okrctl.references.unknown_names import unknown_objective


def dangling(cascade: Cascade, name: str) -> bool:
    """True when `name` is no objective, not even one whose file did not validate (a reference
    to that is not reported again)."""
    return name not in cascade.objectives and name.casefold() not in cascade.broken


def parent_findings(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """Findings at the objective's `parent`: itself, unknown, or in the wrong unit or period."""
    objective, file = entry.objective, entry.file
    parent_id = objective.parent
    if parent_id is None:
        return
    if parent_id == objective.id:
        yield cascade.at(
            file,
            ("parent",),
            codes.REFERENCE_CYCLE.code,
            "the objective names itself as its parent; name the objective it supports",
        )
        return
    parent = cascade.objectives.get(parent_id)
    if parent is None:
        if dangling(cascade, parent_id):
            yield unknown_objective(cascade, file, ("parent",), parent_id, "parent")
        return
    yield from _parent_unit(cascade, entry, parent.objective)
    yield from _parent_period(cascade, entry, parent.objective)


def _parent_unit(cascade: Cascade, entry: Entry, above: Objective) -> Iterator[Diagnostic]:
    """OKR307: the parent's unit must be the objective's own or one above it."""
    objective = entry.objective
    if objective.unit not in cascade.units or above.unit not in cascade.units:
        return
    lineage = [objective.unit, *cascade.unit_ancestors(objective.unit)]
    if above.unit in lineage:
        return
    yield cascade.at(
        entry.file,
        ("parent",),
        codes.PARENT_NOT_ABOVE.code,
        f"parent {above.id!r} belongs to unit {above.unit!r}, which is neither "
        f"{objective.unit!r} nor above it; support an objective of "
        f"{' or '.join(repr(u) for u in lineage)}, or record the link with `depends_on`",
    )


def _parent_period(cascade: Cascade, entry: Entry, above: Objective) -> Iterator[Diagnostic]:
    """OKR308: the parent's period must enclose the objective's."""
    objective = entry.objective
    mine, theirs = cascade.periods.get(objective.period), cascade.periods.get(above.period)
    if mine is None or theirs is None or theirs.encloses(mine):
        return
    yield cascade.at(
        entry.file,
        ("parent",),
        codes.PARENT_PERIOD.code,
        f"parent {above.id!r} is set for period {above.period!r}, which does not cover "
        f"{objective.period!r}; support an objective of the same period or of one that "
        "encloses it",
    )


def roll_up_findings(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """OKR312: an objective without key results is measured by the objectives that support it;
    with none (or only dropped ones) it measures nothing."""
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
        codes.UNMEASURED_ROLL_UP.code,
        f"objective {objective.id!r} has no key results and no active objective supports it"
        f"{dropped}, so nothing measures it: add key results, or name it as the `parent` of "
        "the objectives that make it happen",
        where="key",
    )


def _parent_walk(cascade: Cascade, start: str, done: set[str]) -> tuple[list[str], int | None]:
    """The ids from `start` up its parents, stopping at an id in `done` (its chain was walked),
    at a missing objective or at one that is its own parent; with the index in the walk where a
    cycle starts, or None."""
    path: list[str] = []
    position: dict[str, int] = {}
    current: str | None = start
    while current is not None and current in cascade.objectives and current not in done:
        if current in position:
            return path, position[current]
        position[current] = len(path)
        path.append(current)
        parent = cascade.objectives[current].objective.parent
        current = parent if parent != current else None
    return path, None


def cycle_findings(cascade: Cascade) -> Iterator[Diagnostic]:
    """OKR306, once per cycle of parent links, at the `parent` of its smallest id. Each walk
    stops where an earlier one went, so the whole check is linear."""
    done: set[str] = set()
    for start in sorted(cascade.objectives):
        path, begins = _parent_walk(cascade, start, done)
        done.update(path)
        if begins is None:
            continue
        cycle = path[begins:]
        first = min(cycle)
        rotated = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
        shown = " -> ".join([*rotated, first])
        yield cascade.at(
            cascade.objectives[first].file,
            ("parent",),
            codes.REFERENCE_CYCLE.code,
            f"parent chain forms a cycle: {shown}; one of them must support an "
            "objective outside the cycle",
        )
