"""The list of units: the organisation tree with links to each unit's pages."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from okrctl.site.templates import Links, Page, Planned, renderer
from okrctl.site.view import SiteView

INDEX = "units/index.md"


def _render(view: SiteView) -> Page:
    body = renderer("pages/units.html.j2")(view=view, links=Links(view, INDEX))
    return Page(INDEX, "Units", str(body), search=False)


def plan(view: SiteView) -> Iterator[Planned]:
    yield Planned(INDEX, partial(_render, view))
