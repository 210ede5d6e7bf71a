"""`okrctl check` and `okrctl rules` with a configuration, end to end: exit codes and output."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from okrctl import cli
from tests.checks.test_cases import CASES, SHARED_ORG
from tests.conftest import REPO

FEW = CASES / "few-and-focused" / "fails-too-few-and-too-many-key-results" / "okrs"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two OKR430 warnings, as the current directory."""
    shutil.copytree(FEW, tmp_path / "okrs")
    shutil.copyfile(SHARED_ORG, tmp_path / "okrs" / "org.yaml")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def test_default_rules_warn_and_exit_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["check", "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(" ", 3)[:3] for line in out[:-1]] == [
        ["okrs/2026-Q4/field-sales/six-krs.yaml:10:1:", "warning", "OKR430"],
        ["okrs/2026-Q4/sales/one-kr.yaml:10:1:", "warning", "OKR430"],
    ]
    assert out[-1] == "0 errors, 2 warnings in 5 files"


def test_fail_level_warning_exits_1(repo: Path) -> None:
    assert cli.run(["check", "--today", "2026-11-22", "--fail-level", "warning"]) == 1


def test_severity_and_options_come_from_okrctl_yaml(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "okrctl.yaml").write_text(
        "rules:\n  few-and-focused:\n    severity: error\n    max_key_results: 6\n"
    )
    assert cli.run(["check", "--today", "2026-11-22"]) == 1
    out = capsys.readouterr().out
    assert out == (
        "okrs/2026-Q4/sales/one-kr.yaml:10:1: error OKR430 1 key result; an objective is measured "
        "by 2 to 6 key results, so add the outcomes that show it is met\n"
        "1 error, 0 warnings in 5 files\n"
    )


def test_a_rule_turned_off(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "okrctl.yaml").write_text("rules:\n  OKR430: off\n")
    assert cli.run(["check", "--today", "2026-11-22", "--fail-level", "info"]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings in 5 files\n"


def test_an_explicit_config_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "strict.yaml").write_text("rules:\n  OKR430: info\n")
    assert cli.run(["check", "--today", "2026-11-22", "--config", "strict.yaml"]) == 0
    assert capsys.readouterr().out.endswith("0 errors, 0 warnings, 2 info in 5 files\n")


def test_configuration_errors_exit_2_with_positions(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "okrctl.yaml").write_text(
        "rules:\n  few-and-focused:\n    krs: 3\n  no-such-rule: off\n"
    )
    assert cli.run(["check"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "okrctl: invalid configuration:\n"
        "okrctl.yaml:3:5: unknown option 'krs' for rule OKR430 few-and-focused; its options "
        "are max_key_results, max_objectives, min_key_results\n"
        "okrctl.yaml:4:3: unknown rule 'no-such-rule'; `okrctl rules` lists the rules\n"
    )


def test_rules_command_reads_the_configuration_too(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "okrctl.yaml").write_text("rules: [\n")
    assert cli.run(["rules"]) == 2
    assert capsys.readouterr().err.startswith("okrctl: invalid configuration:\nokrctl.yaml:2:1: ")


@pytest.mark.parametrize("day", ["22.11.2026", "2026-02-30", "tomorrow"])
def test_a_bad_today_is_a_usage_error(repo: Path, day: str) -> None:
    assert cli.run(["check", "--today", day]) == 2


def test_today_decides_freshness(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["check", "--today", "2026-12-05"]) == 0
    out = capsys.readouterr().out
    assert out.count(" warning OKR700 no check-in for 22 days (the last on 2026-11-13)") == 11


def test_configuration_error_as_a_subprocess(repo: Path) -> None:
    (repo / "okrctl.yaml").write_text("rules:\n  OKR430: loud\n")
    done = subprocess.run(
        [str(REPO / ".venv" / "bin" / "okrctl"), "check", "--today", "2026-11-22"],
        capture_output=True,
        text=True,
        cwd=repo,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "okrctl: invalid configuration:",
        "okrctl.yaml:2:11: few-and-focused: 'loud' is not a setting; use `off`, `on`, a severity "
        "(error, warning, info), or a mapping of `severity`, `enabled` and the rule's options",
    ]
