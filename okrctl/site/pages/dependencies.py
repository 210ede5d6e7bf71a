"""The dependency map, one page per period: which units depend on which, drawn as inline SVG at
build time. Dependencies the other unit has not acknowledged, and units pulling one metric in
opposite directions, stand out (in colour, line style and words); every edge links to the list
below the picture, which names the objectives and key results involved.

Only units with a dependency or an opposite metric are drawn, on a circle in the
organisation's order, so that the picture stays readable as the organisation grows.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from okrctl.model import NumericKeyResult, Objective, Period
from okrctl.site.templates import Links, Page, renderer
from okrctl.site.view import SiteView

SIZE = 560.0
RADIUS = 210.0
NODE = 22.0
SHIFT = 6.0
"""How far apart two lines joining the same units both ways are drawn, each to its left."""
CENTRE = SIZE / 2


def dependencies_page(period_id: str) -> str:
    return f"dependencies/{period_id}.md"


@dataclass
class Edge:
    """What one unit needs from another (or pulls against it) in a period."""

    source: str
    target: str
    needs: list[tuple[Objective, Objective, bool]] = field(default_factory=list)
    """(dependent objective, needed objective, acknowledged)."""
    opposite: list[tuple[Objective, NumericKeyResult, Objective, NumericKeyResult]] = field(
        default_factory=list
    )
    """Key results of the two units on one metric, one raising it, the other lowering it."""

    @property
    def anchor(self) -> str:
        return f"dep-{self.source}-{self.target}"

    @property
    def unacknowledged(self) -> int:
        return sum(1 for _, _, ack in self.needs if not ack)


Place = tuple[float, float]
"""A unit's centre in the picture, in SVG user units."""
Pull = tuple[Objective, NumericKeyResult]
"""An active numeric key result on a metric, with its objective."""

_DEFS = (
    '<defs><marker id="okr-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
    'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
    'class="okr-dep-head"/></marker></defs>'
)


def edges(view: SiteView, period: Period) -> list[Edge]:
    """The period's edges between units, in the organisation's order."""
    found: dict[tuple[str, str], Edge] = {}
    objectives = [
        o for unit in view.unit_order for o in view.of(unit, period.id) if o.status != "dropped"
    ]
    _add_needs(view, objectives, found)
    _add_opposites(view, objectives, found)
    position = {unit: i for i, unit in enumerate(view.unit_order)}
    return sorted(found.values(), key=lambda e: (position[e.source], position[e.target]))


def _add_needs(
    view: SiteView, objectives: Sequence[Objective], found: dict[tuple[str, str], Edge]
) -> None:
    """Add each objective's dependency on another unit's objective (dropped ones left out)."""
    for objective in objectives:
        for needed in view.depends_on(objective):
            if needed.unit == objective.unit or needed.status == "dropped":
                continue
            key = (objective.unit, needed.unit)
            edge = found.setdefault(key, Edge(*key))
            edge.needs.append((objective, needed, view.acknowledged(objective, needed)))


def _add_opposites(
    view: SiteView, objectives: Sequence[Objective], found: dict[tuple[str, str], Edge]
) -> None:
    """Add the key results of two units that pull one metric in opposite directions, metric
    by metric; the edge goes from the unit listed first in the organisation's order."""
    pulls: dict[str, list[Pull]] = {}
    for objective in objectives:
        for kr in objective.key_results:
            if isinstance(kr, NumericKeyResult) and kr.status == "active":
                pulls.setdefault(kr.metric, []).append((objective, kr))
    for metric in sorted(pulls):
        for (first, first_kr), (second, second_kr) in _opposed(pulls[metric]):
            a, b = sorted((first.unit, second.unit), key=view.unit_order.index)
            edge = found.setdefault((a, b), Edge(a, b))
            edge.opposite.append((first, first_kr, second, second_kr))


def _opposed(group: Sequence[Pull]) -> Iterator[tuple[Pull, Pull]]:
    """Each pair of the group's key results of different units that move the metric in
    opposite directions, in the group's order."""
    for i, first in enumerate(group):
        for second in group[i + 1 :]:
            if first[0].unit == second[0].unit:
                continue
            if first[1].effective_direction != second[1].effective_direction:
                yield first, second


