""" "As planned vs now" for the site: `okrctl.git_history.as_planned`'s result, grouped the way the
unit pages and the health page show it.

Pure: `git_history.as_planned.planned_vs_now` reads git (in `build_site`, at the edge); this module
only sorts its answer into lookups, so that rendering never scans every objective again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from okrctl.git_history.as_planned import History, KeyResultHistory, ObjectiveHistory
from okrctl.index import Cascade
from okrctl.model import Objective
from okrctl.scoring import KeyResult


@dataclass(frozen=True)
class Goalpost:
    """A key result whose baseline or target differs from its plan."""

    objective: Objective
    key_result: KeyResult
    change: KeyResultHistory
    since: dt.date | None
    """The day of the planned version (its commit)."""
    at_start: bool
    """True when the plan is the version of the period's start; False when the file came in
    later and its first committed version stands for the plan."""


@dataclass(frozen=True)
class SiteHistory:
    """What the site shows of the objectives' history."""

    read: bool = False
    """Whether git history was read at all (False: the build did not ask for it)."""
    notes: tuple[str, ...] = ()
    """What is missing, as the health page shows it (no absolute paths of the build machine)."""
    planned: int = 0
    """How many objectives have a planned version to compare with."""
    unplanned: int = 0
    """How many objectives have no committed version (or none that validated)."""
    moved: Mapping[str, Mapping[str, Goalpost]] = field(default_factory=dict)
    """Objective id -> key result id -> its moved goalpost."""
    added: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Objective id -> key results that were not in the plan."""
    removed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Objective id -> key results of the plan that are gone."""
    by_period: Mapping[str, tuple[Goalpost, ...]] = field(default_factory=dict)
    """Period id -> its moved goalposts, by objective id then key result order."""

    @property
    def available(self) -> bool:
        """Whether there is any plan to compare with."""
        return self.planned > 0

    def goalpost(self, objective_id: str, kr_id: str) -> Goalpost | None:
        return self.moved.get(objective_id, {}).get(kr_id)

    def was_added(self, objective_id: str, kr_id: str) -> bool:
        return kr_id in self.added.get(objective_id, frozenset())


def _note(note: str, root: Path) -> str:
    """A note without the build machine's path to the repository."""
    if note.startswith(str(root)):
        note = "This repository" + note[len(str(root)) :]
    return note.replace(str(root), "this repository")


def site_history(history: History, cascade: Cascade, root: Path) -> SiteHistory:
    """Group `history` (of `cascade`, read from the repository at `root`) for the pages."""
    moved: dict[str, dict[str, Goalpost]] = {}
    added: dict[str, frozenset[str]] = {}
    removed: dict[str, tuple[str, ...]] = {}
    by_period: dict[str, list[Goalpost]] = {}
    planned = 0
    for objective_id in sorted(history.objectives):
        record: ObjectiveHistory = history.objectives[objective_id]
        entry = cascade.objectives.get(objective_id)
        if entry is None or record.planned.objective is None:
            continue
        planned += 1
        objective = entry.objective
        key_results = {kr.id: kr for kr in objective.key_results}
        for change in record.key_results:
            kr = key_results.get(change.key_result)
            if kr is None:
                continue
            if change.added:
                added[objective_id] = added.get(objective_id, frozenset()) | {kr.id}
            elif change.moved:
                goalpost = Goalpost(
                    objective, kr, change, record.planned.date, record.planned.at_start
                )
                moved.setdefault(objective_id, {})[kr.id] = goalpost
                by_period.setdefault(objective.period, []).append(goalpost)
        if record.removed:
            removed[objective_id] = tuple(sorted(record.removed))
    return SiteHistory(
        read=True,
        notes=tuple(_note(note, root) for note in history.notes),
        planned=planned,
        unplanned=len(history.objectives) - planned,
        moved=moved,
        added=added,
        removed=removed,
        by_period={period: tuple(found) for period, found in by_period.items()},
    )
