"""bench/compare_versions.py, the differential test of two okrctl versions used to hold a refactor
to "output unchanged": the same version compares equal, and a version whose output differs by one
line is caught and shown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HARNESS = REPO / "bench" / "compare_versions.py"
OKRCTL = Path(sys.executable).parent / "okrctl"

pytestmark = [pytest.mark.slow, pytest.mark.posix]  # executable bits and bash
_ONE_CASE = ("--only", "ok-minimal", "--no-global", "--quick", "--jobs", "1")


def _compare(old: Path | str, new: Path | str, work: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, HARNESS, str(old), str(new), str(work), *_ONE_CASE],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_a_version_compares_equal_to_itself(tmp_path: Path) -> None:
    done = _compare(OKRCTL, OKRCTL, tmp_path / "work")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "=== case-ok-minimal: 19 commands, SAME" in done.stdout
    assert done.stdout.endswith("differences\n") and " 0 differences" in done.stdout


def test_a_changed_output_is_reported(tmp_path: Path) -> None:
    """A 'new version' that prints one more line after `check` is a difference, with the diff."""
    changed = tmp_path / "okrctl-changed"
    changed.write_text(
        "#!/bin/sh\n"
        f'"{OKRCTL}" "$@"; code=$?\n'
        'if [ "$1" = check ]; then echo "one more line"; fi\n'
        "exit $code\n"
    )
    changed.chmod(0o755)
    done = _compare(OKRCTL, changed, tmp_path / "work")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "DIFFERENCES" in done.stdout
    assert "+one more line" in done.stdout


def test_a_missing_executable_is_a_usage_error(tmp_path: Path) -> None:
    done = _compare(tmp_path / "nothing-here", OKRCTL, tmp_path / "work")
    assert done.returncode == 2
    assert "no okrctl executable at" in done.stderr
