"""History from git: targets and baselines as planned at the period start beside today's, also in
shallow clones; edits to closed periods."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from okrctl import engine
from okrctl.git_history.as_planned import KeyResultHistory, planned_vs_now
from okrctl.git_history.closed_periods import closed_edits
from tests.lifecycle.conftest import FIXTURE, Run, git, git_init

LEADS = "okrs/2026-Q4/sales/leads-q4.yaml"


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture
def history_repo(repo: Path) -> Path:
    """The fixture committed before 2026-Q4 starts, then the qualified-leads target lowered."""
    git_init(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "plan", date="2026-09-25")
    edit(repo, LEADS, "target: 300   # stretch", "target: 250   # stretch")
    git(repo, "commit", "-qam", "lower the bar", date="2026-10-20")
    return repo


def test_a_moved_target_is_seen(history_repo: Path) -> None:
    history = planned_vs_now(history_repo, engine.check_repository(history_repo).cascade)
    assert history.notes == ()
    leads = history.objectives["leads-q4"]
    assert leads.moved and leads.planned.at_start
    assert leads.planned.date == dt.date(2026, 9, 25)
    assert leads.key_results[0] == KeyResultHistory(
        "qualified-leads", 100.0, 300.0, 100.0, 250.0, added=False
    )
    assert leads.key_results[0].moved and not leads.key_results[1].moved
    assert not history.objectives["grow-q4"].moved


def test_a_file_added_after_the_start_is_planned_as_first_committed(history_repo: Path) -> None:
    new = "okrs/2026-Q4/acme/grow2-q4.yaml"
    shutil.copy(history_repo / "okrs/2026-Q4/acme/grow-q4.yaml", history_repo / new)
    edit(history_repo, new, "id: grow-q4", "id: grow2-q4")
    git(history_repo, "add", new)
    git(history_repo, "commit", "-qm", "add", date="2026-10-10")
    edit(history_repo, new, "    target: 60\n", "    target: 70\n")
    edit(history_repo, new, "  - id: pricing-page\n", "  - id: pricing\n")
    git(history_repo, "commit", "-qam", "raise", date="2026-10-30")
    planned = planned_vs_now(
        history_repo, engine.check_repository(history_repo).cascade
    ).objectives["grow2-q4"]
    assert (planned.planned.at_start, planned.planned.date) == (False, dt.date(2026, 10, 10))
    assert planned.key_results[0].planned_target == 60.0 and planned.key_results[0].target == 70.0
    assert planned.key_results[1].added and planned.removed == ("pricing-page",)
    assert planned.moved


def test_uncommitted_objectives_have_no_plan(history_repo: Path) -> None:
    shutil.copy(history_repo / LEADS, history_repo / "okrs/2026-Q4/sales/new-q4.yaml")
    edit(history_repo, "okrs/2026-Q4/sales/new-q4.yaml", "id: leads-q4", "id: new-q4")
    found = planned_vs_now(history_repo, engine.check_repository(history_repo).cascade).objectives[
        "new-q4"
    ]
    assert found.planned.objective is None and not found.moved


def test_outside_git_there_are_notes_not_errors(repo: Path) -> None:
    history = planned_vs_now(repo, engine.check_repository(repo).cascade)
    assert history.notes == (f"{repo} is not a git repository: no plans",)
    assert not any(o.moved for o in history.objectives.values())


def test_a_shallow_clone_fetches_the_history_it_needs(history_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    history = planned_vs_now(clone, engine.check_repository(clone).cascade)
    assert history.notes == ()
    assert history.objectives["leads-q4"].planned.at_start
    assert history.objectives["leads-q4"].key_results[0].planned_target == 300.0


def test_a_shallow_clone_without_remote_says_what_is_missing(
    history_repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone))
    git(clone, "remote", "remove", "origin")
    history = planned_vs_now(clone, engine.check_repository(clone).cascade)
    assert [note.split(":")[0] for note in history.notes] == ["2026-Q3", "2026-Q4"]
    assert history.notes[1].startswith(
        "2026-Q4: this clone is shallow and lacks the history of 2026-10-01, and there is no "
        "remote to fetch it from"
    )
    leads = history.objectives["leads-q4"]
    assert not leads.planned.at_start and leads.key_results[0].planned_target == 250.0


def test_edits_to_a_closed_period_are_flagged(history_repo: Path, okrctl: Run) -> None:
    okrctl("grade", "2026-Q3")
    okrctl("close", "2026-Q3")
    git(history_repo, "commit", "-qam", "close Q3", date="2026-10-02")
    assert closed_edits(history_repo, engine.check_repository(history_repo).cascade) == []
    edit(history_repo, "okrs/2026-Q3/sales/leads-q3.yaml", "target: 100", "target: 90")
    (found,) = closed_edits(history_repo, engine.check_repository(history_repo).cascade)
    assert (found.file, found.line, found.column, found.code) == (
        "okrs/2026-Q3/sales/leads-q3.yaml",
        9,
        9,
        "OKR820",
    )
    assert found.message.startswith("changed after period 2026-Q3 was closed (commit ")


def test_a_closing_not_yet_committed_is_not_checked(history_repo: Path, okrctl: Run) -> None:
    okrctl("grade", "2026-Q3")
    okrctl("close", "2026-Q3")
    assert closed_edits(history_repo, engine.check_repository(history_repo).cascade) == []
    assert FIXTURE.is_dir()


def test_a_suppression_comment_for_an_edit_to_a_closed_period_is_accepted(
    history_repo: Path, okrctl: Run
) -> None:
    """OKR820 may be silenced in the file (a correction the team accepts); the comment is neither
    an "unknown rule" nor unused."""
    okrctl("grade", "2026-Q3")
    okrctl("close", "2026-Q3")
    git(history_repo, "commit", "-qam", "close Q3", date="2026-10-02")
    edit(history_repo, "okrs/2026-Q3/sales/leads-q3.yaml", "target: 100", "target: 90")
    flagged = okrctl("check", "--no-cache", "--format", "text")
    assert "warning OKR820 " in flagged.out
    path = history_repo / "okrs/2026-Q3/sales/leads-q3.yaml"
    path.write_text(path.read_text() + "# okrctl: disable-file=closed-period-edited typo fix\n")
    accepted = okrctl("check", "--no-cache", "--format", "text")
    assert "OKR820" not in accepted.out and "OKR900" not in accepted.out, accepted.out
