"""Rule cases: every folder `cases/<rule-name>/<case>/` is a tiny repository, and `okrctl check`
run in it must report exactly the findings its `expected.yaml` lists.

A case holds `okrs/` (objective files, and `okrs/org.yaml` when the shared `cases/org.yaml` does
not fit), an optional `okrctl.yaml`, and `expected.yaml`:

    today: 2026-11-22            # passed as --today
    findings:                    # every finding, in output order: [code, file, line, column]
      - [OKR430, okrs/2026-Q4/sales/one-kr.yaml, 10, 1]

Adding a case means copying a folder and editing it. Each rule has at least one case where it
fires (`fails-...`) and one where it does not (`passes-...`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrctl import cli
from okrctl.checks.registry import RULES

CASES = Path(__file__).resolve().parent / "cases"
SHARED_ORG = CASES / "org.yaml"
CASE_DIRS = sorted(p.parent for p in CASES.glob("*/*/expected.yaml"))


def _expected(case: Path) -> dict[str, Any]:
    document = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(document, dict) and set(document) == {"today", "findings"}, case
    return document


def _repository(case: Path, into: Path) -> Path:
    root = into / "repo"
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected.yaml"))
    (root / ".git").mkdir()
    org = root / "okrs" / "org.yaml"
    if not org.exists():
        shutil.copyfile(SHARED_ORG, org)
    return root


@pytest.mark.parametrize("case", CASE_DIRS, ids=[f"{p.parent.name}/{p.name}" for p in CASE_DIRS])
def test_case(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _expected(case)
    monkeypatch.chdir(_repository(case, tmp_path))
    code = cli.run(["check", "--format", "json", "--today", str(expected["today"])])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [[f["code"], f["file"], f["line"], f["column"]] for f in findings] == expected[
        "findings"
    ]
    assert code == (1 if any(f["severity"] == "error" for f in findings) else 0)


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_failing_and_a_passing_case(code: str) -> None:
    rule = RULES[code]
    cases = [p for p in CASE_DIRS if p.parent.name == rule.name]
    codes = {p.name: {f[0] for f in _expected(p)["findings"]} for p in cases}
    assert any(name.startswith("fails-") and code in found for name, found in codes.items())
    assert any(name.startswith("passes-") and code not in found for name, found in codes.items())


def test_case_folders_are_named_after_rules() -> None:
    names = {rule.name for rule in RULES.values()}
    assert {p.parent.name for p in CASE_DIRS} <= names
    assert all(p.name.startswith(("fails-", "passes-")) for p in CASE_DIRS)
