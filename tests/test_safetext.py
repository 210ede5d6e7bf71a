"""The sanitisers' shortcut for printable text gives what their regular expressions give."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from okrctl import safetext
from okrctl.safetext import UNSAFE, github_data, json_text, terminal


def test_every_unsafe_character_is_unprintable() -> None:
    """`str.isprintable` text skips the regular expressions: it must never hold what they
    escape (a character added to UNSAFE that Python prints would break this)."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    unsafe = UNSAFE.findall(everything)
    assert len(unsafe) == 32 + 33 + 1 + 2 + 2 + 5 + 4 + 2048  # C0, C1, DEL, ..., surrogates
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


def test_a_file_name_shows_its_bytes_that_are_not_utf8_as_bytes() -> None:
    assert safetext.file_name(b"okrs/caf\xe9\x1b.yaml") == "okrs/caf\\xe9\\x1b.yaml"
    assert safetext.file_name("okrs/\udcff\u202e.yaml") == "okrs/\\xff\\u202e.yaml"
    assert terminal("lone \ud800") == "lone \\ud800"
    # in a finding, only the undecodable bytes: each output escapes the rest its own way
    assert safetext.undecodable("a\udc80\x1b") == "a\\x80\x1b"


SANITISING = {
    "str.isprintable": re.compile(r"\.isprintable\("),
    "unicode_escape": re.compile(r"unicode_escape"),
    "surrogate escapes": re.compile(r"0x[dD][cC][89]0"),
    "a class of control characters": re.compile(r"\\x00-|\\x7f-|\\x1b|ord\([a-z]+\) < (32|0x20)"),
    "Unicode categories": re.compile(r"unicodedata\.category"),
}
"""What a hand-written filter of control characters is made of."""
NOT_FOR_OUTPUT = {
    ("okrctl/lifecycle/newfile.py", "str.isprintable"): "picks the YAML style of a value it writes",
    ("okrctl/commands/remind.py", "a class of control characters"): "refuses a bad --site-url",
    ("okrctl/site/repository.py", "a class of control characters"): "refuses a bad repo URL",
    ("okrctl/adopt/text.py", "Unicode categories"): "strips bullets and emoji from imported titles",
}
"""Modules that look at such characters to decide something, never to print them."""


def test_safetext_is_the_only_sanitiser_of_terminal_text() -> None:
    """One definition: a module that printed user text through a filter of its own would drift
    from `safetext` (the CLI, discovery and import each had one)."""
    package = Path(__file__).resolve().parents[1] / "okrctl"
    found = set()
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package.parent).as_posix()
        if name == "okrctl/safetext.py":
            continue
        text = path.read_text(encoding="utf-8")
        found |= {(name, what) for what, pattern in SANITISING.items() if pattern.search(text)}
    assert found == set(NOT_FOR_OUTPUT)
