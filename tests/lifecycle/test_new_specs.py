"""`okrctl new objective --kr`: a spec with `;` is a numeric key result or an error, never a
milestone titled with the whole spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lifecycle.conftest import Run, snapshot

ARGS = ("new", "objective", "--unit", "sales", "--period", "2026-Q4", "--title", "T")
FORM = (
    "write a numeric key result as `TITLE; UNIT; BASELINE; TARGET` (four fields, numbers like "
    "12.5), or a milestone as `TITLE` without `;`\n"
)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("Conv; %; 12,5; 14", "okrctl: key result 'Conv; %; 12,5; 14': baseline '12,5' and target '14' must be numbers: "),
        ("Revenue; EUR; 100", "okrctl: key result 'Revenue; EUR; 100' has 3 fields, not 4: "),
        ("a;b;c;d;e", "okrctl: key result 'a;b;c;d;e' has 5 fields, not 4: "),
        ("Leads; leads; ten; 20", "okrctl: key result 'Leads; leads; ten; 20': baseline 'ten' and target '20' must be numbers: "),
    ],
)  # fmt: skip
def test_a_malformed_numeric_spec_is_a_usage_error(
    repo: Path, okrctl: Run, spec: str, message: str
) -> None:
    before = snapshot(repo)
    result = okrctl(*ARGS, "--kr", spec)
    assert result == (2, "", message + FORM)
    assert snapshot(repo) == before


def test_well_formed_specs_still_work(repo: Path, okrctl: Run) -> None:
    result = okrctl(*ARGS, "--kr", "Conv; %; 12.5; 14", "--kr", "Shop is live")
    assert result.code == 0
    text = (repo / "okrs/2026-Q4/sales/t.yaml").read_text()
    assert '    unit: "%"\n    baseline: 12.5\n    target: 14\n' in text
    assert "  - id: shop-is-live\n    title: Shop is live\n    kind: milestone\n" in text
