"""Scores: how far a key result, an objective, a branch of the cascade and a unit have come.

Pure functions over the models and the index. The definitions:

* A numeric key result's progress is `(current - baseline) / (target - baseline)`, clamped to
  0..1; the formula respects `direction` by itself (for a decrease, both differences are
  negative). `current` falls back to the last check-in with a value. An unknown baseline is set
  by the first check-in with a value.
* A milestone scores 1 when done (or when its last check-in says `true`), else 0.
* A key result is **not measured** when nothing says where it stands: a numeric one without
  `current` and without a check-in that has a value, a milestone without `done` and without a
  check-in. Its score is None, not 0: it is left out of every mean until it is measured.
* A graded key result or objective (with `score`) keeps its grade.
* **Dropped** objectives and key results (`status: dropped`) are left out of every score; a
  dropped objective has no score (None). `weight: 0` keeps an item in view without counting it.
* An objective's **effective score** (`effective_score`, the one score every command and page
  shows; `compositions` gives it with the parts it is made of) is:
  - its grade, when it has one;
  - the weighted mean of its measured key results, when no objective supports it;
  - the weighted mean (by each child's `weight`) of its supporting objectives' effective scores,
    when it has no key results of its own (a roll-up objective);
  - when it has both, `own_weight` x its key results' mean + (1 - `own_weight`) x its
    children's mean (`rollup: own_weight` in okrctl.yaml, 0.5 by default); when only one of the
    two is measured, that one;
  - None when nothing under it is measured.
* A unit's score for a period is the mean of its objectives' effective scores (those measured).
* Grading bands follow Google's guidance: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green.
  Committed objectives are expected at 1.0, aspirational ones around 0.7.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from okrctl.index import Cascade
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective, Period

Band = Literal["red", "yellow", "green"]
KeyResult = NumericKeyResult | MilestoneKeyResult

EXPECTED = {"committed": 1.0, "aspirational": 0.7}
"""The score each type of objective is expected to reach by the end of its period."""


def fell_short(objective: Objective, score: float | None) -> bool:
    """True when the score is below what the objective's type expects (not measured counts as
    short: nothing shows it was met)."""
    return score is None or score < EXPECTED[objective.type] - 1e-9


def clamp(value: float) -> float:
    return 0.0 if value < 0.0 else 1.0 if value > 1.0 else value


def measured_value(kr: NumericKeyResult) -> float | None:
    """The most recent measurement: `current`, else the last check-in with a value; None when
    nothing was measured."""
    if kr.current is not None:
        return kr.current
    for checkin in reversed(kr.checkins):
        if checkin.value is not None and not isinstance(checkin.value, bool):
            return float(checkin.value)
    return None


def latest_value(kr: NumericKeyResult) -> float | None:
    """Where the key result stands: the latest measurement, else the baseline (None when the
    baseline is unknown and nothing was measured)."""
    value = measured_value(kr)
    return value if value is not None else kr.known_baseline


def progress(kr: NumericKeyResult, value: float | None = None) -> float:
    """Progress of `value` (default: the latest) from baseline to target, 0..1."""
    measured = latest_value(kr) if value is None else value
    baseline = kr.known_baseline
    if measured is None or baseline is None:
        return 0.0
    span = kr.target - baseline
    if span * _sign(kr) <= 0:  # an unknown baseline first measured at or beyond the target
        return 1.0 if (measured - kr.target) * _sign(kr) >= 0 else 0.0
    return clamp((measured - baseline) / span)


def _sign(kr: NumericKeyResult) -> float:
    return 1.0 if kr.effective_direction == "increase" else -1.0


def milestone_done(kr: MilestoneKeyResult) -> bool:
    if kr.done:
        return True
    return bool(kr.checkins) and kr.checkins[-1].value is True


def is_measured(kr: KeyResult) -> bool:
    """False while nothing says where the key result stands (see the module's definitions)."""
    if kr.score is not None:
        return True
    if isinstance(kr, MilestoneKeyResult):
        return "done" in kr.model_fields_set or bool(kr.checkins)
    return measured_value(kr) is not None


def kr_score(kr: KeyResult) -> float | None:
    """The grade if the key result was graded, else its progress; None when not measured."""
    if kr.score is not None:
        return kr.score
    if not is_measured(kr):
        return None
    if isinstance(kr, MilestoneKeyResult):
        return 1.0 if milestone_done(kr) else 0.0
    return progress(kr)


def weighted_mean(pairs: Sequence[tuple[float | None, float]]) -> float | None:
    """The weighted mean of the measured scores (None scores are left out); None when nothing
    measured carries weight."""
    counted = [(score, weight) for score, weight in pairs if score is not None]
    total = sum(weight for _, weight in counted)
    if not counted or total <= 0:
        return None
    return sum(score * weight for score, weight in counted) / total


def own_score(objective: Objective) -> float | None:
    """The weighted mean of the objective's active, measured key results (ignoring its grade)."""
    return weighted_mean(
        [(kr_score(kr), kr.weight) for kr in objective.key_results if kr.status == "active"]
    )


class Rollup(BaseModel):
    """How an objective's effective score combines its own key results with the objectives that
    support it (`rollup:` in okrctl.yaml)."""

    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, use_attribute_docstrings=True
    )

    own_weight: float = Field(default=0.5, ge=0.0, le=1.0, allow_inf_nan=False)
    """When an objective has key results and supporting objectives, the share of its own key
    results in its score (the rest is its supporting objectives' weighted mean): 1 counts only
    its key results, 0 only the work below it. Objectives without key results are always the
    roll-up of their supporting objectives."""


