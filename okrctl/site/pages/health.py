"""Alignment health: orphans, unsupported strategy, unacknowledged dependencies, overload, and
the goalposts that moved since the plan (from git history)."""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.model import Period, Unit
from okrctl.site.alignment import Concern, attention, health
from okrctl.site.pages.rules import rule_page
from okrctl.site.templates import Links, Page, TocEntry, renderer
from okrctl.site.view import SiteView

SPLIT_AT = 300
"""More items needing attention than this in a period: a page per department lists them."""


def health_page(period_id: str, department: str) -> str:
    return f"health/{period_id}/{department}.md"


def _by_department(
    view: SiteView, concerns: list[tuple[Unit, list[Concern]]]
) -> dict[str, list[tuple[Unit, list[Concern]]]]:
    found: dict[str, list[tuple[Unit, list[Concern]]]] = {}
    for unit, items in concerns:
        department = view.department_of(unit.id) or unit.id
        found.setdefault(department, []).append((unit, items))
    return found


def count(view: SiteView, split_at: int = SPLIT_AT) -> int:
    return 1 + sum(len(groups) for _, groups in _split(view, split_at))


def _periods(view: SiteView) -> list[Period]:
    return [view.current] + [p for p in view.periods if not p.closed and p != view.current]


def _split(
    view: SiteView, split_at: int
) -> list[tuple[Period, dict[str, list[tuple[Unit, list[Concern]]]]]]:
    found = []
    for period in _periods(view):
        concerns = attention(view, period.id)
        if sum(len(items) for _, items in concerns) > split_at:
            found.append((period, _by_department(view, concerns)))
    return found


def pages(view: SiteView, split_at: int = SPLIT_AT) -> Iterator[Page]:
    periods = _periods(view)
    split = dict(_split(view, split_at))
    reports = [
        (p, health(view, p.id), [] if p in split else attention(view, p.id)) for p in periods
    ]
    moved = [
        (p, view.history.by_period[p.id]) for p in view.periods if p.id in view.history.by_period
    ]
    path = "health.md"
    links = Links(view, path)
    body = renderer("pages/health.html.j2")(
        view=view,
        links=links,
        split_attention={
            p.id: [
                (view.unit_name(d), sum(len(i) for _, i in groups), links.to(health_page(p.id, d)))
                for d, groups in split.get(p, {}).items()
            ]
            for p in periods
        },
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
    department_page = renderer("pages/health_department.html.j2")
    for period, groups in split.items():
        for department, concerns in groups.items():
            path = health_page(period.id, department)
            links = Links(view, path)
            unit = view.unit(department)
            yield Page(
                path,
                f"Needs attention · {view.unit_name(department)} · {period.name or period.id}",
                department_page(
                    view=view,
                    links=links,
                    period=period,
                    department=unit,
                    concerns=concerns,
                    up=links.to("health.md"),
                ),
                search=False,
            )
