"""`okrctl close`: a graded period is marked closed; unfinished aspirational objectives carry on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrctl.lifecycle.successors import next_period, successor_id
from okrctl.model import Period
from tests.lifecycle.conftest import Run, read, snapshot

ORG = "okrs/org.yaml"
CARRIED = "okrs/2026-Q4/sales/leads-q3-2026-q4.yaml"


def carries(out: str) -> dict[str, tuple[str, str]]:
    """What `okrctl close --carry` printed it carried: old id -> (new id, new file)."""
    found = {}
    for line in out.splitlines():
        old, arrow, rest = line.strip().partition(" -> ")
        if arrow and line.startswith("  ") and not line.startswith("   "):
            new, _, path = rest.partition("  ")
            found[old] = (new, path)
    return found


def not_carried(out: str) -> dict[str, str]:
    """The objectives `okrctl close --carry` left behind, with why: id -> reason."""
    found = {}
    for line in out.splitlines():
        oid, said, why = line.strip().partition(": not carried, ")
        if said:
            found[oid] = why
    return found


def warned(out: str, key_result: str) -> str:
    """The warnings `okrctl close --carry` printed on the key result `key_result`, one a line."""
    start = f"warning: key result {key_result!r}: "
    return "\n".join(
        line.strip().removeprefix(start)
        for line in out.splitlines()
        if line.strip().startswith(start)
    )


def _fields(root: Path, file: str) -> dict[str, Any]:
    data = yaml.safe_load(read(root, file))
    assert isinstance(data, dict)
    return data


CARRIED_TEXT = """\
# yaml-language-server: $schema=../../../schema/objective.schema.json
# Carried over from leads-q3 (2026-Q3) by `okrctl close --carry`.
# Each key result starts where it ended: its baseline is the last value measured.
apiVersion: okrctl/v1
kind: Objective
id: leads-q3-2026-q4
title: Start the pipeline
level: strategic
type: aspirational
unit: sales
owner: bo
period: 2026-Q4
carried_from: leads-q3
key_results:
  - id: qualified-leads
    title: Qualified leads rise from 50 to 100
    metric: qualified-leads
    unit: leads
    baseline: 80
    target: 100
"""

CHILD = """\
apiVersion: okrctl/v1
kind: Objective
id: calls-q3
title: Call every lead
level: operational
type: aspirational
unit: sales
owner: bo
period: 2026-Q3
parent: {parent}
score: 0.5
key_results:
  - id: calls
    title: Calls rise from 10 to 30
    metric: calls
    unit: calls
    baseline: 10
    target: 30
    current: 20
    score: 0.5
