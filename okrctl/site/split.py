"""Which units get a page of their own, so that no page grows with the organisation.

One rule for every view that would list a whole organisation (the goal tree, the org chart,
people, the work that needs attention): the company's page lists everything while it holds
at most `limit` items; a unit whose items (with its sub-units') are more than `limit` gives
each of its sub-units with items a page of its own, and so on down. A unit's items are on the
page of its nearest unit (itself or above) that has one. A company of five departments with
two hundred teams each gets a page per department and, below a department of a thousand
objectives, a page per team; a flat one of many small departments a page per department.

Pure: counts in, pages out; `okrctl.site.view.gather` computes them once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from okrctl.index import Cascade
from okrctl.site.unit_tree import UnitTree

SPLIT_AT = 200
"""The most objectives (or items needing attention) one page lists before its units get
pages of their own."""
PEOPLE_SPLIT_AT = 100
"""The most people one people page lists before its units get pages of their own."""


def page_units(
    root: str | None,
    children: Mapping[str, Sequence[str]],
    counts: Mapping[str, int],
    limit: int = SPLIT_AT,
) -> frozenset[str]:
    """The units with a page: the company, and every sub-unit (with items) of a page unit that
    holds more than `limit` items with its sub-units. `counts`: unit -> its items and its
    sub-units'."""
    if root is None:
        return frozenset()
    found = {root}
    stack = [root]
    while stack:
        unit = stack.pop()
        if counts.get(unit, 0) <= limit:
            continue
        for child in children.get(unit, ()):
            if counts.get(child, 0) and child not in found:
                found.add(child)
                stack.append(child)
    return frozenset(found)


def assign(
    order: Sequence[str],
    parents: Mapping[str, str | None],
    pages: frozenset[str],
    root: str | None,
) -> dict[str, str]:
    """Unit -> the unit whose page lists its items (its nearest unit with a page). `order`
    lists parents before their children."""
    found: dict[str, str] = {}
    for unit in order:
        if unit in pages:
            found[unit] = unit
            continue
        parent = parents.get(unit)
        found[unit] = found.get(parent or "", root or unit)
    return found


def subtree_counts(
    order: Sequence[str],
    children: Mapping[str, Sequence[str]],
    own: Mapping[str, int],
) -> dict[str, int]:
    """Unit -> its own items and all its sub-units'. `order` lists parents first."""
    counts: dict[str, int] = {}
    for unit in reversed(order):
        counts[unit] = own.get(unit, 0) + sum(counts.get(c, 0) for c in children.get(unit, ()))
    return counts


def by_period(
    tree: UnitTree,
    parents: Mapping[str, str | None],
    counts: Mapping[tuple[str, str], int],
    periods: Sequence[str],
    limit: int = SPLIT_AT,
) -> dict[str, dict[str, str]]:
    """Period -> unit -> the unit whose page lists its objectives in the period, by the
    objectives' subtree `counts` ((unit, period) -> count)."""
    found: dict[str, dict[str, str]] = {}
    for period in periods:
        totals = {unit: counts.get((unit, period), 0) for unit in tree.order}
        pages = page_units(tree.root, tree.children, totals, limit)
        found[period] = assign(tree.order, parents, pages, tree.root)
    return found


def people(
    cascade: Cascade,
    tree: UnitTree,
    parents: Mapping[str, str | None],
    limit: int = PEOPLE_SPLIT_AT,
) -> dict[str, str]:
    """Person id -> the unit whose people page lists them (the company's: `people.md`)."""
    own: dict[str, int] = {}
    for person in cascade.people.values():
        if person.unit in cascade.units:
            own[person.unit] = own.get(person.unit, 0) + 1
    counts = subtree_counts(tree.order, tree.children, own)
    if tree.root is not None:
        counts[tree.root] = len(cascade.people)  # people of no unit are on the company's page
    pages = page_units(tree.root, tree.children, counts, limit)
    unit_page = assign(tree.order, parents, pages, tree.root)
    root = tree.root or ""
    return {
        person.id: unit_page.get(person.unit or "", root) if person.unit else root
        for person in cascade.people.values()
    }
