"""`close --carry` plans a parent chain thousands of objectives deep without recursion (its time is
measured in bench/, never here: machines are shared)."""

from __future__ import annotations

import sys
from pathlib import Path

from okrctl.lifecycle.carry import plan_carry
from okrctl.lifecycle.repo import open_repository
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
from deep import HEADER, org

DEEP = 10_000


def test_a_chain_ten_thousand_deep_is_planned_in_linear_time(tmp_path: Path) -> None:
    # Candidates are carried parents first; each one's depth was its whole parent chain walked
    # again: 7 s for this chain. Roll-ups that nothing measures are skipped without writing a
    # file, so the planning is what is timed.
    folder = tmp_path / "okrs" / "2026-Q4" / "u0"
    folder.mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    periods = "  - id: 2027-Q1\n    start: 2027-01-01\n    end: 2027-03-31\n"
    (tmp_path / "okrs" / "org.yaml").write_text(org(1) + periods)
    for i in range(DEEP):
        text = (
            f"{HEADER}kind: Objective\nid: o{i}\ntitle: Objective {i}\nlevel: strategic\n"
            "type: aspirational\nunit: u0\nowner: p\nperiod: 2026-Q4\n"
        )
        text += f"parent: o{i - 1}\n" if i else ""
        (folder / f"o{i}.yaml").write_text(text)
    repo = open_repository(tmp_path)
    entries = list(repo.cascade.iter_objectives())
    old, new = repo.period("2026-Q4"), repo.period("2027-Q1")
    plan = plan_carry(repo, old, new, entries, ({e.objective.id for e in entries}, set()))
    assert plan.carried == []
    assert [oid for oid, _ in plan.skipped][:3] == ["o0", "o1", "o2"]  # parents first
    assert len(plan.skipped) == DEEP
