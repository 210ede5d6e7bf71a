"""`okrctl init` writes the whole GitOps pipeline this repository uses: the workflows pass
actionlint and zizmor, pin the same action commits as okrctl's own, fetch the history they need,
run okrctl through okrctl's action pinned to the running okrctl's release, the pre-commit hooks
are okrctl's own at that release, and the jobs work in a new repository: the validation
summarises and checks a change, the publication builds the site, the sync records a value from
a listed command."""

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
from pre_commit import clientlib

from okrctl import __version__, cli
from okrctl.lifecycle import pins
from tests.actions_runner import Runner, failures
from tests.conftest import REPO
from tests.gitops.conftest import init_repo
from tests.gitops.test_workflows import PINNED, _uses_lines, zizmor
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
                 ".pre-commit-config.yaml", "site/mkdocs.yml", "site/stylesheets/extra.css"):  # fmt: skip
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
    pin = pins.current()
    for path in sorted((started / ".github/workflows").glob("*.yml")):
        lines = _uses_lines(path.read_text())
        assert lines
        for line in lines:
            match = PINNED.match(line)
            assert match, f"{path.name}: {line}"
            if match[1] == pin.repository:  # okrctl's own action, at this release
                assert (match[2], match[3]) == (pin.commit, f"v{__version__}"), line
                continue
            assert ours.get(match[1]) == f"{match[2]} {match[3]}", line


def test_every_written_workflow_runs_okrctl_through_the_action_pinned_to_this_release(
    started: Path,
):
    """One CI implementation: no written workflow installs okrctl by itself."""
    pin = pins.current()
    for name in (*WORKFLOWS, SYNC, *BETWEEN_MERGES):
        workflow = _load(started / name)
        assert workflow["permissions"] == {}
        for job_name, job in workflow["jobs"].items():
            steps = job["steps"]
            runs = " ".join(s.get("run", "") for s in steps)
            assert "pip install" not in runs and "setup-python" not in str(steps), (name, job_name)
            uses = [s for s in steps if s.get("uses", "").startswith(f"{pin.repository}@")]
            # okrctl runs only as the action's installed executable, never as a bare command
            bare = [
                line for line in runs.splitlines() if re.match(r"\s*(env -i .* )?okrctl ", line)
            ]
            assert bare == [], name
            if "$OKRCTL" in runs or uses:
                assert [s["uses"] for s in uses] == [f"{pin.repository}@{pin.commit}"], name
            if any(s.get("with", {}).get(k) is True for s in uses for k in ("build", "diff")):
                checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
                assert [c["with"]["fetch-depth"] for c in checkouts] == [0], (name, job_name)


def test_the_hooks_are_okrctls_own_at_this_release(started: Path):
    """`.pre-commit-hooks.yaml` is the one definition: the written configuration names its
    hooks, at the release the workflows use."""
    pin = pins.current()
    config = clientlib.load_config(str(started / ".pre-commit-config.yaml"))
    (repo,) = config["repos"]
    assert (repo["repo"], repo["rev"]) == (pin.hooks_url, pin.commit)
    assert f"  # frozen: v{__version__}\n" in (started / ".pre-commit-config.yaml").read_text()
    manifest = clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in manifest]


def test_dependabot_keeps_okrctl_and_the_actions_current(started: Path):
    updates = _load(started / ".github/dependabot.yml")["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"pre-commit", "github-actions"}


# --------------------------------------------------------------------------- the commands


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


def _runner(root: Path, tmp_path: Path, **outputs: dict[str, str]) -> Runner:
    """The written workflows' jobs, with okrctl's action from this checkout of okrctl and the
    okrctl installed here (tests/test_wheel.py runs them with the action's own install)."""
    return Runner(
        workspace=root,
        tmp=tmp_path / "runner",
        action_path=lambda ref: REPO,
        env={"GITHUB_BASE_REF": "main", "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
        installed=BIN / "okrctl",
        outputs=outputs,
    )


@pytest.mark.posix  # bash runs the steps, as on a Linux runner
@pytest.mark.slow
def test_the_written_workflows_run_in_a_new_repository(
    started: Path, tmp_path: Path, isolated_git: None
):
    repo = init_repo(started)
    repo.commit("okrctl init")
    repo.git("checkout", "-q", "-b", "change")
    objective = next(started.glob("okrs/2026-Q4/*/okrs-as-code.yaml"))
    text = objective.read_text()
    objective.write_text(text.replace("    target: 3\n", "    target: 4\n", 1))
    repo.commit("a goalpost")
    run = _runner(started, tmp_path)
    results = run.run_job(started / WORKFLOWS[0])
    assert all(r.outcome == "success" for r in results), failures(results)
    (action,) = [r for r in results if r.inner]
    assert [s.outcome for s in action.inner] == ["success"] * 5  # every step ran and passed
    assert "goalpost moved: key result `teams-on-board` target 3 → 4" in run.summary.read_text()
    assert (started / "public/index.html").is_file()

    repo.git("checkout", "-q", "main")
    run = _runner(
        started,
        tmp_path / "publish",
        **{"actions/configure-pages@": {"base_url": "https://acme.example/okrs/"}},
    )
    results = run.run_job(started / WORKFLOWS[1], "build")
    assert all(r.outcome == "success" for r in results), failures(results)
    (action,) = [r for r in results if r.inner]
    site = started / action.outputs["site"]
    assert "https://acme.example/okrs/" in (site / "sitemap.xml").read_text()


@pytest.mark.posix  # bash runs the steps, as on a Linux runner
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
    results = _runner(started, tmp_path).run_job(started / SYNC, "read")
    outcomes = {r.name: r.outcome for r in results}
    assert outcomes["Record check-ins from the metric sources"] == "success", failures(results)
    assert outcomes["Check the new values"] == "success", failures(results)
    assert outcomes["Fail when a source could not be read"] == "skipped"
    assert re.search(r"current: 2\n", objective.read_text())