DEFAULT_ROLLUP = Rollup()


class Composition(NamedTuple):
    """How an objective's effective score is made: the score and the parts it is computed from,
    so that a page can show "0.65 = 0.5 x 0.52 own key results + 0.5 x 0.78 from 4 supporting
    objectives" and a reader can redo the sum."""

    score: float | None
    """The effective score (None: dropped, or nothing under it measured)."""
    kind: Literal["graded", "dropped", "own", "below", "blend", "none"]
    """`graded`: the grade stands; `own`: its key results alone; `below`: its supporting
    objectives alone; `blend`: both, by `own_weight`; `none`: nothing measured."""
    own: float | None = None
    """The weighted mean of its active, measured key results."""
    own_count: int = 0
    """How many key results count in `own` (active, measured, weight above 0)."""
    below: float | None = None
    """The weighted mean of its active supporting objectives' effective scores."""
    below_count: int = 0
    """How many supporting objectives count in `below` (active, scored, weight above 0)."""
    own_weight: float = 1.0
    """The share of `own` in a blend (`rollup: own_weight`); 1.0 unless `kind` is `blend`."""
    weighted: bool = False
    """Whether the counted key results or objectives have different weights."""


def compositions(
    cascade: Cascade, rollup: Rollup = DEFAULT_ROLLUP, only: Iterable[str] | None = None
) -> dict[str, Composition]:
    """Objective id -> how its effective score is made (see the module's definitions), for
    `only` (default: every objective) and everything supporting them. Iterative (a chain of any
    depth) and cycle-safe: members of a parent cycle (an error, OKR306) do not count each other,
    so each has the same score however it is reached."""
    made: dict[str, Composition] = {}
    cyclic: set[str] = set()
    roots = sorted(cascade.objectives) if only is None else list(only)
    for root in roots:
        if root in made or root not in cascade.objectives:
            continue
        stack: list[tuple[str, bool]] = [(root, False)]
        on_path: set[str] = set()
        while stack:
            current, expanded = stack.pop()
            if expanded:
                on_path.discard(current)
                made[current] = _combine(cascade, current, made, rollup, cyclic)
                continue
            if current in made:
                continue
            if current in on_path:  # a parent cycle (OKR306): its members support each other
                cyclic |= in_cycles(cascade) if not cyclic else set()
                continue
            on_path.add(current)
            stack.append((current, True))
            objective = cascade.objectives[current].objective
            if objective.score is not None or objective.status == "dropped":
                continue  # its grade (or nothing) stands: what supports it is not read
            for child in cascade.children.get(current, ()):
                if child in cascade.objectives and child not in made:
                    stack.append((child, False))
    return made


