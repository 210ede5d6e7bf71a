"""Reading files on several cores tells users exactly what reading them in one process does."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from okrctl import config as configuration
from okrctl import engine, perfile, workers
from okrctl.load import discover, events, fast, parse_text
from tests.conftest import CASES

TODAY = dt.date(2026, 12, 20)
"""Late in 2026-Q4, in which the example objective has no check-in: each key result is stale."""


def _mixed_repository(root: Path) -> Path:
    """Every case folder's objective files side by side: valid, invalid, unreadable, YAML 1.1."""
    okrs = root / "okrs"
    shutil.copytree(CASES / "ok-minimal" / "okrs", okrs)
    for case in sorted(CASES.iterdir()):
        for path in sorted((case / "okrs").rglob("*.yaml")):
            if path.name != "org.yaml":
                target = okrs / "mixed" / case.name / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
    (okrs / "mixed" / "bytes.yaml").write_bytes(b"title: caf\xe9\n")
    (root / ".git").mkdir()
    return root


def test_two_processes_report_what_one_does(tmp_path: Path) -> None:
    root = _mixed_repository(tmp_path)
    serial = engine.check_repository(root, [root / "okrs"], jobs=1)
    parallel = engine.check_repository(root, [root / "okrs"], jobs=2)
    assert len(serial.diagnostics) > 20
    assert parallel.diagnostics == serial.diagnostics
    assert sorted(parallel.cascade.objectives) == sorted(serial.cascade.objectives)

    def models(result: engine.CheckResult) -> dict[str, object]:
        return {key: (e.objective, e.file) for key, e in result.cascade.objectives.items()}

    assert models(parallel) == models(serial)


def test_text_where_text_is_expected_survives_the_fast_path(tmp_path: Path) -> None:
    root = _mixed_repository(tmp_path)
    sources, _ = discover(root, [root / "okrs"])
    outcomes = {o.name: o for o in perfile.check_files(sources, jobs=2)}
    norway = outcomes["okrs/mixed/yaml11-words-stay-text/norway.yaml"]
    assert list(norway.diagnostics) == []
    assert norway.model is not None
    assert norway.model.title == "no"  # type: ignore[union-attr]


def test_positions_are_computed_only_when_asked(tmp_path: Path) -> None:
    root = _mixed_repository(tmp_path)
    result = engine.check_repository(root, [root / "okrs"], jobs=2)
    entry = result.cascade.objectives["grow"]
    assert entry.source._entries is None  # nothing needed them
    assert entry.source.locate(("owner",)) == (7, 8)


def test_small_repositories_use_one_process() -> None:
    assert workers.jobs_for(10, None) == 1
    assert workers.jobs_for(10_000, None) >= 1
    assert workers.jobs_for(10, 3) == 3


def test_workers_started_by_spawn_report_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS and Windows start workers by spawn (a fresh interpreter that imports okrctl), not by
    fork: the same findings."""
    root = _mixed_repository(tmp_path)
    serial = engine.check_repository(root, [root / "okrs"], jobs=1)
    monkeypatch.setattr(perfile, "pool_context", lambda: multiprocessing.get_context("spawn"))
    spawned = engine.check_repository(root, [root / "okrs"], jobs=2)
    assert spawned.diagnostics == serial.diagnostics


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        ({"process_cpu_count": lambda: 6, "sched_getaffinity": lambda _: {0, 1}}, 6),
        ({"sched_getaffinity": lambda _: {0, 1, 2}}, 3),
        ({}, 5),  # macOS and Windows before Python 3.13: os.cpu_count
        ({"process_cpu_count": lambda: None}, 1),  # cannot tell: one
    ],
)
def test_the_usable_processors_are_counted_on_every_platform(
    monkeypatch: pytest.MonkeyPatch, available: dict[str, object], expected: int
) -> None:
    for name in ("process_cpu_count", "sched_getaffinity"):
        monkeypatch.delattr(os, name, raising=False)
    for name, function in available.items():
        monkeypatch.setattr(os, name, function, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 5)
    assert workers.usable_cpus() == expected
    assert workers.jobs_for(10_000, None) == min(expected, 8)


def _every_file_with_a_finding(root: Path, copies: int) -> Path:
    """The example objective `grow`, copied under new ids, each with a stale check-in."""
    okrs = root / "okrs"
    shutil.copytree(CASES / "ok-minimal" / "okrs", okrs)
    grow = next(p for p in okrs.rglob("*.yaml") if p.name != "org.yaml")
    text = grow.read_text(encoding="utf-8")
    for n in range(copies):
        copy = text.replace("id: grow", f"id: grow-{n}", 1)
        (grow.parent / f"grow-{n}.yaml").write_text(copy, encoding="utf-8")
    (root / ".git").mkdir()
    return root


def test_a_finding_is_placed_without_parsing_its_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Positions come from the first parse: with a finding in every file, each file is still
    parsed exactly once, and the findings land where the exact parser places them."""
    root = _every_file_with_a_finding(tmp_path, 5)
    files = len(list((root / "okrs").rglob("*.yaml")))
    parses: list[str] = []
    real_compose, real_reader = fast.compose_marked, events.EventReader.read

    def counted_compose(text: str) -> object:
        parses.append("fast")
        return real_compose(text)

    def counted_reader(self: events.EventReader, text: str) -> object:
        parses.append("events")
        return real_reader(self, text)

    monkeypatch.setattr(fast, "compose_marked", counted_compose)
    monkeypatch.setattr(events.EventReader, "read", counted_reader)
    config = configuration.Config()
    result = engine.check_repository(root, [root / "okrs"], config=config, today=TODAY, jobs=1)
    stale = [d for d in result.diagnostics if d.code == "OKR700"]
    assert len(stale) >= 6
    assert parses == ["fast"] * files  # no file was read twice to place its finding
    for diagnostic in stale:
        exact = parse_text((root / diagnostic.file).read_text(encoding="utf-8"), "f")
        lines = {entry[2] for entry in exact.source.entries.values()}
        assert diagnostic.line in lines and diagnostic.line > 1


def test_workers_place_findings_where_one_process_does(tmp_path: Path) -> None:
    root = _every_file_with_a_finding(tmp_path, 30)
    grow = root / "okrs" / "2026-Q4" / "company" / "grow.yaml"
    text = grow.read_text(encoding="utf-8").replace("id: grow", "id: r-and-d", 1)
    # an `&` in the text: the worker reads it with the event reader, not the fast path
    (grow.parent / "r-and-d.yaml").write_text(text.replace("title: ", "title: R&D ", 1))
    config = configuration.Config()
    serial = engine.check_repository(root, [root / "okrs"], config=config, today=TODAY, jobs=1)
    parallel = engine.check_repository(root, [root / "okrs"], config=config, today=TODAY, jobs=2)
    assert len([d for d in serial.diagnostics if d.code == "OKR700"]) > 30
    assert any(d.file.endswith("r-and-d.yaml") for d in serial.diagnostics)
    assert parallel.diagnostics == serial.diagnostics


def test_loading_resumes_the_collector_with_the_loaded_files_frozen(tmp_path: Path) -> None:
    """The collector's first pass after loading must not walk every loaded object (it took most
    of the parent's time with a finding in every file); `serve` hands them back between
    rebuilds so that nothing stays frozen for good."""
    root = _mixed_repository(tmp_path)
    perfile.unfreeze()
    assert gc.get_freeze_count() == 0
    result = engine.check_repository(root, [root / "okrs"], jobs=2)
    assert result.diagnostics
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    perfile.unfreeze()
    assert gc.get_freeze_count() == 0
