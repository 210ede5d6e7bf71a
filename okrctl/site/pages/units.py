"""The list of units: the organisation tree with links to each unit's pages."""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.site.templates import Links, Page, renderer
from okrctl.site.view import SiteView


def pages(view: SiteView) -> Iterator[Page]:
    path = "units/index.md"
    body = renderer("pages/units.html.j2")(view=view, links=Links(view, path))
    yield Page(path, "Units", body, search=False)
