"""The released package and a new organisation's whole path with it.

The distributions are built the way the release workflow builds them: from the tracked files at
a commit, with the release record (`okrctl/lifecycle/release.json`: the repository and that
commit) written first. Here the commit is a local repository's, standing in for okrctl's on
GitHub (`okrctl-test/okrctl`).

Then the path: okrctl installed from the wheel (with the locked runtime dependencies) runs
`okrctl init` in an empty git repository; `pre-commit run --all-files` runs the hooks the written
configuration names (pre-commit clones "okrctl's repository", which git's `insteadOf` maps to the
local one: no file `init` wrote is changed, and nothing is fetched from GitHub); and every job of
the written workflows that runs okrctl runs as GitHub's runner would (validation, publication,
the sync's reading job, the weekly reminder with `gh` replaced by a recording stand-in, the
check-in from an issue form), okrctl's action included, with its own install step (pinned uv,
`uv sync --frozen` from the action's commit). After a release, the files differ only in that
pin.

PyPI is needed (pre-commit and the action install packages; uv's and pip's caches are used, so a
warm machine fetches little); GitHub is not. Without PyPI the path test is skipped, not failed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import okrctl
from tests.actions_runner import Runner, StepResult, failures
from tests.lifecycle import actions

REPO = Path(__file__).resolve().parent.parent
UV = Path(sys.executable).with_name("uv")
HOME_REPOSITORY = "okrctl-test/okrctl"
"""Where the test's release says okrctl lives on GitHub."""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.posix,  # a virtual environment's bin/, bash for the workflows' steps
    pytest.mark.skipif(not UV.exists(), reason="uv is installed by `make setup`"),
]


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _git_env(home: Path) -> dict[str, str]:
    config = home / "gitconfig"
    if not config.exists():
        config.write_text("[user]\n\tname = Test User\n\temail = test@example.com\n")
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+00:00",
    }


@dataclass(frozen=True)
class Release:
    dist: Path
    source: Path
    """okrctl's repository, as GitHub would hold it."""
    commit: str


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("okrctl-source")
    env = _git_env(tmp_path_factory.mktemp("git-home"))
    tracked = run("git", "ls-files", "-z", cwd=REPO).split("\0")
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    run("git", "init", "-q", "-b", "main", cwd=source, env=env)
    run("git", "add", "-A", cwd=source, env=env)
    run("git", "commit", "-q", "--no-verify", "-m", "release", cwd=source, env=env)
    commit = run("git", "rev-parse", "HEAD", cwd=source, env=env).strip()
    run("git", "tag", f"v{okrctl.__version__}", cwd=source, env=env)
    # what the release workflow does before it builds
    record = {"repository": HOME_REPOSITORY, "commit": commit}
    (source / "okrctl/lifecycle/release.json").write_text(json.dumps(record) + "\n")
    run(UV, "build", "--quiet", "--sdist", "--wheel", "--out-dir", out, source)
    return Release(out, source, commit)


def test_the_distributions_pass_twine_check(release: Release) -> None:
    files = sorted([*release.dist.glob("*.tar.gz"), *release.dist.glob("*.whl")])
    assert sorted(f.name for f in files) == [
        f"okrctl-{okrctl.__version__}-py3-none-any.whl",
        f"okrctl-{okrctl.__version__}.tar.gz",
    ]
    run(sys.executable, "-m", "twine", "check", "--strict", *files)


def test_the_wheel_holds_every_template_and_asset_and_the_release_record(release: Release) -> None:
    (wheel,) = release.dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "okrctl"
    needed = {
        f"okrctl/{path.relative_to(package).as_posix()}"
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert needed, "the package has data files (templates, skeletons, assets)"
    assert needed <= names, sorted(needed - names)
    assert f"okrctl-{okrctl.__version__}.dist-info/METADATA" in names
    record = json.loads(zipfile.ZipFile(wheel).read("okrctl/lifecycle/release.json"))
    assert record == {"repository": HOME_REPOSITORY, "commit": release.commit}
    with tarfile.open(next(release.dist.glob("*.tar.gz"))) as sdist:
        assert any(n.endswith("/okrctl/lifecycle/release.json") for n in sdist.getnames())


# --------------------------------------------------------------------------- the path


def _pypi_reachable() -> bool:
    try:
        with urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=15) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="module")
