"""The home page (the current period) and the same overview for every period: the Monday page.

What a leader reads first: the company's figure and how it is made; how many objectives have
each status, each count a link to the goal tree showing them; the work that needs attention
(off track, at risk, stale) with its owners; what changed in the week before the build; the
top-level objectives; and each department's figures. A closed period reads as history: its
counts are by grading band, with no pace and no list of work to chase.

At any size the page stays one screenful of decisions: the attention list names the most
senior work first and counts the rest by department, and the top-level objectives of units
give way to the departments' table when there are many.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import NamedTuple

from okrctl.model import Objective, Period, Unit
from okrctl.site.templates import Links, Page, Planned, renderer
from okrctl.site.view import SiteView

ATTENTION_SHOWN = 25
"""The most objectives the attention list names; the rest are counted by department."""
CARDS_SHOWN = 24
"""Above this many top-level objectives, only the company's are shown as cards."""
URGENCY = {"off track": 0, "at risk": 1}


class Attention(NamedTuple):
    """An objective that needs a conversation: off track, at risk, or stale."""

    objective: Objective
    stale: bool


def attention(view: SiteView, period: Period) -> list[Attention]:
    """The period's running objectives that are off track, at risk or stale: the most urgent
    first, and at one urgency the most senior (the company's, then departments', ...)."""
    if period.closed:
        return []
    found: list[tuple[tuple[int, int, int], Attention]] = []
    for position, unit in enumerate(view.unit_order):
        for objective in view.in_reading_order(view.of(unit, period.id)):
            verdict = view.verdicts[objective.id]
            stale = view.is_stale(objective)
            if verdict.finished or (verdict.status not in URGENCY and not stale):
                continue
            rank = (URGENCY.get(verdict.status, 2), view.depth.get(unit, 0), position)
            found.append((rank, Attention(objective, stale)))
    found.sort(key=lambda pair: pair[0])  # stable: reading order within a unit
    return [item for _, item in found]


def top_level(view: SiteView, period: Period) -> list[tuple[Unit, list[Objective]]]:
    """The period's goal-tree roots grouped by unit, in the organisation's order."""
    by_unit: dict[str, list[Objective]] = {}
    for oid in view.goal_roots.get(period.id, ()):
        objective = view.objective(oid)
        if objective is not None:
            by_unit.setdefault(objective.unit, []).append(objective)
    return [
        (unit, by_unit[unit_id])
        for unit_id in view.unit_order
        if unit_id in by_unit and (unit := view.unit(unit_id)) is not None
    ]


def _render(view: SiteView, period: Period, path: str) -> Page:
    links = Links(view, path)
    groups = top_level(view, period)
    roots = sum(len(items) for _, items in groups)
    shown_groups = groups if roots <= CARDS_SHOWN else [g for g in groups if g[0].id == view.root]
    needs = attention(view, period)
    departments = [u for u in map(view.unit, view.children.get(view.root or "", ())) if u]
    root = view.root or ""
    body = renderer("pages/home.html.j2")(
        view=view,
        links=links,
        period=period,
        groups=shown_groups,
        hidden_roots=roots - sum(len(items) for _, items in shown_groups),
        departments=departments,
        total=view.subtree_count.get((root, period.id), 0),
        unit_count=sum(1 for unit in view.unit_order if view.of(unit, period.id)),
        counts=view.status_counts(root, period),
        stale=view.stale_count(root, period),
        attention=needs[:ATTENTION_SHOWN],
        attention_more=len(needs) - min(len(needs), ATTENTION_SHOWN),
        changes=view.changes if path == "index.md" else None,
    )
    return Page(
        path, None if path == "index.md" else period.name or period.id, str(body), search=False
    )


def plan(view: SiteView) -> Iterator[Planned]:
    yield Planned("index.md", partial(_render, view, view.current, "index.md"))
    for period in view.periods:
        path = f"periods/{period.id}.md"
        yield Planned(path, partial(_render, view, period, path))
