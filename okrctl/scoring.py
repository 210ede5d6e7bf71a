"""Scores: how far a key result, an objective, a branch of the cascade and a unit have come.

Pure functions over the models and the index. The definitions:

* A numeric key result's progress is `(current - baseline) / (target - baseline)`, clamped to
  0..1; the formula respects `direction` by itself (for a decrease, both differences are
  negative). `current` falls back to the last check-in, then to the baseline (progress 0).
* A milestone scores 1 when done (or when its last check-in says `true`), else 0.
* A graded key result or objective (with `score`) keeps its grade.
* An objective's score is the weighted mean of its key results' scores.
* An objective's rolled-up score averages its own score with the rolled-up scores of the
  objectives that support it (its children), so a strategic objective reflects the work below it.
* A unit's score for a period is the mean of its objectives' scores.
* Grading bands follow Google's guidance: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green.
  Committed objectives are expected at 1.0, aspirational ones around 0.7.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal, NamedTuple

from okrctl.index import Cascade
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective, Period

Band = Literal["red", "yellow", "green"]
KeyResult = NumericKeyResult | MilestoneKeyResult

EXPECTED = {"committed": 1.0, "aspirational": 0.7}
"""The score each type of objective is expected to reach by the end of its period."""


def clamp(value: float) -> float:
    return 0.0 if value < 0.0 else 1.0 if value > 1.0 else value


def latest_value(kr: NumericKeyResult) -> float:
    """The most recent measurement: `current`, else the last check-in, else the baseline."""
    if kr.current is not None:
        return kr.current
    for checkin in reversed(kr.checkins):
        if not isinstance(checkin.value, bool):
            return float(checkin.value)
    return kr.baseline


def progress(kr: NumericKeyResult, value: float | None = None) -> float:
    """Progress of `value` (default: the latest) from baseline to target, 0..1."""
    measured = latest_value(kr) if value is None else value
    span = kr.target - kr.baseline
    if span == 0:  # refused by the model; guard for values built in code
        return 1.0 if measured == kr.target else 0.0
    return clamp((measured - kr.baseline) / span)


def milestone_done(kr: MilestoneKeyResult) -> bool:
    if kr.done:
        return True
    return bool(kr.checkins) and kr.checkins[-1].value is True


def kr_score(kr: KeyResult) -> float:
    """The grade if the key result was graded, else its progress."""
    if kr.score is not None:
        return kr.score
    if isinstance(kr, MilestoneKeyResult):
        return 1.0 if milestone_done(kr) else 0.0
    return progress(kr)


def objective_score(objective: Objective) -> float:
    """The grade if graded, else the weighted mean of the key results' scores."""
    if objective.score is not None:
        return objective.score
    return weighted_mean([(kr_score(kr), kr.weight) for kr in objective.key_results])


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float:
    total = sum(weight for _, weight in pairs)
    if total <= 0:
        return 0.0
    return sum(score * weight for score, weight in pairs) / total


def rolled_up(cascade: Cascade, objective_id: str) -> float:
    """The objective's score averaged with the rolled-up scores of its children (cycle-safe).

    Walked with an explicit stack, not recursion: a chain of thousands of objectives is fine.
    A child already on the path from `objective_id` (a cycle) is left out. For the scores of
    every objective, `RolledUp` takes linear time where calling this for each takes quadratic.
    """
    return _walk(cascade, objective_id, {})[objective_id]


def _walk(cascade: Cascade, objective_id: str, known: Mapping[str, float]) -> dict[str, float]:
    """Rolled-up scores of `objective_id` and what it walked; `known` holds scores that do not
    depend on the path they are reached by."""
    memo: dict[str, float] = {}
    on_path = {objective_id}

    def frame(current: str) -> tuple[str, Iterator[str], list[float]]:
        own = objective_score(cascade.objectives[current].objective)
        return current, iter(cascade.children.get(current, [])), [own]

    stack = [frame(objective_id)]
    while stack:
        current, pending, scores = stack[-1]
        deeper = None
        for child in pending:
            if child not in cascade.objectives or child in on_path:
                continue
            found = memo.get(child, known.get(child))
            if found is not None:
                scores.append(found)
                continue
            deeper = child
            break
        if deeper is not None:
            on_path.add(deeper)
            stack.append(frame(deeper))
            continue
        stack.pop()
        on_path.discard(current)
        memo[current] = sum(scores) / len(scores)
        if stack:
            stack[-1][2].append(memo[current])
    return memo


