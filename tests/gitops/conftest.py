"""Temporary git repositories built from a small fixture organisation, and okrctl run in them.

`repo` is a clone-like repository: `main` holds the fixture as its first commit, and the work
happens on a branch `change` checked out from it. Git's global and system configuration are
kept out, so the user's settings (signing, hooks, default branch) never change a result.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Result

FIXTURE = Path(__file__).resolve().parent / "fixture"
TODAY = "2026-11-22"


__all__ = ["Repo", "Result", "make_repo"]


class Repo:
    """A git repository in a temporary folder, changed the way a user would change it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
        return done.stdout.strip()

    def write(self, rel: str, text: str) -> None:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def read(self, rel: str) -> str:
        return (self.path / rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace `old`, which must occur exactly once, by `new`."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new))

    def remove(self, rel: str) -> None:
        (self.path / rel).unlink()

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--no-verify", "-m", message)
        return self.git("rev-parse", "HEAD")


def init_repo(path: Path) -> Repo:
    """An empty repository with branch `main` and a committer."""
    path.mkdir(parents=True, exist_ok=True)
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    repo.git("config", "user.name", "Test User")
    repo.git("config", "user.email", "test@example.com")
    repo.git("config", "commit.gpgsign", "false")
    return repo


def make_repo(path: Path, fixture: Path = FIXTURE) -> Repo:
    """The fixture committed on `main`, and a branch `change` checked out from it."""
    shutil.copytree(fixture, path)
    repo = init_repo(path)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "change")
    return repo


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    # Fixed dates make commit ids, and so every output naming one, the same on every run.
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-20T10:00:00+00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-20T10:00:00+00:00")
    for name in ("GITHUB_BASE_REF", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GIT_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repo]:
    made = make_repo(tmp_path / "repo")
    monkeypatch.chdir(made.path)
    yield made
