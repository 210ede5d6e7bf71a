"""Every folder under tests/cases is a tiny repository plus `expected.yaml`, the list of findings
`okrctl check` must report: `[code, file, line, column]`. Adding a case means adding a folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from okrctl import engine
from tests.conftest import CASES, Run

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


def test_a_self_reference_is_its_own_code_through_the_cli(okrctl: Run) -> None:
    """OKR313, not OKR304: naming oneself is not a name that does not exist."""
    case = CASES / "depends-on-itself"
    result = okrctl("check", "--no-cache", "--format", "text", str(case / "okrs"))
    assert result.code == 1
    assert "okrs/2026-Q4/company/grow.yaml:9:14: error OKR313 " in result.out
    assert "OKR304" not in result.out
