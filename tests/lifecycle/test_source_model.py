"""The `source` field of a key result: validated like every other field, at its line."""

from __future__ import annotations

from okrctl.load import parse_text
from okrctl.validate import validate

HEAD = """\
apiVersion: okrctl/v1
kind: Objective
id: o
title: T
level: strategic
unit: u
owner: p
period: 2026-Q4
key_results:
  - id: k
    title: K
    kind: milestone
    source:
"""


def problems(source: str) -> list[tuple[str, int, int, str]]:
    _, found = validate(parse_text(HEAD + source, "o.yaml"))
    return [(d.code, d.line, d.column, d.message) for d in found]


def test_a_valid_file_source_and_a_valid_command() -> None:
    assert problems("      path: metrics/a.csv\n      column: n\n      where: {year: 2026}\n") == []
    assert problems("      command: [python3, x.py]\n      timeout: 5\n") == []


def test_path_must_stay_inside_the_repository() -> None:
    assert problems("      path: ../secrets.csv\n      column: n\n") == [
        (
            "OKR204",
            14,
            13,
            "path '../secrets.csv' must stay inside the repository: write it relative to the "
            "repository root, without `..`",
        )
    ]


def test_exactly_one_of_path_and_command() -> None:
    assert problems("      timeout: 5\n") == [
        (
            "OKR204",
            14,
            7,
            "a source reads either a file (`path`) or a `command`: give exactly one",
        )
    ]


def test_file_options_do_not_apply_to_commands_and_suffixes_are_checked() -> None:
    assert [p[:3] for p in problems("      command: [x]\n      column: n\n")] == [
        ("OKR204", 15, 15)
    ]
    assert problems("      path: data.xlsx\n      column: n\n")[0][3] == (
        "path 'data.xlsx' must name a .csv or .json file"
    )
    assert problems("      path: a.csv\n")[0][3].startswith("name the `column` to read")
    assert [p[:2] for p in problems("      command: []\n")] == [("OKR204", 14)]
