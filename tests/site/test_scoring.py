"""Scores as the site shows them: direction, weights, missing check-ins, milestones, grades,
roll-up, bands and what each type of objective is expected to reach."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from okrctl import index, scoring
from okrctl.load import SourceMap
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective, Period


def numeric(**fields: Any) -> NumericKeyResult:
    base: dict[str, Any] = {"id": "kr", "title": "t", "metric": "m", "unit": "x"}
    return NumericKeyResult.model_validate({**base, **fields})


def objective(oid: str, *krs: dict[str, Any], **fields: Any) -> Objective:
    data: dict[str, Any] = {
        "apiVersion": "okrctl/v1",
        "kind": "Objective",
        "id": oid,
        "title": "t",
        "level": "strategic",
        "unit": "u",
        "owner": "o",
        "period": "p",
        "key_results": list(krs),
    }
    return Objective.model_validate({**data, **fields})


def kr(kid: str, baseline: float, target: float, current: float, **fields: Any) -> dict[str, Any]:
    return {
        "id": kid,
        "title": "t",
        "metric": kid,
        "unit": "x",
        "baseline": baseline,
        "target": target,
        "current": current,
        **fields,
    }


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (14, 5, 8, 6 / 9),  # decrease: (8 - 14) / (5 - 14)
        (14, 5, 5, 1.0),
        (14, 5, 2, 1.0),  # overshooting a decrease is clamped
        (14, 5, 20, 0.0),  # the wrong way scores 0
        (10, 30, 15, 0.25),
        (10, 30, 40, 1.0),
        (-10, 10, 0, 0.5),
    ],
)
def test_numeric_progress_respects_direction(
    baseline: float, target: float, current: float, expected: float
) -> None:
    result = numeric(baseline=baseline, target=target, current=current)
    assert scoring.kr_score(result) == pytest.approx(expected)


def test_missing_checkins_are_not_measured_and_current_falls_back_to_the_last_checkin() -> None:
    assert scoring.kr_score(numeric(baseline=0, target=10)) is None
    checked = numeric(
        baseline=0,
        target=10,
        checkins=[{"date": "2026-10-01", "value": 3}, {"date": "2026-10-15", "value": 6}],
    )
    assert scoring.latest_value(checked) == 6
    assert scoring.kr_score(checked) == pytest.approx(0.6)
    note_only = numeric(baseline=0, target=10, checkins=[{"date": "2026-10-01", "note": "soon"}])
    assert scoring.kr_score(note_only) is None
    assert scoring.kr_score(numeric(baseline=0, target=10, current=0)) == 0.0


def test_an_unknown_baseline_is_set_by_the_first_measured_checkin() -> None:
    unknown = numeric(direction="increase", target=1250)
    assert scoring.kr_score(unknown) is None
    first = numeric(
        direction="increase",
        target=1250,
        checkins=[{"date": "2026-10-01", "note": "no data"}, {"date": "2026-10-08", "value": 1000}],
    )
    assert scoring.kr_score(first) == 0.0
    later = numeric(
        direction="increase",
        target=1250,
        checkins=[{"date": "2026-10-08", "value": 1000}, {"date": "2026-11-08", "value": 1100}],
    )
    assert scoring.kr_score(later) == pytest.approx(0.4)
    decrease = numeric(
        direction="decrease",
        target=5,
        checkins=[{"date": "2026-10-08", "value": 3}],
    )
    assert scoring.kr_score(decrease) == 1.0  # the first measurement already met the target


def test_target_equal_to_baseline_is_refused_upstream() -> None:
    with pytest.raises(ValidationError, match="target equals baseline"):
        numeric(baseline=5, target=5)


def test_milestones_score_zero_or_one_once_measured() -> None:
    base = {"id": "m", "title": "t", "kind": "milestone"}
    assert scoring.kr_score(MilestoneKeyResult.model_validate(base)) is None
    assert scoring.kr_score(MilestoneKeyResult.model_validate({**base, "done": False})) == 0.0
    assert scoring.kr_score(MilestoneKeyResult.model_validate({**base, "done": True})) == 1.0
    checked = {**base, "checkins": [{"date": "2026-10-01", "value": True}]}
    assert scoring.kr_score(MilestoneKeyResult.model_validate(checked)) == 1.0
    later = {
        **base,
        "checkins": [{"date": "2026-10-01", "value": True}, {"date": "2026-10-02", "value": False}],
    }
    assert scoring.kr_score(MilestoneKeyResult.model_validate(later)) == 0.0


def _cascade(*objectives: Objective) -> index.Cascade:
    return index.build([], [(o, f"{o.id}.yaml", SourceMap()) for o in objectives])


def score_of(
    *objectives: Objective, rollup: scoring.Rollup = scoring.DEFAULT_ROLLUP
) -> float | None:
    """The effective score of the first objective, among all of them."""
    return scoring.effective_score(_cascade(*objectives), objectives[0].id, rollup)


def test_objective_score_is_the_weighted_mean_of_measured_active_key_results() -> None:
    weighted = objective("o", kr("a", 0, 10, 10, weight=3), kr("b", 0, 10, 0))
    assert score_of(weighted) == pytest.approx(0.75)
    equal = objective("o", kr("a", 0, 10, 10), kr("b", 0, 10, 0))
    assert score_of(equal) == pytest.approx(0.5)
    unmeasured = {"id": "c", "title": "t", "metric": "c", "unit": "x", "baseline": 0, "target": 1}
    assert score_of(objective("o", kr("a", 0, 10, 10), unmeasured)) == 1.0
    assert score_of(objective("o", unmeasured)) is None
    dropped = objective("o", kr("a", 0, 10, 10), kr("b", 0, 10, 0, status="dropped"))
    assert score_of(dropped) == 1.0
    zero = objective("o", kr("a", 0, 10, 10), kr("b", 0, 10, 0, weight=0))
    assert score_of(zero) == 1.0


def test_grades_win_over_progress() -> None:
    graded_kr = objective("o", kr("a", 0, 10, 0, score=0.9))
    assert score_of(graded_kr) == pytest.approx(0.9)
    graded = objective("o", kr("a", 0, 10, 10), score=0.4)
    assert score_of(graded) == pytest.approx(0.4)


def test_a_dropped_objective_has_no_score() -> None:
    assert score_of(objective("o", kr("a", 0, 10, 10), status="dropped")) is None


def test_a_roll_up_objective_is_the_weighted_mean_of_what_supports_it() -> None:
    top = objective("top")
    left = objective("left", kr("a", 0, 10, 0), parent="top")  # 0.0
    right = objective("right", kr("a", 0, 10, 5), parent="top", weight=3)  # 0.5
    gone = objective("gone", kr("a", 0, 10, 10), parent="top", status="dropped")
    assert score_of(top, left, right, gone) == pytest.approx(1.5 / 4)
    # Four supporting objectives at 0 make a roll-up 0, never "met".
    zeros = [objective(f"c{i}", kr("a", 0, 10, 0), parent="top") for i in range(4)]
    assert score_of(top, *zeros) == 0.0
    # Nothing measured below: not measured.
    quiet = objective("quiet", {"id": "q", "title": "t", "kind": "milestone"}, parent="top")
    assert score_of(top, quiet) is None


def test_own_key_results_and_supporting_objectives_blend_as_configured() -> None:
    top = objective("top", kr("a", 0, 10, 10))  # own: 1.0
    left = objective("left", kr("a", 0, 10, 0), parent="top")  # 0.0
    right = objective("right", kr("a", 0, 10, 5), parent="top")  # 0.5
    leaf = objective("leaf", kr("a", 0, 10, 10), parent="right")  # 1.0
    everything = (top, left, right, leaf)
    # right: 0.5 own, 1.0 below -> 0.75; top: 1.0 own, mean(0.0, 0.75) below -> 0.6875
    assert score_of(*everything) == pytest.approx(0.5 * 1.0 + 0.5 * 0.375)
    assert score_of(*everything, rollup=scoring.Rollup(own_weight=1.0)) == 1.0
    only_below = scoring.Rollup(own_weight=0.0)
    assert score_of(*everything, rollup=only_below) == pytest.approx((0.0 + 1.0) / 2)


def test_each_score_comes_with_the_parts_it_is_made_of() -> None:
    top = objective("top", kr("a", 0, 10, 10))  # own: 1.0
    left = objective("left", kr("a", 0, 10, 0), parent="top")  # 0.0
    right = objective("right", kr("a", 0, 10, 5), kr("b", 0, 10, 10, weight=3), parent="top")
    gone = objective("gone", kr("a", 0, 10, 10), parent="top", status="dropped")
    made = scoring.compositions(_cascade(top, left, right, gone))
    # right: (0.5 + 3 x 1.0) / 4 = 0.875 from its key results alone, weighted
    assert made["right"] == scoring.Composition(
        0.875, "own", own=0.875, own_count=2, below_count=0, weighted=True
    )
    # top: 0.5 x 1.0 own + 0.5 x mean(0.0, 0.875) from two supporting objectives (not the dropped)
    blend = made["top"]
    assert (blend.kind, blend.own, blend.own_count, blend.below_count) == ("blend", 1.0, 1, 2)
    assert blend.below == pytest.approx(0.4375) and blend.own_weight == 0.5
    assert blend.score == pytest.approx(blend.own_weight * 1.0 + 0.5 * blend.below)
    assert made["gone"] == scoring.Composition(None, "dropped")
    child = objective("c", kr("a", 0, 10, 0), parent="r")
    roll_up = scoring.compositions(_cascade(objective("r"), child))["r"]
    assert (roll_up.kind, roll_up.below, roll_up.below_count) == ("below", 0.0, 1)
    graded = scoring.compositions(_cascade(objective("g", kr("a", 0, 10, 0), score=0.4)))["g"]
    assert (graded.kind, graded.score) == ("graded", 0.4)
    # the scores every command uses are the compositions' scores
    everything = _cascade(top, left, right, gone)
    assert scoring.effective_scores(everything) == {
        oid: c.score for oid, c in scoring.compositions(everything).items()
    }


def test_a_cycle_and_a_deep_chain_do_not_recurse() -> None:
    a = objective("a", kr("k", 0, 10, 10), parent="b")
    b = objective("b", kr("k", 0, 10, 0), parent="a")
    assert score_of(a, b) is not None
    deep = [objective("n0")] + [objective(f"n{i}", parent=f"n{i - 1}") for i in range(1, 5000)]
    deep[-1] = objective("n4999", kr("k", 0, 10, 10), parent="n4998")
    assert score_of(*deep) == 1.0


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0.0, "red"),
        (0.3, "red"),
        (0.34, "red"),
        (0.35, "yellow"),
        (0.6, "yellow"),
        (0.64, "yellow"),
        (0.65, "green"),
        (0.7, "green"),
        (1.0, "green"),
    ],
)
def test_bands(score: float, band: str) -> None:
    assert scoring.band(score) == band


def test_what_each_type_is_expected_to_reach() -> None:
    committed = objective("c", kr("a", 0, 10, 7))
    aspirational = objective("a", kr("a", 0, 10, 7), type="aspirational")
    assert scoring.fell_short(committed, 0.99) and not scoring.fell_short(committed, 1.0)
    assert scoring.fell_short(aspirational, 0.69) and not scoring.fell_short(aspirational, 0.7)
    assert scoring.fell_short(aspirational, None)


def test_expected_line_runs_from_baseline_to_target() -> None:
    period = Period(id="q", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))
    result = numeric(baseline=14, target=5)
    assert scoring.expected_value(result, period, period.start) == 14
    assert scoring.expected_value(result, period, period.end) == 5
    assert scoring.expected_value(result, period, dt.date(2027, 1, 10)) == 5