def installed(release: Release, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """okrctl from the wheel, with the runtime dependencies exactly as locked: its bin/."""
    (wheel,) = release.dist.glob("*.whl")
    base = tmp_path_factory.mktemp("venv")
    venv = base / "venv"
    run(UV, "venv", "--quiet", "--python", sys.executable, venv)
    python = venv / "bin" / "python"
    locked = base / "requirements.txt"
    locked.write_text(
        run(UV, "export", "--quiet", "--frozen", "--no-emit-project", "--no-dev", cwd=REPO)
    )
    run(UV, "pip", "install", "--quiet", "--python", python, "-r", locked)
    run(UV, "pip", "install", "--quiet", "--python", python, "--no-deps", wheel)
    return venv / "bin"


def _okrctl_env(bin_dir: Path, home: Path) -> dict[str, str]:
    return {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "OKRCTL_CACHE_DIR": str(home / "cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
    }


def test_a_new_organisation_runs_okrctl_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    env = _okrctl_env(installed, tmp_path)
    okrctl_bin = installed / "okrctl"
    assert run(okrctl_bin, "--version", env=env).split()[-1] == okrctl.__version__
    home = tmp_path / "work"
    home.mkdir()  # nothing from the source tree is reachable from here
    target = home / "acme"
    run(okrctl_bin, "init", target, "--name", "Acme", "--period", "2026-Q4", "--owner",
        "Ada Lovelace", cwd=home, env=env)  # fmt: skip
    for name in ("publish.yml", "validate.yml"):
        assert (target / ".github/workflows" / name).is_file()
    assert (target / "site/mkdocs.yml").is_file() and (target / ".github/CODEOWNERS").is_file()
    run(okrctl_bin, "check", cwd=target, env=env)
    run(okrctl_bin, "build", "--strict", "--out", target / "public", cwd=target, env=env)
    page = (target / "public" / "index.html").read_text()
    assert "Acme" in page
    assert str(REPO) not in page


def _action_folder(release: Release, where: Path) -> Path:
    """The action at the release's commit, as GitHub downloads it: the commit's files."""
    archive = where / "action.tar"
    run("git", "archive", "--format=tar", "-o", archive, release.commit, cwd=release.source)
    folder = where / "action"
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _all_ran(results: list[StepResult]) -> dict[str, str]:
    return {r.name: r.outcome for r in results} | {
        f"{r.name} / {inner.name}": inner.outcome for r in results for inner in r.inner
    }


def test_init_to_a_green_first_pull_request(
    release: Release, installed: Path, tmp_path: Path
) -> None:
    if not _pypi_reachable():
        pytest.skip("PyPI is not reachable: pre-commit and the action install from it")
    git_env = _git_env(tmp_path)
    # pre-commit clones okrctl's repository from GitHub: git reads the local one instead (set
    # through GIT_CONFIG_COUNT, the form of git configuration pre-commit passes on to git)
    git_env |= {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{release.source}.insteadOf",
        "GIT_CONFIG_VALUE_0": f"https://github.com/{HOME_REPOSITORY}",
    }
    env = {
        **_okrctl_env(installed, tmp_path),
        **{k: v for k, v in git_env.items() if k.startswith("GIT_CONFIG")},
    }
    env["HOME"] = os.environ.get("HOME", str(tmp_path))  # uv's and pip's caches

    # 1. an empty repository, `okrctl init` from the wheel
    target = tmp_path / "acme"
    run("git", "init", "-q", "-b", "main", target, env=git_env)
    run(installed / "okrctl", "init", "--name", "Acme", "--owner", "Ada Lovelace", "--github",
        "ada", "--sync", cwd=target, env=env)  # fmt: skip
    validate = (target / ".github/workflows/validate.yml").read_text()
    assert f"uses: {HOME_REPOSITORY}@{release.commit} # v{okrctl.__version__}\n" in validate
    run("git", "add", "-A", cwd=target, env=git_env)
    run("git", "commit", "-q", "-m", "okrctl init", cwd=target, env=git_env)

    # 2. pre-commit, with the hooks of okrctl's repository at the pinned commit
    hooks = subprocess.run(
        [Path(sys.executable).with_name("pre-commit"), "run", "--all-files"],
        cwd=target,
        env={**env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert hooks.returncode == 0, hooks.stdout + hooks.stderr
    assert "okrctl check" in hooks.stdout and "okrctl codeowners --check" in hooks.stdout
    assert hooks.stdout.count("Passed") == 2

    # 3. the written workflows' jobs, okrctl's action installing itself from its commit
    action = _action_folder(release, tmp_path)

    def action_path(ref: str) -> Path:
        assert ref == f"{HOME_REPOSITORY}@{release.commit}", ref
        return action

    runner_env = {k: v for k, v in env.items() if k != "PATH"} | {"GITHUB_BASE_REF": "main"}

    def runner(name: str, **outputs: dict[str, str]) -> Runner:
        return Runner(target, tmp_path / name, action_path, runner_env, outputs=outputs)

    # a pull request that moves a goalpost
    run("git", "checkout", "-q", "-b", "change", cwd=target, env=git_env)
    objective = next(target.glob("okrs/*/acme/okrs-as-code.yaml"))
    objective.write_text(objective.read_text().replace("    target: 3\n", "    target: 4\n", 1))
    run("git", "commit", "-q", "-am", "a goalpost", cwd=target, env=git_env)
    validating = runner("validate")
    results = validating.run_job(target / ".github/workflows/validate.yml")
    ran = _all_ran(results)
    assert "failure" not in ran.values() and "skipped" not in ran.values(), failures(results)
    action_result = next(r for r in results if r.inner)
    assert action_result.outputs["errors"] == "0" and action_result.outputs["warnings"] == "0"
    assert "target 3 → 4" in validating.summary.read_text()

    # main: the site is published
    run("git", "checkout", "-q", "main", cwd=target, env=git_env)
    publishing = runner(
        "publish", **{"actions/configure-pages@": {"base_url": "https://acme.example/okrs/"}}
    )
    results = publishing.run_job(target / ".github/workflows/publish.yml", "build")
    assert "failure" not in _all_ran(results).values(), failures(results)
    site = target / next(r for r in results if r.inner).outputs["site"]
    assert "https://acme.example/okrs/" in (site / "sitemap.xml").read_text()

    # the weekly sync's job that runs okrctl (the others copy files and call gh)
    results = runner("sync").run_job(target / ".github/workflows/sync.yml", "read")
    ran = _all_ran(results)
    assert ran["Record check-ins from the metric sources"] == "success", failures(results)
    assert ran["Check the new values"] == "success", failures(results)

    # between merges: the weekly reminder (gh and curl are recording stand-ins) and a check-in
    # from the issue form, by the lead `init --github` named
    stand_ins = actions.stand_ins(tmp_path / "stand-ins" / "bin")
    between = {
        **runner_env,
        "PATH": f"{stand_ins}{os.pathsep}{os.environ['PATH']}",
        "FAKE_GH_STATE": str(stand_ins.parent / "gh-state.json"),
    }
    results = Runner(target, tmp_path / "remind", action_path, between).run_job(
        target / ".github/workflows/remind.yml", "remind"
    )
    assert "failure" not in _all_ran(results).values(), failures(results)
    assert any(
        c["args"][:2] == ["label", "create"] for c in actions.state(stand_ins.parent)["calls"]
    )
    form = "\n\n".join(
        f"### {label}\n\n{text}"
        for label, text in (("Objective", "okrs-as-code"), ("Key result", "teams-on-board"),
                            ("Value", "2"), ("Confidence", "0.7"), ("Note", "Sales joined"))
    )  # fmt: skip
    event = {
        "issue": {"number": 7, "state": "open", "body": form, "user": {"login": "ada"}},
        "sender": {"login": "ada"},
    }
    checkin = Runner(target, tmp_path / "checkin", action_path, between, event=event)
    results = checkin.run_job(target / ".github/workflows/checkin.yml", "record")
    ran = _all_ran(results)
    assert ran["Record the check-in"] == "success", failures(results)
    record = next(r for r in results if r.name == "Record the check-in")
    assert record.outputs["recorded"] == "true", record.stdout
    assert "note: Sales joined" in objective.read_text()
    run("git", "checkout", "-q", "--", "okrs", cwd=target, env=git_env)  # as a job leaves it

    # the written files are unchanged by all of it (a run only writes public/)
    status = run("git", "status", "--porcelain", "--ignored", cwd=target, env=git_env)
    assert {line[3:].rstrip("/") for line in status.splitlines()} <= {"public", ".okrctl-cache"}
