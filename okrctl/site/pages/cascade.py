"""The org chart, one page per period: company > departments > teams > objectives > key
results, as a tree of `<details>` elements that opens and closes without JavaScript. The goal
tree (`tree.py`) is the first view; this one answers "what does each unit work on"."""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.site.render import Links, Page, renderer
from okrctl.site.view import SiteView


def pages(view: SiteView) -> Iterator[Page]:
    render = renderer("pages/cascade.html.j2")
    roots = [unit for unit in view.unit_order if view.depth[unit] == 0]
    for period in view.periods:
        path = f"cascade/{period.id}.md"
        body = render(view=view, links=Links(view, path), period=period, roots=roots)
        yield Page(path, f"Org chart · {period.name or period.id}", body, search=False)
