"""The home page (the current period) and the same overview for every period."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from markupsafe import Markup

from okrctl import scoring
from okrctl.model import Period
from okrctl.site.render import Links, Page, renderer
from okrctl.site.view import SiteView


def pages(view: SiteView) -> Iterator[Page]:
    render = renderer("pages/home.html.j2")
    yield Page("index.md", None, _body(view, view.current, "index.md", render), search=False)
    for period in view.periods:
        path = f"periods/{period.id}.md"
        yield Page(path, period.name or period.id, _body(view, period, path, render), search=False)


def _body(view: SiteView, period: Period, path: str, render: Callable[..., Markup]) -> str:
    company = view.unit(view.root) if view.root else None
    objectives = [o for o in view.of(view.root or "", period.id) if o.level == "strategic"]
    in_period = [o for unit in view.unit_order for o in view.of(unit, period.id)]
    scores = [value for o in in_period if (value := view.score[o.id]) is not None]
    bands = {"red": 0, "yellow": 0, "green": 0}
    for value in scores:
        bands[scoring.band(value)] += 1
    departments = [u for u in map(view.unit, view.children.get(view.root or "", ())) if u]
    return str(
        render(
            view=view,
            links=Links(view, path),
            period=period,
            company=company,
            objectives=objectives,
            departments=departments,
            total=len(in_period),
            unit_count=sum(1 for unit in view.unit_order if view.of(unit, period.id)),
            average=sum(scores) / len(scores) if scores else 0.0,
            bands=bands,
        )
    )
