"""A repository's own git configuration cannot make okrctl run a program: `core.fsmonitor`,
hooks, a pager and an external diff are turned off on every git call okrctl makes."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from okrctl import gitcmd
from tests.gitops.conftest import Repo, make_repo

pytestmark = pytest.mark.posix  # executable hooks and scripts


def _plant(repo: Repo, tmp_path: Path) -> Path:
    """Config that runs `evil` (which leaves a marker) whenever git consults it."""
    marker = tmp_path / "ran"
    evil = tmp_path / "evil"
    evil.write_text(f"#!/bin/sh\necho \"$0 $*\" >> '{marker}'\nexit 0\n")
    evil.chmod(evil.stat().st_mode | stat.S_IXUSR)
    repo.git("config", "core.fsmonitor", str(evil))
    repo.git("config", "core.pager", str(evil))
    repo.git("config", "diff.external", str(evil))
    repo.git("config", "core.hooksPath", str(tmp_path / "hooks"))
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("reference-transaction", "post-checkout", "post-index-change"):
        (hooks / name).write_text(f"#!/bin/sh\necho {name} >> '{marker}'\n")
        (hooks / name).chmod(0o755)
    return marker


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Repo, Path]:
    repo = make_repo(tmp_path / "repo")
    repo.edit("okrs/2026-Q3/acme/grow-q3.yaml", "target: 1500", "target: 1400")
    return repo, _plant(repo, tmp_path)


def test_the_planted_configuration_runs_for_plain_git(planted):
    """The attack is real: git itself runs the monitor when it diffs against the work tree."""
    repo, marker = planted
    subprocess.run(
        ["git", "diff", "--name-status", "main", "--", "okrs"], cwd=repo.path, check=True,
        capture_output=True,
    )  # fmt: skip
    assert marker.exists()


def test_git_wrappers_never_run_it(planted):
    repo, marker = planted
    changes = gitcmd.changed_paths(repo.path, "main", None, "okrs")
    assert [c.new for c in changes] == ["okrs/2026-Q3/acme/grow-q3.yaml"]
    with gitcmd.BlobReader(repo.path) as reader:
        entries = gitcmd.list_tree(repo.path, "HEAD", "okrs")
        assert reader.read([entries[0].blob])
    gitcmd.run(repo.path, ["log", "--oneline"])
    assert not marker.exists(), marker.read_text()


def test_check_and_diff_never_run_it(planted, okrctl, monkeypatch):
    repo, marker = planted
    monkeypatch.chdir(repo.path)
    checked = okrctl("check", "--no-cache", "--today", "2026-11-22")
    assert "OKR820" in checked.out  # the closed period's edit was looked for with git diff
    diffed = okrctl("diff", "main", "--format", "text")
    assert diffed.code in (0, 1), diffed.err
    assert not marker.exists(), marker.read_text()


def test_every_git_call_is_hardened():
    line = gitcmd.command(Path("/r"), ["status"])
    assert line[:3] == ["git", "-C", "/r"]
    options = dict(zip(line[3:-1:2], line[4:-1:2], strict=True))
    assert set(options) == {"-c"}
    assert "core.fsmonitor=false" in line and "core.hooksPath=/dev/null" in line
