"""The goal tree, one page per period: every objective nested under the objective it supports,
whichever unit owns it, so that a reader traces a team's work up to the company's goals.

The tree is a nest of `<details>` (it opens and closes without JavaScript); `okrctl.js` adds
expand all and collapse all, arrow keys, filters by unit, person and status (stale included)
kept in the URL, and opens and highlights a deep link's target.

No page grows with the organisation (`okrctl.site.split`): in a large period a unit's
objectives go on its own page when its part of the tree is larger than a page holds; on the
page above, the objectives they support say how many of them support it on which page, and a
table leads to every sub-page with its status counts.

The walk is iterative (a 10,000-deep chain of objectives is a finding, never a
RecursionError): it yields a flat list of steps, which `pages/tree.html.j2` writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import NamedTuple

from okrctl.model import Objective, Period
from okrctl.site import split
from okrctl.site.links import tree_page
from okrctl.site.ordering import natural
from okrctl.site.templates import Links, Page, Planned, renderer
from okrctl.site.view import SiteView
from okrctl.status import STATUSES

STUB_GROUPS = 12
"""The most groups of supporting objectives on other pages listed under one objective."""


class Elsewhere(NamedTuple):
    """Objectives on another page that support an objective of this page."""

    unit: str
    """The unit whose page lists them."""
    first: str
    """The first of them, where the link lands."""
    size: int
    statuses: tuple[tuple[str, int], ...]


class Step(NamedTuple):
    """One step of the walk: `open` an objective's node (`close` it after its branch), or a
    group of its supporters listed `elsewhere`, or `more` groups than are listed."""

    kind: str
    objective: Objective | None = None
    elsewhere: Elsewhere | None = None
    more: int = 0


class Roots(NamedTuple):
    """A period's tree pages: each page's roots, and the pages below each page."""

    roots: dict[str, list[str]]
    sub_pages: dict[str, list[str]]


def layout(view: SiteView, period: Period) -> Roots:
    """One walk of the period's tree: the objectives each page starts from (those whose parent
    is on another page, or not in the period), in the tree's order."""
    pages = view.tree_split[period.id]
    page_of = pages.page_of
    roots: dict[str, list[str]] = {}
    stack: list[tuple[str, str | None]] = [
        (oid, None) for oid in reversed(view.goal_roots.get(period.id, ()))
    ]
    while stack:
        oid, above = stack.pop()
        objective = view.objective(oid)
        if objective is None:
            continue
        page = page_of.get(objective.unit, view.root or "")
        if page != above:
            roots.setdefault(page, []).append(oid)
        stack.extend((child, page) for child in reversed(view.goal_children.get(oid, ())))
    sub_pages: dict[str, list[str]] = {}
    for key, above in pages.parent.items():  # in the order the pages were made
        if above is not None:
            sub_pages.setdefault(above, []).append(key)
    position = {unit: i for i, unit in enumerate(view.unit_order)}
    for keys in sub_pages.values():
        keys.sort(key=lambda k: position.get(k, 0))
    return Roots(roots, sub_pages)


def walk(view: SiteView, period: Period, page: str, roots: Sequence[str]) -> Iterator[Step]:
    """The steps of one page: its objectives depth first; supporters on other pages grouped."""
    page_of = view.tree_split[period.id].page_of
    stack: list[Step] = [Step("node", view.objective(oid)) for oid in reversed(roots)]
    while stack:
        step = stack.pop()
        if step.kind != "node":
            yield step
            continue
        objective = step.objective
        if objective is None:
            continue
        yield Step("open", objective)
        here: list[Step] = []
        groups: dict[str, list[Objective]] = {}
        for child in map(view.objective, view.goal_children.get(objective.id, ())):
            if child is None:
                continue
            where = page_of.get(child.unit, view.root or "")
            if where == page:
                here.append(Step("node", child))
            else:
                groups.setdefault(where, []).append(child)
        stack.append(Step("close", objective))
        stack.extend(reversed(here))
        stack.extend(reversed(_elsewhere(view, groups)))


def _elsewhere(view: SiteView, groups: dict[str, list[Objective]]) -> list[Step]:
    steps: list[Step] = []
    for unit, items in groups.items():
        counts: dict[str, int] = {}
        for o in items:
            word = view.verdicts[o.id].status
            counts[word] = counts.get(word, 0) + 1
        ordered = tuple((s, counts[s]) for s in STATUSES if counts.get(s))
        steps.append(Step("elsewhere", elsewhere=Elsewhere(unit, items[0].id, len(items), ordered)))
    if len(steps) > STUB_GROUPS:
        return [*steps[:STUB_GROUPS], Step("more", more=len(steps) - STUB_GROUPS)]
    return steps


