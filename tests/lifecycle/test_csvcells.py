"""The text of the export's CSV cells: what is written reads back as it was."""

from __future__ import annotations

import pytest

from okrctl.lifecycle.csvcells import (
    FORMULA_START,
    escaped,
    guarded,
    links_cell,
    read_links,
    unescaped,
    unguarded,
)
from okrctl.safetext import UNSAFE

TEXTS = [
    "plain",
    "two\n\nparagraphs",
    "a backslash \\ and \\n and \\x41 as text",
    "trailing backslash \\",
    "controls \x1b[31m\x00\x7f\x9b and a bidi override \u202e",
    "tab\tcarriage\rreturn",
    "; < > , \" ' = + - @",
]


@pytest.mark.parametrize("text", TEXTS)
def test_an_escaped_text_is_one_safe_line_that_reads_back(text: str) -> None:
    written = escaped(text)
    assert not UNSAFE.search(written) and "\n" not in written
    assert unescaped(written) == text


def test_line_breaks_read_as_a_person_would_write_them() -> None:
    assert escaped("one\ntwo \\ three") == "one\\ntwo \\\\ three"
    assert unescaped("C:\\ops\\reports") == "C:\\ops\\reports"  # not an escape: kept as written


@pytest.mark.parametrize("text", ["=1+2", "+15%", "-5% churn", "@home", "'quoted", "plain"])
def test_a_formula_guard_is_taken_off_again(text: str) -> None:
    assert unguarded(guarded(text)) == text
    assert guarded(text) == ("'" + text if text.startswith(("=", "+", "-", "@")) else text)


def test_links_with_the_separator_in_their_titles_read_back() -> None:
    links = [
        ("Runbook; on-call <v2>", "https://wiki.example.com/runbook;v=2"),
        ('=HYPERLINK("https://evil.example.com")', "https://dash.example.com/d/1?a=1&b=2"),
        ('Post-mortem, "March" outage \\ notes', "https://docs.example.com/pm/3"),
        ("Two\nlines", "https://docs.example.com/two"),
    ]
    cell = links_cell(links)
    assert cell == (
        "Runbook\\; on-call \\<v2> <https://wiki.example.com/runbook;v=2>; "
        '=HYPERLINK("https://evil.example.com") <https://dash.example.com/d/1?a=1&b=2>; '
        'Post-mortem, "March" outage \\\\ notes <https://docs.example.com/pm/3>; '
        "Two\\nlines <https://docs.example.com/two>"
    )
    assert read_links(cell) == (links, [])
    assert read_links(unguarded(guarded(cell))) == (links, [])


def test_a_links_cell_a_person_edited() -> None:
    cell = (
        " Dashboard <https://grafana.example.com/d/1> ;; https://bare.example.com/x; "
        "<https://untitled.example.com>; a note, not a link; RFC <unclosed"
    )
    links, unread = read_links(cell)
    assert links == [
        ("Dashboard", "https://grafana.example.com/d/1"),
        ("https://bare.example.com/x", "https://bare.example.com/x"),
        ("https://untitled.example.com", "https://untitled.example.com"),
    ]
    assert unread == ["a note, not a link", "RFC <unclosed"]
    assert read_links("") == ([], [])
    assert read_links("trailing \\") == ([], ["trailing \\"])


@pytest.mark.parametrize("cell", [" " * 200_000, " " * 200_000 + "<", "\u00a0" * 200_000 + "x"])
def test_a_cell_of_spaces_reads_in_linear_time(cell: str) -> None:
    # The entry pattern began with `\s*` before a title that may hold spaces too: each start
    # was retried against every split, 7 s for 20,000 spaces, hours for a megabyte: at 200,000
    # a quadratic reading would not finish within CI's time (no timer here: machines are shared).
    links, _ = read_links(cell)
    assert links == []


@pytest.mark.parametrize("text", ["=x", "'=x", "''=x", "'abc", "'", "''", "-1", "'@a", "a'=b"])
def test_the_formula_guard_reads_back_what_was_written(text: str) -> None:
    assert unguarded(guarded(text)) == text
    assert not guarded(text).startswith(FORMULA_START)
