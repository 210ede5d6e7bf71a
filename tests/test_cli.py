"""`okrctl check` end to end: exit codes, formats, the default folder, and crashes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrctl import cli, engine
from tests.conftest import CASES, REPO, child_env


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of a small valid repository, as the current directory."""
    shutil.copytree(CASES / "ok-minimal" / "okrs", tmp_path / "okrs")
    (tmp_path / ".git").mkdir()
    # ok-minimal is the smallest valid repository, not a good set of OKRs: silence the rules that
    # say so, so that these tests see only what they provoke
    (tmp_path / "okrctl.yaml").write_text(
        "rules:\n  OKR430: off\n  OKR502: off\n  OKR600: off\n  OKR700: off\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def test_clean_repository_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["check"]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings in 2 files\n"


def test_findings_exit_1_with_file_line_column(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = repo / "okrs" / "2026-Q4" / "company" / "grow.yaml"
    target.write_text(target.read_text().replace("owner: ana", "owner: anna"))
    assert cli.run(["check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "okrs/2026-Q4/company/grow.yaml:7:8: error OKR304 unknown person or unit 'anna'"
    )
    assert out.endswith("1 error, 0 warnings in 2 files\n")


def test_parse_errors_exit_1(repo: Path) -> None:
    (repo / "okrs" / "broken.yaml").write_text("a: [\n")
    assert cli.run(["check"]) == 1


def test_json_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "okrs" / "broken.yaml").write_text("a: [\n")
    assert cli.run(["check", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["summary"] == {"errors": 1, "warnings": 0, "infos": 0}
    assert [(f["code"], f["file"], f["line"], f["column"]) for f in document["findings"]] == [
        ("OKR100", "okrs/broken.yaml", 2, 1)
    ]


def test_github_format_is_automatic_under_actions(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (repo / "okrs" / "broken.yaml").write_text("a: [\n")
    assert cli.run(["check"]) == 1
    assert capsys.readouterr().out.startswith("::error file=okrs/broken.yaml,line=2,col=1,")


def test_named_file_is_checked_in_the_context_of_the_whole_tree(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = repo / "okrs" / "2026-Q4" / "company" / "other.yaml"
    other.write_text("a: [\n")
    assert cli.run(["check", "okrs/2026-Q4/company/grow.yaml"]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings in 1 file\n"
    assert cli.run(["check", "okrs/2026-Q4/company/other.yaml"]) == 1


def test_missing_default_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.run(["check"]) == 2
    assert "there is no okrs/ folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [["check", "--format", "xml"], ["check", "no/such/path"], ["nonsense"]]
)
def test_bad_arguments_exit_2(repo: Path, argv: list[str]) -> None:
    assert cli.run(argv) == 2


def test_internal_error_exits_3_without_a_traceback(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "check_repository", explode)
    assert cli.run(["check"]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError('boom')" in err
    assert "This is a bug in okrctl" in err
    assert "Traceback" not in err


def test_output_is_deterministic(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("z.yaml", "a.yaml", "m.yaml"):
        (repo / "okrs" / name).write_text("kind: Objective\napiVersion: okrctl/v1\nid: [\n")
    cli.run(["check", "--format", "json"])
    first = capsys.readouterr().out
    cli.run(["check", "--format", "json"])
    assert capsys.readouterr().out == first


def test_the_example_organisation_has_no_errors() -> None:
    result = engine.check_repository(REPO, [REPO / "okrs"])
    assert [d for d in result.diagnostics if d.severity.name == "ERROR"] == []
    assert len(result.cascade.objectives) >= 25
    assert len(result.cascade.units) >= 8
    assert len(result.cascade.periods) >= 2


def test_python_m_okrctl_as_a_subprocess(repo: Path) -> None:
    (repo / "okrs" / "broken.yaml").write_text("a: [\n")
    done = subprocess.run(
        [sys.executable, "-m", "okrctl", "check", "--format", "text"],
        capture_output=True,
        text=True,
        cwd=repo,
        env=child_env(PYTHONPATH=str(REPO)),
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("okrs/broken.yaml:2:1: error OKR100")
    assert done.stderr == ""


def test_a_path_outside_the_repository_is_a_usage_error(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert cli.run(["check", str(elsewhere)]) == 2
    assert "is outside the repository" in capsys.readouterr().err


def test_a_file_that_is_not_yaml_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "README.md").write_text("# hello\n")
    assert cli.run(["check", "README.md"]) == 2
    assert "README.md is not an OKR file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--today", "2026-13-01"],
        ["build", "--today", "2026-11-31"],
        ["diff", "--today", "22.11.2026"],
        ["checkin", "grow", "revenue", "120", "--date", "2026-02-30"],
        ["close", "2026-Q4", "--date", "20261122"],
        ["sync", "--date", "tomorrow"],
        ["new", "objective", "--title", "x", "--date", "2026-1-5"],
    ],
)
def test_every_command_reads_a_date_the_same_way(
    repo: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """One parser for every date option: the same exit code and the same words."""
    assert cli.run(argv) == 2
    err = capsys.readouterr().err
    assert f"{argv[-1]!r} is not a date written YYYY-MM-DD" in err
