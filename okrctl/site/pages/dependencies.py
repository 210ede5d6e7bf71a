"""Dependencies, one page per period and one per unit with dependencies.

The period's page draws the map (`okrctl.site.depmap`: units, or departments in a large
organisation), lists each pair of nodes with how many objectives depend on the other, how
many are not acknowledged and how the work depended on is going, a table of every unit with
its counts, and each metric units pull in opposite directions with the key results raising
and lowering it. A unit's page lists its dependencies one by one, each with the status and
score of the work depended on. Every list is linear in the dependencies as written: nothing
on any page grows with units x units.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from okrctl.model import Period
from okrctl.site import depmap
from okrctl.site.dependency_index import Need
from okrctl.site.templates import Links, Page, Planned, renderer
from okrctl.site.view import SiteView

LIST_AT = 200
"""The most dependencies the period's page lists one by one; above it, each pair's count."""


def dependencies_page(period_id: str) -> str:
    return f"dependencies/{period_id}.md"


def unit_dependencies_page(period_id: str, unit_id: str) -> str:
    return f"dependencies/{period_id}/{unit_id}.md"


def has_unit_page(view: SiteView, period: Period, unit_id: str) -> bool:
    found = view.dependencies.get(period.id)
    return found is not None and unit_id in found.units


def _period(view: SiteView, period: Period) -> Page:
    path = dependencies_page(period.id)
    links = Links(view, path)
    deps = view.dependencies[period.id]
    found = depmap.aggregate(view, deps)
    listed = len(deps.needs) <= LIST_AT
    by_pair: dict[tuple[str, str], list[Need]] = {}
    for need in deps.needs if listed else ():
        key = (found.node_of[need.dependent.unit], found.node_of[need.needed.unit])
        by_pair.setdefault(key, []).append(need)
    body = renderer("pages/dependencies.html.j2")(
        view=view,
        links=links,
        period=period,
        deps=deps,
        found=found,
        picture=depmap.picture(view, period, found),
        label=lambda pair: depmap.label(view, pair),
        statuses=depmap.statuses,
        listed=listed,
        by_pair=by_pair,
        going=lambda needs: depmap.statuses(_going(view, needs)),
        units=[u for u in view.unit_order if u in deps.units],
        unit_page=lambda unit: links.to(unit_dependencies_page(period.id, unit)),
    )
    return Page(path, f"Dependencies · {period.name or period.id}", str(body), search=False)


def _going(view: SiteView, needs: Sequence[Need]) -> dict[str, int]:
    """How the work `needs` depend on is going: status -> objectives."""
    found: dict[str, int] = {}
    for need in needs:
        word = view.verdicts[need.needed.id].status
        found[word] = found.get(word, 0) + 1
    return found


def _unit(view: SiteView, period: Period, unit_id: str) -> Page:
    path = unit_dependencies_page(period.id, unit_id)
    links = Links(view, path)
    deps = view.dependencies[period.id]
    body = renderer("pages/unit_dependencies.html.j2")(
        view=view,
        links=links,
        period=period,
        unit=view.unit(unit_id),
        unit_id=unit_id,
        out=deps.out.get(unit_id, ()),
        inward=deps.inward.get(unit_id, ()),
        pulls=deps.pulls.get(unit_id, ()),
    )
    title = f"Dependencies · {view.unit_name(unit_id)} · {period.name or period.id}"
    return Page(path, title, str(body), search=False)


def plan(view: SiteView) -> Iterator[Planned]:
    for period in view.periods:
        yield Planned(dependencies_page(period.id), partial(_period, view, period))
        deps = view.dependencies[period.id]
        for unit in view.unit_order:
            if unit in deps.units:
                path = unit_dependencies_page(period.id, unit)
                yield Planned(path, partial(_unit, view, period, unit))
