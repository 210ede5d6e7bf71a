"""Sharing work between processes (`okrctl.workers.share`) gives what one process gives."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from okrctl import engine, workers
from okrctl.config import Config
from tests.test_perfile import TODAY, _mixed_repository

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


def _fails_in_a_child(parent: int) -> Callable[[int], int]:
    def work(i: int) -> int:
        if os.getpid() != parent:
            raise ValueError("a rule broke")
        return i

    return work


@forks
def test_a_failure_in_a_child_is_raised_here_with_its_traceback() -> None:
    work = _fails_in_a_child(os.getpid())
    with pytest.raises(RuntimeError, match="ValueError: a rule broke"):
        for _ in range(20):  # until the child takes a task (it nearly always does at once)
            workers.share(200, work, 2)


def test_rules_shared_between_processes_report_what_one_process_does(tmp_path: Path) -> None:
    root = _mixed_repository(tmp_path)
    config = Config()
    serial = engine.check_repository(root, [root / "okrs"], config=config, today=TODAY, jobs=1)
    shared = engine.check_repository(root, [root / "okrs"], config=config, today=TODAY, jobs=2)
    assert len({d.code for d in serial.diagnostics if d.code >= "OKR400"}) > 5
    assert shared.diagnostics == serial.diagnostics
