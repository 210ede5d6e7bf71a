"""Every folder under tests/cases is a tiny repository plus `expected.yaml`, the list of findings
`okrctl check` must report: `[code, file, line, column]`. Adding a case means adding a folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from okrctl import engine
from tests.conftest import CASES

CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "expected.yaml").is_file())


def _findings(case: Path) -> list[list[object]]:
    result = engine.check_repository(case, [case / "okrs"])
    return [[d.code, d.file, d.line, d.column] for d in result.diagnostics]


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case(case: Path) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8")) or []
    assert _findings(case) == expected


def test_every_case_is_discovered() -> None:
    assert len(CASE_DIRS) >= 40
