"""Who depends on whom in a period, and which metrics units pull in opposite directions.

Pure, computed once per period by `view.gather`. Everything here is linear in the input: the
dependencies as written (one per `depends_on` entry between two units), each unit's share of
them, and per metric the key results raising and lowering it. Pages aggregate from these
(counts per pair of units or departments, a page per unit) instead of listing units x units.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from okrctl.index import Cascade
from okrctl.model import NumericKeyResult, Objective


class Need(NamedTuple):
    """`dependent` lists `needed` (of another unit) in its `depends_on`."""

    dependent: Objective
    needed: Objective
    acknowledged: bool


class Pull(NamedTuple):
    """An active numeric key result moving a metric, with its objective."""

    objective: Objective
    key_result: NumericKeyResult


class Metric(NamedTuple):
    """A metric that one unit raises and another lowers."""

    metric: str
    raising: tuple[Pull, ...]
    lowering: tuple[Pull, ...]

    @property
    def anchor(self) -> str:
        return f"metric-{self.metric}"


@dataclass(frozen=True)
class Dependencies:
    """A period's dependencies between units and its opposite metrics."""

    needs: tuple[Need, ...] = ()
    """Every dependency between two units, in the organisation's order."""
    out: Mapping[str, tuple[Need, ...]] = field(default_factory=dict)
    """Unit -> the dependencies of its objectives on other units'."""
    inward: Mapping[str, tuple[Need, ...]] = field(default_factory=dict)
    """Unit -> the dependencies of other units' objectives on its own."""
    metrics: tuple[Metric, ...] = ()
    """Metrics pulled in opposite directions by different units, by name."""
    pulls: Mapping[str, tuple[tuple[Metric, Pull], ...]] = field(default_factory=dict)
    """Unit -> its key results on those metrics."""

    @property
    def units(self) -> frozenset[str]:
        """Units with a dependency (either way) or an opposite metric."""
        return frozenset(self.out) | frozenset(self.inward) | frozenset(self.pulls)


def dependencies(
    cascade: Cascade, objectives: Sequence[Objective], position: Mapping[str, int]
) -> Dependencies:
    """The dependencies and opposite metrics among `objectives` (one period's, in the
    organisation's order); dropped objectives and key results are left out."""
    active = [o for o in objectives if o.status != "dropped"]
    needs: list[Need] = []
    out: dict[str, list[Need]] = {}
    inward: dict[str, list[Need]] = {}
    for objective in active:
        for needed_id in objective.depends_on:
            entry = cascade.objectives.get(needed_id)
            needed = entry.objective if entry is not None else None
            if needed is None or needed.unit == objective.unit or needed.status == "dropped":
                continue
            need = Need(objective, needed, objective.id in needed.acknowledges)
            needs.append(need)
            out.setdefault(objective.unit, []).append(need)
            inward.setdefault(needed.unit, []).append(need)
    metrics = _opposed(active)
    pulls: dict[str, list[tuple[Metric, Pull]]] = {}
    for metric in metrics:
        for pull in (*metric.raising, *metric.lowering):
            pulls.setdefault(pull.objective.unit, []).append((metric, pull))
    last = len(position)
    return Dependencies(
        needs=tuple(needs),
        out={u: tuple(n) for u, n in sorted(out.items(), key=lambda i: position.get(i[0], last))},
        inward={
            u: tuple(n) for u, n in sorted(inward.items(), key=lambda i: position.get(i[0], last))
        },
        metrics=metrics,
        pulls={u: tuple(p) for u, p in pulls.items()},
    )


def _opposed(objectives: Iterable[Objective]) -> tuple[Metric, ...]:
    by_metric: dict[str, tuple[list[Pull], list[Pull]]] = {}
    for objective in objectives:
        for kr in objective.key_results:
            if isinstance(kr, NumericKeyResult) and kr.status == "active":
                raising, lowering = by_metric.setdefault(kr.metric, ([], []))
                side = raising if kr.effective_direction == "increase" else lowering
                side.append(Pull(objective, kr))
    found = []
    for metric in sorted(by_metric):
        raising, lowering = by_metric[metric]
        up = {p.objective.unit for p in raising}
        down = {p.objective.unit for p in lowering}
        if up and down and (len(up | down) > 1):
            found.append(Metric(metric, tuple(raising), tuple(lowering)))
    return tuple(found)
