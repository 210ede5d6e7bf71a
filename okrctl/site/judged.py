"""Every objective's and key result's verdict and freshness, judged once for the build's day.

Pure: `okrctl.status` decides each verdict; this module only computes them all once, so that a
key result shown on five pages is judged once and reads the same on all five.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from okrctl import status
from okrctl.index import Cascade

Key = tuple[str, str]
"""(objective id, key result id)."""


@dataclass(frozen=True)
class Judged:
    """The verdicts and freshness of a cascade on one day."""

    objectives: Mapping[str, status.Verdict] = field(default_factory=dict)
    """Objective id -> its verdict."""
    key_results: Mapping[Key, status.Verdict] = field(default_factory=dict)
    freshness: Mapping[Key, status.Freshness | None] = field(default_factory=dict)
    """A running key result's freshness (None: finished work, whose age is history)."""
    objective_freshness: Mapping[str, status.Freshness | None] = field(default_factory=dict)
    """The objective's freshness: its stalest key result's when one is stale, else its
    freshest running key result's (None: none running)."""
    stale: frozenset[str] = frozenset()
    """Objectives with a stale key result."""


def judge_all(
    cascade: Cascade,
    values: Mapping[str, float | None],
    today: dt.date,
    stale_days: int = status.STALE_DAYS,
) -> Judged:
    """Judge every objective (by its effective score in `values`) and key result on `today`."""
    objectives: dict[str, status.Verdict] = {}
    key_results: dict[Key, status.Verdict] = {}
    freshness: dict[Key, status.Freshness | None] = {}
    objective_freshness: dict[str, status.Freshness | None] = {}
    stale: set[str] = set()
    for oid, entry in cascade.objectives.items():
        objective = entry.objective
        period = cascade.periods.get(objective.period)
        if period is None:
            continue
        verdict = status.objective(objective, values.get(oid), period, today)
        objectives[oid] = verdict
        found: list[status.Freshness] = []
        for kr in objective.key_results:
            kv = status.key_result(kr, period, today)
            key_results[(oid, kr.id)] = kv
            fresh = None
            if not (kv.finished or verdict.finished):
                fresh = status.key_result_freshness(kr, objective, period, today, stale_days)
                found.append(fresh)
                if fresh.stale:
                    stale.add(oid)
            freshness[(oid, kr.id)] = fresh
        stalest = [f for f in found if f.stale]
        if stalest:
            objective_freshness[oid] = max(stalest, key=lambda f: (f.last is None, f.days))
        else:
            objective_freshness[oid] = (
                min(found, key=lambda f: (f.last is None, f.days)) if found else None
            )
    return Judged(objectives, key_results, freshness, objective_freshness, frozenset(stale))
