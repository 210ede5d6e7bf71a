"""`okrctl init` writes the whole GitOps pipeline this repository uses: the workflows pass
actionlint and zizmor, pin the same action commits as okrctl's own, fetch the history they need,
install the running okrctl's release, and their own commands work in a new repository: the
validation summarises and checks a change, the publication builds the site, the sync records a
value from a listed command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrctl import __version__, cli
from tests.conftest import REPO
from tests.gitops.conftest import init_repo
from tests.gitops.test_workflows import PINNED, _run, _uses_lines, zizmor
from tests.lifecycle.workflows_helpers import actionlint_files

BIN = Path(sys.executable).parent
WORKFLOWS = (".github/workflows/validate.yml", ".github/workflows/publish.yml")
SYNC = ".github/workflows/sync.yml"
BETWEEN_MERGES = (".github/workflows/remind.yml", ".github/workflows/checkin.yml")


def _init(target: Path, *extra: str) -> None:
    code = cli.run(
        ["init", str(target), "--name", "Acme Sensors", "--period", "2026-Q4", "--owner",
         "Ann Lee", "--github", "annlee", *extra]
    )  # fmt: skip
    assert code == 0


@pytest.fixture
def started(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    target = tmp_path / "okrs-repo"
    _init(target, "--sync")
    capsys.readouterr()
    return target


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_init_writes_the_whole_pipeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    _init(tmp_path / "a")
    written = {p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*")}
    for name in (*WORKFLOWS, ".github/CODEOWNERS", ".github/dependabot.yml",
                 ".pre-commit-config.yaml", "site/mkdocs.yml", "site/stylesheets/extra.css",
                 "requirements.txt"):  # fmt: skip
        assert name in written, name
    assert SYNC not in written  # only when asked
    _init(tmp_path / "b", "--sync")
    assert (tmp_path / "b" / SYNC).is_file()


def test_codeowners_comes_from_the_organisation_file(started: Path):
    owners = (started / ".github/CODEOWNERS").read_text()
    assert "\n* @annlee\n" in owners and "\n/okrs/org.yaml @annlee\n" in owners
    assert "  github: annlee\n" in (started / "okrs/org.yaml").read_text()


def test_the_written_workflows_pass_actionlint_and_zizmor(started: Path):
    files = sorted((started / ".github/workflows").glob("*.yml"))
    assert len(files) == 5
    done = actionlint_files(files, started)
    assert done.returncode == 0, done.stdout
    done = zizmor(*files, started / ".github/dependabot.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_written_workflows_pin_the_same_actions_as_okrctls_own(started: Path):
    ours: dict[str, str] = {}
    for path in [*(REPO / ".github/workflows").glob("*.yml"), REPO / "action.yml"]:
        for line in _uses_lines(path.read_text()):
            match = PINNED.match(line)
            if match:
                ours[match[1]] = f"{match[2]} {match[3]}"
    for path in sorted((started / ".github/workflows").glob("*.yml")):
        lines = _uses_lines(path.read_text())
        assert lines
        for line in lines:
            match = PINNED.match(line)
            assert match, f"{path.name}: {line}"
            assert ours.get(match[1]) == f"{match[2]} {match[3]}", line


def test_the_written_workflows_install_this_okrctl_and_fetch_the_history(started: Path):
    assert f"okrctl=={__version__}\n" in (started / "requirements.txt").read_text()
    hooks = _load(started / ".pre-commit-config.yaml")["repos"][0]["hooks"]
    assert {h["additional_dependencies"][0] for h in hooks} == {f"okrctl=={__version__}"}
    for name in (*WORKFLOWS, SYNC, *BETWEEN_MERGES):
        workflow = _load(started / name)
        assert workflow["permissions"] == {}
        for job_name, job in workflow["jobs"].items():
            steps = job["steps"]
            runs = " ".join(s.get("run", "") for s in steps)
            if "pip install" in runs:
                assert "-r requirements.txt" in runs, (name, job_name)
            if "okrctl build" in runs or "okrctl diff" in runs:
                checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
                assert [c["with"]["fetch-depth"] for c in checkouts] == [0], (name, job_name)


def test_dependabot_keeps_okrctl_and_the_actions_current(started: Path):
    updates = _load(started / ".github/dependabot.yml")["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"pip", "github-actions"}


# --------------------------------------------------------------------------- the commands


def _steps(path: Path, job: str | None = None) -> list[dict[str, Any]]:
    jobs = _load(path)["jobs"]
    chosen = [jobs[job]] if job else list(jobs.values())
    return [
        s
        for j in chosen
        for s in j.get("steps", [])
        if s.get("run", "").startswith(("okrctl ", "env -i "))
    ]


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GITHUB_ACTIONS", "GITHUB_BASE_REF", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.slow
def test_the_written_workflows_commands_run_in_a_new_repository(
    started: Path, tmp_path: Path, isolated_git: None
):
    repo = init_repo(started)
    repo.commit("okrctl init")
    repo.git("checkout", "-q", "-b", "change")
    objective = next(started.glob("okrs/2026-Q4/*/okrs-as-code.yaml"))
    text = objective.read_text()
    objective.write_text(text.replace("    target: 3\n", "    target: 4\n", 1))
    repo.commit("a goalpost")
    summary = tmp_path / "summary.md"
    steps = _steps(started / WORKFLOWS[0])
    assert [s["run"].split(" >>")[0] for s in steps] == [
        "okrctl diff --format markdown", "okrctl check", "okrctl schema --check",
        "okrctl codeowners --check", "okrctl build --strict --out public",
    ]  # fmt: skip
    for step in steps:
        done = _run(repo, step["run"], summary)
        assert done.returncode == 0, f"{step['run']}: {done.stdout}{done.stderr}"
    assert "goalpost moved: key result `teams-on-board` target 3 → 4" in summary.read_text()
    assert (started / "public/index.html").is_file()

    repo.git("checkout", "-q", "main")
    steps = _steps(started / WORKFLOWS[1])
    assert [s["run"] for s in steps] == ["okrctl check", "okrctl build --strict --out public"]
    for step in steps:
        done = _run(repo, step["run"], summary, {"OKRCTL_SITE_URL": "https://acme.example/okrs/"})
        assert done.returncode == 0, f"{step['run']}: {done.stdout}{done.stderr}"
    assert "https://acme.example/okrs/" in (started / "public/sitemap.xml").read_text()


@pytest.mark.slow
def test_the_written_sync_records_a_listed_commands_value(
    started: Path, tmp_path: Path, isolated_git: None
):
    repo = init_repo(started)
    (started / "metrics").mkdir()
    (started / "metrics/teams.py").write_text("print(2)\n")
    command = [sys.executable, "metrics/teams.py"]
    with (started / "okrctl.yaml").open("a") as config:
        config.write(f"sources:\n  commands:\n    - {json.dumps(command)}\n")
    objective = next(started.glob("okrs/2026-Q4/*/okrs-as-code.yaml"))
    text = objective.read_text()
    objective.write_text(
        text.replace(
            "    target: 3\n",
            f"    target: 3\n    source:\n      command: {json.dumps(command)}\n",
            1,
        )
    )
    repo.commit("a source")
    steps = _steps(started / SYNC, "read")
    assert [s.get("id") for s in steps] == ["sync", "check"]
    for step in steps:
        done = _run(repo, step["run"], tmp_path / "summary.md", {"HOME": os.environ["HOME"]})
        assert done.returncode == 0, f"{step['run']}: {done.stdout}{done.stderr}"
    assert re.search(r"current: 2\n", objective.read_text())
