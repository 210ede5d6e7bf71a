"""Help texts say what the options do (issue 23): `build --config` reads what `check --config`
reads, with the same default, and `check --jobs` names the thresholds `perfile` applies."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from okrctl import workers
from tests.conftest import Run
from tests.lifecycle.conftest import FIXTURE

DISABLED = "[tool.okrctl.rules.stale-key-result]\nenabled = false\n"


def _help(okrctl: Run, command: str, option: str) -> str:
    text = " ".join(okrctl(command, "--help").out.split())
    found = re.search(rf"{option} \S+ (.*?)(?= --| -h,|$)", text)
    assert found, text
    return found.group(1)


def test_build_and_check_describe_config_alike(okrctl: Run) -> None:
    assert _help(okrctl, "build", "--config") == _help(okrctl, "check", "--config")
    assert "[tool.okrctl] in pyproject.toml" in _help(okrctl, "build", "--config")


def test_build_reads_the_pyproject_configuration_its_help_names(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    (root / ".git").mkdir()
    monkeypatch.chdir(root)
    before = okrctl("build", "--today", "2026-11-22", "--out", str(tmp_path / "a"))
    assert before.code == 0 and "OKR700" in before.out
    (root / "okrctl.yaml").unlink()  # the fixture's; the configuration moves to pyproject.toml
    (root / "pyproject.toml").write_text(DISABLED)
    after = okrctl("build", "--today", "2026-11-22", "--out", str(tmp_path / "b"))
    assert after.code == 0 and "OKR700" not in after.out
    assert "OKR700" not in okrctl("check", "--today", "2026-11-22").out


def test_check_jobs_help_names_what_jobs_for_does(okrctl: Run) -> None:
    text = _help(okrctl, "check", "--jobs")
    assert f"1 below {workers.PARALLEL_FROM} files" in text
    assert f"at most {workers.MAX_JOBS}" in text
    assert workers.jobs_for(workers.PARALLEL_FROM - 1, None) == 1
    assert workers.jobs_for(workers.PARALLEL_FROM, None) == min(
        workers.usable_cpus(), workers.MAX_JOBS
    )
    assert workers.jobs_for(10, 3) == 3  # given: used as given
