"""Alignment health: orphans, unsupported strategy, unacknowledged dependencies, overload, and
the goalposts that moved since the plan (from git history)."""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.site.alignment import attention, health
from okrctl.site.pages.rules import rule_page
from okrctl.site.render import Links, Page, TocEntry, renderer
from okrctl.site.view import SiteView


def pages(view: SiteView) -> Iterator[Page]:
    periods = [view.current] + [p for p in view.periods if not p.closed and p != view.current]
    reports = [(p, health(view, p.id), attention(view, p.id)) for p in periods]
    moved = [
        (p, view.history.by_period[p.id]) for p in view.periods if p.id in view.history.by_period
    ]
    path = "health.md"
    body = renderer("pages/health.html.j2")(
        view=view,
        links=Links(view, path),
        reports=reports,
        history=view.history,
        moved=moved,
        rule_page=rule_page,
    )
    toc = (
        *(TocEntry(p.name or p.id, f"period-{p.id}") for p in periods),
        TocEntry("Moved goalposts", "moved-goalposts"),
    )
    yield Page(path, "Alignment health", body, search=False, toc=toc)
