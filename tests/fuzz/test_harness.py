"""The fuzz harness itself: it sees what it must see (a write outside the repository, an internal
error, an input past the bounds), and `make fuzz` runs it every week."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.fuzz import harness

REPO = Path(__file__).resolve().parents[2]


def test_a_write_outside_the_repository_is_seen() -> None:
    with (
        pytest.raises(
            AssertionError, match=r"written outside the repository: \['a/b/escaped.yaml'\]"
        ),
        harness.sandbox() as repo,
    ):
        (repo / ".." / "escaped.yaml").write_text("x")


def test_writes_inside_the_repository_are_fine() -> None:
    with harness.sandbox() as repo:
        (repo / "okrs").mkdir()
        (repo / "okrs" / "x.yaml").write_text("x")


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (harness.Outcome(3, "", "boom", 0.1, 0), "exited 3"),
        (harness.Outcome(0, "", "", harness.MAX_SECONDS + 1, 0), "took 11.0 s"),
        (harness.Outcome(0, "", "", 0.1, harness.MAX_MEMORY + 1), "used 512 MiB more"),
    ],
)
def test_an_input_past_the_bounds_fails(outcome: harness.Outcome, message: str) -> None:
    with pytest.raises(AssertionError, match=message):
        harness.within_bounds(outcome, "check")


def test_okrctl_runs_in_process_with_its_time_and_memory(tmp_path: Path) -> None:
    outcome = harness.okrctl(["check", "--no-cache"], tmp_path)
    assert outcome.code == 2 and "no okrs/ folder" in outcome.err
    assert 0 < outcome.seconds < harness.MAX_SECONDS and outcome.memory >= 0


def test_a_failing_input_is_kept_to_replay(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(harness, "ARTIFACTS", tmp_path)
    with pytest.raises(ValueError), harness.keep("loader", {"in/put.yaml": b"x: 1\n"}):
        raise ValueError("found")
    (kept,) = tmp_path.iterdir()
    assert kept.name.startswith("loader-") and (kept / "put.yaml").read_bytes() == b"x: 1\n"


def test_the_budget_runs_one_batch_outside_make_fuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FUZZ_SECONDS", raising=False)
    calls: list[int] = []
    assert harness.for_the_budget(lambda: calls.append(1)) == 1
    monkeypatch.setenv("FUZZ_SECONDS", "0.004")  # a millisecond a target: a few batches
    assert harness.budget() == 0.001


def test_the_weekly_workflow_runs_make_fuzz_with_read_only_permissions() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/fuzz.yml").read_text())
    assert "schedule" in workflow[True] and "pull_request" not in workflow[True]
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert any("make fuzz" in step.get("run", "") for step in job["steps"])
    makefile = (REPO / "Makefile").read_text()
    assert "\nfuzz: setup\n" in makefile and "pytest tests/fuzz" in makefile
