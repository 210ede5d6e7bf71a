"""The Makefile's targets do what the README says, once."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _commands(target: str) -> list[str]:
    """The commands `make TARGET` would run (dry run, with setup taken as done)."""
    done = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", "-o", "setup", target],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if "okrctl" in line]


def test_make_site_checks_once_and_builds() -> None:
    """`okrctl build` prints the check's findings: `make site` runs no `okrctl check` besides
    it, so every finding is printed once."""
    commands = _commands("site")
    assert len(commands) == 1 and " build --strict " in commands[0], commands


def test_make_test_fast_leaves_out_the_slow_and_the_browser_tests() -> None:
    done = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", "-o", "setup", "test-fast"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    (command,) = [line for line in done.stdout.splitlines() if "pytest" in line]
    assert '-m "not slow and not browser"' in command, command
    assert "lint" not in done.stdout and "mkdocs" not in done.stdout
