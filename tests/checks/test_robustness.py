"""The rules run on whatever the earlier phases let through: broken references, missing
organisation, cycles. They only add findings of their own and never crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrctl import engine
from okrctl.config import Config
from tests.conftest import CASES

STRUCTURAL = sorted(p for p in CASES.iterdir() if (p / "okrs").is_dir())


@pytest.mark.parametrize("case", STRUCTURAL, ids=[p.name for p in STRUCTURAL])
def test_rules_only_add_their_own_findings(case: Path) -> None:
    built_in = engine.check_repository(case, [case / "okrs"]).diagnostics
    with_rules = engine.check_repository(
        case, [case / "okrs"], config=Config(), today=dt.date(2026, 11, 22)
    ).diagnostics
    assert [d for d in with_rules if d.code < "OKR400"] == built_in
    assert all("OKR400" <= d.code < "OKR900" for d in with_rules if d not in built_in)
