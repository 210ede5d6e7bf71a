"""Sharing work between processes (`okrctl.workers.share`) gives what one process gives."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from okrctl import engine, workers
from okrctl.checks.base import Context
from okrctl.config import Config, load
from tests.conftest import REPO
from tests.test_perfile import TODAY, _mixed_repository

sys.path.insert(0, str(REPO / "bench"))
import synth

forks = pytest.mark.skipif(sys.platform != "linux", reason="processes start by fork on Linux only")


def _square_and_pid(i: int) -> tuple[int, int]:
    return i * i, os.getpid()


@forks
def test_results_come_back_in_order_from_several_processes() -> None:
    found = workers.share(40, _square_and_pid, 3)
    assert [value for value, _ in found] == [i * i for i in range(40)]
    assert len({pid for _, pid in found}) >= 1
    assert workers.share(0, _square_and_pid, 3) == []


def test_one_process_or_one_task_runs_here() -> None:
    assert workers.share(5, _square_and_pid, 1) == [(i * i, os.getpid()) for i in range(5)]
    assert workers.share(1, _square_and_pid, 4) == [(0, os.getpid())]


def _fails_in_a_child(parent: int, taken: Path) -> Callable[[int], int]:
    """Work that fails in a child; here, the first task waits until a child has taken one, so
    the child's failure does not depend on how busy the machine is."""

    def work(i: int) -> int:
        if os.getpid() != parent:
            taken.touch()
            raise ValueError("a rule broke")
        deadline = time.monotonic() + 60  # a guard against a child that never starts, not a timer
        while i == 0 and not taken.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return i

    return work


@forks
def test_a_failure_in_a_child_is_raised_here_with_its_traceback(tmp_path: Path) -> None:
    work = _fails_in_a_child(os.getpid(), tmp_path / "taken")
    with pytest.raises(RuntimeError, match="ValueError: a rule broke"):
        workers.share(200, work, 2)


def test_rules_shared_between_processes_report_what_one_process_does(tmp_path: Path) -> None:
    root = _mixed_repository(tmp_path)
    config = Config()
    serial = engine.check_repository(root, [root / "okrs"], config=config, today=TODAY, jobs=1)
    shared = engine.check_repository(root, [root / "okrs"], config=config, today=TODAY, jobs=2)
    assert len({d.code for d in serial.diagnostics if d.code >= "OKR400"}) > 5
    assert shared.diagnostics == serial.diagnostics


@pytest.mark.parametrize("count", [0, 1, 2, 7, 8, 9, 100])
def test_the_parts_of_a_rule_run_in_parts_cover_every_objective_once_in_order(count: int) -> None:
    entries = [object() for _ in range(count)]

    class Seen:
        def __init__(self) -> None:
            self.entries = entries

    for parts in (1, 2, 3, 4, 8):
        seen = [
            e
            for part in range(parts)
            for e in Context(None, Seen(), None, TODAY, part=(part, parts)).entries  # type: ignore[arg-type]
        ]
        assert seen == entries


@forks
def test_a_rule_run_in_parts_reports_what_one_process_does(tmp_path: Path) -> None:
    """OKR440 reads every key result's title alone (`Rule.per_objective`) and runs in parts
    shared between processes: the same findings, in the same order, as one process."""
    root = tmp_path / "synth"
    synth.generate(root, 1_000, findings=5)
    config = load(root, None)
    serial = engine.check_repository(root, config=config, today=TODAY, jobs=1)
    shared = engine.check_repository(root, config=config, today=TODAY, jobs=2)
    assert sum(d.code == "OKR440" for d in serial.diagnostics) > 50
    assert shared.diagnostics == serial.diagnostics
