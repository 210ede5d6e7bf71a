"""Bidirectional control characters are findings wherever they are in an OKR file: an error in an
identifier (OKR113), a warning in prose (OKR114), naming the character and its position. Before,
`check` passed them silently, though they make a diff read differently from what is published."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from okrctl import engine
from okrctl.load import bidi
from okrctl.perfile import examine
from tests.conftest import CASES

CONTROLS = [
    chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
]
OBJECTIVE = (
    (CASES / "bad-slug/okrs/2026-Q4/company/grow.yaml").read_text().replace("Grow Fast", "grow")
)


def _found(
    text: str, name: str = "okrs/2026-Q4/company/grow.yaml"
) -> list[tuple[str, int, int, str]]:
    loaded = examine(text.encode(), name)
    return [
        (d.code, d.line, d.column, d.message.split(":")[0])
        for d in loaded.diagnostics
        if d.code in (bidi.IN_IDENTIFIER, bidi.IN_PROSE)
    ]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_every_bidirectional_control_is_named_at_its_position(control: str) -> None:
    text = OBJECTIVE.replace("title: A clear goal", f"title: A clear{control} goal")
    assert _found(text) == [("OKR114", 4, 15, f"{bidi.name_of(control)} in `title`")]
    assert bidi.name_of(control).startswith(f"U+{ord(control):04X} ")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("unit: company", "unit: compan\u202ey"), ("OKR113", 6, 13, "U+202E RIGHT-TO-LEFT OVERRIDE in `unit`")),
        (("level:", "lev\u2067el:"), ("OKR113", 5, 4, "U+2067 RIGHT-TO-LEFT ISOLATE in a key")),
        (("id: grow", 'id: "grow\\U0000202E"'), ("OKR113", 3, 5, "U+202E RIGHT-TO-LEFT OVERRIDE in `id`")),
        (("metric: revenue", "metric: rev\u200eenue"), ("OKR113", 12, 16, "U+200E LEFT-TO-RIGHT MARK in `key_results.0.metric`")),
        (("title: Monthly", "title: 'Month\u202dly"), None),
    ],
)  # fmt: skip
def test_identifiers_are_errors_and_escapes_are_found(
    edit: tuple[str, str], expected: tuple[str, int, int, str] | None
) -> None:
    text = OBJECTIVE.replace(*edit)
    if expected is None:  # a YAML error: what the scanner read before it is still placed
        assert all(code == "OKR114" or code == "OKR113" for code, *_ in _found(text))
        return
    assert _found(text) == [expected]


def test_a_control_in_the_file_name_is_an_error() -> None:
    found = _found(OBJECTIVE, "okrs/2026-Q4/company/gr\u202eow.yaml")
    assert found == [
        ("OKR113", 1, 1, "the file's name holds U+202E RIGHT-TO-LEFT OVERRIDE at character 24")
    ]


def test_right_to_left_text_without_controls_is_no_finding() -> None:
    text = OBJECTIVE.replace(
        "title: A clear goal for grow",
        "title: \u05e6\u05de\u05d9\u05d7\u05d4 \u05d1\u05de\u05db\u05d9\u05e8\u05d5\u05ea",
    )
    assert _found(text) == []


def test_files_checked_in_parallel_are_told_the_same(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CASES / "bidi-controls-in-prose", root)
    for n in range(12):  # clean files too: the fast path takes them
        text = OBJECTIVE.replace("id: Grow Fast", "").replace("id: grow", f"id: grow{n}")
        (root / f"okrs/2026-Q4/company/grow{n}.yaml").write_text(text)
    alone = engine.check_repository(root, jobs=1).diagnostics
    parallel = engine.check_repository(root, jobs=2).diagnostics
    assert parallel == alone
    assert [d.code for d in alone if d.code.startswith("OKR11")] == [
        "OKR114",
        "OKR114",
        "OKR113",
        "OKR114",
    ]


def test_a_file_full_of_controls_is_reported_in_one_pass_and_counted() -> None:
    # found by `make fuzz`: 135,135 comment lines each holding U+202E took `check` 32 s
    # (each character's line was counted from the start of the file)
    text = "checkins:\n" + "#\u202e\n" * 135_135
    found = [d for d in examine(text.encode(), "okrs/x.yaml").diagnostics if d.code == "OKR114"]
    assert len(found) == bidi.MOST + 1
    assert (found[0].line, found[0].column) == (2, 2)
    assert (found[-1].line, found[-1].column) == (bidi.MOST + 2, 2)
    assert found[-1].message.startswith("135035 more bidirectional control characters from here on")
