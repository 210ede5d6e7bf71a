"""`okrctl init`: a new repository that passes `okrctl check` at once; nothing is overwritten."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from okrctl import __version__, config, engine
from okrctl.diagnostics import Severity
from okrctl.lifecycle import pins
from okrctl.lifecycle.starter import SYNC_TARGETS, TARGETS, Starter, files, parse_period, quarter
from okrctl.schema import render
from tests.adopt.conftest import CORPUS
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


def test_an_okrs_folder_without_an_organisation_is_refused_and_existing_files_are_kept(
    tmp_path: Path, okrctl: Run
) -> None:
    (tmp_path / "README.md").write_text("mine\n")
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "notes.yaml").write_text("title: not an organisation\n")
    before = snapshot(tmp_path)
    result = okrctl("init", str(tmp_path), "--period", "2026-Q4")
    assert result.code == 2
    assert "no valid organisation file" in result.err
    assert snapshot(tmp_path) == before


def test_init_twice_keeps_every_file(tmp_path: Path, okrctl: Run) -> None:
    (tmp_path / "README.md").write_text("mine\n")
    assert okrctl("init", str(tmp_path), "--period", "2026-Q4", "--owner", "Ann").code == 0
    assert (tmp_path / "README.md").read_text() == "mine\n"
    before = snapshot(tmp_path)
    again = okrctl("init", str(tmp_path), "--period", "2027-Q1", "--owner", "Bob")
    assert again.code == 0
    assert "wrote" not in again.out  # the repository is complete: nothing to add
    assert snapshot(tmp_path) == before


def test_init_completes_a_folder_okrctl_import_wrote(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`import` into a new folder writes the OKRs, okrctl.yaml and schema/; `init` then writes
    everything around them, from the imported organisation, and touches none of them."""
    target = tmp_path / "acme"
    imported = okrctl(
        "import", "markdown", str(CORPUS / "headings.md"), "--into", str(target),
        "--today", "2026-09-15", "--period", "2026-Q3",
    )  # fmt: skip
    assert imported.code == 0, imported.err
    before = snapshot(target)
    result = okrctl("init", str(target), "--period", "2026-Q4", "--github", "ann")
    assert result.code == 0, result.err
    after = snapshot(target)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing rewritten
    added = sorted(set(after) - set(before))
    assert added == [
        ".github/CODEOWNERS", ".github/ISSUE_TEMPLATE/checkin.yml", ".github/dependabot.yml",
        ".github/workflows/checkin.yml", ".github/workflows/publish.yml",
        ".github/workflows/remind.yml", ".github/workflows/validate.yml", ".gitignore",
        ".pre-commit-config.yaml", "README.md", "site/mkdocs.yml", "site/stylesheets/extra.css",
    ]  # fmt: skip
    assert "kept  okrctl.yaml (it exists)\n" in result.out
    assert "okrs/ was there already" in result.err
    org = yaml.safe_load(after["okrs/org.yaml"])
    assert (
        f"OKRs\n\nThe objectives and key results of {org['name']}," in after["README.md"].decode()
    )
    root = next(u["id"] for u in org["units"] if "parent" not in u)
    assert f"--unit {root} --period 2026-Q3 " in after["README.md"].decode()
    assert "note: --github is not used" in result.err
    monkeypatch.chdir(target)
    codeowners = okrctl("codeowners")  # CODEOWNERS is what okrctl makes from the organisation
    assert (codeowners.code, codeowners.out) == (0, ".github/CODEOWNERS: already up to date\n")
    assert okrctl("schema", "--check").code == 0
    assert okrctl("check", "--today", "2026-09-15").code == 0


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


@pytest.fixture
def no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder outside any repository, with no git user.name anywhere."""
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def test_a_placeholder_owner_and_a_codeowners_naming_nobody_are_said(
    no_git_identity: Path, okrctl: Run
) -> None:
    result = okrctl("init", "repo", "--period", "2026-Q4", "--name", "Acme")
    assert result.code == 0
    notes = [line for line in result.err.splitlines() if line.startswith("note: ")]
    assert notes[0].startswith(
        "note: no --owner and no git user.name: okrs/org.yaml names a placeholder person, "
        "'OKR Owner' (id 'okr-owner')"
    )
    assert notes[1].startswith("note: .github/CODEOWNERS names nobody")
    assert (
        "\n  - id: okr-owner\n    name: OKR Owner\n"
        in (no_git_identity / "repo/okrs/org.yaml").read_text()
    )
    # with a handle and a name, neither note
    named = okrctl("init", "named", "--period", "2026-Q4", "--owner", "Ann", "--github", "ann")
    assert "placeholder person" not in named.err and "names nobody" not in named.err


@pytest.mark.parametrize(
    ("where", "shown"),
    [(".", "okrctl check"), ("new", "cd new && okrctl check"),
     ("my okrs", "cd 'my okrs' && okrctl check")],
)  # fmt: skip
def test_the_next_command_is_one_to_type(
    no_git_identity: Path, okrctl: Run, where: str, shown: str
) -> None:
    if os.name != "posix" and "'" in shown:
        shown = 'cd "my okrs" && okrctl check'
    result = okrctl("init", where, "--period", "2026-Q4", "--owner", "Ann")
    assert result.code == 0
    assert result.out.splitlines()[-1] == f"next: {shown}"


def test_an_okrctl_not_built_by_the_release_workflow_says_its_pins_are_placeholders(
    no_git_identity: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:
        patched.setattr(pins, "current", lambda: pins.Pin("acme/okrctl", "a" * 40))
        released = okrctl("init", "released", "--period", "2026-Q4", "--owner", "Ann")
    assert "not a release" not in released.err
    validate = (no_git_identity / "released/.github/workflows/validate.yml").read_text()
    assert f"        uses: acme/okrctl@{'a' * 40} # v{__version__}\n" in validate
    hooks = (no_git_identity / "released/.pre-commit-config.yaml").read_text()
    assert f"repo: https://github.com/acme/okrctl\n    rev: {'a' * 40}  # frozen: v" in hooks
    unreleased = okrctl("init", "unreleased", "--period", "2026-Q4", "--owner", "Ann")
    assert "is not a release from PyPI" in unreleased.err
    assert (
        "uses: OWNER/okrctl@0000000000000000000000000000000000000000 # v"
        in (no_git_identity / "unreleased/.github/workflows/validate.yml").read_text()
    )


@pytest.mark.parametrize(
    ("record", "valid"),
    [
        ('{"repository": "acme/okrctl", "commit": "%s"}' % ("a" * 40), True),
        ('{"repository": "acme/okrctl", "commit": "abc"}', False),
        ('{"repository": "acme/okrctl\\nx", "commit": "%s"}' % ("a" * 40), False),
        ('{"repository": "acme", "commit": "%s"}' % ("a" * 40), False),
        ("[]", False),
        ("not json", False),
    ],
)
def test_the_release_record_is_read_only_when_it_is_one(record: str, valid: bool) -> None:
    assert (pins.parse(record) is not None) == valid
