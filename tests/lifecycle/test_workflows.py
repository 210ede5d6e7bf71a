"""The sync workflow and the workflow `okrctl init` writes: valid for GitHub Actions, minimal
permissions, and running the commands they name."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import yaml

from okrctl.lifecycle.starter import Starter, files, quarter
from tests.conftest import REPO

ACTIONLINT = REPO / ".venv" / "bin" / "actionlint"
SYNC = REPO / ".github" / "workflows" / "sync.yml"


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=path.parent,
    )


def test_the_sync_workflow_is_scheduled_and_opens_a_pull_request() -> None:
    found = actionlint(SYNC)
    assert found.returncode == 0, found.stdout
    workflow = yaml.safe_load(SYNC.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert list(jobs) == ["fetch", "read", "pull-request"]
    steps = jobs["read"]["steps"]
    # okrctl is installed by okrctl's own action, and run by the path it gives
    assert [s.get("uses") for s in steps if s.get("id") == "okrctl"] == ["./"]
    assert [s.get("run") for s in steps if s.get("id") == "sync"] == [
        'env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 "$OKRCTL" sync --format github'
    ]
    assert [s.get("run") for s in steps if s.get("id") == "check"] == ['"$OKRCTL" check']
    for step in steps:
        if "$OKRCTL" in step.get("run", ""):
            assert step["env"] == {"OKRCTL": "${{ steps.okrctl.outputs.okrctl }}"}
    assert "gh pr create" in jobs["pull-request"]["steps"][-1]["run"]


def test_source_commands_run_in_a_job_without_permissions_or_credentials() -> None:
    jobs = yaml.safe_load(SYNC.read_text())["jobs"]
    assert jobs["fetch"]["permissions"] == {"contents": "read"}
    assert jobs["read"]["permissions"] == {}
    assert jobs["pull-request"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
    }
    read = jobs["read"]["steps"]
    assert not any(str(s.get("uses", "")).startswith("actions/checkout@") for s in read)
    assert not any("token" in str(s.get("env", "")).lower() for s in read)
    for job in jobs.values():
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
    # The pull-request job runs nothing from the repository: no okrctl, no pip, no script.
    runs = "\n".join(s.get("run", "") for s in jobs["pull-request"]["steps"])
    commands = re.findall(r"(?m)^\s*([\w./-]+)", runs)
    assert set(commands) <= {"cd", "find", "while", "target", "if", "done", "echo", "exit",
                             "fi", "git", "gh", "--title", "--body"}, commands  # fmt: skip
    assert (
        jobs["pull-request"]["if"] == "${{ !cancelled() && needs.read.outputs.checked == 'true' }}"
    )


def test_the_workflow_init_writes_is_valid(tmp_path: Path) -> None:
    text = files(Starter("A", "B", quarter(dt.date(2026, 11, 22))))[
        ".github/workflows/validate.yml"
    ]
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "validate.yml").write_text(text)
    found = actionlint(folder / "validate.yml")
    assert found.returncode == 0, found.stdout
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["validate"]["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["validate"]["steps"]
    assert all("run" not in s for s in steps)  # everything runs in okrctl's action
    (okrctl,) = [s for s in steps if not s["uses"].startswith("actions/")]
    assert okrctl["with"] == {"diff": True, "drift": True, "build": True}
