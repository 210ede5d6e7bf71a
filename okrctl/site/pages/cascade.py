"""The org chart, one page per period: company > departments > teams > objectives > key
results, as a tree of `<details>` elements that opens and closes without JavaScript. The goal
tree (`tree.py`) is the first view; this one answers "what does each unit work on".

A large period (as for the goal tree) gets the company and its departments on the period's page
and one page per department with its teams, so that no page grows with the organisation."""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.site.pages.tree import SPLIT_AT, departments, split
from okrctl.site.templates import Links, Page, renderer
from okrctl.site.view import SiteView


def chart_page(period_id: str, department: str | None = None) -> str:
    return (
        f"cascade/{period_id}.md" if department is None else f"cascade/{period_id}/{department}.md"
    )


def count(view: SiteView, split_at: int = SPLIT_AT) -> int:
    return sum(
        1 + (len(departments(view, p)) if split(view, p, split_at) else 0) for p in view.periods
    )


def pages(view: SiteView, split_at: int = SPLIT_AT) -> Iterator[Page]:
    render = renderer("pages/cascade.html.j2")
    roots = [unit for unit in view.unit_order if view.depth[unit] == 0]
    for period in view.periods:
        cut = split(view, period, split_at)
        path = chart_page(period.id)
        links = Links(view, path)

        def stub(unit_id: str, links: Links = links, period_id: str = period.id) -> str:
            return links.to(chart_page(period_id, unit_id), f"unit-{unit_id}")

        body = render(
            view=view, links=links, period=period, roots=roots, stub=stub if cut else None
        )
        yield Page(path, f"Org chart · {period.name or period.id}", body, search=False)
        if not cut:
            continue
        for department in departments(view, period):
            path = chart_page(period.id, department)
            links = Links(view, path)
            body = render(
                view=view,
                links=links,
                period=period,
                roots=[department],
                stub=None,
                up=links.to(chart_page(period.id)),
            )
            title = f"Org chart · {view.unit_name(department)} · {period.name or period.id}"
            yield Page(path, title, body, search=False)
