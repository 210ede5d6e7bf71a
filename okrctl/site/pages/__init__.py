"""One module per kind of page; each plans its pages as `Planned` values (a path, and how to
render it).

The registry below is the site's whole list of page kinds, in the order they are rendered. A
build plans every page first and renders from the same list, so the number of pages it
reports is the number it renders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from okrctl.site.pages import (
    cascade,
    dependencies,
    health,
    home,
    objective,
    people,
    rules,
    scoring,
    tree,
    units,
)
from okrctl.site.pages import unit as unit_pages
from okrctl.site.templates import Page, Planned
from okrctl.site.view import SiteView

PageKind = Callable[[SiteView], Iterable[Planned]]

KINDS: dict[str, PageKind] = {
    "home": home.plan,
    "objective": objective.plan,
    "tree": tree.plan,
    "cascade": cascade.plan,
    "units": units.plan,
    "unit": unit_pages.plan,
    "people": people.plan,
    "health": health.plan,
    "dependencies": dependencies.plan,
    "scoring": scoring.plan,
    "rules": rules.plan,
}


def planned(view: SiteView) -> list[Planned]:
    """Every page of the site, planned (paths known, nothing rendered yet)."""
    return [page for kind in KINDS.values() for page in kind(view)]


def count(view: SiteView) -> int:
    """How many pages the site has: the length of the plan."""
    return len(planned(view))


def render_all(view: SiteView) -> Iterator[Page]:
    for page in planned(view):
        yield page.render()
