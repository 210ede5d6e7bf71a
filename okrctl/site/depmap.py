"""The dependency map's picture: nodes on a circle, one line per pair of nodes, as data that
`templates/_depmap.html.j2` draws as inline SVG.

A node is a unit, or a department when more units than `MAP_NODES` have dependencies; with
more departments than that there is no picture, only the tables. So the picture has at most
`MAP_NODES` nodes and a line per pair of them, whatever the organisation's size: the work
grows with the dependencies as written, never with units x units. Each node shows its score
and is marked with the most urgent status of the work other nodes depend on it for; each line
says how many objectives depend on the other node, how many are not acknowledged and how the
work depended on is going.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from okrctl import status
from okrctl.model import Period
from okrctl.site import words
from okrctl.site.dependency_index import Dependencies
from okrctl.site.view import SiteView

MAP_NODES = 30
SIZE = 560.0
RADIUS = 210.0
NODE = 22.0
SHIFT = 6.0
"""How far apart two lines joining the same nodes both ways are drawn, each to its left."""
CENTRE = SIZE / 2


@dataclass
class Pair:
    """What one node needs from another, or pulls against it."""

    source: str
    target: str
    needs: int = 0
    unacknowledged: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    """How the work depended on is going: status -> objectives."""
    metrics: set[str] = field(default_factory=set)
    """Metrics the two pull in opposite directions."""

    @property
    def anchor(self) -> str:
        return f"dep-{self.source}-{self.target}"


class MapNode(NamedTuple):
    id: str
    name: str
    short: str
    x: str
    y: str
    label_y: str
    score: str
    slug: str
    """The most urgent status of the work others depend on it for ('' when none)."""
    title: str


class MapEdge(NamedTuple):
    anchor: str
    x1: str
    y1: str
    x2: str
    y2: str
    css: str
    arrow: bool
    label: str


class Picture(NamedTuple):
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    size: str = f"{SIZE:g}"


@dataclass(frozen=True)
class Aggregate:
    """The period's dependencies between nodes (units, or departments)."""

    level: str
    """`unit` or `department`."""
    node_of: Mapping[str, str]
    nodes: tuple[str, ...]
    pairs: tuple[Pair, ...]


def aggregate(view: SiteView, deps: Dependencies) -> Aggregate:
    """The dependencies between units, or between departments when units are too many."""
    involved = [u for u in view.unit_order if u in deps.units]
    level = "unit"
    node_of = {u: u for u in involved}
    if len(involved) > MAP_NODES:
        level = "department"
        node_of = {u: view.department_of(u) or u for u in involved}
    nodes = tuple(dict.fromkeys(node_of[u] for u in involved))
    pairs: dict[tuple[str, str], Pair] = {}
    for need in deps.needs:
        a, b = node_of[need.dependent.unit], node_of[need.needed.unit]
        if a == b:
            continue
        pair = pairs.setdefault((a, b), Pair(a, b))
        pair.needs += 1
        pair.unacknowledged += not need.acknowledged
        word = view.verdicts[need.needed.id].status
        pair.statuses[word] = pair.statuses.get(word, 0) + 1
    if len(nodes) <= MAP_NODES:  # bounded: at most MAP_NODES x MAP_NODES pairs per metric
        position = {n: i for i, n in enumerate(nodes)}
        for metric in deps.metrics:
            up = {node_of[p.objective.unit] for p in metric.raising}
            down = {node_of[p.objective.unit] for p in metric.lowering}
            for a in up:
                for b in down:
                    if a != b:
                        first, second = sorted((a, b), key=position.__getitem__)
                        pairs.setdefault((first, second), Pair(first, second)).metrics.add(
                            metric.metric
                        )
    position = {n: i for i, n in enumerate(nodes)}
    ordered = sorted(pairs.values(), key=lambda p: (position[p.source], position[p.target]))
    return Aggregate(level, node_of, nodes, tuple(ordered))


