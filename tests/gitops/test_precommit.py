"""The pre-commit hook okrctl offers, validated by pre-commit and run by it in a repository."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pre_commit import clientlib

from tests.conftest import REPO
from tests.gitops.conftest import Repo, make_repo

BIN = Path(sys.executable).parent


def test_the_manifest_is_valid_and_checks_the_whole_tree():
    hooks = {h["id"]: h for h in clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    assert sorted(hooks) == ["okrctl-check", "okrctl-codeowners"]
    assert hooks["okrctl-check"]["entry"] == "okrctl check"
    assert hooks["okrctl-codeowners"]["entry"] == "okrctl codeowners --check"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
    check = re.compile(hooks["okrctl-check"]["files"])
    for path in ("okrs/org.yaml", "okrs/2026-Q4/a/b.yaml", "okrctl.yaml", "pyproject.toml"):
        assert check.search(path), path  # a change to the configuration is checked too
    assert not check.search("README.md") and not check.search("site/okrctl.yaml")
    owners = re.compile(hooks["okrctl-codeowners"]["files"])
    assert owners.search("okrs/org.yaml") and owners.search(".github/CODEOWNERS")


def test_okrctls_own_hooks_are_the_manifests_run_on_the_developed_okrctl():
    """One definition: okrctl's own `.pre-commit-config.yaml` runs the manifest's hooks (as
    `system` hooks, on the okrctl being developed), with the same commands on the same files."""
    manifest = {h["id"]: h for h in clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    config = clientlib.load_config(str(REPO / ".pre-commit-config.yaml"))
    local = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    for hook_id, hook in manifest.items():
        ours = local[hook_id]
        assert ours["language"] in ("system", "unsupported")  # pre-commit 4.4 renamed it
        for key in ("name", "entry", "files", "pass_filenames"):
            assert ours[key] == hook[key], (hook_id, key)


def test_the_repository_config_is_valid_and_uses_real_commands():
    config = clientlib.load_config(str(REPO / ".pre-commit-config.yaml"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "okrctl check" in entries
    for entry in entries:
        command = entry.split()
        if command[0] == "okrctl":
            argv = [BIN / "okrctl", command[1], "--help"]
        else:
            argv = [BIN / command[0], "--version" if command[0] == "zizmor" else "-version"]
        done = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{entry}: {done.stderr}"


def _with_hook(repo: Repo) -> None:
    """The manifest's hook, as a local hook running the installed okrctl (no network)."""
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())[0]
    local = {key: hook[key] for key in ("id", "name", "entry", "pass_filenames", "files")}
    local["language"] = "system"
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    repo.write(".pre-commit-config.yaml", yaml.safe_dump(config))
    repo.commit("hooks")


def _pre_commit(repo: Repo, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
    }
    return subprocess.run(
        [BIN / "pre-commit", "run", *args],
        cwd=repo.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_the_hook_runs_on_okr_changes_and_blocks_a_broken_one(tmp_path):
    repo = make_repo(tmp_path / "repo")
    _with_hook(repo)
    done = _pre_commit(repo, tmp_path, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "okrctl check" in done.stdout and "Passed" in done.stdout

    repo.write("README.md", "notes\n")
    repo.git("add", "README.md")
    skipped = _pre_commit(repo, tmp_path)
    assert skipped.returncode == 0
    assert "(no files to check)Skipped" in skipped.stdout

    field = "okrs/2026-Q4/field/demos-q4.yaml"
    repo.edit(field, "parent: more-deals-q4", "parent: more-deal")
    repo.git("add", field)
    failed = _pre_commit(repo, tmp_path)
    assert failed.returncode == 1
    assert f"{field}:10:9: error OKR304 unknown objective 'more-deal'" in failed.stdout