"""


def test_an_ungraded_period_is_refused(repo: Path, okrctl: Run) -> None:
    before = snapshot(repo)
    result = okrctl("close", "2026-Q3")
    assert result.code == 2 and "'2026-Q3' is not graded (leads-q3)" in result.err
    assert snapshot(repo) == before


def test_close_adds_one_line_to_the_organisation_file(repo: Path, okrctl: Run) -> None:
    okrctl("grade", "2026-Q3")
    org = read(repo, ORG)
    result = okrctl("close", "2026-Q3")
    assert (result.code, result.out) == (0, "close 2026-Q3 in okrs/org.yaml\n")
    assert read(repo, ORG) == org.replace(
        b"    end: 2026-09-30\n", b"    end: 2026-09-30\n    closed: true\n"
    )
    again = okrctl("close", "2026-Q3")
    assert again.code == 2 and "'2026-Q3' is already closed" in again.err


def test_carry_creates_a_linked_file_in_the_next_period(repo: Path, okrctl: Run) -> None:
    okrctl("grade", "2026-Q3")
    # leads-q3 scored 0.8, a success for an aspirational objective: named, since by default
    # only what fell short of its type's expectation is carried.
    result = okrctl("close", "2026-Q3", "--carry", "--only", "leads-q3")
    assert (result.code, result.out) == (
        0,
        "close 2026-Q3 in okrs/org.yaml\n"
        "carry into 2026-Q4:\n"
        f"  leads-q3 -> leads-q3-2026-q4  {CARRIED}\n"
        "    met, not carried: crm\n"
        "    warning: key result 'qualified-leads': its title still says 50, the old baseline; "
        "it now starts at 80: update the title\n",
    )
    assert read(repo, CARRIED).decode() == CARRIED_TEXT
    assert okrctl("check").code == 0
    before = snapshot(repo)
    again = okrctl("close", "2026-Q3", "--carry", "--only", "leads-q3")
    assert list(not_carried(again.out)) == ["leads-q3"] and carries(again.out) == {}
    assert "'leads-q3-2026-q4'" in not_carried(again.out)["leads-q3"]
    assert snapshot(repo) == before


def test_carry_into_a_named_period_swaps_the_id_suffix(repo: Path, okrctl: Run) -> None:
    okrctl("grade", "2026-Q3")
    result = okrctl("close", "2026-Q3", "--carry", "2027-Q1", "--only", "leads-q3")
    assert carries(result.out) == {"leads-q3": ("leads-q1", "okrs/2027-Q1/sales/leads-q1.yaml")}
    assert "carried_from: leads-q3\n" in read(repo, "okrs/2027-Q1/sales/leads-q1.yaml").decode()


def test_a_carried_child_follows_its_carried_parent(repo: Path, okrctl: Run) -> None:
    (repo / "okrs/2026-Q3/sales/calls-q3.yaml").write_text(CHILD.format(parent="leads-q3"))
    okrctl("grade", "2026-Q3")
    result = okrctl("close", "2026-Q3", "--carry")
    assert carries(result.out)["calls-q3"] == ("calls-q4", "okrs/2026-Q4/sales/calls-q4.yaml")
    text = read(repo, "okrs/2026-Q4/sales/calls-q4.yaml").decode()
    fields = _fields(repo, "okrs/2026-Q4/sales/calls-q4.yaml")
    assert (fields["parent"], fields["carried_from"]) == ("leads-q3-2026-q4", "calls-q3")
    assert "    baseline: 20\n    target: 30\n" in text
    assert okrctl("check").code == 0


def test_a_parent_left_behind_is_followed_by_its_namesake(repo: Path, okrctl: Run) -> None:
    parent = repo / "okrs/2026-Q3/sales/leads-q3.yaml"
    parent.write_text(parent.read_text().replace("type: aspirational", "type: committed"))
    (repo / "okrs/2026-Q3/sales/calls-q3.yaml").write_text(CHILD.format(parent="leads-q3"))
    okrctl("grade", "2026-Q3")
    okrctl("close", "2026-Q3", "--carry", "--except", "leads-q3")
    fields = _fields(repo, "okrs/2026-Q4/sales/calls-q4.yaml")
    assert (fields["parent"], fields["carried_from"]) == ("leads-q4", "calls-q3")


def test_an_operational_objective_whose_parent_stays_behind_is_not_carried(
    repo: Path, okrctl: Run
) -> None:
    parent = repo / "okrs/2026-Q3/sales/leads-q3.yaml"
    parent.write_text(parent.read_text().replace("type: aspirational", "type: committed"))
    (repo / "okrs/2026-Q4/sales/leads-q4.yaml").unlink()
    (repo / "okrs/2026-Q3/sales/calls-q3.yaml").write_text(CHILD.format(parent="leads-q3"))
    okrctl("grade", "2026-Q3")
    result = okrctl("close", "2026-Q3", "--carry", "--except", "leads-q3")
    assert list(not_carried(result.out)) == ["calls-q3"]
    assert "'leads-q3' has no successor" in not_carried(result.out)["calls-q3"]
    assert not (repo / "okrs/2026-Q4/sales/calls-q4.yaml").exists()


@pytest.mark.parametrize("target", ["2026-Q3", "2026-Q4x"])
def test_carrying_into_a_bad_period_is_refused(repo: Path, okrctl: Run, target: str) -> None:
    okrctl("grade", "2026-Q3")
    before = snapshot(repo)
    result = okrctl("close", "2026-Q3", "--carry", target)
    assert result.code == 2
    assert snapshot(repo) == before


def test_dry_run_writes_nothing(repo: Path, okrctl: Run) -> None:
    okrctl("grade", "2026-Q3")
    before = snapshot(repo)
    result = okrctl("close", "2026-Q3", "--carry", "--dry-run", "--only", "leads-q3")
    assert result.out.startswith(
        "would close 2026-Q3 in okrs/org.yaml\nwould carry into 2026-Q4:\n"
    )
    assert snapshot(repo) == before


def test_the_next_period_is_the_following_one_of_the_same_length() -> None:
    def period(pid: str, start: str, end: str) -> Period:
        return Period(id=pid, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))

    q4 = period("2026-Q4", "2026-10-01", "2026-12-31")
    year = period("2027", "2027-01-01", "2027-12-31")
    q1 = period("2027-Q1", "2027-01-01", "2027-03-31")
    q2 = period("2027-Q2", "2027-04-01", "2027-06-30")
    assert next_period([q2, year, q1, q4], q4) == q1
    assert next_period([q4], q4) is None


@pytest.mark.parametrize(
    ("old", "expected"),
    [("leads-q3", "leads-q4"), ("plan-2026-q3", "plan-2026-q4"), ("leads", None), ("q3", None)],
)
def test_successor_ids_swap_the_period_suffix(old: str, expected: str | None) -> None:
    assert successor_id(old, "2026-Q3", "2026-Q4") == expected


def _objective(oid: str, title: str, kind: str, score: float, **extra: str) -> str:
    fields = "".join(f"{k}: {v}\n" for k, v in extra.items())
    return (
        f"apiVersion: okrctl/v1\nkind: Objective\nid: {oid}\ntitle: {title}\n"
        f"level: operational\ntype: {kind}\nunit: sales\nowner: bo\nperiod: 2026-Q3\n"
        f"parent: leads-q3\n{fields}score: {score}\nkey_results:\n"
        f"  - id: calls\n    title: Calls rise to 30 in Q3\n    metric: calls-{oid}\n"
        f"    unit: calls\n    baseline: 10\n    target: 30\n    current: 28\n"
        f"    score: {score}\n"
    )


def test_by_default_only_what_fell_short_of_its_type_is_carried(repo: Path, okrctl: Run) -> None:
    folder = repo / "okrs/2026-Q3/sales"
    files = {
        "near-miss-q3": _objective("near-miss-q3", "Close the near misses", "committed", 0.9),
        "stretch-q3": _objective("stretch-q3", "Stretch the calls", "aspirational", 0.7),
        "short-q3": _objective("short-q3", "Reach the far leads", "aspirational", 0.6),
        "gone-q3": _objective(
            "gone-q3", "Cold calls", "committed", 0.2, status="dropped",
            dropped_reason="De-prioritised, the cold-call list was withdrawn.",
        ),
    }  # fmt: skip
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text.replace("score: 0.2\n", ""))
    okrctl("grade", "2026-Q3")
    result = okrctl("close", "2026-Q3", "--carry")
    assert result.code == 0, result
    out = result.out
    # committed below 1.0 and aspirational below 0.7 fell short; 0.7 and 0.8 aspirations
    # succeeded; dropped work never carries.
    assert {old: new for old, (new, _) in carries(out).items()} == {
        "near-miss-q3": "near-miss-q4",
        "short-q3": "short-q4",
    }
    assert "gone-q3" not in out
    # Titles naming the old period are reported, not rewritten.
    assert "2026-Q3 ('Q3')" in warned(out, "calls")
    carried = read(repo, "okrs/2026-Q4/sales/near-miss-q4.yaml").decode()
    assert "title: Calls rise to 30 in Q3\n" in carried
    assert not (repo / "okrs/2026-Q4/sales/gone-q4.yaml").exists()
    assert okrctl("check").code == 0


def test_only_and_except_name_objectives_of_the_period(repo: Path, okrctl: Run) -> None:
    okrctl("grade", "2026-Q3")
    before = snapshot(repo)
    unknown = okrctl("close", "2026-Q3", "--carry", "--only", "leads-q3,nope")
    assert unknown.code == 2 and "'nope'" in unknown.err
    alone = okrctl("close", "2026-Q3", "--except", "leads-q3")
    assert alone.code == 2 and "add --carry" in alone.err
    assert snapshot(repo) == before


def test_a_dropped_key_result_is_not_reported_as_met(repo: Path, okrctl: Run) -> None:
    dropped_kr = (
        "  - id: visits\n    title: Visit every lead\n    metric: visits\n    unit: visits\n"
        "    baseline: 0\n    target: 10\n    status: dropped\n"
        "    dropped_reason: The travel budget was withdrawn.\n"
    )
    text = _objective("short-q3", "Reach the far leads", "aspirational", 0.6) + dropped_kr
    (repo / "okrs/2026-Q3/sales/short-q3.yaml").write_text(text)
    okrctl("grade", "2026-Q3")
    result = okrctl("close", "2026-Q3", "--carry", "--only", "short-q3")
    assert result.code == 0, result
    assert carries(result.out) == {"short-q3": ("short-q4", "okrs/2026-Q4/sales/short-q4.yaml")}
    assert "visits" not in result.out
    assert "id: visits" not in read(repo, "okrs/2026-Q4/sales/short-q4.yaml").decode()


ROLLUP = """\
apiVersion: okrctl/v1
kind: Objective
id: reach-q3
title: Reach every lead
level: strategic
type: committed
unit: sales
owner: bo
period: 2026-Q3
key_results: []
"""


def test_a_roll_up_is_carried_only_when_something_supporting_it_is(repo: Path, okrctl: Run) -> None:
    """A roll-up objective continues only with work under it: naming it and a supporting
    objective whose key results were all met carries neither, so the next period never gets a
    roll-up with nothing supporting it (OKR312)."""
    folder = repo / "okrs/2026-Q3/sales"
    (folder / "reach-q3.yaml").write_text(ROLLUP)
    met = _objective("met-q3", "Call the near leads", "committed", 1.0)
    met = met.replace("parent: leads-q3", "parent: reach-q3").replace("current: 28", "current: 30")
    (folder / "met-q3.yaml").write_text(met)
    short = _objective("short-q3", "Call the far leads", "committed", 0.5)
    (folder / "short-q3.yaml").write_text(short.replace("parent: leads-q3", "parent: reach-q3"))
    okrctl("grade", "2026-Q3")

    result = okrctl("close", "2026-Q3", "--carry", "--only", "reach-q3,met-q3", "--dry-run")
    assert result.code == 0, result
    assert result.out.startswith("would close 2026-Q3 in okrs/org.yaml\n")
    assert carries(result.out) == {}
    reasons = not_carried(result.out)
    assert list(reasons) == ["reach-q3", "met-q3"]
    assert "roll-up" in reasons["reach-q3"] and "met" in reasons["met-q3"]

    result = okrctl("close", "2026-Q3", "--carry", "--only", "reach-q3,met-q3,short-q3")
    assert result.code == 0, result
    assert {old: new for old, (new, _) in carries(result.out).items()} == {
        "reach-q3": "reach-q4",
        "short-q3": "short-q4",
    }
    assert "parent: reach-q4\n" in read(repo, "okrs/2026-Q4/sales/short-q4.yaml").decode()
    assert not (repo / "okrs/2026-Q4/sales/met-q4.yaml").exists()
    assert okrctl("check").code == 0


def test_carry_never_writes_over_a_file_that_exists(
    repo: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OKR801 (file-exists), not OKR800 (a layout okrctl cannot edit): a different fix. The
    planner picks a free name, so the file appears between planning and writing (another
    process, a checkout)."""
    from okrctl.lifecycle import close as closing

    planned = closing.plan_carry

    def plan_then_someone_writes(*args: Any, **kwargs: Any) -> Any:
        plan = planned(*args, **kwargs)
        for new in plan.carried:
            (repo / new.file).parent.mkdir(parents=True, exist_ok=True)
            (repo / new.file).write_text("a draft someone keeps here\n")
        return plan

    monkeypatch.setattr(closing, "plan_carry", plan_then_someone_writes)
    okrctl("grade", "2026-Q3")
    result = okrctl("close", "2026-Q3", "--carry", "--only", "leads-q3")
    assert result.code == 1, result.out + result.err
    assert f"{CARRIED}:1:1: error OKR801 " in result.out + result.err
    assert "OKR800" not in result.out + result.err
    assert (repo / CARRIED).read_text() == "a draft someone keeps here\n"
