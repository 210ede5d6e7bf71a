"""Alignment health: the work that needs attention, orphans, unsupported strategy,
unacknowledged dependencies, overload, and the goalposts that moved since the plan (from git
history).

Every heading says how many items its list has, so the counts on the page add up. No list
grows with the organisation: the work needing attention splits into pages by unit as the goal
tree does (`okrctl.site.split`), and the other lists name at most `LIST_AT` items, counting
the rest by unit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from okrctl.model import Period, Unit
from okrctl.site import split
from okrctl.site.alignment import Concern, Dependency, attention, health
from okrctl.site.pages.rules import rule_page
from okrctl.site.templates import Links, Page, Planned, TocEntry, renderer
from okrctl.site.view import SiteView

LIST_AT = 100
"""The most items an alignment list names; the rest are counted by unit."""
INDEX = "health.md"


def health_page(period_id: str, unit: str) -> str:
    return f"health/{period_id}/{unit}.md"


@dataclass(frozen=True)
class Attention:
    """A period's work that needs attention, laid out on pages by unit."""

    total: int
    pages: split.Layout
    concerns: list[tuple[Unit, list[Concern]]]
    counts: dict[str, int]
    """Unit -> its items and its sub-units'."""

    def listed(self, page: str) -> list[tuple[Unit, list[Concern]]]:
        return [(u, items) for u, items in self.concerns if self.pages.page_of.get(u.id) == page]

    def sub_pages(self, page: str) -> list[tuple[str, int]]:
        """The pages below `page`, with how many items each holds with the pages below it."""
        return [
            (key, sum(self.counts.get(u, 0) for u in tops))
            for key, tops in self.pages.tops.items()
            if self.pages.parent.get(key) == page
        ]


def _attention(view: SiteView, period: Period, split_at: int) -> Attention:
    concerns = attention(view, period.id)
    own = {unit.id: len(items) for unit, items in concerns}
    counts = split.subtree_counts(view.unit_order, view.children, own)
    pages = split.layout(view.root, view.children, counts, split_at)
    return Attention(sum(own.values()), pages, concerns, counts)


def _periods(view: SiteView) -> list[Period]:
    return [view.current] + [p for p in view.periods if not p.closed and p != view.current]


def _index(view: SiteView, found: Sequence[tuple[Period, Attention]]) -> Page:
    links = Links(view, INDEX)
    reports = [(p, health(view, p.id), a) for p, a in found]
    moved = [
        (p, view.history.by_period[p.id]) for p in view.periods if p.id in view.history.by_period
    ]
    body = renderer("pages/health.html.j2")(
        view=view,
        links=links,
        reports=reports,
        root=view.root,
        list_at=LIST_AT,
        history=view.history,
        moved=moved,
        rule_page=rule_page,
        page_of=lambda period, unit: links.to(health_page(period.id, unit)),
        page_name=lambda a, key: view.page_name(a.pages, key),
        dependencies_page=lambda period, unit: links.unit_dependencies(period, unit),
        unacknowledged_by_unit=lambda h: _by_unit(view, h.unacknowledged),
    )
    toc = (
        *(TocEntry(p.name or p.id, f"period-{p.id}") for p, _ in found),
        TocEntry("Moved goalposts", "moved-goalposts"),
    )
    return Page(INDEX, "Alignment health", str(body), search=False, toc=toc)


def _by_unit(view: SiteView, found: Sequence[Dependency]) -> list[tuple[str, int]]:
    """Unit -> how many of `found` its objectives have, in the organisation's order."""
    counts: dict[str, int] = {}
    for item in found:
        counts[item.dependent.unit] = counts.get(item.dependent.unit, 0) + 1
    return [(u, counts[u]) for u in view.unit_order if u in counts]


def _unit_page(view: SiteView, period: Period, found: Attention, key: str) -> Page:
    path = health_page(period.id, key)
    links = Links(view, path)
    above = found.pages.parent.get(key)
    name = view.page_name(found.pages, key)
    body = renderer("pages/health_department.html.j2")(
        view=view,
        links=links,
        period=period,
        name=name,
        found=found,
        page=key,
        total=sum(found.counts.get(u, 0) for u in found.pages.tops.get(key, ())),
        up=links.to(INDEX if above in (None, view.root) else health_page(period.id, above or "")),
        page_of=lambda p, u: links.to(health_page(p.id, u)),
        page_name=lambda k: view.page_name(found.pages, k),
    )
    title = f"Needs attention · {name} · {period.name or period.id}"
    return Page(path, title, str(body), search=False)


def plan(view: SiteView, split_at: int = split.SPLIT_AT) -> Iterator[Planned]:
    found = [(p, _attention(view, p, split_at)) for p in _periods(view)]
    yield Planned(INDEX, partial(_index, view, found))
    for period, layout in found:
        for key in layout.pages.tops:
            if key != view.root:
                path = health_page(period.id, key)
                yield Planned(path, partial(_unit_page, view, period, layout, key))
