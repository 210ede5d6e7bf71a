"""Which pages list which units, so that no page grows with the organisation.

One rule for every view that would list a whole organisation (the goal tree, the org chart,
people, the work that needs attention): a page lists at most `limit` items. The company's
page lists everything while that fits. A unit whose items (with its sub-units') are more than
a page holds keeps its own items on its page, with as many of its sub-units (in the
organisation's order, each with everything below it) as still fit; the other sub-units go on
pages of their own, packed in order so each holds at most `limit` items, and a sub-unit larger
than a page is split the same way. A company of five departments with two hundred teams each
gets a page per department and a handful of pages of teams under each; a flat one of many
small departments, pages of departments.

A page is named by its first unit (its key). Pure: counts in, pages out; `view.gather`
computes them once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from okrctl.index import Cascade
from okrctl.site.unit_tree import UnitTree

SPLIT_AT = 200
"""The most objectives (or items needing attention) one page lists."""
PEOPLE_SPLIT_AT = 100
"""The most people one people page lists."""


class Layout(NamedTuple):
    """Pages by their key unit: which units each lists at its top, and where each unit is."""

    page_of: dict[str, str]
    """Unit -> the key of the page that lists its items."""
    tops: dict[str, tuple[str, ...]]
    """Page key -> the units the page starts from (each listed with what is below it and on
    the page), in the organisation's order."""
    parent: dict[str, str | None]
    """Page key -> the page above it (None for the company's)."""


def layout(
    root: str | None,
    children: Mapping[str, Sequence[str]],
    counts: Mapping[str, int],
    limit: int = SPLIT_AT,
) -> Layout:
    """The pages of one organisation's items. `counts`: unit -> its items and its
    sub-units'."""
    page_of: dict[str, str] = {}
    tops: dict[str, tuple[str, ...]] = {}
    parent: dict[str, str | None] = {}
    if root is None:
        return Layout(page_of, tops, parent)
    tops[root], parent[root] = (root,), None
    stack: list[tuple[str, str]] = [(root, root)]  # (unit, the page it is on)
    while stack:
        unit, page = stack.pop()
        page_of[unit] = page
        kids = [c for c in children.get(unit, ()) if c not in page_of]
        staying = _stays(unit, kids, counts, limit)
        placed = _pack(kids, staying, counts, limit)
        for group in placed:
            key = group[0]
            tops[key], parent[key] = tuple(group), page
            stack.extend((c, key) for c in reversed(group))
        stack.extend((c, page) for c in reversed(staying))
    return Layout(page_of, tops, parent)


def _stays(unit: str, kids: Sequence[str], counts: Mapping[str, int], limit: int) -> list[str]:
    """The sub-units that stay on `unit`'s page: all of them when the unit fits below the
    limit; else, in order, those that still fit beside the unit's own items."""
    own = counts.get(unit, 0) - sum(counts.get(c, 0) for c in kids)
    if counts.get(unit, 0) <= limit:
        return list(kids)
    room = limit - own
    staying = []
    for child in kids:
        size = counts.get(child, 0)
        if size <= room:
            staying.append(child)
            room -= size
        elif not size:
            staying.append(child)
    return staying


def _pack(
    kids: Sequence[str], staying: Sequence[str], counts: Mapping[str, int], limit: int
) -> list[list[str]]:
    """The sub-units that leave, packed in order into pages of at most `limit` items (one
    larger than a page alone on its page, to be split in turn)."""
    stay = set(staying)
    groups: list[list[str]] = []
    size = 0
    for child in kids:
        if child in stay:
            continue
        count = counts.get(child, 0)
        if groups and size + count <= limit and count <= limit:
            groups[-1].append(child)
            size += count
        else:
            groups.append([child])
            size = count
    return groups


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
    counts: Mapping[tuple[str, str], int],
    periods: Sequence[str],
    limit: int = SPLIT_AT,
) -> dict[str, Layout]:
    """Period -> the pages of its objectives, by the objectives' subtree `counts`
    ((unit, period) -> count)."""
    return {
        period: layout(
            tree.root,
            tree.children,
            {unit: counts.get((unit, period), 0) for unit in tree.order},
            limit,
        )
        for period in periods
    }


def people(cascade: Cascade, tree: UnitTree, limit: int = PEOPLE_SPLIT_AT) -> Layout:
    """The people pages: the unit of each person counts them."""
    own: dict[str, int] = {}
    for person in cascade.people.values():
        unit = person.unit if person.unit in cascade.units else tree.root
        if unit is not None:
            own[unit] = own.get(unit, 0) + 1
    return layout(tree.root, tree.children, subtree_counts(tree.order, tree.children, own), limit)