def draw(view: SiteView, links: Links, period: Period, found: Sequence[Edge]) -> Markup:
    """The map as inline SVG: units on a circle, an arrow from each unit to the unit it needs."""
    units = [u for u in view.unit_order if any(u in (e.source, e.target) for e in found)]
    if not units:
        return Markup("")
    place = _places(units)
    joined = {(e.source, e.target) for e in found}  # a set: linear in the edges, not quadratic
    parts = [
        f'<svg class="okr-depmap" viewBox="0 0 {SIZE:g} {SIZE:g}" width="{SIZE:g}" '
        f'height="{SIZE:g}" role="group" aria-label="Dependency map of '
        f'{escape(period.name or period.id)}">',
        _DEFS,
        *(_edge_svg(view, edge, place, (edge.target, edge.source) in joined) for edge in found),
        *(_unit_svg(view, unit, place[unit]) for unit in units),
        "</svg>",
    ]
    return Markup("".join(parts))


def _places(units: Sequence[str]) -> dict[str, Place]:
    """Each unit's centre, evenly on a circle, clockwise from the top."""
    return {
        unit: (
            CENTRE + RADIUS * math.sin(2 * math.pi * i / len(units)),
            CENTRE - RADIUS * math.cos(2 * math.pi * i / len(units)),
        )
        for i, unit in enumerate(units)
    }


def _edge_svg(view: SiteView, edge: Edge, place: dict[str, Place], two_way: bool) -> str:
    """The edge's line between the two units' circles (an arrow when one unit needs the other),
    linked to its entry in the list below the picture. When the units are joined both ways,
    each line moves `SHIFT` to its own left, so the two lines and their arrows stay apart."""
    (x1, y1), (x2, y2) = place[edge.source], place[edge.target]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    shift_x, shift_y = (dy * SHIFT, -dx * SHIFT) if two_way else (0.0, 0.0)
    sx, sy = x1 + dx * NODE + shift_x, y1 + dy * NODE + shift_y
    tx, ty = x2 - dx * NODE + shift_x, y2 - dy * NODE + shift_y
    label = _edge_label(view, edge)
    marker = ' marker-end="url(#okr-arrow)"' if edge.needs else ""
    return (
        f'<a href="#{edge.anchor}" aria-label="{escape(label)}">'
        f'<line class="okr-dep {" ".join(_edge_kinds(edge))}" x1="{sx:.1f}" y1="{sy:.1f}" '
        f'x2="{tx:.1f}" y2="{ty:.1f}"{marker}><title>{escape(label)}</title></line></a>'
    )


def _edge_kinds(edge: Edge) -> list[str]:
    """The line's classes: acknowledged or not, and whether the units pull a metric apart."""
    kinds = []
    if edge.needs:
        kinds.append("okr-dep-unack" if edge.unacknowledged else "okr-dep-ack")
    if edge.opposite:
        kinds.append("okr-dep-opposite")
    return kinds


def _unit_svg(view: SiteView, unit: str, place: Place) -> str:
    """The unit's circle, with its name below it (above it in the upper half of the circle)."""
    x, y = place
    name = view.unit_name(unit)
    short = name if len(name) <= 24 else name[:23] + "\u2026"
    ty = y + NODE + 14 if y >= CENTRE else y - NODE - 6
    return (
        f'<g class="okr-dep-unit"><circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE:g}">'
        f"<title>{escape(name)}</title></circle>"
        f'<text x="{x:.1f}" y="{ty:.1f}" text-anchor="middle">{escape(short)}</text></g>'
    )


def _edge_label(view: SiteView, edge: Edge) -> str:
    words = []
    if edge.needs:
        count = len(edge.needs)
        words.append(
            f"{view.unit_name(edge.source)} depends on {view.unit_name(edge.target)} "
            f"({count} objective{'s' * (count != 1)}"
            + (f", {edge.unacknowledged} not acknowledged)" if edge.unacknowledged else ")")
        )
    if edge.opposite:
        metrics = sorted({kr.metric for _, kr, _, _ in edge.opposite})
        words.append(
            f"{view.unit_name(edge.source)} and {view.unit_name(edge.target)} pull "
            f"{', '.join(metrics)} in opposite directions"
        )
    return "; ".join(words)


def pages(view: SiteView) -> Iterator[Page]:
    render = renderer("pages/dependencies.html.j2")
    for period in view.periods:
        path = dependencies_page(period.id)
        links = Links(view, path)
        found = edges(view, period)
        yield Page(
            path,
            f"Dependencies · {period.name or period.id}",
            render(
                view=view,
                links=links,
                period=period,
                edges=found,
                picture=draw(view, links, period, found),
                label=lambda edge: _edge_label(view, edge),
            ),
            search=False,
        )
