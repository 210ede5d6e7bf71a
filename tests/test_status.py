"""The one status model: pace, confidence, not measured, done, dropped, freshness."""

from __future__ import annotations

import datetime as dt

import pytest

from okrctl import status
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Period

Q4 = Period(id="2026-Q4", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))


@pytest.mark.parametrize(
    ("now", "elapsed", "confidence", "expected"),
    [
        (0.35, 0.59, None, "at risk"),  # 0.35 of 0.41 due (85%)
        (0.40, 0.59, None, "on track"),  # 97% of what is due
        (0.20, 0.59, None, "off track"),  # 49%
        (0.01, 0.03, None, "on track"),  # too early to be behind
        (0.50, 0.50, 0.3, "at risk"),  # on pace, but the owner doubts it
        (0.30, 0.50, 0.3, "off track"),
        (1.0, 0.2, None, "done"),
        (None, 0.9, 0.9, "not measured"),
    ],
)
def test_pace_and_confidence(now, elapsed, confidence, expected) -> None:
    verdict = status.judge(now, expected=0.7, elapsed=elapsed, confidence=confidence)
    assert verdict.status == expected


def test_the_sentence_says_now_due_the_share_and_the_rule() -> None:
    verdict = status.judge(0.35, expected=0.7, elapsed=0.5857)
    assert verdict.sentence == (
        "0.35 now, 85% of the 0.41 due by today, 0.70 expected at the end: "
        "at risk (60% to 89% of what is due)"
    )
    assert verdict.slug == "at-risk"
    assert status.judge(None, expected=1.0, elapsed=0.5).sentence.startswith("not measured yet")
    assert status.judge(0.2, expected=1.0, elapsed=0.5, dropped=True).status == "dropped"
    ahead = status.judge(0.8, expected=1.0, elapsed=0.5)
    assert ahead.sentence == "0.80 now, ahead of the 0.50 due by today: on track"


def test_a_shown_share_never_crosses_the_threshold_the_score_did_not_reach() -> None:
    # 0.52 of 0.58 due is 89.7%: at risk, and the sentence says 89%, not a rounded 90%.
    below = status.judge(0.52, expected=1.0, elapsed=0.58)
    assert below.status == "at risk"
    assert "89% of the 0.58 due by today: at risk" in below.sentence
    exactly = status.judge(0.54, expected=1.0, elapsed=0.6)
    assert exactly.status == "on track" and "90% of the 0.60" in exactly.sentence
    assert status.percent(0.8967) == 89 and status.percent(0.9) == 90


def test_the_confidence_step_is_part_of_the_verdict() -> None:
    low = status.judge(0.35, expected=0.7, elapsed=0.7, confidence=0.4)
    assert (low.status, low.paced, low.lowered) == ("off track", "at risk", True)
    assert low.sentence.endswith(
        "at risk (60% to 89% of what is due); owner's confidence 40%, which lowers it to off track"
    )
    sure = status.judge(0.35, expected=0.7, elapsed=0.7, confidence=0.8)
    assert (sure.status, sure.paced, sure.lowered) == ("at risk", None, False)


def test_finished_work_is_read_by_its_band_without_pace() -> None:
    graded = status.judge(0.7, expected=1.0, elapsed=1.0, finished=True, graded=True)
    assert (graded.status, graded.band, graded.ratio) == ("delivered", "green", None)
    assert graded.sentence == "final grade 0.70: green, delivered"
    short = status.judge(0.45, expected=1.0, elapsed=1.0, finished=True)
    assert short.sentence == "final score (not graded) 0.45: yellow, fell short"
    assert status.judge(0.2, expected=1.0, elapsed=0.4, finished=True).status == "failed"
    closed = Q4.model_copy(update={"closed": True})
    kr = NumericKeyResult(id="k", title="t", metric="m", unit="%", baseline=0, target=10, current=4)
    assert status.key_result(kr, closed, dt.date(2027, 2, 1)).status == "fell short"
    assert status.key_result(kr, Q4, dt.date(2026, 11, 22)).status == "at risk"  # 0.4 of 0.58
    graded_kr = kr.model_copy(update={"score": 0.8})
    early = status.key_result(graded_kr, Q4, dt.date(2026, 11, 22))
    assert (early.status, early.finished, early.graded) == ("delivered", True, True)


def test_an_ended_period_awaiting_grades_says_all_of_it_was_due() -> None:
    verdict = status.judge(0.45, expected=1.0, elapsed=1.0)
    assert verdict.ended and not verdict.finished
    assert verdict.sentence.startswith("0.45 now, 45% of the 1.00 due by the end: off track")


def test_a_key_result_without_a_value_is_not_measured_not_zero() -> None:
    kr = NumericKeyResult(id="k", title="t", metric="m", unit="%", baseline=0, target=10)
    assert status.key_result(kr, Q4, dt.date(2026, 11, 22)).status == "not measured"
    checked = kr.model_copy(update={"current": 0.0})
    assert status.key_result(checked, Q4, dt.date(2026, 11, 22)).status == "off track"
    milestone = MilestoneKeyResult(id="m", title="t", kind="milestone")
    assert status.key_result(milestone, Q4, dt.date(2026, 11, 22)).status == "not measured"
    done = milestone.model_copy(update={"done": True})
    assert status.key_result(done, Q4, dt.date(2026, 11, 22)).status == "done"


def test_freshness() -> None:
    today = dt.date(2026, 11, 22)
    fresh = status.freshness([dt.date(2026, 11, 20)], start=Q4.start, today=today, running=True)
    assert (fresh.last, fresh.days, fresh.stale, fresh.age) == (
        dt.date(2026, 11, 20),
        2,
        False,
        "2 days ago",
    )
    stale = status.freshness([dt.date(2026, 11, 2)], start=Q4.start, today=today, running=True)
    assert stale.stale and stale.age == "20 days ago"
    never = status.freshness([], start=Q4.start, today=today, running=True)
    assert (
        never.last is None and never.days == 52 and never.stale and never.age == "no check-in yet"
    )
    closed = status.freshness([], start=Q4.start, today=today, running=False)
    assert not closed.stale


def test_worst() -> None:
    assert status.worst(["on track", "at risk", "not measured"]) == "at risk"
    assert status.worst([]) is None
