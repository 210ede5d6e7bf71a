"""The life cycle on the example organisation in `okrs/`: every edit touches only its lines."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from okrctl import engine
from okrctl.diagnostics import Severity
from okrctl.model import MilestoneKeyResult
from tests.conftest import REPO
from tests.lifecycle.conftest import Run

EXAMPLE = REPO / "okrs"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not (EXAMPLE / "org.yaml").is_file():
        pytest.skip("the example organisation is not in okrs/")
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root / "okrs")
    (root / "okrctl.yaml").write_text("")
    monkeypatch.chdir(root)
    return root


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_a_checkin_on_open_key_results_changes_only_their_lines(example: Path, okrctl: Run) -> None:
    cascade = engine.check_repository(example).cascade
    edited = 0
    for entry in cascade.iter_objectives():
        period = cascade.periods[entry.objective.period]
        if period.closed or not entry.objective.key_results:  # a roll-up has none
            continue
        if entry.objective.status == "dropped":  # dropped work takes no check-ins
            continue
        krs = entry.objective.key_results
        for kr in {id(k): k for k in (krs[0], krs[-1])}.values():  # first and last of each file
            if kr.status == "dropped":
                continue
            latest = max((c.date for c in kr.checkins), default=period.start)
            value = "true" if isinstance(kr, MilestoneKeyResult) else "7"
            before = (example / entry.file).read_text()
            result = okrctl(
                "checkin", entry.objective.id, kr.id, value, "--date", latest.isoformat()
            )
            assert result.code == 0, result
            removed, added = changed_lines(before, (example / entry.file).read_text())
            assert all(line.strip().startswith(("current:", "done:")) for line in removed)
            assert len(removed) <= 1 and 2 <= len(added) <= 5, (entry.file, kr.id, added)
            edited += 1
    assert edited > 0
    assert engine.check_repository(example).errors == 0


def test_grading_the_open_period_keeps_the_repository_valid(example: Path, okrctl: Run) -> None:
    cascade = engine.check_repository(example).cascade
    open_periods = sorted(p.id for p in cascade.periods.values() if not p.closed)
    for period in open_periods:
        before = {e.file: (example / e.file).read_text() for e in cascade.iter_objectives()}
        # The example's same-day dispatch share is not measured yet: graded by hand, not as 0.
        assert okrctl("grade", period).code == 1
        unmeasured = "lite-kit-fulfilment-q4/same-day-dispatch"
        assert okrctl("grade", period, "--score", f"{unmeasured}=0").code == 0
        for file, text in before.items():
            removed, added = changed_lines(text, (example / file).read_text())
            assert removed == [] and all(line.strip().startswith("score:") for line in added)
    result = engine.check_repository(example)
    assert [d for d in result.diagnostics if d.severity is Severity.ERROR] == []
