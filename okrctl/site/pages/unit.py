"""One page per unit and period: its objectives as sections, key results with charts."""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.model import Period
from okrctl.site.templates import Links, Page, TocEntry, renderer, unit_page
from okrctl.site.view import SiteView


def pages(view: SiteView) -> Iterator[Page]:
    render = renderer("pages/unit.html.j2")
    index = renderer("pages/unit_index.html.j2")
    for unit_id in view.unit_order:
        unit = view.unit(unit_id)
        if unit is None:
            continue
        parent = view.unit(unit.parent) if unit.parent else None
        sub_units = [u for u in map(view.unit, view.children.get(unit_id, ())) if u is not None]
        for period in view.unit_periods(unit_id):
            path = unit_page(unit_id, period.id)
            links = Links(view, path)
            objectives = view.in_reading_order(view.of(unit_id, period.id))
            shared = view.in_reading_order(view.shared_with(unit_id, period.id))

            def period_href(p: Period, unit_id: str = unit_id, links: Links = links) -> str | None:
                return links.unit(unit_id, p.id)

            body = render(
                view=view,
                links=links,
                unit=unit,
                parent=parent,
                sub_units=sub_units,
                period=period,
                period_href=period_href,
                objectives=objectives,
                shared=shared,
                unit_score=view.branch_score.get((unit_id, period.id)),
                today=None if period.closed else view.today,
            )
            yield Page(
                path=path,
                title=f"{unit.name} · {period.name or period.id}",
                body=body,
                toc=tuple(TocEntry(o.title, o.id) for o in objectives),
                search_doc=index(unit=unit, period=period, objectives=objectives),
            )
