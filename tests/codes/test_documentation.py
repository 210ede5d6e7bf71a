"""The documentation's codes page and tables are generated from the catalogue: a test holds the
committed text equal to what `okrctl explain` generates, so a code cannot be added, renamed or
reworded without its documentation."""

from __future__ import annotations

import pytest

from okrctl import cli
from okrctl.codes import Phase
from okrctl.explain import render
from okrctl.explain.entries import everything
from tests.conftest import REPO

DOCS = REPO / "docs"


def block(page: str, name: str) -> str:
    text = (DOCS / page).read_text(encoding="utf-8")
    start = text.index(f"<!-- {name}:start -->\n") + len(f"<!-- {name}:start -->\n")
    return text[start : text.index(f"<!-- {name}:end -->")]


def generated(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert cli.run(["explain", *args]) == 0
    return capsys.readouterr().out


def test_the_codes_page_is_generated(capsys: pytest.CaptureFixture[str]) -> None:
    """Regenerate it with `okrctl explain --all --format markdown > docs/codes.md`."""
    page = (DOCS / "codes.md").read_text(encoding="utf-8")
    assert page == render.page(everything())
    assert page == generated(capsys, "--all", "--format", "markdown")


def test_the_table_of_every_code_is_generated(capsys: pytest.CaptureFixture[str]) -> None:
    """Regenerate it with `okrctl explain --list --format markdown`."""
    assert block("check.md", "codes") == generated(capsys, "--list", "--format", "markdown")


def test_the_table_of_the_rules_is_generated(capsys: pytest.CaptureFixture[str]) -> None:
    """Regenerate it with `okrctl explain --list --phase rules --format markdown`."""
    table = block("rules.md", "rules")
    assert table == generated(capsys, "--list", "--phase", "rules", "--format", "markdown")
    assert table.startswith("| code | name | severity | summary |\n")


def test_every_code_has_an_anchor_and_a_row() -> None:
    codes_page = (DOCS / "codes.md").read_text(encoding="utf-8")
    every = block("check.md", "codes")
    for entry in everything():
        assert f"{{#{entry.anchor}}}" in codes_page
        assert f"| [{entry.code}](codes.md#{entry.anchor}) | {entry.name} |" in every
    for phase in Phase:
        assert f"{{#phase-{phase}}}" in codes_page
