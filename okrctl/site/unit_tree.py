"""The unit hierarchy as the pages walk it, and the figures that roll up along it.

Pure: computed once by `view.gather` from the cascade. The tree is walked iteratively
(depth-first, children by name) so a deep organisation never hits the recursion limit, and a
unit caught in a parent cycle (refused by the check) still gets a place after the tree.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from okrctl.index import Cascade
from okrctl.model import Objective, Period, Unit
from okrctl.site.ordering import natural

Grouped = Mapping[tuple[str, str], Sequence[Objective]]
"""(unit, period) -> the unit's own objectives in the period."""


@dataclass(frozen=True)
class UnitTree:
    """The units in the order every page lists them."""

    root: str | None
    """The company: the first unit without a parent."""
    order: tuple[str, ...]
    """Units depth-first from the company, children by name; units outside the tree last."""
    depth: Mapping[str, int]
    """Unit id -> how far below the company it is (0 for the company)."""
    children: Mapping[str, tuple[str, ...]]
    """Unit id -> its sub-units, by name."""


def unit_tree(cascade: Cascade) -> UnitTree:
    """The cascade's units as a tree, walked depth-first from the company."""
    children = _unit_children(cascade)
    roots = cascade.root_units()
    order, depth = _depth_first(roots, children, cascade)
    return UnitTree(
        root=roots[0] if roots else None, order=tuple(order), depth=depth, children=children
    )


def departments(order: Sequence[str], cascade: Cascade) -> dict[str, str | None]:
    """Unit id -> its department (the unit just below the company; None for the company)."""
    found: dict[str, str | None] = {}
    for unit in order:
        chain = [*reversed(cascade.unit_ancestors(unit)), unit]
        found[unit] = chain[1] if len(chain) > 1 else None
    return found


def subtree_counts(
    tree: UnitTree, grouped: Grouped, periods: Sequence[Period]
) -> dict[tuple[str, str], int]:
    """(unit, period) -> how many objectives the unit and everything below it has."""
    counts: dict[tuple[str, str], int] = {}
    for unit in reversed(tree.order):  # children come after their parent in depth-first order
        for period in periods:
            own = len(grouped.get((unit, period.id), ()))
            below = sum(counts.get((child, period.id), 0) for child in tree.children.get(unit, ()))
            counts[(unit, period.id)] = own + below
    return counts


def branch_sums(
    tree: UnitTree,
    grouped: Grouped,
    periods: Sequence[Period],
    values: Mapping[str, float | None],
) -> dict[tuple[str, str], tuple[float, int]]:
    """(unit, period) -> the sum and the number of the measured scores of the unit's objectives
    and its sub-units', bottom up: their mean is the unit's score with its units."""
    sums: dict[tuple[str, str], tuple[float, int]] = {}
    for unit in reversed(tree.order):
        for period in periods:
            measured = [
                v for o in grouped.get((unit, period.id), ()) if (v := values[o.id]) is not None
            ]
            total, count = sum(measured), len(measured)
            for child in tree.children.get(unit, ()):
                below = sums.get((child, period.id), (0.0, 0))
                total, count = total + below[0], count + below[1]
            sums[(unit, period.id)] = (total, count)
    return sums


def _unit_children(cascade: Cascade) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[Unit]] = {}
    for unit in cascade.units.values():
        if unit.parent is not None:
            found.setdefault(unit.parent, []).append(unit)
    return {
        parent: tuple(u.id for u in sorted(units, key=lambda u: (natural(u.name), u.id)))
        for parent, units in found.items()
    }


def _depth_first(
    roots: Sequence[str], children: Mapping[str, tuple[str, ...]], cascade: Cascade
) -> tuple[list[str], dict[str, int]]:
    order: list[str] = []
    depth: dict[str, int] = {}
    stack = [(unit, 0) for unit in reversed(roots)]
    while stack:
        unit, level = stack.pop()
        if unit in depth:  # a cycle is refused by the check; never loop on one
            continue
        depth[unit] = level
        order.append(unit)
        stack.extend((child, level + 1) for child in reversed(children.get(unit, ())))
    # Units outside the tree (a parent cycle) still get pages, after the tree.
    for unit in sorted(cascade.units):
        if unit not in depth:
            depth[unit] = 0
            order.append(unit)
    return order, depth


def branch_counts(
    tree: UnitTree,
    grouped: Grouped,
    periods: Sequence[Period],
    status_of: Callable[[Objective], str],
    stale: Collection[str],
) -> dict[tuple[str, str], dict[str, int]]:
    """(unit, period) -> how many objectives of the unit and its sub-units have each status
    (and how many are `stale`), bottom up: the figures every page that counts them shows."""
    found: dict[tuple[str, str], dict[str, int]] = {}
    for unit in reversed(tree.order):
        for period in periods:
            counts: dict[str, int] = {}
            for objective in grouped.get((unit, period.id), ()):
                word = status_of(objective)
                counts[word] = counts.get(word, 0) + 1
                if objective.id in stale:
                    counts["stale"] = counts.get("stale", 0) + 1
            for child in tree.children.get(unit, ()):
                for word, n in found.get((child, period.id), {}).items():
                    counts[word] = counts.get(word, 0) + n
            found[(unit, period.id)] = counts
    return found
