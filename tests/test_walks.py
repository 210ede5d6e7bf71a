"""Trees thousands of levels deep: findings or correct output, never a RecursionError (issue 14,
item 12). The timings are in bench/deep.py; these tests only check the results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from okrctl import engine, scoring
from okrctl.cli import run
from tests.conftest import REPO, child_env

sys.path.insert(0, str(REPO / "bench"))
from deep import chain_repo, objective, units_repo

DEEP = 3000
"""Deeper than Python's recursion limit (1,000), so any recursive walk fails."""


def _okrctl(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.chdir(root)
    return run(list(args))


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    root = tmp_path / "chain"
    (root / ".git").mkdir(parents=True)
    chain_repo(root, DEEP)
    return root


@pytest.fixture
def units(tmp_path: Path) -> Path:
    root = tmp_path / "units"
    (root / ".git").mkdir(parents=True)
    units_repo(root, DEEP)
    return root


def test_a_parent_chain_thousands_deep(
    chain: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _okrctl(chain, monkeypatch, "check", "--today", "2026-11-22") == 0
    capsys.readouterr()
    assert _okrctl(chain, monkeypatch, "export") == 0
    exported = json.loads(capsys.readouterr().out)
    scores = {o["id"]: o["score"] for o in exported["objectives"]}
    assert len(scores) == DEEP
    assert scores["o0"] is scores[f"o{DEEP - 1}"] is None  # nothing measured anywhere
    assert _okrctl(chain, monkeypatch, "export", "--format", "csv") == 0
    assert len(capsys.readouterr().out.splitlines()) == 1 + 2 * DEEP  # objectives, key results
    assert _okrctl(chain, monkeypatch, "codeowners") == 0


def test_units_nested_thousands_deep(
    units: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _okrctl(units, monkeypatch, "check", "--today", "2026-11-22") == 0
    assert _okrctl(units, monkeypatch, "export") == 0
    assert _okrctl(units, monkeypatch, "codeowners") == 0
    owners = (units / ".github" / "CODEOWNERS").read_text()
    assert f"# unit u{DEEP - 1}: no lead with a `github` handle here or above" in owners
    org = units / "okrs" / "org.yaml"  # a handle at the top reaches the unit at the bottom
    org.write_text(org.read_text().replace("    name: P\n", "    name: P\n    github: pat\n"))
    assert _okrctl(units, monkeypatch, "codeowners") == 0
    owners = (units / ".github" / "CODEOWNERS").read_text()
    assert f"/okrs/*/u{DEEP - 1}/ @pat" in owners


def test_a_unit_cycle_thousands_long_is_one_finding(
    units: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    org = units / "okrs" / "org.yaml"
    org.write_text(
        org.read_text().replace(
            "  - id: u0\n    name: U0\n", f"  - id: u0\n    name: U0\n    parent: u{DEEP - 1}\n"
        )
    )
    assert _okrctl(units, monkeypatch, "check", "--today", "2026-11-22", "--format", "json") == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    cycles = [f for f in found if f["code"] == "OKR306"]
    assert len(cycles) == 1
    assert cycles[0]["message"].startswith("units form a cycle: u0 -> u2999 -> u2998")
    assert _okrctl(units, monkeypatch, "codeowners") == 0


def test_effective_scores_for_all_match_one_at_a_time(tmp_path: Path) -> None:
    """`effective_scores` (linear, for all) gives every objective the score `effective_score`
    gives it alone, cycles too."""
    root = tmp_path / "repo"
    chain_repo(root, 40)
    folder = root / "okrs" / "2026-Q4" / "u0"
    cycle = {"c0": "c2", "c1": "c0", "c2": "c1"}  # a cycle, with a chain and a tree below
    for oid, parent in cycle.items():
        (folder / f"{oid}.yaml").write_text(objective(oid, "u0", parent))
    for i, parent in enumerate(["c1", "d0", "d0", "d1", "o3", "o3", "o39"]):
        (folder / f"d{i}.yaml").write_text(objective(f"d{i}", "u0", parent))
    done = folder / "o5.yaml"
    done.write_text(done.read_text().replace("target: 2\n", "target: 2\n    current: 2\n"))
    cascade = engine.check_repository(root).cascade
    assert len(cascade.objectives) == 50
    every = scoring.effective_scores(cascade)
    for oid in sorted(cascade.objectives, reverse=True):
        assert every[oid] == pytest.approx(scoring.effective_score(cascade, oid)), oid
    assert scoring.in_cycles(cascade) == set(cycle)
    assert every["o0"] == 1.0  # o5's measured 1.0 rolls up the chain of unmeasured ones


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["chain", "units"])
def test_build_a_site_of_a_deep_tree(tmp_path: Path, shape: str) -> None:
    root = tmp_path / shape
    (root / ".git").mkdir(parents=True)
    if shape == "chain":
        chain_repo(root, 1500)
    else:
        units_repo(root, DEEP)
    built = subprocess.run(
        [sys.executable, "-m", "okrctl", "build", "--today", "2026-11-22"],
        cwd=root,
        env=child_env(PYTHONPATH=str(REPO), HOME=str(tmp_path)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    assert (root / "public" / "index.html").is_file()


def test_folders_nested_thousands_deep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    chain_repo(root, 1)
    top = root / "okrs" / "2026-Q4" / "u0"
    monkeypatch.chdir(top)
    try:
        for _ in range(1500):  # one step at a time: the whole path is longer than PATH_MAX
            Path("a").mkdir()
            monkeypatch.chdir("a")
        Path("deep.yaml").write_text("kind: Objective\n")
        code = _okrctl(root, monkeypatch, "check", "--today", "2026-11-22", "--format", "json")
        assert code == 1
        found = json.loads(capsys.readouterr().out)["findings"]
        deep = [f["file"] for f in found if f["file"].endswith("deep.yaml")]
        assert deep and deep[0].split("/").count("a") == 1500
    finally:  # bottom up: shutil.rmtree (pytest's clean-up) recurses, and would fail
        monkeypatch.chdir(top)
        depth = 0
        while Path("a").is_dir():
            monkeypatch.chdir("a")
            depth += 1
        Path("deep.yaml").unlink(missing_ok=True)
        for _ in range(depth):
            monkeypatch.chdir("..")
            Path("a").rmdir()
