"""`okrctl rules`: the list, one rule's documentation, JSON, and unknown rules."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from okrctl import cli
from okrctl.checks.registry import RULES
from tests.conftest import REPO


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_list(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "SUMMARY"]
    assert lines[1] == (
        "OKR400  measurable-objective       info      "
        "An objective has at least one numeric key result."
    )
    assert [line.split()[0] for line in lines[1:]] == sorted(RULES)
    assert len({line.index(line.split()[3]) for line in lines[1:]}) == 1  # aligned columns


def test_the_list_shows_the_configured_severity(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "okrctl.yaml").write_text("rules:\n  OKR400: error\n  sandbagging: off\n")
    assert cli.run(["rules"]) == 0
    rows = {line.split()[0]: line.split()[2] for line in capsys.readouterr().out.splitlines()}
    assert rows["OKR400"] == "error" and rows["OKR610"] == "off" and rows["OKR410"] == "error"


def test_one_rule_by_name_or_code(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["rules", "stale-key-result"]) == 0
    by_name = capsys.readouterr().out
    assert cli.run(["rules", "okr700"]) == 0
    assert capsys.readouterr().out == by_name
    assert by_name.startswith(
        "# OKR700 stale-key-result\n\nSeverity: warning; default: warning.\n\n"
        "Key results of the current period are checked in regularly.\n"
    )
    assert "## Failing example\n\n```yaml\n" in by_name
    assert by_name.endswith(
        "## Options\n\n- `max_days` (integer, default `14`): Most days a key result of the "
        "current period may go without a check-in.\n"
    )


def test_json(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in listed] == sorted(RULES)
    assert cli.run(["rules", "value-in-range", "--format", "json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert one == listed[1]
    assert one["options"][0]["default"] == {"%": [0.0, 100.0]}


def test_an_unknown_rule_exits_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["rules", "sandbaging"]) == 2
    assert capsys.readouterr().err == (
        "okrctl: unknown rule 'sandbaging' (did you mean 'sandbagging'?); `okrctl rules` lists "
        "the rules\n"
    )


def test_as_a_subprocess(repo: Path) -> None:
    done = subprocess.run(
        [str(REPO / ".venv" / "bin" / "okrctl"), "rules", "OKR510"],
        capture_output=True,
        text=True,
        cwd=repo,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("# OKR510 unacknowledged-dependency\n")
