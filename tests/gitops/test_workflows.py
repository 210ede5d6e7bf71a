"""The GitHub Actions workflows and the composite action: linted by actionlint, and the very
commands of their okrctl steps run in a temporary repository, on a base commit and a change."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.actions_runner import OKRCTL_ACTION, Runner, StepResult, failures
from tests.conftest import REPO
from tests.gitops.conftest import FIXTURE, Repo, init_repo

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
FIXTURE_DAY = dt.date(2026, 11, 22)
"""The day the fixture's dates are written for; the commands run without `--today`, so the
repository built here has its dates moved to the real today."""


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return on if isinstance(on, dict) else dict.fromkeys(on)


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _actionlint() -> str:
    found = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    assert found, "actionlint is missing: install the dev extra (`pip install -e '.[dev]'`)"
    return found


# --------------------------------------------------------------------------- linting


def test_actionlint_passes_on_the_workflows():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) >= 2
    done = subprocess.run(
        [_actionlint(), *files], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_really_lints(tmp_path):
    """The same binary rejects script injection: the test above can fail."""
    repo = init_repo(tmp_path / "r")
    repo.write(
        ".github/workflows/bad.yml",
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
    )
    done = subprocess.run([_actionlint()], cwd=repo.path, capture_output=True, text=True)
    assert done.returncode == 1
    assert "potentially untrusted" in done.stdout


def test_actionlint_accepts_the_action_as_used_by_a_workflow(tmp_path):
    repo = init_repo(tmp_path / "r")
    shutil.copy(REPO / "action.yml", repo.path / "action.yml")
    workflow = (
        "on: pull_request\npermissions:\n  contents: read\njobs:\n  okrs:\n"
        "    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n"
        "      - uses: ./\n        with:\n          path: okrs\n          build: true\n"
        "          out: site\n          diff: true\n          format: github\n"
    )
    repo.write(".github/workflows/use.yml", workflow)
    done = subprocess.run([_actionlint()], cwd=repo.path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    repo.write(".github/workflows/use.yml", workflow + "          nope: 1\n")
    done = subprocess.run([_actionlint()], cwd=repo.path, capture_output=True, text=True)
    assert 'input "nope" is not defined in action "okrctl"' in done.stdout


# --------------------------------------------------------------------------- shape


def test_validate_runs_on_pull_requests_with_read_only_permissions():
    workflow = _load(WORKFLOWS / "validate.yml")
    assert set(_triggers(workflow)) == {"pull_request", "merge_group"}
    assert workflow["permissions"] == {}
    assert [job["permissions"] for job in workflow["jobs"].values()] == [{"contents": "read"}]
    checkout = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    # everything runs in okrctl's own action, from the checkout
    (okrctl,) = [
        s for s in _steps(workflow) if "uses" in s and not s["uses"].startswith("actions/")
    ]
    assert okrctl["uses"] == "./"
    assert okrctl["with"] == {"diff": True, "drift": True, "build": True}


def test_publish_deploys_main_to_pages():
    workflow = _load(WORKFLOWS / "publish.yml")
    assert _triggers(workflow)["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    uses = [s.get("uses", "") for s in _steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    upload = next(s for s in _steps(workflow) if "upload-pages" in s.get("uses", ""))
    assert upload["with"]["path"] == "${{ steps.okrctl.outputs.site }}"  # where the action built


def test_no_workflow_runs_a_pull_request_with_write_access():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        assert "pull_request_target" not in _triggers(_load(path)), path.name


OURS = [*sorted(WORKFLOWS.glob("*.yml")), REPO / "action.yml"]
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v\d+(?:\.\d+){0,2})$")


def _uses_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"^\s*(?:- )?uses:", line)]


@pytest.mark.parametrize("path", OURS, ids=[p.name for p in OURS])
def test_actions_are_pinned_by_commit_with_the_version_and_python_is_supported(path):
    lines = _uses_lines(path.read_text(encoding="utf-8"))
    assert lines
    for line in lines:
        if re.match(r"^\s*(?:- )?uses: \./(?: #.*)?$", line):  # okrctl's own action, checked out
            continue
        assert PINNED.match(line), f"{path.name}: not pinned by commit with its version: {line}"
    data = _load(path)
    steps = data["runs"]["steps"] if "runs" in data else _steps(data)
    for step in steps:
        if step.get("uses", "").startswith("actions/setup-python"):
            version = step["with"]["python-version"]
            assert (
                version in ("3.11", "3.12", "3.13") or "inputs." in version or "matrix." in version
            )


def test_every_workflow_uses_one_version_of_each_action():
    """One commit (and so one version) per action across all workflows and the action."""
    seen: dict[str, set[str]] = {}
    for path in OURS:
        for line in _uses_lines(path.read_text(encoding="utf-8")):
            match = PINNED.match(line)
            if match:
                seen.setdefault(match[1], set()).add(f"{match[2]} {match[3]}")
    assert seen
    assert {action: pins for action, pins in seen.items() if len(pins) > 1} == {}


def _zizmor() -> str:
    found = shutil.which("zizmor", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    assert found, "zizmor is missing: install the dev extra (`pip install -e '.[dev]'`)"
    return found


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    """zizmor offline (its online audits need a GitHub token), every persona's findings."""
    return subprocess.run(
        [_zizmor(), "--offline", "--no-progress", "--persona", "auditor", *map(str, paths)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_zizmor_finds_nothing_in_the_workflows_and_the_action():
    done = zizmor(
        *sorted(WORKFLOWS.glob("*.yml")), REPO / ".github/dependabot.yml", REPO / "action.yml"
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_really_audits(tmp_path):
    """The same binary reports an unpinned action and write permissions: the test above can
    fail."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v7\n"
    )
    done = zizmor(bad)
    assert done.returncode != 0
    assert "unpinned-uses" in done.stdout and "excessive-permissions" in done.stdout


def _builds_or_diffs(step: dict[str, Any]) -> bool:
    """A step that runs `okrctl build` or `okrctl diff`, itself or through okrctl's action."""
    run = step.get("run", "")
    if "okrctl build" in run or "okrctl diff" in run:
        return True
    given = step.get("with") or {}
    return OKRCTL_ACTION.match(step.get("uses", "").split(" #")[0]) is not None and (
        given.get("build") is True or given.get("diff") is True
    )


def test_every_workflow_that_builds_the_site_or_diffs_fetches_the_history():
    """`okrctl diff` needs the merge base and the site shows "as planned vs now" from history:
    a job that runs either checks out with `fetch-depth: 0`."""
    found = 0
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for name, job in _load(path)["jobs"].items():
            if not any(_builds_or_diffs(s) for s in job.get("steps", [])):
                continue
            found += 1
            checkouts = [
                s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")
            ]
            assert [c.get("with", {}).get("fetch-depth") for c in checkouts] == [0], (
                path.name, name,
            )  # fmt: skip
    assert found >= 2


def test_the_action_never_expands_an_expression_inside_a_script():
    action = _load(REPO / "action.yml")
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
        assert step.get("shell", "bash") == "bash"


def test_the_action_installs_the_locked_set_with_the_makefiles_uv():
    """The action installs what `make setup` installs: uv.lock's versions (`uv sync --frozen`)
    with the same pinned uv, so mkdocs, material and pydantic never float in users' CI."""
    action = _load(REPO / "action.yml")
    install = next(s for s in action["runs"]["steps"] if s.get("id") == "install")
    assert "sync" in install["run"] and "--frozen" in install["run"]
    assert "--no-dev" in install["run"] and "pip install" not in install["run"].replace(
        '"uv==$UV_VERSION"', ""
    ).replace("pip install --quiet --disable-pip-version-check", "")
    makefile = re.search(r"^UV_VERSION := (\S+)$", (REPO / "Makefile").read_text(), re.M)
    assert makefile and install["env"]["UV_VERSION"] == makefile[1]
    tests = (WORKFLOWS / "tests.yml").read_text()
    assert f'"uv=={makefile[1]}"' in tests


def test_the_action_has_the_inputs_and_outputs_users_need():
    action = _load(REPO / "action.yml")
    assert {"path", "format", "fail-level", "today", "config", "site-url", "check", "diff",
            "drift", "build", "out", "python-version"} <= set(action["inputs"])  # fmt: skip
    assert set(action["outputs"]) == {"errors", "warnings", "infos", "site", "okrctl"}


# --------------------------------------------------------------------------- running the steps


def _shift_dates(root: Path, days: int) -> None:
    """Move every date of the OKR files by `days`, keeping what lies before and after what."""

    def shift(match: re.Match[str]) -> str:
        return (dt.date.fromisoformat(match.group()) + dt.timedelta(days=days)).isoformat()

    for path in (root / "okrs").rglob("*.yaml"):
        path.write_text(re.sub(r"\b\d{4}-\d{2}-\d{2}\b", shift, path.read_text()))


def _okr_repo(tmp_path: Path) -> Repo:
    """The fixture as a repository the workflows would check out: schema and CODEOWNERS made,
    and okrctl's action in it (`uses: ./` finds it there, as in okrctl's own repository)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    _shift_dates(root, (dt.date.today() - FIXTURE_DAY).days)
    repo = init_repo(root)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    for command in (["okrctl", "schema"], ["okrctl", "codeowners"]):
        subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "change")
    return repo


def runner(repo: Repo, tmp_path: Path, **outputs: dict[str, str]) -> Runner:
    """A runner for the repository's workflows: okrctl's action from this checkout of okrctl,
    with the okrctl installed here (the install step is tested in tests/test_wheel.py)."""
    return Runner(
        workspace=repo.path,
        tmp=tmp_path / "runner",
        action_path=lambda ref: REPO,
        env={"GITHUB_BASE_REF": "main", "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
        installed=BIN / "okrctl",
        outputs=outputs,
    )


def _inner(results: list[StepResult]) -> dict[str, StepResult]:
    """The okrctl action's own steps, by name."""
    (action,) = [r for r in results if r.inner]
    return {step.name: step for step in action.inner}


@pytest.mark.posix  # bash runs the steps, as on a Linux runner
@pytest.mark.slow
def test_the_validate_steps_pass_on_a_good_change_and_summarise_it(tmp_path):
    repo = _okr_repo(tmp_path)
    sales = "okrs/2026-Q4/sales/more-deals-q4.yaml"
    repo.edit(sales, "current: 11\n", "current: 14\n")
    repo.edit("okrs/2026-Q3/acme/grow-q3.yaml", "target: 1500", "target: 1400")
    repo.commit("progress")
    run = runner(repo, tmp_path)
    results = run.run_job(WORKFLOWS / "validate.yml")
    assert [r.outcome for r in results] == ["success", "success"], failures(results)
    steps = _inner(results)
    assert [s.outcome for s in steps.values()] == ["success"] * 5
    assert results[1].outputs["errors"] == "0" and results[1].outputs["site"] == "public"
    text = run.summary.read_text()
    assert text.startswith("### OKR changes: ")
    assert "⚠️ **Goalposts moved in a closed period**" in text
    assert "- `more-deals-q4`: Win starter\\-kit customers quickly" in text
    assert "    - progress: key result `deals` current 11 → 14\n" in text
    assert (repo.path / "public" / "index.html").is_file()


@pytest.mark.posix  # bash runs the steps, as on a Linux runner
@pytest.mark.slow
def test_the_validate_steps_fail_on_a_broken_change_with_annotations(tmp_path):
    repo = _okr_repo(tmp_path)
    repo.edit("okrs/2026-Q4/field/demos-q4.yaml", "parent: more-deals-q4", "parent: more-deal")
    repo.commit("typo")
    run = runner(repo, tmp_path)
    results = run.run_job(WORKFLOWS / "validate.yml")
    assert results[1].outcome == "failure"
    steps = _inner(results)
    assert {name: step.outcome for name, step in steps.items()} == {
        "actions/setup-python@e797f83bcb11b83ae66e0230d6156d7c80228e7c": "success",
        "Summarise the changes to the OKRs": "success",
        "Check the OKR files": "failure",
        "Check schema/ and CODEOWNERS for drift": "success",  # runs after the failed check
        "Build the site": "failure",
    }
    assert steps["Check the OKR files"].stdout.startswith(
        "::error file=okrs/2026-Q4/field/demos-q4.yaml,line=10,col=9,"
        "title=okrctl OKR304::unknown objective 'more-deal'"
    )
    assert (results[1].outputs["errors"], results[1].outputs["site"]) == ("1", "")
    assert "#### Findings introduced (1)" in run.summary.read_text()


@pytest.mark.posix  # bash runs the steps, as on a Linux runner
@pytest.mark.slow
def test_the_publish_steps_build_main(tmp_path):
    repo = _okr_repo(tmp_path)
    repo.git("checkout", "-q", "main")
    run = runner(
        repo,
        tmp_path,
        **{"actions/configure-pages@": {"base_url": "https://acme.example/okrs/"}},
    )
    results = run.run_job(WORKFLOWS / "publish.yml", "build")
    assert all(r.outcome == "success" for r in results), failures(results)
    site = next(r for r in results if r.inner).outputs["site"]
    assert (repo.path / site / "index.html").is_file()
    assert "https://acme.example/okrs/" in (repo.path / site / "sitemap.xml").read_text()


# --------------------------------------------------------------------------- the action


def _run_action(repo: Repo, tmp_path: Path, given: dict[str, str]) -> StepResult:
    return runner(repo, tmp_path).run_action(REPO, given)


@pytest.mark.posix  # bash runs the steps, as on a Linux runner
@pytest.mark.slow
def test_the_action_checks_builds_and_summarises(tmp_path):
    repo = _okr_repo(tmp_path)
    repo.edit("okrs/2026-Q4/sales/more-deals-q4.yaml", "current: 11\n", "current: 14\n")
    result = _run_action(
        repo, tmp_path, {"build": "true", "out": "site out", "diff": "true", "format": "text"}
    )
    assert result.outcome == "success", failures([result])
    check = next(s for s in result.inner if s.name == "Check the OKR files")
    assert check.stdout == "0 errors, 0 warnings in 6 files\n"
    assert {k: result.outputs[k] for k in ("errors", "warnings", "infos", "site")} == {
        "errors": "0", "warnings": "0", "infos": "0", "site": "site out",
    }  # fmt: skip
    assert (repo.path / "site out" / "index.html").is_file()
    assert "`more-deals-q4`" in (tmp_path / "runner" / "step-summary.md").read_text()


@pytest.mark.posix  # bash runs the steps, as on a Linux runner
@pytest.mark.slow
def test_the_action_fails_at_the_level_asked_and_checks_for_the_day_asked(tmp_path):
    repo = _okr_repo(tmp_path)
    later = (dt.date.today() + dt.timedelta(days=25)).isoformat()  # still in the period
    result = _run_action(repo, tmp_path, {"today": later, "fail-level": "warning"})
    assert result.outcome == "failure"
    assert result.outputs["errors"] == "0"
    assert int(result.outputs["warnings"]) > 0  # key results not checked in for weeks by then
    assert _run_action(repo, tmp_path, {"today": later}).outcome == "success"
    assert _run_action(repo, tmp_path, {"fail-level": "warning"}).outputs["warnings"] == "0"


@pytest.mark.posix  # bash runs the steps, as on a Linux runner
def test_the_action_passes_hostile_inputs_as_data(tmp_path):
    repo = _okr_repo(tmp_path)
    pwned = tmp_path / "pwned"
    result = _run_action(
        repo,
        tmp_path,
        {"path": f'okrs"; touch {pwned}; echo "', "format": f"text $(touch {pwned})"},
    )
    check = next(s for s in result.inner if s.name == "Check the OKR files")
    assert (result.outcome, check.outcome) == ("failure", "failure")
    assert "Invalid value for '--format'" in check.stderr
    assert not pwned.exists()
    result = _run_action(repo, tmp_path, {"path": f"okrs; touch {pwned}"})
    check = next(s for s in result.inner if s.name == "Check the OKR files")
    assert check.outcome == "failure" and "does not exist" in check.stderr
    assert "Traceback" not in check.stderr and result.outputs["errors"] == ""
    result = _run_action(
        repo, tmp_path, {"today": f"$(touch {pwned})", "config": f"`touch {pwned}`"}
    )
    check = next(s for s in result.inner if s.name == "Check the OKR files")
    assert check.outcome == "failure" and "Invalid value for '--today'" in check.stderr
    assert not pwned.exists()
    result = _run_action(repo, tmp_path, {"check": "false", "build": "true", "out": "a\nb"})
    build = next(s for s in result.inner if s.name == "Build the site")
    assert build.outcome == "failure" and "the input out must be one folder name" in build.stdout
    assert result.outputs["site"] == ""
