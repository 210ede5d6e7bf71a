"""Fixtures for the life-cycle commands: a small repository copied into a temporary folder, and
a way to run `okrctl` in it the way a user does."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Result, Run, child_env

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small"
OKRCTL = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "okrctl"


__all__ = ["FIXTURE", "OKRCTL", "Result", "Run"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small fixture repository, as the current folder."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    return root


def read(root: Path, file: str) -> bytes:
    return (root / file).read_bytes()


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the repository, by relative name."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in `root` with a fixed identity (and commit date)."""
    env = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "HOME": str(root),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    env = child_env(**env)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def git_init(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")


def allow_command(root: Path, command: list[str]) -> None:
    """List `command` in the repository's okrctl.yaml (`sources: commands:`), as the root unit's
    lead does before `okrctl sync` may run it."""
    config = root / "okrctl.yaml"
    text = config.read_text() if config.is_file() else ""
    if "sources:\n  commands:\n" not in text:
        text += "sources:\n  commands:\n"
    config.write_text(text + f"    - {json.dumps(command)}\n")
