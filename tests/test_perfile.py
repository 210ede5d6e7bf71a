"""Reading files on several cores tells users exactly what reading them in one process does."""

from __future__ import annotations

import shutil
from pathlib import Path

from okrctl import engine, perfile
from okrctl.load import discover
from tests.conftest import CASES


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
    serial = engine.run(root, [root / "okrs"], jobs=1)
    parallel = engine.run(root, [root / "okrs"], jobs=2)
    assert len(serial.diagnostics) > 20
    assert parallel.diagnostics == serial.diagnostics
    assert sorted(parallel.cascade.objectives) == sorted(serial.cascade.objectives)

    def models(result: engine.CheckResult) -> dict[str, object]:
        return {key: (e.objective, e.file) for key, e in result.cascade.objectives.items()}

    assert models(parallel) == models(serial)


def test_text_where_text_is_expected_survives_the_fast_path(tmp_path: Path) -> None:
    root = _mixed_repository(tmp_path)
    sources, _ = discover(root, [root / "okrs"])
    outcomes = {o.source.rel: o for o in perfile.check_files(sources, jobs=2)}
    norway = outcomes["okrs/mixed/yaml11-words-stay-text/norway.yaml"]
    assert norway.diagnostics == []
    assert norway.model is not None
    assert norway.model.title == "no"  # type: ignore[union-attr]


def test_positions_are_computed_only_when_asked(tmp_path: Path) -> None:
    root = _mixed_repository(tmp_path)
    result = engine.run(root, [root / "okrs"], jobs=2)
    entry = result.cascade.objectives["grow"]
    assert entry.source._entries is None  # nothing needed them
    assert entry.source.locate(("owner",)) == (7, 8)


def test_small_repositories_use_one_process() -> None:
    assert perfile.jobs_for(10, None) == 1
    assert perfile.jobs_for(10_000, None) >= 1
    assert perfile.jobs_for(10, 3) == 3