def _owners(view: SiteView, objective: Objective) -> list[str]:
    found = [objective.owner]
    unit = view.unit(objective.owner)
    if unit is not None and unit.lead:
        found.append(unit.lead)
    for kr in objective.key_results:
        if kr.owner and kr.owner not in found:
            found.append(kr.owner)
    return found


def _filter_words(view: SiteView, objective: Objective) -> tuple[list[str], list[str]]:
    """The node's units (its unit, the units above it and its contributors) and people."""
    units = [u.id for u in view.unit_chain(objective.unit)] + [objective.unit]
    units += [c for c in objective.contributors if c not in units]
    return units, _owners(view, objective)


def _render(view: SiteView, period: Period, unit: str, found: Roots) -> Page:
    path = tree_page(view, period.id, None if unit == view.root else unit)
    links = Links(view, path)
    steps = list(walk(view, period, unit, found.roots.get(unit, [])))
    words = {
        s.objective.id: _filter_words(view, s.objective)
        for s in steps
        if s.kind == "open" and s.objective
    }
    units = {u: None for found_units, _ in words.values() for u in found_units}
    people = {p: None for _, found_people in words.values() for p in found_people}
    pages = view.tree_split[period.id]
    name = None if unit == view.root else view.page_name(pages, unit)
    body = renderer("pages/tree.html.j2")(
        view=view,
        links=links,
        period=period,
        name=name,
        above=[(view.page_name(pages, k), links.tree(period, k)) for k in pages_above(pages, unit)],
        steps=steps,
        here=len(words),
        words={oid: (" ".join(u), " ".join(p)) for oid, (u, p) in words.items()},
        sub_pages=[sub_page(view, period, pages, key) for key in found.sub_pages.get(unit, [])],
        filters=_filters(view, period, units, people),
    )
    title = f"Goal tree · {period.name or period.id}"
    if name is not None:
        title = f"Goal tree · {name} · {period.name or period.id}"
    return Page(path, title, str(body), search=False)


def pages_above(pages: split.Layout, key: str) -> list[str]:
    """The keys of the pages above a page, from the company's (left out) down."""
    found: list[str] = []
    above = pages.parent.get(key)
    while above is not None and pages.parent.get(above) is not None:
        found.append(above)
        above = pages.parent.get(above)
    return found[::-1]


class SubPage(NamedTuple):
    """A page below this one: its name, key and what it holds with the pages below it."""

    key: str
    name: str
    objectives: int
    counts: list[tuple[str, int]]


def sub_page(view: SiteView, period: Period, pages: split.Layout, key: str) -> SubPage:
    tops = pages.tops.get(key, (key,))
    totals: dict[str, int] = {}
    for unit in tops:
        for word, n in view.branch_counts.get((unit, period.id), {}).items():
            totals[word] = totals.get(word, 0) + n
    objectives = sum(view.subtree_count.get((u, period.id), 0) for u in tops)
    counts = [(s, totals.get(s, 0)) for s in STATUSES] + [("stale", totals.get("stale", 0))]
    return SubPage(key, view.page_name(pages, key), objectives, counts)


def _filters(
    view: SiteView, period: Period, units: dict[str, None], people: dict[str, None]
) -> dict[str, object]:
    """The choices of the page's filters: the units and people it shows, in reading order."""
    return {
        "units": [
            (u, "\u00a0\u00a0" * view.depth[u] + view.unit_name(u))
            for u in view.unit_order
            if u in units
        ],
        "people": sorted(
            ((p, view.person_name(p)) for p in people if p in view.cascade.people),
            key=lambda pair: (natural(pair[1]), pair[0]),
        ),
        "statuses": view.statuses_of(period),
        "stale": not period.closed,
    }


def plan(view: SiteView) -> Iterator[Planned]:
    position = {unit: i for i, unit in enumerate(view.unit_order)}
    for period in view.periods:
        found = layout(view, period)
        units = {view.root or "", *(u for subs in found.sub_pages.values() for u in subs)}
        for unit in sorted(units, key=lambda u: position.get(u, -1)):
            path = tree_page(view, period.id, None if unit == view.root else unit)
            yield Planned(path, partial(_render, view, period, unit, found))
