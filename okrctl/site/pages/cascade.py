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
from okrctl.site.templates import Links, Page, Planned, renderer
from okrctl.site.view import SiteView


class Step(NamedTuple):
    """`open` a unit's node (`close` it after), an `objective` row, a unit with its own page
    (`stub`), or a unit with no objectives in the period (`empty`)."""

    kind: str
    unit: str = ""
    objective: Objective | None = None


def walk(view: SiteView, period: Period, page: str) -> Iterator[Step]:
    page_of = view.tree_split.get(period.id, {})
    stack: list[Step] = [Step("unit", page)]
    while stack:
        step = stack.pop()
        if step.kind != "unit":
            yield step
            continue
        unit = step.unit
        if unit != page and page_of.get(unit) == unit:
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


def _render(view: SiteView, period: Period, unit: str) -> Page:
    path = chart_page(view, period.id, None if unit == view.root else unit)
    links = Links(view, path)
    body = renderer("pages/cascade.html.j2")(
        view=view,
        links=links,
        period=period,
        page_unit=view.unit(unit),
        is_company=unit == view.root,
        chain=view.unit_chain(unit) if unit != view.root else [],
        steps=list(walk(view, period, unit)),
    )
    title = f"Org chart · {period.name or period.id}"
    if unit != view.root:
        title = f"Org chart · {view.unit_name(unit)} · {period.name or period.id}"
    return Page(path, title, str(body), search=False)


def plan(view: SiteView) -> Iterator[Planned]:
    if view.root is None:
        return
    for period in view.periods:
        page_of = view.tree_split.get(period.id, {})
        for unit in view.unit_order:
            if unit == view.root or (page_of.get(unit) == unit and unit != view.root):
                path = chart_page(view, period.id, None if unit == view.root else unit)
                yield Planned(path, partial(_render, view, period, unit))
