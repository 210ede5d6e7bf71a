"""The sanitisers' shortcut for printable text gives what their regular expressions give."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from okrctl import safetext
from okrctl.safetext import UNSAFE, github_data, json_text, terminal


def test_every_unsafe_character_is_unprintable() -> None:
    """`str.isprintable` text skips the regular expressions: it must never hold what they
    escape (a character added to UNSAFE that Python prints would break this)."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    unsafe = UNSAFE.findall(everything)
    assert len(unsafe) == 32 + 33 + 1 + 2 + 2 + 5 + 4
    assert not [c for c in unsafe if c.isprintable()]
    assert set(safetext._UNSAFE_IN_JSON.findall(everything)) < set(unsafe)


@given(st.text())
def test_printable_or_not_the_output_is_the_expressions(text: str) -> None:
    assert terminal(text) == UNSAFE.sub(safetext._shown, text)
    assert json_text(text) == safetext._UNSAFE_IN_JSON.sub(
        lambda m: f"\\u{ord(m.group()):04x}", text
    )
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    assert github_data(text) == UNSAFE.sub(safetext._shown, escaped)


def test_a_workflow_command_in_a_message_of_one_line_is_still_defused() -> None:
    assert terminal("::error file=x::pwned", newlines=True) == "\\x3a:error file=x::pwned"
    assert terminal("plain :: text") == "plain :: text"
