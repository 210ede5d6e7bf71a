"""Scores as the site shows them: direction, weights, missing check-ins, milestones, grades,
roll-up, bands and the two readings."""

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


def test_missing_checkins_score_zero_and_current_falls_back_to_the_last_checkin() -> None:
    assert scoring.kr_score(numeric(baseline=0, target=10)) == 0.0
    checked = numeric(
        baseline=0,
        target=10,
        checkins=[{"date": "2026-10-01", "value": 3}, {"date": "2026-10-15", "value": 6}],
    )
    assert scoring.latest_value(checked) == 6
    assert scoring.kr_score(checked) == pytest.approx(0.6)


def test_target_equal_to_baseline_is_refused_upstream() -> None:
    with pytest.raises(ValidationError, match="target equals baseline"):
        numeric(baseline=5, target=5)


def test_milestones_score_zero_or_one() -> None:
    base = {"id": "m", "title": "t", "kind": "milestone"}
    assert scoring.kr_score(MilestoneKeyResult.model_validate(base)) == 0.0
    assert scoring.kr_score(MilestoneKeyResult.model_validate({**base, "done": True})) == 1.0
    checked = {**base, "checkins": [{"date": "2026-10-01", "value": True}]}
    assert scoring.kr_score(MilestoneKeyResult.model_validate(checked)) == 1.0
    later = {
        **base,
        "checkins": [{"date": "2026-10-01", "value": True}, {"date": "2026-10-02", "value": False}],
    }
    assert scoring.kr_score(MilestoneKeyResult.model_validate(later)) == 0.0


def test_objective_score_is_the_weighted_mean() -> None:
    weighted = objective("o", kr("a", 0, 10, 10, weight=3), kr("b", 0, 10, 0))
    assert scoring.objective_score(weighted) == pytest.approx(0.75)
    equal = objective("o", kr("a", 0, 10, 10), kr("b", 0, 10, 0))
    assert scoring.objective_score(equal) == pytest.approx(0.5)


def test_grades_win_over_progress() -> None:
    graded_kr = objective("o", kr("a", 0, 10, 0, score=0.9))
    assert scoring.objective_score(graded_kr) == pytest.approx(0.9)
    graded = objective("o", kr("a", 0, 10, 10), score=0.4)
    assert scoring.objective_score(graded) == pytest.approx(0.4)


def test_roll_up_averages_an_objective_with_what_supports_it() -> None:
    top = objective("top", kr("a", 0, 10, 10))  # 1.0
    left = objective("left", kr("a", 0, 10, 0), parent="top")  # 0.0
    right = objective("right", kr("a", 0, 10, 5), parent="top")  # 0.5
    leaf = objective("leaf", kr("a", 0, 10, 10), parent="right")  # 1.0
    cascade = index.build([], [(o, f"{o.id}.yaml", SourceMap()) for o in (top, left, right, leaf)])
    assert scoring.rolled_up(cascade, "leaf") == pytest.approx(1.0)
    assert scoring.rolled_up(cascade, "right") == pytest.approx(0.75)
    assert scoring.rolled_up(cascade, "top") == pytest.approx((1.0 + 0.0 + 0.75) / 3)


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


def test_two_readings_committed_and_aspirational() -> None:
    committed = objective("c", kr("a", 0, 10, 7))
    aspirational = objective("a", kr("a", 0, 10, 7), type="aspirational")
    assert scoring.reading(committed).verdict != "met"
    assert scoring.reading(committed).ratio == pytest.approx(0.7)
    assert scoring.reading(aspirational).verdict == "met"
    assert scoring.reading(aspirational).ratio == pytest.approx(1.0)
    # Half-way through the period, 0.5 of a committed objective is on track.
    half = objective("h", kr("a", 0, 10, 5))
    assert scoring.reading(half, fraction_elapsed=0.5).verdict == "on track"


def test_expected_line_runs_from_baseline_to_target() -> None:
    period = Period(id="q", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))
    result = numeric(baseline=14, target=5)
    assert scoring.expected_value(result, period, period.start) == 14
    assert scoring.expected_value(result, period, period.end) == 5
    assert scoring.expected_value(result, period, dt.date(2027, 1, 10)) == 5
