"""One page per objective: its score and how it is made, its key results with their charts
and check-ins, its history, the chain it supports, what supports it and its dependencies.

Search, the goal tree, the org chart and every list link here, so that a page about one
objective stays the size of one objective however large the organisation is.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from okrctl.model import Objective
from okrctl.site.links import objective_page
from okrctl.site.templates import Links, Page, Planned, TocEntry, renderer
from okrctl.site.view import SiteView


def _render(view: SiteView, objective: Objective) -> Page:
    path = objective_page(objective.id)
    period = view.cascade.periods[objective.period]
    links = Links(view, path)
    body = renderer("pages/objective.html.j2")(
        view=view, links=links, objective=objective, period=period
    )
    search = renderer("pages/objective_search.html.j2")(
        view=view, objective=objective, period=period
    )
    toc = (
        TocEntry("Supported by", "supported-by"),
        *(
            (TocEntry("Dependencies", "dependencies"),)
            if _has_dependencies(view, objective)
            else ()
        ),
        TocEntry("Key results", "key-results"),
        *(TocEntry(kr.title, f"{objective.id}--{kr.id}", 3) for kr in objective.key_results),
    )
    return Page(path, objective.title, str(body), search_doc=str(search), toc=toc)


def _has_dependencies(view: SiteView, objective: Objective) -> bool:
    return bool(view.depends_on(objective) or view.needed_by(objective))


def plan(view: SiteView) -> Iterator[Planned]:
    for unit in view.unit_order:
        for period in view.periods:
            for objective in view.of(unit, period.id):
                yield Planned(objective_page(objective.id), partial(_render, view, objective))
