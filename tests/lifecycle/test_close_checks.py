"""`okrctl close` refuses a period that `okrctl check` finds errors in, and warns about carried
titles that still quote the old numbers."""

from __future__ import annotations

from pathlib import Path

from tests.lifecycle.conftest import Run, read, snapshot

ORG = "okrs/org.yaml"
LEADS_Q3 = "okrs/2026-Q3/sales/leads-q3.yaml"


def committed(repo: Path) -> Path:
    """The fixture's 2026-Q3 objective made committed, with retrospectives required (errors)."""
    (repo / "okrctl.yaml").write_text("rules:\n  retrospective: error\n")
    path = repo / LEADS_Q3
    path.write_text(path.read_text().replace("type: aspirational", "type: committed"))
    return path


def test_a_period_with_errors_in_check_is_not_closed(repo: Path, okrctl: Run) -> None:
    path = committed(repo)
    assert okrctl("grade", "2026-Q3").code == 0
    before = snapshot(repo)
    result = okrctl("close", "2026-Q3")
    assert result == (
        1,
        f"{LEADS_Q3}:10:8: error OKR710 this committed objective scored 0.8, short of 1.0, "
        "without a retrospective; add `retrospective:` saying what happened and what the team "
        "will do differently\n"
        "1 error, 0 warnings in 1 file\n",
        "okrctl: fix the errors above before closing 2026-Q3: once closed, its files are "
        "history and cannot be edited; write the `retrospective` of each objective listed\n"
        "okrctl: nothing was changed; 2026-Q3 stays as it is\n",
    )
    assert snapshot(repo) == before
    path.write_text(path.read_text() + "\nretrospective: The CRM took the quarter.\n")
    done = okrctl("close", "2026-Q3")
    assert (done.code, done.out) == (0, "close 2026-Q3 in okrs/org.yaml\n")
    assert b"    closed: true\n" in read(repo, ORG)
    assert okrctl("check").code == 0


def test_warnings_do_not_stop_a_closing(repo: Path, okrctl: Run) -> None:
    committed(repo)
    (repo / "okrctl.yaml").write_text("rules:\n  retrospective: warning\n")
    okrctl("grade", "2026-Q3")
    assert okrctl("close", "2026-Q3").code == 0


def test_the_rules_apply_as_on_the_given_date(repo: Path, okrctl: Run) -> None:
    """A check-in dated after the day the rules check for is an error (time-bound, OKR410)."""
    path = repo / LEADS_Q3
    path.write_text(
        path.read_text().replace(
            "    current: 80\n",
            "    current: 80\n    checkins:\n      - date: 2026-09-20\n        value: 80\n",
        )
    )
    okrctl("grade", "2026-Q3")
    before = snapshot(repo)
    result = okrctl("close", "2026-Q3", "--date", "2026-09-10", "--dry-run")
    assert result.code == 1
    assert f"{LEADS_Q3}:" in result.out and " error OKR410 " in result.out
    assert snapshot(repo) == before
    assert okrctl("close", "2026-Q3", "--dry-run").code == 0
