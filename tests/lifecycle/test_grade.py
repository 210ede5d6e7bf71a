"""`okrctl grade`: scores written into the files with byte-preserving edits, a table, reminders."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrctl.lifecycle.grade import round2, score_text
from tests.lifecycle.conftest import Run, read, snapshot

LEADS = "okrs/2026-Q4/sales/leads-q4.yaml"
GROW = "okrs/2026-Q4/acme/grow-q4.yaml"

TABLE = """\
objective / key result  score  band
grow-q4                  0.13  red
  customers              0.25
  pricing-page           0.00          given
leads-q4                 0.13  red
  qualified-leads        0.25
  demo-calls             0.00          given
wrote 2 files
committed objectives below 1.0 need a `retrospective` (what was learned):
  grow-q4  okrs/2026-Q4/acme/grow-q4.yaml
"""


GIVEN = ("--score", "grow-q4/pricing-page=0", "--score", "leads-q4/demo-calls=0.0")
"""The fixture's two key results nobody measured, scored by hand."""


def test_key_results_nobody_measured_are_not_graded_zero(repo: Path, okrctl: Run) -> None:
    before = snapshot(repo)
    result = okrctl("grade", "2026-Q4")
    assert result.code == 1
    assert result.out == (
        "not measured, so not graded 0 (nothing was written in 2026-Q4):\n"
        "  grow-q4/pricing-page\n"
        "  leads-q4/demo-calls\n"
    )
    assert "--score grow-q4/pricing-page=0.3" in result.err
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("grow-q4/nothing=0.5", "not an objective of 2026-Q4"),
        ("grow-q4/pricing-page=1.5", "between 0.0 and 1.0"),
        ("grow-q4/pricing-page", "write OBJECTIVE=SCORE"),
        ("grow-q4/pricing-page=half", "write OBJECTIVE=SCORE"),
    ],
)
def test_a_bad_explicit_score_is_a_usage_error(
    repo: Path, okrctl: Run, given: str, message: str
) -> None:
    before = snapshot(repo)
    result = okrctl("grade", "2026-Q4", "--score", given)
    assert result.code == 2 and message in result.err
    assert snapshot(repo) == before


def test_grade_writes_scores_and_prints_the_table(repo: Path, okrctl: Run) -> None:
    leads, grow = read(repo, LEADS), read(repo, GROW)
    result = okrctl("grade", "2026-Q4", *GIVEN)
    assert (result.code, result.out) == (0, TABLE)
    assert read(repo, GROW) == grow.replace(
        b"period: 2026-Q4\nkey_results:\n", b"period: 2026-Q4\nscore: 0.13\nkey_results:\n"
    ).replace(b"    current: 45\n", b"    current: 45\n    score: 0.25\n").replace(
        b"    kind: milestone\n", b"    kind: milestone\n    score: 0.0\n"
    )
    assert read(repo, LEADS) == leads.replace(
        b"parent: grow-q4\n\n", b"parent: grow-q4\nscore: 0.13\n\n"
    ).replace(b"    confidence: 0.5\n    checkins:", b"    confidence: 0.5\n    score: 0.25\n    checkins:").replace(
        b"    target: 10\n    checkins: []", b"    target: 10\n    score: 0.0\n    checkins: []"
    )  # fmt: skip
    assert okrctl("check").code == 0


def test_grading_again_keeps_the_scores(repo: Path, okrctl: Run) -> None:
    okrctl("grade", "2026-Q4", *GIVEN)
    before = snapshot(repo)
    result = okrctl("grade", "2026-Q4")
    assert result.out.splitlines()[1] == "grow-q4                  0.13  red     kept"
    assert "wrote 0 files" in result.out
    assert snapshot(repo) == before


def test_regrade_recomputes_after_a_late_checkin(repo: Path, okrctl: Run) -> None:
    okrctl("grade", "2026-Q4", *GIVEN)
    okrctl("checkin", "grow-q4", "customers", "60", "--date", "2026-12-30")
    okrctl("grade", "2026-Q4", "--regrade", *GIVEN)
    text = read(repo, GROW).decode()
    # Its own key results average 0.5 and leads-q4, which supports it, 0.13: blended half and
    # half (`rollup: own_weight`, 0.5 by default), 0.315 rounds half up to 0.32.
    assert "score: 0.32\nkey_results:" in text and "    current: 60\n    score: 1.0\n" in text


def test_dry_run_writes_nothing(repo: Path, okrctl: Run) -> None:
    before = snapshot(repo)
    result = okrctl("grade", "2026-Q4", "--dry-run", *GIVEN)
    assert "would write 2 files" in result.out
    assert snapshot(repo) == before


def test_a_closed_or_unknown_period_is_refused(repo: Path, okrctl: Run) -> None:
    assert okrctl("grade", "2031-Q1").err.startswith("okrctl: unknown period '2031-Q1'")
    org = repo / "okrs/org.yaml"
    org.write_text(
        org.read_text().replace("end: 2026-09-30\n", "end: 2026-09-30\n    closed: true\n")
    )
    result = okrctl("grade", "2026-Q3")
    assert result.code == 2 and "is closed" in result.err


def test_an_invalid_file_of_the_period_blocks_grading(repo: Path, okrctl: Run) -> None:
    path = repo / LEADS
    path.write_text(path.read_text().replace("baseline: 20", "baseline: twenty"))
    before = snapshot(repo)
    result = okrctl("grade", "2026-Q4")
    assert result.code == 1
    assert result.out.startswith(f"{LEADS}:40:15: error OKR203")
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("value", "rounded", "text"),
    [
        (0.125, 0.13, "0.13"),
        (2 / 3, 0.67, "0.67"),
        (1.0, 1.0, "1.0"),
        (0.5, 0.5, "0.5"),
        (-0.0, 0.0, "0.0"),
    ],
)
def test_scores_are_rounded_half_up_to_two_decimals(
    value: float, rounded: float, text: str
) -> None:
    assert round2(value) == rounded
    assert score_text(round2(value)) == text
