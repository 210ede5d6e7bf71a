"""The sync workflow and the workflow `okrctl init` writes: valid for GitHub Actions, minimal
permissions, and running the commands they name."""

from __future__ import annotations

import datetime as dt
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
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    steps = workflow["jobs"]["sync"]["steps"]
    assert [s.get("run") for s in steps if s.get("id") == "sync"] == ["okrctl sync"]
    assert any(str(s.get("uses", "")).startswith("peter-evans/create-pull-request@") for s in steps)


def test_source_commands_get_no_credentials_and_the_pull_request_step_its_token() -> None:
    steps = yaml.safe_load(SYNC.read_text())["jobs"]["sync"]["steps"]
    checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert [s.get("with", {}).get("persist-credentials") for s in checkouts] == [False]
    uses = [s for s in steps if str(s.get("uses", "")).startswith("peter-evans/")]
    assert [s["with"]["token"] for s in uses] == ["${{ secrets.GITHUB_TOKEN }}"]
    assert not any("token" in str(s.get("env", "")).lower() for s in steps if "run" in s)


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
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["check"]["steps"][-1]["run"] == "okrctl check"
