"""The objectives grouped the ways the pages look them up, computed once by `view.gather`.

Pure: each function takes the cascade (and what an earlier step computed) and returns a
dictionary, so that rendering a page never scans the whole organisation again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from okrctl.index import Cascade
from okrctl.model import Objective, Period
from okrctl.site.ordering import natural

Scores = Mapping[str, float | None]
"""Objective id -> its effective score (None: not measured, or dropped)."""


def by_unit_and_period(cascade: Cascade) -> dict[tuple[str, str], list[Objective]]:
    """(unit, period) -> the unit's own objectives in the period, in the cascade's order."""
    grouped: dict[tuple[str, str], list[Objective]] = {}
    for entry in cascade.iter_objectives():
        objective = entry.objective
        grouped.setdefault((objective.unit, objective.period), []).append(objective)
    return grouped


def by_owner(cascade: Cascade, periods: Sequence[Period]) -> dict[str, tuple[Objective, ...]]:
    """Owner id (a person or a unit) -> the objectives it owns, in `periods`' order then by id."""
    owned: dict[str, list[Objective]] = {}
    for entry in cascade.iter_objectives():
        owned.setdefault(entry.objective.owner, []).append(entry.objective)
    rank = {p.id: i for i, p in enumerate(periods)}
    return {
        owner: tuple(sorted(items, key=lambda o: (rank.get(o.period, len(rank)), o.id)))
        for owner, items in owned.items()
    }


def unit_scores(
    grouped: Mapping[tuple[str, str], Sequence[Objective]], score: Scores
) -> dict[tuple[str, str], float | None]:
    """(unit, period) -> the mean score of the unit's measured objectives.

    The mean `scoring.unit_score` defines, without its scan of every objective per unit
    (quadratic on a large organisation).
    """
    found: dict[tuple[str, str], float | None] = {}
    for key, objectives in grouped.items():
        measured = [value for o in objectives if (value := score.get(o.id)) is not None]
        found[key] = sum(measured) / len(measured) if measured else None
    return found


def successors(cascade: Cascade) -> dict[str, tuple[str, ...]]:
    """Objective id -> the objectives that continue it (`carried_from`), by id."""
    found: dict[str, list[str]] = {}
    for entry in cascade.iter_objectives():
        earlier = entry.objective.carried_from
        if earlier:
            found.setdefault(earlier, []).append(entry.objective.id)
    return {oid: tuple(sorted(items)) for oid, items in found.items()}


def contributed(cascade: Cascade) -> dict[str, tuple[Objective, ...]]:
    """Unit id -> the objectives that list it among their `contributors`."""
    found: dict[str, list[Objective]] = {}
    for entry in cascade.iter_objectives():
        for unit in getattr(entry.objective, "contributors", None) or ():
            found.setdefault(unit, []).append(entry.objective)
    return {unit: tuple(items) for unit, items in found.items()}


def goal_tree(
    cascade: Cascade, unit_order: Sequence[str]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The goal tree of each period: roots (objectives whose parent is not in their period)
    and each objective's supporters, by unit (company first) then title."""
    position = {unit: i for i, unit in enumerate(unit_order)}

    def key(objective: Objective) -> tuple[int, tuple[tuple[int, int, str], ...], str]:
        return (position.get(objective.unit, len(position)), natural(objective.title), objective.id)

    roots: dict[str, list[Objective]] = {}
    below: dict[str, list[Objective]] = {}
    for entry in cascade.objectives.values():
        objective = entry.objective
        parent = cascade.objectives.get(objective.parent or "")
        if parent is not None and parent.objective.period == objective.period:
            below.setdefault(parent.objective.id, []).append(objective)
        else:
            roots.setdefault(objective.period, []).append(objective)
    return (
        {p: tuple(o.id for o in sorted(items, key=key)) for p, items in roots.items()},
        {p: tuple(o.id for o in sorted(items, key=key)) for p, items in below.items()},
    )
