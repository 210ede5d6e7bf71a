"""The README's quick start; the reference it held is in docs/ (see tests/test_docs.py)."""

from __future__ import annotations

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_the_two_make_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make site" in quick and "make test" in quick
