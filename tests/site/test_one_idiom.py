"""HTML is written one way: Jinja templates and macros with autoescape. No `Markup(f"...")`
string builds HTML in Python, where one forgotten `escape()` is a hole."""

from __future__ import annotations

import re

from tests.conftest import REPO

BUILT_IN_PYTHON = re.compile(r"""Markup\(\s*(?:(?:[rR]?[fF]|[fF][rR])["']|[rR]?["']\s*<)""")
"""`Markup(f"...")`, and `Markup("<tag...")`: HTML written in Python."""


def test_no_markup_is_built_from_an_f_string_in_okrctl() -> None:
    found = [
        f"{path.relative_to(REPO)}:{text.count(chr(10), 0, match.start()) + 1}"
        for path in sorted((REPO / "okrctl").rglob("*.py"))
        for text in [path.read_text(encoding="utf-8")]
        for match in BUILT_IN_PYTHON.finditer(text)
    ]
    assert found == [], "write the HTML in a template or a macro (okrctl/site/templates)"


def test_the_pattern_finds_what_it_looks_for() -> None:
    written = 'Markup(f"<b>{x}</b>") Markup( rf\'<i>\' ) Markup("<b>") Markup(escape(x)) Markup("")'
    assert len(BUILT_IN_PYTHON.findall(written)) == 3