def label(view: SiteView, pair: Pair) -> str:
    """The line in words."""
    source, target = view.unit_name(pair.source), view.unit_name(pair.target)
    found = []
    if pair.needs:
        text = f"{source} depends on {target} ({words.plural(pair.needs, 'objective')}"
        text += f", {pair.unacknowledged} not acknowledged)" if pair.unacknowledged else ")"
        going = ", ".join(f"{n} {s}" for s, n in statuses(pair.statuses))
        found.append(f"{text}; the work depended on: {going}")
    if pair.metrics:
        found.append(
            f"{source} and {target} pull {', '.join(sorted(pair.metrics))} in opposite directions"
        )
    return "; ".join(found)


def statuses(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    return [(s, counts[s]) for s in status.STATUSES if counts.get(s)]


def picture(view: SiteView, period: Period, found: Aggregate) -> Picture | None:
    """The map (None: no dependencies, or too many nodes to draw)."""
    drawn = [n for n in found.nodes if any(n in (p.source, p.target) for p in found.pairs)]
    if not drawn or len(drawn) > MAP_NODES:
        return None
    place = _places(drawn)
    joined = {(p.source, p.target) for p in found.pairs}
    edges = tuple(
        _edge(view, pair, place, (pair.target, pair.source) in joined) for pair in found.pairs
    )
    return Picture(tuple(_node(view, period, found, n, place[n]) for n in drawn), edges)


def _places(nodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Each node's centre, evenly on a circle, clockwise from the top."""
    return {
        node: (
            CENTRE + RADIUS * math.sin(2 * math.pi * i / len(nodes)),
            CENTRE - RADIUS * math.cos(2 * math.pi * i / len(nodes)),
        )
        for i, node in enumerate(nodes)
    }


def _node(
    view: SiteView, period: Period, found: Aggregate, node: str, place: tuple[float, float]
) -> MapNode:
    x, y = place
    name = view.unit_name(node)
    key = (node, period.id)
    value = view.branch_score.get(key) if found.level == "department" else view.unit_score.get(key)
    needed: dict[str, int] = {}
    for pair in found.pairs:
        if pair.target == node:
            for word, n in pair.statuses.items():
                needed[word] = needed.get(word, 0) + n
    worst = next((s for s in status.STATUSES if needed.get(s)), None)
    going = ", ".join(f"{n} {s}" for s, n in statuses(needed))
    title = f"{name}: score {words.score(value)}"
    if going:
        title += f"; the work others depend on it for: {going}"
    return MapNode(
        id=node,
        name=name,
        short=name if len(name) <= 24 else name[:23] + "\u2026",
        x=f"{x:.1f}",
        y=f"{y:.1f}",
        label_y=f"{y + NODE + 14 if y >= CENTRE else y - NODE - 6:.1f}",
        score="\u2013" if value is None else f"{value:.2f}",
        slug=worst.replace(" ", "-") if worst else "",
        title=title,
    )


def _edge(
    view: SiteView, pair: Pair, place: Mapping[str, tuple[float, float]], two_way: bool
) -> MapEdge:
    """The pair's line between the two nodes' circles (an arrow when one needs the other).
    When the nodes are joined both ways, each line moves `SHIFT` to its own left, so the two
    lines and their arrows stay apart."""
    (x1, y1), (x2, y2) = place[pair.source], place[pair.target]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    shift_x, shift_y = (dy * SHIFT, -dx * SHIFT) if two_way else (0.0, 0.0)
    kinds = []
    if pair.needs:
        kinds.append("okr-dep-unack" if pair.unacknowledged else "okr-dep-ack")
    if pair.metrics:
        kinds.append("okr-dep-opposite")
    return MapEdge(
        anchor=pair.anchor,
        x1=f"{x1 + dx * NODE + shift_x:.1f}",
        y1=f"{y1 + dy * NODE + shift_y:.1f}",
        x2=f"{x2 - dx * NODE + shift_x:.1f}",
        y2=f"{y2 - dy * NODE + shift_y:.1f}",
        css=" ".join(["okr-dep", *kinds]),
        arrow=bool(pair.needs),
        label=label(view, pair),
    )
