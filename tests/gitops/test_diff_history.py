"""`okrctl diff` shows every change to recorded history, loudly: check-ins removed, rewritten
(value, date, confidence, author, note) or backdated, grades and retrospectives changed once
given. Before, a rewritten check-in was invisible (only their count and notes were compared)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from okrctl.gitops.history_changes import checkin_changes
from okrctl.model import CheckIn
from tests.gitops.conftest import TODAY, Repo

OPS = "okrs/2026-Q4/ops/ship-faster-q4.yaml"
RECORDED = "      - date: 2026-11-13\n        value: 70\n        confidence: 0.7\n"


def _json(okrctl) -> dict:
    result = okrctl("diff", "--format", "json", "--today", TODAY)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _history(document: dict) -> list[tuple]:
    return [
        (c["ref"], c["field"], c.get("checkin"), c["old"], c["new"])
        for o in document["objectives"]
        for c in o["changes"]
        if c.get("history_rewritten")
    ]


@pytest.mark.parametrize(
    ("rewritten", "change"),
    [
        ("value: 95\n        confidence: 0.7\n", ("checkin.value", 70, 95)),
        ("value: 70\n        confidence: 0.9\n", ("checkin.confidence", 0.7, 0.9)),
        ("value: 70\n        confidence: 0.7\n        by: cy\n", ("checkin.by", None, "cy")),
        (
            "value: 70\n        confidence: 0.7\n        note: Fine.\n",
            ("checkin.note", None, "Fine."),
        ),
    ],
)
def test_a_rewritten_check_in_is_shown_in_every_format(
    repo: Repo, okrctl, rewritten: str, change: tuple
) -> None:
    repo.edit(OPS, RECORDED, "      - date: 2026-11-13\n        " + rewritten)
    field, old, new = change
    assert _history(_json(okrctl)) == [("same-day", field, "2026-11-13", old, new)]
    text = okrctl("diff", "--today", TODAY).out.splitlines()
    assert "1 changed, 1 change to recorded history" in text
    assert any(
        line.startswith(
            f"    history rewritten: key result same-day check-in of 2026-11-13 {field[8:]} "
        )
        and line.endswith("  !! history rewritten")
        for line in text
    ), text
    markdown = okrctl("diff", "--format", "markdown", "--today", TODAY).out
    assert "⚠️ **Recorded history rewritten**" in markdown
    assert (
        f"- ⚠️ history rewritten: key result `same-day` check-in of `2026-11-13` {field[8:]} "
        in markdown
    )


def test_a_check_in_moved_to_another_day_is_one_check_in_rewritten(repo: Repo, okrctl) -> None:
    repo.edit(OPS, RECORDED, RECORDED.replace("2026-11-13", "2026-11-02"))
    assert _history(_json(okrctl)) == [
        ("same-day", "checkin.date", "2026-11-13", "2026-11-13", "2026-11-02")
    ]


def test_a_removed_check_in_rewrites_history(repo: Repo, okrctl) -> None:
    repo.edit(OPS, "    checkins:\n" + RECORDED, "")
    assert _history(_json(okrctl)) == [
        ("same-day", "checkin removed", "2026-11-13", "2026-11-13: value 70, confidence 0.7", None)
    ]


def test_a_check_in_after_the_last_is_progress_and_a_backdated_one_rewrites(
    repo: Repo, okrctl
) -> None:
    later = "      - date: 2026-11-20\n        value: 75\n"
    earlier = "      - date: 2026-11-01\n        value: 55\n"
    repo.edit(OPS, RECORDED, earlier + RECORDED + later)
    document = _json(okrctl)
    assert _history(document) == [
        ("same-day", "checkin added", "2026-11-01", None, "2026-11-01: value 55")
    ]
    progress = [
        (c["field"], c["new"])
        for o in document["objectives"]
        for c in o["changes"]
        if c["category"] == "progress" and c["ref"] == "same-day"
    ]
    assert progress == [("checkin added", "2026-11-20: value 75")]


def test_grades_and_retrospectives_changed_once_given_rewrite_history(repo: Repo, okrctl) -> None:
    repo.edit(OPS, "    current: 70\n", "    current: 70\n    score: 0.6\n")
    repo.edit(OPS, "period: 2026-Q4\n", "period: 2026-Q4\nscore: 0.5\nretrospective: Late.\n")
    repo.commit("graded")
    repo.git("branch", "-f", "main", "HEAD")
    first = _json(okrctl)
    assert _history(first) == []
    repo.edit(OPS, "    score: 0.6\n", "    score: 0.9\n")
    repo.edit(OPS, "score: 0.5\nretrospective: Late.\n", "score: 0.8\nretrospective: On time.\n")
    assert sorted(_history(_json(okrctl))) == [
        ("same-day", "grade", None, 0.6, 0.9),
        ("ship-faster-q4", "grade", None, 0.5, 0.8),
        ("ship-faster-q4", "retrospective", None, "Late.", "On time."),
    ]


def test_a_first_grade_is_progress(repo: Repo, okrctl) -> None:
    repo.edit(OPS, "period: 2026-Q4\n", "period: 2026-Q4\nscore: 0.5\n")
    changes = [c for o in _json(okrctl)["objectives"] for c in o["changes"]]
    assert [(c["category"], c["field"], c["new"]) for c in changes if c["field"] == "grade"] == [
        ("progress", "grade", 0.5)
    ]
    assert not any(c.get("history_rewritten") for c in changes)


# --------------------------------------------------------------------------- alignment


def _c(day: int, value: float, note: str | None = None) -> CheckIn:
    return CheckIn(date=dt.date(2026, 11, day), value=value, note=note)


def _shown(changes) -> list[tuple]:
    return [(c.category, c.field, c.at, c.old, c.new) for c in changes]


def test_a_check_in_inserted_in_the_middle_is_one_change() -> None:
    old = [_c(1, 1), _c(8, 2), _c(15, 3)]
    new = [_c(1, 1), _c(4, 9), _c(8, 2), _c(15, 3)]
    assert _shown(checkin_changes("kr", old, new)) == [
        ("history", "checkin added", "2026-11-04", None, "2026-11-04: value 9")
    ]


def test_an_edit_and_an_appended_check_in_are_told_apart() -> None:
    old = [_c(1, 1), _c(8, 2)]
    new = [_c(1, 1), _c(8, 5, "Recounted"), _c(15, 6)]
    assert _shown(checkin_changes("kr", old, new)) == [
        ("history", "checkin.value", "2026-11-08", 2, 5),
        ("history", "checkin.note", "2026-11-08", None, "Recounted"),
        ("progress", "checkin added", "2026-11-15", None, "2026-11-15: value 6"),
    ]


def test_history_rewritten_counts_on_the_summary_line_of_a_whole_file_rewrite() -> None:
    old = [_c(d, d) for d in range(1, 29)]
    new = [_c(d, d + 1) for d in range(1, 29)]
    changes = checkin_changes("kr", old, new)
    assert len(changes) == 28 and all(c.rewrite and c.field == "checkin.value" for c in changes)


def test_every_field_of_the_organisation_is_compared(repo: Repo, okrctl) -> None:
    repo.edit(
        "okrs/org.yaml", "    lead: dee\n    headcount: 4\n", "    lead: dee\n    headcount: 5\n"
    )
    repo.edit(
        "okrs/org.yaml", "    name: Dee Park\n", "    name: Dee Park\n    email: dee@acme.test\n"
    )
    changes = _json(okrctl)["organization"]
    assert [(c["of"], c["ref"], c["field"], c["old"], c["new"]) for c in changes] == [
        ("unit", "ops", "headcount", 4, 5),
        ("person", "dee", "email", None, "dee@acme.test"),
    ]
