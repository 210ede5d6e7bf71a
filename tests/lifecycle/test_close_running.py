"""`okrctl close` on a period that has not ended refuses (exit 1, nothing changed): closing it
would refuse its check-ins for the rest of it. `--early` closes it all the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lifecycle.conftest import Run, snapshot

GRADES = ("--score", "grow-q4/pricing-page=0.5", "--score", "leads-q4/demo-calls=0.4")
REFUSED = (
    "okrctl: 2026-Q4 is still running (it ends on 2026-12-31); closing it now would refuse its "
    "check-ins until then. Close it after it ends, or now with --early; nothing was changed, "
    "2026-Q4 stays open\n"
)


@pytest.fixture
def graded(repo: Path, okrctl: Run) -> Path:
    assert okrctl("grade", "2026-Q4", *GRADES).code == 0
    return repo


@pytest.mark.parametrize("today", ["2026-11-22", "2026-12-31"])
@pytest.mark.parametrize("extra", [(), ("--dry-run",), ("--carry",)])
def test_a_running_period_is_not_closed(
    graded: Path, okrctl: Run, today: str, extra: tuple[str, ...]
) -> None:
    before = snapshot(graded)
    result = okrctl("close", "2026-Q4", "--today", today, *extra)
    assert (result.code, result.out, result.err) == (1, "", REFUSED)
    assert snapshot(graded) == before


def test_early_closes_a_running_period(graded: Path, okrctl: Run) -> None:
    result = okrctl("close", "2026-Q4", "--today", "2026-11-22", "--early")
    assert (result.code, result.out) == (0, "close 2026-Q4 in okrs/org.yaml\n")
    assert "    closed: true\n" in (graded / "okrs/org.yaml").read_text()
    # and, as the refusal said, its check-ins are refused from then on
    late = okrctl("checkin", "leads-q4", "demo-calls", "30", "--date", "2026-11-23")
    assert late.code == 2 and "closed" in late.err


def test_an_ended_period_closes_without_early(graded: Path, okrctl: Run) -> None:
    assert okrctl("close", "2026-Q4", "--today", "2027-01-01").code == 0


def test_the_running_check_comes_before_the_grading_check(repo: Path, okrctl: Run) -> None:
    """Not graded and running: what to do first is to wait (or --early)."""
    result = okrctl("close", "2026-Q4", "--today", "2026-11-22")
    assert (result.code, result.err) == (1, REFUSED)