def in_cycles(cascade: Cascade) -> set[str]:
    """Objectives whose parent chain comes back to them."""
    members: set[str] = set()
    done: set[str] = set()
    for start in cascade.objectives:
        path: dict[str, int] = {}
        order: list[str] = []
        current: str | None = start
        while current is not None and current in cascade.objectives and current not in done:
            if current in path:
                members.update(order[path[current] :])
                break
            path[current] = len(order)
            order.append(current)
            current = cascade.objectives[current].objective.parent
        done.update(order)
    return members


class RolledUp:
    """`rolled_up` for every objective of a cascade, in linear time.

    An objective outside any parent cycle has a score that does not depend on where a walk
    started (none of its descendants can be its ancestor), so it is computed once and shared;
    only the members of a cycle (an error `okrctl check` reports) are walked each on its own.
    """

    def __init__(self, cascade: Cascade) -> None:
        self.cascade = cascade
        self.shared: dict[str, float] = {}
        self.cyclic = in_cycles(cascade)

    def __call__(self, objective_id: str) -> float:
        if objective_id in self.shared:
            return self.shared[objective_id]
        walked = _walk(self.cascade, objective_id, self.shared)
        for walked_id, value in walked.items():
            if walked_id not in self.cyclic:
                self.shared[walked_id] = value
        return walked[objective_id]


def unit_score(cascade: Cascade, unit_id: str, period_id: str) -> float | None:
    """Mean score of the unit's objectives in the period; None when it has none."""
    objectives = cascade.objectives_of(unit_id, period_id)
    if not objectives:
        return None
    return sum(objective_score(o) for o in objectives) / len(objectives)


def band(score: float) -> Band:
    """Google's grading colours. Scores are read to one decimal, so 0.35 is yellow."""
    rounded = round(score + 1e-9, 1)
    if rounded < 0.4:
        return "red"
    if rounded < 0.7:
        return "yellow"
    return "green"


class Reading(NamedTuple):
    """A score read against what the objective's type expects."""

    score: float
    expected: float
    ratio: float
    """score / expected, clamped to 0..1: how much of the expected result is reached."""
    verdict: Literal["met", "on track", "at risk", "off track"]


def reading(
    objective: Objective, score: float | None = None, fraction_elapsed: float = 1.0
) -> Reading:
    """Read a score against the type's expectation (1.0 committed, 0.7 aspirational), pro rata
    for the part of the period that has elapsed."""
    value = objective_score(objective) if score is None else score
    expected = EXPECTED[objective.type]
    ratio = clamp(value / expected)
    due = clamp(fraction_elapsed) * expected
    if value >= expected - 1e-9:
        verdict: Literal["met", "on track", "at risk", "off track"] = "met"
    elif value >= due - 0.1:
        verdict = "on track"
    elif value >= due * 0.5:
        verdict = "at risk"
    else:
        verdict = "off track"
    return Reading(value, expected, ratio, verdict)


def elapsed(period: Period, today: dt.date) -> float:
    """Fraction of the period that has passed on `today`, 0..1."""
    days = (period.end - period.start).days + 1
    return clamp(((today - period.start).days + 1) / days)


def expected_value(kr: NumericKeyResult, period: Period, day: dt.date) -> float:
    """Where a steady pace from baseline (period start) to target (period end) is on `day`."""
    days = max((period.end - period.start).days, 1)
    fraction = clamp((day - period.start).days / days)
    return kr.baseline + (kr.target - kr.baseline) * fraction
