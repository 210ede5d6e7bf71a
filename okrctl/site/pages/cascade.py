"""The org chart, one page per period: company > departments > teams, each unit with its
objectives as compact rows linking to their pages, as a tree of `<details>` that opens and
closes without JavaScript. The goal tree (`tree.py`) is the first view; this one answers "what
does each unit work on".

A large period splits as the goal tree does (`okrctl.site.split`): a unit whose part of the
chart is larger than a page holds gets a page of its own, and the page above links to it. The
walk over the units is iterative (units nested thousands deep are no RecursionError).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import NamedTuple

from okrctl.model import Objective, Period
from okrctl.site.links import chart_page
from okrctl.site.pages.tree import pages_above
from okrctl.site.templates import Links, Page, Planned, renderer
from okrctl.site.view import SiteView


class Step(NamedTuple):
    """`open` a unit's node (`close` it after), an `objective` row, a unit with its own page
    (`stub`), or a unit with no objectives in the period (`empty`)."""

    kind: str
    unit: str = ""
    objective: Objective | None = None


def walk(view: SiteView, period: Period, page: str) -> Iterator[Step]:
    pages = view.tree_split[period.id]
    stack: list[Step] = [Step("unit", unit) for unit in reversed(pages.tops.get(page, (page,)))]
    while stack:
        step = stack.pop()
        if step.kind != "unit":
            yield step
            continue
        unit = step.unit
        if pages.page_of.get(unit, page) != page:
            yield Step("stub", unit)
            continue
        if not view.subtree_count.get((unit, period.id), 0):
            yield Step("empty", unit)
            continue
        yield Step("open", unit)
        objectives = view.in_reading_order(view.of(unit, period.id))
        stack.append(Step("close", unit))
        stack.extend(Step("unit", child) for child in reversed(view.children.get(unit, ())))
        stack.extend(Step("objective", unit, o) for o in reversed(objectives))


def _render(view: SiteView, period: Period, key: str) -> Page:
    path = chart_page(view, period.id, None if key == view.root else key)
    links = Links(view, path)
    pages = view.tree_split[period.id]
    name = None if key == view.root else view.page_name(pages, key)
    body = renderer("pages/cascade.html.j2")(
        view=view,
        links=links,
        period=period,
        name=name,
        above=[
            (view.page_name(pages, k), links.cascade(period, k)) for k in pages_above(pages, key)
        ],
        steps=list(walk(view, period, key)),
    )
    title = f"Org chart · {period.name or period.id}"
    if name is not None:
        title = f"Org chart · {name} · {period.name or period.id}"
    return Page(path, title, str(body), search=False)


def plan(view: SiteView) -> Iterator[Planned]:
    if view.root is None:
        return
    position = {unit: i for i, unit in enumerate(view.unit_order)}
    for period in view.periods:
        keys = sorted(view.tree_split[period.id].tops, key=lambda k: position.get(k, 0))
        for key in keys:
            path = chart_page(view, period.id, None if key == view.root else key)
            yield Planned(path, partial(_render, view, period, key))
