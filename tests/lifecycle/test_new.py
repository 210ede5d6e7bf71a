"""`okrctl new objective`: a valid file with the modeline, names checked, prompts on a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrctl.commands import new as new_command
from okrctl.lifecycle.scaffold import slugify
from tests.lifecycle.conftest import Run, read, snapshot

EXPECTED = """\
# yaml-language-server: $schema=../../../schema/objective.schema.json
# Key results: 2 to 5 measurable outcomes; `okrctl checkin` records progress on them.
apiVersion: okrctl/v1
kind: Objective
id: shorten-the-sales-cycle
title: Shorten the sales cycle!
level: operational
type: committed
unit: sales
owner: bo
period: 2026-Q4
parent: grow-q4
key_results:
  - id: days-from-demo-to-signature
    title: Days from demo to signature
    metric: days-from-demo-to-signature
    unit: days
    baseline: 45
    target: 30
    current: 45
    checkins:
      - date: 2026-11-22
        value: 45
        note: Where we start, recorded by okrctl new.
  - id: pricing-calculator-shipped
    title: Pricing calculator shipped
    kind: milestone
    checkins:
      - date: 2026-11-22
        value: false
        note: Where we start, recorded by okrctl new.
"""


def test_new_objective_writes_a_valid_file_and_prints_its_path(repo: Path, okrctl: Run) -> None:
    result = okrctl(
        "new", "objective", "--unit", "sales", "--period", "2026-Q4",
        "--title", "Shorten the  sales cycle!", "--parent", "grow-q4",
        "--kr", "Days from demo to signature; days; 45; 30", "--kr", "Pricing calculator shipped",
        "--date", "2026-11-22",
    )  # fmt: skip
    file = "okrs/2026-Q4/sales/shorten-the-sales-cycle.yaml"
    assert result == (0, f"{file}\n", "")
    assert read(repo, file).decode() == EXPECTED
    check = okrctl("check", file, "--today", "2026-11-22")
    assert check.code == 0 and check.out.splitlines()[-1].startswith("0 errors")
    assert "OKR700" not in check.out  # freshness counts from the day the objective was set


def test_no_first_checkin_when_the_day_is_outside_the_period(repo: Path, okrctl: Run) -> None:
    result = okrctl(
        "new", "objective", "--unit", "sales", "--period", "2026-Q4", "--title", "Later",
        "--parent", "grow-q4", "--kr", "Days to sign; days; 45; 30", "--kr", "Calculator shipped",
        "--date", "2027-01-05",
    )  # fmt: skip
    assert result.code == 0
    text = read(repo, "okrs/2026-Q4/sales/later.yaml").decode()
    assert "checkins" not in text and "current" not in text


def test_without_key_results_the_drafts_are_valid_and_the_user_is_told(
    repo: Path, okrctl: Run
) -> None:
    result = okrctl("new", "objective", "--unit", "acme", "--period", "2026-Q4", "--title", "Grow")
    assert result.code == 0
    assert result.out == "okrs/2026-Q4/acme/grow.yaml\n"
    assert "replace the two TODO key results" in result.err
    text = read(repo, "okrs/2026-Q4/acme/grow.yaml").decode()
    assert "level: strategic\n" in text and "owner: ada\n" in text and text.count("TODO") == 3
    # valid, but not silently: each draft is reported until it is replaced
    check = okrctl("check", "--format", "json")
    assert check.code == 0
    drafts = [
        (f["code"], f["line"])
        for f in json.loads(check.out)["findings"]
        if f["file"] == "okrs/2026-Q4/acme/grow.yaml"
    ]
    assert [code for code, _ in drafts].count("OKR442") == 2


def test_a_taken_id_gets_the_period_and_never_overwrites(repo: Path, okrctl: Run) -> None:
    args = ("new", "objective", "--unit", "acme", "--period", "2026-Q4", "--title", "Grow Q4")
    assert okrctl(*args).out == "okrs/2026-Q4/acme/grow-q4-2026-q4.yaml\n"  # grow-q4 is taken
    before = snapshot(repo)
    result = okrctl(*args, "--id", "grow-q4-2026-q4")
    assert (result.code, result.err) == (
        2,
        "okrctl: objective id 'grow-q4-2026-q4' is already used; ids are unique\n",
    )
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--unit", "sale"), "unknown unit 'sale' (did you mean 'sales'?)"),
        (("--period", "2030-Q1"), "unknown period '2030-Q1'"),
        (("--owner", "ad"), "unknown person 'ad'"),
        (("--parent", "leads-q3"), "parent 'leads-q3' is set for period '2026-Q3'"),
        (("--parent", "leads-q4", "--unit", "acme"), "belongs to unit 'sales'"),
        (("--level", "operational"), "an operational objective needs --parent"),
        (("--id", "Bad_Id"), "is not a valid id"),
        (("--kr", "Leads; leads; 5; 5"), "baseline and target must be two different numbers"),
    ],
)
def test_bad_names_are_usage_errors(
    repo: Path, okrctl: Run, extra: tuple[str, ...], message: str
) -> None:
    before = snapshot(repo)
    base = {"--unit": "sales", "--period": "2026-Q4", "--title": "Anything"}
    args = list(extra)
    for option, value in base.items():
        if option not in extra:
            args += [option, value]
    result = okrctl("new", "objective", *args)
    assert result.code == 2
    assert message in result.err
    assert snapshot(repo) == before


def test_without_a_terminal_missing_values_are_a_usage_error(repo: Path, okrctl: Run) -> None:
    result = okrctl("new", "objective", "--unit", "sales")
    assert result.code == 2
    assert "missing --period, --title" in result.err


def test_on_a_terminal_missing_values_are_asked_for(
    repo: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["sales", "2026-Q4", "Call more leads", "", "grow-q4", "Calls booked", ""])
    monkeypatch.setattr(new_command, "_interactive", lambda: True)
    monkeypatch.setattr(
        new_command.click, "prompt", lambda label, default=None, show_default=True: next(answers)
    )
    result = okrctl("new", "objective")
    assert result.code == 0, result.err
    text = read(repo, "okrs/2026-Q4/sales/call-more-leads.yaml").decode()
    assert "parent: grow-q4\n" in text and "title: Calls booked\n" in text
    assert "owner: bo\n" in text


def test_slugs_drop_accents_and_stop_at_a_word() -> None:
    assert slugify("Zoë's  café: 100%") == "zoe-s-cafe-100"
    assert slugify("word " * 30) == "-".join(["word"] * 12)


def test_a_team_can_own_a_new_objective(repo: Path, okrctl: Run) -> None:
    result = okrctl(
        "new", "objective", "--unit", "sales", "--period", "2026-Q4", "--owner", "sales",
        "--title", "Answer every lead the same day", "--parent", "grow-q4",
        "--kr", "Leads answered the same day; %; 40; 90", "--date", "2026-11-22",
    )  # fmt: skip
    file = "okrs/2026-Q4/sales/answer-every-lead-the-same-day.yaml"
    assert result == (0, f"{file}\n", "")
    assert "\nowner: sales\n" in read(repo, file).decode()
    assert okrctl("check", file, "--today", "2026-11-22").code == 0
