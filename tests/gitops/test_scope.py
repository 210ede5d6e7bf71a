"""The nearby scope finds exactly what a full comparison finds, or falls back to one and says why."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from okrctl.gitops import scope
from okrctl.gitops.diff import Report, diff
from tests.gitops.conftest import Repo

SALES = "okrs/2026-Q4/sales/more-deals-q4.yaml"
FIELD = "okrs/2026-Q4/field/demos-q4.yaml"
OPS = "okrs/2026-Q4/ops/ship-faster-q4.yaml"
GROW_Q4 = "okrs/2026-Q4/acme/grow-q4.yaml"


def _checkin(repo: Repo) -> None:
    repo.edit(SALES, "current: 11\n", "current: 14\n")


def _other_unit_parent(repo: Repo) -> None:
    repo.edit(OPS, "parent: grow-q4", "parent: more-deals-q4")  # OKR307: sales is not above ops


def _cycle_placed_elsewhere(repo: Repo) -> None:
    # grow-q4 -> demos-q4 -> more-deals-q4 -> grow-q4: reported at demos-q4, an unchanged file
    # that does not even mention grow-q4.
    repo.edit(GROW_Q4, "carried_from: grow-q3\n", "carried_from: grow-q3\nparent: demos-q4\n")


def _duplicate_id(repo: Repo) -> None:
    repo.write(
        "okrs/2026-Q4/acme/demos-q4.yaml", repo.read(FIELD).replace("unit: field", "unit: acme")
    )


def _unit_moved_under_its_children(repo: Repo) -> None:
    repo.edit(SALES, "unit: sales", "unit: ops")  # demos-q4 (field) now supports an ops objective


def _period_moved(repo: Repo) -> None:
    repo.edit(SALES, "period: 2026-Q4", "period: 2026-Q3")


def _broken_file(repo: Repo) -> None:
    repo.write(OPS, "apiVersion: okrctl/v1\nkind: Objective\nid: ship-faster-q4\n")


def _renamed_file(repo: Repo) -> None:
    repo.git("mv", OPS, "okrs/2026-Q4/ops/ship-faster-q4.yml")


EXACT: dict[str, Callable[[Repo], None]] = {
    "check-in": _checkin,
    "parent in another unit": _other_unit_parent,
    "cycle reported in an unchanged file": _cycle_placed_elsewhere,
    "duplicate id": _duplicate_id,
    "unit moved": _unit_moved_under_its_children,
    "period moved": _period_moved,
    "broken file": _broken_file,
    "renamed file": _renamed_file,
}


def _without_scope(report: Report) -> Report:
    return dataclasses.replace(report, scope="full", scope_note="")


@pytest.mark.parametrize("change", EXACT.values(), ids=EXACT.keys())
def test_nearby_finds_what_a_full_comparison_finds(repo, change):
    change(repo)
    near = diff(repo.path, scope_mode="nearby")
    full = diff(repo.path, scope_mode="full")
    assert near.scope == "nearby", near.scope_note
    assert near.introduced or near.objectives, "the change must show"
    assert _without_scope(near) == _without_scope(full)


def test_the_cycle_case_really_reports_in_the_unchanged_file(repo):
    _cycle_placed_elsewhere(repo)
    near = diff(repo.path, scope_mode="nearby")
    assert [(d.file, d.code) for d in near.introduced] == [
        (GROW_Q4, "OKR307"),
        (FIELD, "OKR306"),
    ]
    # Reported: grow-q4 and the two that name it; demos-q4 is only loaded, as a link of the chain.
    assert near.scope_note.startswith("findings compared over the 3 changed and related files")


def test_nearby_between_two_commits(repo):
    _other_unit_parent(repo)
    head = repo.commit("re-parent")
    near = diff(repo.path, "main", head, scope_mode="nearby")
    full = diff(repo.path, "main", head, scope_mode="full")
    assert near.scope == "nearby"
    assert [d.code for d in near.introduced] == ["OKR307"]
    assert _without_scope(near) == _without_scope(full)


FALLBACKS: dict[str, tuple[Callable[[Repo], None], str]] = {
    "organisation changed": (
        lambda repo: repo.edit("okrs/org.yaml", "headcount: 4", "headcount: 5"),
        "the organisation file changed",
    ),
    "unknown objective": (
        lambda repo: repo.edit(FIELD, "  - ship-faster-q4", "  - ship-fast-q4"),
        "no file is named after objective 'ship-fast-q4'",
    ),
    "removed objective still named": (
        lambda repo: repo.remove(GROW_Q4),
        "no file is named after objective 'grow-q4'",
    ),
}


@pytest.mark.parametrize("change,reason", FALLBACKS.values(), ids=FALLBACKS.keys())
def test_falls_back_to_a_full_comparison(repo, change, reason):
    change(repo)
    report = diff(repo.path, scope_mode="nearby")
    assert report.scope == "full"
    assert report.scope_note == f"every file checked on both sides ({reason})"


def test_many_changed_files_are_compared_in_full(repo, monkeypatch):
    monkeypatch.setattr(scope, "MAX_CHANGED", 1)
    _checkin(repo)
    _period_moved(repo)
    repo.edit(FIELD, "title: Make every demo count", "title: Make each demo count")
    report = diff(repo.path, scope_mode="nearby")
    assert report.scope_note == "every file checked on both sides (2 files changed)"


def test_auto_picks_nearby_in_large_repositories(repo, monkeypatch):
    from okrctl.gitops import diff as module

    _checkin(repo)
    assert diff(repo.path).scope == "full"
    monkeypatch.setattr(module, "FULL_BELOW", 6)
    assert diff(repo.path).scope == "nearby"
