"""`okrctl checkin` under concurrency and through symbolic links (issue 14, items 8 and 11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from okrctl.lifecycle import checkin as module
from okrctl.load import parse_text
from tests.conftest import REPO, child_env
from tests.lifecycle.conftest import Run, read

LEADS = "okrs/2026-Q4/sales/leads-q4.yaml"


def _dates(root: Path, file: str) -> list[str]:
    data = parse_text((root / file).read_text(encoding="utf-8"), file).data
    assert data is not None
    krs = {kr["id"]: kr for kr in data["key_results"]}
    return [str(c["date"]) for c in krs["demo-calls"].get("checkins") or []]


def test_concurrent_checkins_on_one_file_are_all_kept(repo: Path) -> None:
    """Eight real processes check in on the same file at once: every check-in is in the file."""
    (repo / ".git").mkdir()
    env = child_env(PYTHONPATH=str(REPO), HOME=str(repo.parent))
    days = [f"2026-11-{day:02d}" for day in range(10, 18)]  # a label for each run's note
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "okrctl",
                "checkin",
                "leads-q4",
                "demo-calls",
                "12",
                "--date",
                "2026-11-20",
                "--note",
                f"run {day}",
            ],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for day in days
    ]
    results = [(run.wait(), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0] * len(days), results
    assert _dates(repo, LEADS) == ["2026-11-20"] * len(days)
    text = read(repo, LEADS).decode()
    assert all(f"note: run {day}" in text for day in days)
    assert not list((repo / "okrs").rglob("*.tmp"))


def test_a_file_changed_between_reading_and_writing_is_not_overwritten(
    repo: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor saves the file while okrctl works on it: okrctl writes nothing, exit 1."""
    real = module.plan

    def plan_then_someone_saves(*args: object, **kwargs: object) -> object:
        outcome = real(*args, **kwargs)  # type: ignore[arg-type]
        (repo / LEADS).write_bytes(read(repo, LEADS) + b"# saved by an editor\n")
        return outcome

    monkeypatch.setattr(module, "plan", plan_then_someone_saves)
    result = okrctl(
        "checkin", "leads-q4", "demo-calls", "12", "--date", "2026-11-20", "--note", "mine"
    )
    assert result.code == 1
    assert "changed on disk" in result.err
    assert read(repo, LEADS).endswith(b"# saved by an editor\n")
    assert b"mine" not in read(repo, LEADS)


@pytest.mark.posix  # a symbolic link
def test_checkin_on_a_symlinked_file_writes_its_target(repo: Path, okrctl: Run) -> None:
    shared = repo / "shared" / "leads-q4.yaml"
    shared.parent.mkdir()
    (repo / LEADS).rename(shared)
    (repo / LEADS).symlink_to(Path("../../../shared/leads-q4.yaml"))
    result = okrctl(
        "checkin", "leads-q4", "demo-calls", "12", "--date", "2026-11-20", "--note", "mine"
    )
    assert result.code == 0, result
    assert (repo / LEADS).is_symlink()
    assert (repo / LEADS).readlink() == Path("../../../shared/leads-q4.yaml")
    assert b"note: mine" in shared.read_bytes()
