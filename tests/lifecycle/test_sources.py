"""Metric sources: values from CSV, JSON and commands; every failure is a problem, not a crash."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from okrctl.model import MetricSource
from okrctl.sources.reading import Problem, read

LEADS_CSV = "week,region,leads\n2026-10-05,north,10\n2026-10-12,south,20\n2026-10-19,north,\n2026-10-26,north,40\n"


def source(**fields: Any) -> MetricSource:
    return MetricSource.model_validate(fields)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics/leads.csv").write_text(LEADS_CSV)
    (tmp_path / "metrics/leads.json").write_text(
        '[{"region": "north", "leads": 10}, {"region": "south", "leads": "20"}]'
    )
    (tmp_path / "metrics/totals.json").write_text('{"totals": {"leads": 70, "weekly": [1, 2.5]}}')
    return tmp_path


@pytest.mark.parametrize(
    ("fields", "value"),
    [
        ({"column": "leads"}, 40.0),
        ({"column": "leads", "aggregate": "first"}, 10.0),
        ({"column": "leads", "aggregate": "sum"}, 70.0),
        ({"column": "leads", "aggregate": "mean"}, 70 / 3),
        ({"column": "leads", "aggregate": "max"}, 40.0),
        ({"column": "leads", "aggregate": "min"}, 10.0),
        ({"aggregate": "count"}, 4.0),
        ({"column": "leads", "aggregate": "sum", "where": {"region": "north"}}, 50.0),
    ],
)
def test_csv(root: Path, fields: dict[str, Any], value: float) -> None:
    assert read(root, source(path="metrics/leads.csv", **fields)) == pytest.approx(value)


@pytest.mark.parametrize(
    ("path", "fields", "value"),
    [
        ("metrics/leads.json", {"column": "leads", "aggregate": "sum"}, 30.0),
        ("metrics/leads.json", {"column": "leads", "where": {"region": "south"}}, 20.0),
        ("metrics/totals.json", {"column": "totals.leads"}, 70.0),
        ("metrics/totals.json", {"column": "totals.weekly", "aggregate": "sum"}, 3.5),
    ],
)
def test_json(root: Path, path: str, fields: dict[str, Any], value: float) -> None:
    assert read(root, source(path=path, **fields)) == value


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (
            {"path": "metrics/none.csv", "column": "x"},
            Problem("OKR810", "path", "metrics/none.csv does not exist"),
        ),
        (
            {"path": "metrics/leads.csv", "column": "lead"},
            Problem("OKR811", "column", "no column 'lead' in metrics/leads.csv; it has: leads, region, week"),
        ),
        (
            {"path": "metrics/leads.csv", "column": "region"},
            Problem("OKR812", "column", "line 2 of metrics/leads.csv: region is 'north', not a number"),
        ),
        (
            {"path": "metrics/leads.csv", "column": "leads", "where": {"region": "east"}},
            Problem("OKR812", "where", "no rows to read"),
        ),
        (
            {"path": "metrics/leads.csv", "column": "leads", "where": {"zone": "east"}},
            Problem("OKR811", "where", "no field 'zone' in metrics/leads.csv"),
        ),
        (
            {"path": "metrics/totals.json", "column": "totals.missing"},
            Problem("OKR811", "column", "no 'totals.missing' in metrics/totals.json"),
        ),
    ],
)  # fmt: skip
def test_file_problems(root: Path, fields: dict[str, Any], problem: Problem) -> None:
    assert read(root, source(**fields)) == problem


@pytest.mark.posix  # a symbolic link
def test_broken_json_and_a_link_out_of_the_repository(
    root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    (root / "metrics/bad.json").write_text("{")
    found = read(root, source(path="metrics/bad.json", column="x"))
    assert (
        isinstance(found, Problem) and found.code == "OKR810" and "not valid JSON" in found.message
    )
    outside = tmp_path_factory.mktemp("outside") / "secret.csv"
    outside.write_text("n\n1\n")
    (root / "metrics/link.csv").symlink_to(outside)
    assert read(root, source(path="metrics/link.csv", column="n")) == Problem(
        "OKR810", "path", "metrics/link.csv leads outside the repository"
    )


PY = sys.executable


@pytest.mark.parametrize(
    ("command", "result"),
    [
        ([PY, "-c", "print(' 42.5 ')"], 42.5),
        ([PY, "-c", "print('true')"], True),
        ([PY, "-c", "import sys; sys.exit('boom')"], Problem("OKR813", "command", "failed with exit code 1: boom")),
        ([PY, "-c", "print('many leads')"], Problem("OKR813", "command", "must print one number (or true/false), printed 'many leads'")),
        (["okrctl-no-such-program"], Problem("OKR813", "command", "program 'okrctl-no-such-program' not found")),
    ],
)  # fmt: skip
def test_commands(root: Path, command: list[str], result: float | bool | Problem) -> None:
    found = read(root, source(command=command))
    if isinstance(result, Problem):
        assert isinstance(found, Problem)
        assert (found.code, found.field) == (result.code, result.field)
        assert found.message.endswith(result.message)
    else:
        assert found == result


def test_a_command_runs_in_the_repository_root_without_a_shell(root: Path) -> None:
    found = read(root, source(command=[PY, "-c", "import os; print(len(os.listdir('metrics')))"]))
    assert found == 3.0
    assert isinstance(read(root, source(command=["echo 1 && echo 2"])), Problem)


def test_a_command_that_hangs_is_stopped(root: Path) -> None:
    found = read(root, source(command=[PY, "-c", "import time; time.sleep(30)"], timeout=0.5))
    assert found == Problem(
        "OKR813", "command", f"`{PY} -c import time; time.sleep(30)` ran longer than 0.5 s"
    )
