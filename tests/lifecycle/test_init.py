"""`okrctl init`: a new repository that passes `okrctl check` at once; nothing is overwritten."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from okrctl import config, engine
from okrctl.diagnostics import Severity
from okrctl.lifecycle.starter import SYNC_TARGETS, TARGETS, Starter, files, parse_period, quarter
from okrctl.schema import render
from tests.lifecycle.conftest import OKRCTL, Run, snapshot

WRITTEN = [
    ".github/CODEOWNERS",
    ".github/ISSUE_TEMPLATE/checkin.yml",
    ".github/dependabot.yml",
    ".github/workflows/checkin.yml",
    ".github/workflows/publish.yml",
    ".github/workflows/remind.yml",
    ".github/workflows/validate.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "okrctl.yaml",
    "okrs/2026-Q4/acme-sensors/okrs-as-code.yaml",
    "okrs/org.yaml",
    "requirements.txt",
    "schema/objective.schema.json",
    "schema/okrctl.schema.json",
    "schema/organization.schema.json",
    "site/mkdocs.yml",
    "site/stylesheets/extra.css",
]


def test_init_writes_a_repository_that_checks_clean(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "okrs-repo"
    result = okrctl(
        "init",
        str(target),
        "--name",
        "Acme: Sensors",
        "--period",
        "2026-Q4",
        "--owner",
        "Zoë O'Brien",
    )
    assert result.code == 0
    assert (
        result.out
        == "".join(f"wrote {f}\n" for f in WRITTEN) + f"next: cd {target} && okrctl check\n"
    )
    assert sorted(snapshot(target)) == WRITTEN
    org = (target / "okrs/org.yaml").read_text()
    assert (
        'name: "Acme: Sensors"\n' in org
        and '  - id: zoe-o-brien\n    name: "Zoë O\'Brien"\n' in org
    )
    monkeypatch.chdir(target)
    check = okrctl("check")
    assert check.code == 0
    assert engine.check_repository(target).errors == 0
    config.load(target)  # the configuration file is accepted as it is


def test_an_okrs_folder_with_files_is_refused_and_existing_files_are_kept(
    tmp_path: Path, okrctl: Run
) -> None:
    (tmp_path / "README.md").write_text("mine\n")
    assert okrctl("init", str(tmp_path), "--period", "2026-Q4").code == 0
    assert (tmp_path / "README.md").read_text() == "mine\n"
    before = snapshot(tmp_path)
    result = okrctl("init", str(tmp_path), "--period", "2026-Q4")
    assert result.code == 2
    assert "already holds files" in result.err
    assert snapshot(tmp_path) == before


def test_kept_files_are_reported(tmp_path: Path, okrctl: Run) -> None:
    (tmp_path / ".gitignore").write_text("node_modules/\n")
    result = okrctl("init", str(tmp_path), "--period", "2026-Q4", "--name", "X", "--owner", "Y")
    assert "kept  .gitignore (it exists)\n" in result.out
    assert (tmp_path / ".gitignore").read_text() == "node_modules/\n"


def test_the_first_checkin_is_dated_the_day_of_init_inside_the_period() -> None:
    inside = Starter("A", "B", parse_period("2026-Q4"), today=dt.date(2026, 11, 22))
    outside = Starter("A", "B", parse_period("2027-Q1"), today=dt.date(2026, 11, 22))
    objective = "okrs/{period}/a/okrs-as-code.yaml"
    assert "- date: 2026-11-22\n" in files(inside)[objective.format(period="2026-Q4")]
    assert "checkins:" not in files(outside)[objective.format(period="2027-Q1")]


def test_every_template_ships_and_the_schema_is_current() -> None:
    written = files(Starter("A", "B", quarter(dt.date(2026, 2, 3)), sync=True))
    # every template, CODEOWNERS (generated from the organisation file) and the schemas
    assert len(written) == len(TARGETS) + len(SYNC_TARGETS) + 1 + len(render())
    for name, text in render().items():
        assert written[f"schema/{name}"] == text
    assert "{{" not in "".join(written.values()).replace("${{", "")


@pytest.mark.parametrize(
    ("day", "period", "start", "end"),
    [
        ("2026-02-03", "2026-Q1", "2026-01-01", "2026-03-31"),
        ("2026-12-31", "2026-Q4", "2026-10-01", "2026-12-31"),
        ("2026-07-01", "2026-Q3", "2026-07-01", "2026-09-30"),
    ],
)
def test_quarters(day: str, period: str, start: str, end: str) -> None:
    found = quarter(dt.date.fromisoformat(day))
    assert (found.id, found.start.isoformat(), found.end.isoformat()) == (period, start, end)


@pytest.mark.parametrize("period", ["Q4", "2026-Q5", "2026-H3", "2026-13", "2026-00", "0000", "26"])
def test_a_bad_period_is_a_usage_error(tmp_path: Path, okrctl: Run, period: str) -> None:
    result = okrctl("init", str(tmp_path), "--period", period)
    assert (result.code, result.err) == (
        2,
        f"okrctl: --period {period!r} is not a period; write YYYY (a year), YYYY-Qn (a "
        "quarter), YYYY-Hn (a half) or YYYY-MM (a month), e.g. 2026-Q4\n",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-H1", "2026-01-01", "2026-06-30"),
        ("2026-H2", "2026-07-01", "2026-12-31"),
        ("2026-Q4", "2026-10-01", "2026-12-31"),
        ("2028-02", "2028-02-01", "2028-02-29"),
        ("2026-12", "2026-12-01", "2026-12-31"),
    ],
)
def test_years_halves_quarters_and_months(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch, period: str, start: str, end: str
) -> None:
    result = okrctl("init", str(tmp_path), "--period", period, "--name", "Acme", "--owner", "Ann")
    assert result.code == 0, result.err
    org = (tmp_path / "okrs/org.yaml").read_text()
    shown = f'"{period}"' if period.isdigit() else period
    assert f"  - id: {shown}\n    start: {start}\n    end: {end}\n" in org
    objective = (tmp_path / f"okrs/{period}/acme/okrs-as-code.yaml").read_text()
    assert f"\nperiod: {shown}\n" in objective
    monkeypatch.chdir(tmp_path)
    assert okrctl("check").code == 0


def test_as_a_subprocess_then_check(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(OKRCTL), "init", "new", "--name", "Beta", "--owner", "Ann Lee"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    checked = subprocess.run(
        [str(OKRCTL), "check"], cwd=tmp_path / "new", capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout
    worst = engine.check_repository(tmp_path / "new").worst()
    assert worst is None or worst < Severity.ERROR


def test_a_second_objective_after_init_is_not_flagged_for_headcount(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "repo"
    assert okrctl("init", str(target), "--period", "2026-Q4", "--owner", "Ada Lee").code == 0
    assert "\n    headcount:" not in (target / "okrs/org.yaml").read_text()
    monkeypatch.chdir(target)
    created = okrctl(
        "new", "objective", "--unit", "repo", "--period", "2026-Q4", "--title", "Make support effortless",
        "--kr", "Tickets answered within a day reach 90%; %; 60; 90", "--date", "2026-11-20",
    )  # fmt: skip
    assert created.code == 0, created
    found = okrctl("check", "--today", "2026-11-22")
    assert "OKR512" not in found.out
