"""The home page (the current period) and the same overview for every period: the company's
headline figure, how many objectives have each status, and the top-level objectives of every
unit."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from markupsafe import Markup

from okrctl import status
from okrctl.model import Objective, Period, Unit
from okrctl.site.fragments import ICONS
from okrctl.site.templates import Links, Page, renderer
from okrctl.site.view import SiteView


def pages(view: SiteView) -> Iterator[Page]:
    render = renderer("pages/home.html.j2")
    yield Page("index.md", None, _body(view, view.current, "index.md", render), search=False)
    for period in view.periods:
        path = f"periods/{period.id}.md"
        yield Page(path, period.name or period.id, _body(view, period, path, render), search=False)


def top_level(view: SiteView, period: Period) -> list[tuple[Unit, list[Objective]]]:
    """The period's goal-tree roots grouped by unit, in the organisation's order."""
    by_unit: dict[str, list[Objective]] = {}
    for oid in view.goal_roots.get(period.id, ()):
        objective = view.objective(oid)
        if objective is not None:
            by_unit.setdefault(objective.unit, []).append(objective)
    return [
        (unit, by_unit[unit_id])
        for unit_id in view.unit_order
        if unit_id in by_unit and (unit := view.unit(unit_id)) is not None
    ]


def _body(view: SiteView, period: Period, path: str, render: Callable[..., Markup]) -> str:
    in_period = [o for unit in view.unit_order for o in view.of(unit, period.id)]
    counts = dict.fromkeys(status.STATUSES, 0)
    for objective in in_period:
        counts[view.verdicts[objective.id].status] += 1
    departments = [u for u in map(view.unit, view.children.get(view.root or "", ())) if u]
    return str(
        render(
            view=view,
            links=Links(view, path),
            period=period,
            groups=top_level(view, period),
            departments=departments,
            total=len(in_period),
            unit_count=sum(1 for unit in view.unit_order if view.of(unit, period.id)),
            counts=list(counts.items()),
            icons=ICONS,
        )
    )
