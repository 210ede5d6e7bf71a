"""`okrctl new period ID`: the next period in the organisation file, with dates that follow the
periods already there, written the way every other edit is (only the new lines, validated, in
a transaction); `close --carry` into it works."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrctl.lifecycle.periods import Span, span_of
from tests.lifecycle.conftest import Run, snapshot

ORG = "okrs/org.yaml"
GRADES = (
    "--score",
    "okrs-as-code/teams-on-board=0.5",
    "--score",
    "okrs-as-code/weekly-checkins=0.2",
)
"""Grades by hand: whether init's example has a check-in depends on the day the test runs."""
FISCAL = """\
apiVersion: okrctl/v1
kind: Organization
name: Fiscal
units:
  - id: acme
    name: Acme
    lead: ada
people:
  - id: ada
    name: Ada
    unit: acme
# fiscal quarters: the year starts in February
periods:
  - {id: FY27, start: 2026-02-01, end: 2027-01-31}
  - id: 2026-Q1   # named by the calendar quarter they mostly cover
    start: 2026-02-01
    end: 2026-04-30
"""


@pytest.fixture
def started(tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "okrs-repo"
    result = okrctl("init", str(root), "--name", "Acme", "--period", "2026-Q4", "--owner", "Ann")
    assert result.code == 0, result.err
    monkeypatch.chdir(root)
    return root


def test_the_next_quarter_is_added_and_close_carries_into_it(started: Path, okrctl: Run) -> None:
    before = (started / ORG).read_text()
    result = okrctl("new", "period", "2027-Q1")
    assert (result.code, result.out) == (
        0,
        f"added period 2027-Q1 (2027-01-01 to 2027-03-31) to {ORG}\n",
    )
    after = (started / ORG).read_text()
    assert after == before + "  - id: 2027-Q1\n    start: 2027-01-01\n    end: 2027-03-31\n"
    assert okrctl("check").code == 0
    # the path `close --carry` asks for: grade, then carry what fell short into the new period
    assert okrctl("grade", "2026-Q4", *GRADES).code == 0
    closing = okrctl("close", "2026-Q4", "--carry", "2027-Q1", "--today", "2027-01-04")
    assert closing.code == 0, closing.err
    assert "carry into 2027-Q1:" in closing.out
    assert list(started.glob("okrs/2027-Q1/acme/*.yaml"))
    assert "    closed: true\n" in (started / ORG).read_text()


def test_without_a_next_period_close_carry_names_the_command(started: Path, okrctl: Run) -> None:
    assert okrctl("grade", "2026-Q4", *GRADES).code == 0
    closing = okrctl("close", "2026-Q4", "--carry", "--today", "2027-01-04")
    assert closing.code == 2
    assert "okrctl new period" in closing.err


def test_a_year_and_a_month_and_a_day_count_period(started: Path, okrctl: Run) -> None:
    assert okrctl("new", "period", "2027").out.startswith(
        "added period 2027 (2027-01-01 to 2027-12-31)"
    )
    text = (started / ORG).read_text()
    assert '  - id: "2027"\n' in text  # stays text in YAML
    assert "(2027-02-01 to 2027-02-28)" in okrctl("new", "period", "2027-02").out
    custom = okrctl("new", "period", "sprint-1", "--start", "2027-03-01", "--end", "2027-03-14")
    assert "(2027-03-01 to 2027-03-14)" in custom.out
    # an id that names no calendar period follows the shortest periods there, here sprint-1
    assert "(2027-03-15 to 2027-03-28)" in okrctl("new", "period", "sprint-2").out
    assert okrctl("check").code == 0


def test_fiscal_quarters_follow_the_ones_there(tmp_path: Path, okrctl: Run, monkeypatch) -> None:
    (tmp_path / "okrs").mkdir()
    (tmp_path / ORG).write_text(FISCAL)
    monkeypatch.chdir(tmp_path)
    # 2026-Q2's calendar dates (April to June) would overlap the fiscal 2026-Q1: it follows it
    second = okrctl("new", "period", "2026-Q2")
    assert "(2026-05-01 to 2026-07-31)" in second.out, second.err
    assert "(2026-08-01 to 2026-10-31)" in okrctl("new", "period", "FY27-Q3").out
    text = (tmp_path / ORG).read_text()
    assert text.startswith(FISCAL)  # every byte before the new entries kept
    assert text.endswith("  - id: FY27-Q3\n    start: 2026-08-01\n    end: 2026-10-31\n")
    assert okrctl("check").code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2026-Q4"], "period '2026-Q4' is already in okrs/org.yaml"),
        (["2026-q4"], "period '2026-q4' is already in okrs/org.yaml"),
        (["x", "--start", "2026-11-01", "--end", "2027-01-31"], "would overlap 2026-Q4"),
        (["x", "--start", "2027-02-01", "--end", "2027-01-31"], "would end (2027-01-31) before"),
        (["a b"], "'a b' is not a period id"),
        (["2027-Q1", "--start", "2027-13-01"], "is not a date written YYYY-MM-DD"),
    ],
)
def test_what_cannot_be_added_is_exit_2_and_changes_nothing(
    started: Path, okrctl: Run, args: list[str], message: str
) -> None:
    before = snapshot(started)
    result = okrctl("new", "period", *args)
    assert result.code == 2
    assert message in result.err
    assert snapshot(started) == before


def test_a_dry_run_writes_nothing(started: Path, okrctl: Run) -> None:
    before = snapshot(started)
    result = okrctl("new", "period", "2027-Q1", "--dry-run")
    assert result.out == f"would add period 2027-Q1 (2027-01-01 to 2027-03-31) to {ORG}\n"
    assert snapshot(started) == before


def test_an_organisation_file_okrctl_cannot_edit_is_refused(started: Path, okrctl: Run) -> None:
    text = (started / ORG).read_text()
    head = text.split("periods:\n")[0]
    (started / ORG).write_text(
        head + "periods: [{id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}]\n"
    )
    result = okrctl("new", "period", "2027-Q1")
    assert result.code == 0, result.err  # a flow list gets one more flow mapping
    assert "{id: 2027-Q1, start: 2027-01-01, end: 2027-03-31}]" in (started / ORG).read_text()


@pytest.mark.parametrize(
    ("start", "end", "span"),
    [
        ("2026-01-01", "2026-03-31", Span(months=3)),
        ("2026-02-01", "2027-01-31", Span(months=12)),
        ("2028-02-01", "2028-02-29", Span(months=1)),
        ("2026-03-02", "2026-03-15", Span(days=14)),
    ],
)
def test_lengths(start: str, end: str, span: Span) -> None:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    assert span_of(first, last) == span
    if span.days:
        assert span.after(first) == last
