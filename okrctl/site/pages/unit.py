"""One page per unit and period: its objectives as compact rows (score and how it is made,
status, freshness, each key result in one line), each linking to the objective's page.

Each row keeps the anchors the unit pages have always had (`#<objective id>` and
`#<objective id>--<key result id>`), so a link from before still lands on the objective.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from okrctl import status
from okrctl.model import Objective, Period, Unit
from okrctl.site.pages.dependencies import has_unit_page, unit_dependencies_page
from okrctl.site.templates import Links, Page, Planned, TocEntry, renderer, unit_page
from okrctl.site.view import SiteView


def counts(view: SiteView, objectives: Sequence[Objective]) -> list[tuple[str, int]]:
    """How many of `objectives` have each status, in the statuses' order."""
    found: dict[str, int] = dict.fromkeys(status.STATUSES, 0)
    for objective in objectives:
        found[view.verdicts[objective.id].status] += 1
    return list(found.items())


def _render(view: SiteView, unit: Unit, period: Period) -> Page:
    path = unit_page(unit.id, period.id)
    links = Links(view, path)
    objectives = view.in_reading_order(view.of(unit.id, period.id))
    shared = view.in_reading_order(view.shared_with(unit.id, period.id))
    sub_units = [u for u in map(view.unit, view.children.get(unit.id, ())) if u is not None]
    key = (unit.id, period.id)
    body = renderer("pages/unit.html.j2")(
        view=view,
        links=links,
        unit=unit,
        sub_units=sub_units,
        period=period,
        period_href=lambda p: links.unit(unit.id, p.id),
        objectives=objectives,
        shared=shared,
        counts=counts(view, objectives),
        unit_score=view.branch_score.get(key),
        measured=view.branch_measured.get(key, 0),
        dependencies=(
            links.to(unit_dependencies_page(period.id, unit.id))
            if has_unit_page(view, period, unit.id)
            else None
        ),
    )
    return Page(
        path=path,
        title=f"{unit.name} · {period.name or period.id}",
        body=str(body),
        toc=tuple(TocEntry(o.title, o.id) for o in objectives),
        search=False,
    )


def plan(view: SiteView) -> Iterator[Planned]:
    for unit_id in view.unit_order:
        unit = view.unit(unit_id)
        if unit is None:
            continue
        for period in view.unit_periods(unit_id):
            yield Planned(unit_page(unit_id, period.id), partial(_render, view, unit, period))