def effective_scores(
    cascade: Cascade, rollup: Rollup = DEFAULT_ROLLUP, only: Iterable[str] | None = None
) -> dict[str, float | None]:
    """Objective id -> its effective score (see the module's definitions), for `only` (default:
    every objective) and everything supporting them: the scores of `compositions`."""
    return {oid: made.score for oid, made in compositions(cascade, rollup, only).items()}


def effective_score(
    cascade: Cascade, objective_id: str, rollup: Rollup = DEFAULT_ROLLUP
) -> float | None:
    """The one score of an objective that every command and page shows and uses."""
    return effective_scores(cascade, rollup, (objective_id,)).get(objective_id)


def _counted(pairs: Sequence[tuple[float | None, float]]) -> tuple[int, bool]:
    """How many measured items carry weight, and whether their weights differ."""
    weights = [weight for score, weight in pairs if score is not None and weight > 0]
    return len(weights), len(set(weights)) > 1


def _combine(
    cascade: Cascade,
    objective_id: str,
    made: Mapping[str, Composition],
    rollup: Rollup,
    cyclic: set[str],
) -> Composition:
    objective = cascade.objectives[objective_id].objective
    if objective.status == "dropped":
        return Composition(None, "dropped")
    if objective.score is not None:
        return Composition(objective.score, "graded")
    # Members of one parent cycle do not count each other (whatever a walk started from), so
    # each has one score: its key results and the objectives outside the cycle below it.
    in_cycle = objective_id in cyclic
    children = [
        cascade.objectives[c].objective
        for c in cascade.children.get(objective_id, ())
        if c in cascade.objectives and c != objective_id and not (in_cycle and c in cyclic)
    ]
    below_pairs = [
        (found.score if (found := made.get(child.id)) else None, child.weight)
        for child in children
        if child.status == "active"
    ]
    own_pairs = [(kr_score(kr), kr.weight) for kr in objective.key_results if kr.status == "active"]
    below, own = weighted_mean(below_pairs), weighted_mean(own_pairs)
    own_count, own_weighted = _counted(own_pairs)
    below_count, below_weighted = _counted(below_pairs)
    counts = Composition(None, "none", own_count=own_count, below_count=below_count)
    if own is None and below is None:
        return counts
    if below is None:
        return counts._replace(score=own, kind="own", own=own, weighted=own_weighted)
    if own is None:
        return counts._replace(score=below, kind="below", below=below, weighted=below_weighted)
    return counts._replace(
        score=rollup.own_weight * own + (1.0 - rollup.own_weight) * below,
        kind="blend",
        own=own,
        below=below,
        own_weight=rollup.own_weight,
        weighted=own_weighted or below_weighted,
    )


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


def unit_score(
    cascade: Cascade,
    unit_id: str,
    period_id: str,
    scores: Mapping[str, float | None] | None = None,
) -> float | None:
    """Mean effective score of the unit's measured objectives in the period; None when none."""
    found = effective_scores(cascade) if scores is None else scores
    values = [
        value
        for o in cascade.objectives_of(unit_id, period_id)
        if (value := found.get(o.id)) is not None
    ]
    return sum(values) / len(values) if values else None


def band(score: float) -> Band:
    """Google's grading colours. Scores are read to one decimal, so 0.35 is yellow."""
    rounded = round(score + 1e-9, 1)
    if rounded < 0.4:
        return "red"
    if rounded < 0.7:
        return "yellow"
    return "green"


def elapsed(period: Period, today: dt.date) -> float:
    """Fraction of the period that has passed on `today`, 0..1."""
    days = (period.end - period.start).days + 1
    return clamp(((today - period.start).days + 1) / days)


def expected_value(kr: NumericKeyResult, period: Period, day: dt.date) -> float:
    """Where a steady pace from baseline (period start) to target (period end) is on `day`."""
    days = max((period.end - period.start).days, 1)
    fraction = clamp((day - period.start).days / days)
    baseline = kr.known_baseline if kr.known_baseline is not None else kr.target
    return baseline + (kr.target - baseline) * fraction
