"""The README documents what the code does: the field reference and every diagnostic code."""

from __future__ import annotations

import re

import pytest

from okrctl import cli
from okrctl.schema import field_reference
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_field_reference_is_up_to_date() -> None:
    start = README.index("<!-- fields:start -->\n") + len("<!-- fields:start -->\n")
    end = README.index("<!-- fields:end -->")
    assert README[start:end] == field_reference()


def test_every_code_the_package_emits_is_documented() -> None:
    emitted = set()
    for path in (REPO / "okrctl").rglob("*.py"):
        emitted |= set(re.findall(r'"(OKR\d{3})"', path.read_text(encoding="utf-8")))
    assert emitted
    missing = sorted(code for code in emitted if f"| {code} |" not in README)
    assert missing == []


def test_quick_start_is_the_two_make_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make site" in quick and "make test" in quick


def test_the_example_organisation_reports_what_the_readme_says(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = README.split("shows **one deliberate warning**", 1)[1].split("```\n", 2)[1]
    monkeypatch.chdir(REPO)
    cli.run(["check", "okrs", "--today", "2026-11-22"])
    assert capsys.readouterr().out == shown
