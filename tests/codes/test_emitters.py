"""Every code is reported through its catalogue entry: no `"OKR###"` literal outside
`okrctl/codes/`, and no entry that nothing reports (unless it is retired, with a reason)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrctl import codes
from okrctl.codes import CATALOGUE, Code
from tests.conftest import REPO

PACKAGE = REPO / "okrctl"
CATALOGUE_DIR = PACKAGE / "codes"
LITERAL = re.compile(r"""(["'])OKR\d{3}\1""")


def sources() -> dict[Path, str]:
    """Every text file of the package but the catalogue: modules, templates, skeletons."""
    found = {}
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or path.is_relative_to(CATALOGUE_DIR) or path.suffix == ".pyc":
            continue
        try:
            found[path] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # an image, a font
            continue
    return found


SOURCES = sources()


def test_no_code_is_a_literal_outside_the_catalogue() -> None:
    literals = [
        f"{path.relative_to(REPO)}:{text.count(chr(10), 0, match.start()) + 1}: {match[0]}"
        for path, text in SOURCES.items()
        for match in LITERAL.finditer(text)
    ]
    assert literals == [], "name the catalogue entry (okrctl.codes) instead"


def test_the_check_finds_a_literal() -> None:
    """The pattern above catches both quotes (the test is not vacuous)."""
    text = """code = "OKR101"; other = 'OKR204'; prose = "OKR1xx", \"""OKR700's max_days"""
    assert [m[0] for m in LITERAL.finditer(text)] == ['"OKR101"', "'OKR204'"]


@pytest.mark.parametrize("entry", CATALOGUE.values(), ids=lambda e: e.code)
def test_every_entry_is_reported_somewhere(entry: Code) -> None:
    constant = entry.name.upper().replace("-", "_")
    assert getattr(codes, constant) is entry
    users = [
        path.relative_to(REPO).as_posix()
        for path, text in SOURCES.items()
        if re.search(rf"\bcodes\.{constant}\b", text)
    ]
    assert users or entry.retired, f"{entry.code} is reported nowhere: retire it with a reason"
