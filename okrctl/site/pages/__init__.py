"""One module per kind of page; each turns the site's view into `Page` values.

The registry below is the site's whole list of page kinds, in the order they are rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from okrctl.site.pages import (
    cascade,
    dependencies,
    health,
    home,
    people,
    rules,
    scoring,
    tree,
    units,
)
from okrctl.site.pages import unit as unit_pages
from okrctl.site.templates import Page
from okrctl.site.view import SiteView

PageKind = Callable[[SiteView], Iterable[Page]]

KINDS: dict[str, PageKind] = {
    "home": home.pages,
    "tree": tree.pages,
    "cascade": cascade.pages,
    "units": units.pages,
    "unit": unit_pages.pages,
    "people": people.pages,
    "health": health.pages,
    "dependencies": dependencies.pages,
    "scoring": scoring.pages,
    "rules": rules.pages,
}


def count(view: SiteView) -> int:
    """How many pages `render_all` yields, known before rendering (for progress bars)."""
    unit_pages_count = len(set(view.objectives) | view.sharing)
    rule_pages_count = 1 + len(view.rules)
    return (
        1
        + len(view.periods)
        + cascade.count(view)
        + tree.count(view)
        + 1
        + unit_pages_count
        + people.count(view)
        + health.count(view)
        + 1
        + len(view.periods)
        + rule_pages_count
    )


def render_all(view: SiteView) -> Iterable[Page]:
    for kind in KINDS.values():
        yield from kind(view)
