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


def test_the_sentence_says_now_due_expected_and_the_status() -> None:
    verdict = status.judge(0.35, expected=0.7, elapsed=0.5857)
    assert verdict.sentence == "0.35 now, 0.41 due today, 0.70 expected at the end: at risk"
    assert verdict.slug == "at-risk"
    low = status.judge(0.35, expected=0.7, elapsed=0.7, confidence=0.4)
    assert low.sentence.endswith("owner's confidence 40%: off track")
    assert status.judge(None, expected=1.0, elapsed=0.5).sentence.startswith("not measured yet")
    assert status.judge(0.2, expected=1.0, elapsed=0.5, dropped=True).status == "dropped"


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
