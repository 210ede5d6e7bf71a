"""Byte-preserving edits: each layout a person may write is edited by changing only new lines."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrctl.lifecycle.edit import Document, Refused, number, scalar
from okrctl.load import parse_text

HEAD = """\
apiVersion: okrctl/v1
kind: Objective
id: o
title: T
level: strategic
unit: u
owner: p
period: 2026-Q4
"""


def document(text: str) -> Document:
    doc, problems = Document.from_text(text, "o.yaml")
    assert doc is not None, problems
    return doc


def checkin(doc: Document, fields: list[tuple[str, object]], path=("key_results", 0)) -> str:
    return doc.apply([doc.append(path, "checkins", fields)])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "checkins:\n  - date: 2026-10-01\n    value: 1\n",
            "checkins:\n  - date: 2026-10-01\n    value: 1\n  - date: 2026-11-02\n    value: 5\n",
            id="block",
        ),
        pytest.param(
            "checkins:\n- date: 2026-10-01\n  value: 1\n# trailing\n",
            "checkins:\n- date: 2026-10-01\n  value: 1\n- date: 2026-11-02\n  value: 5\n# trailing\n",
            id="indentless",
        ),
        pytest.param(
            "checkins:\n    -   date: 2026-10-01\n        value: 1   # one\n\nnext: 1\n",
            "checkins:\n    -   date: 2026-10-01\n        value: 1   # one\n"
            "    -   date: 2026-11-02\n        value: 5\n\nnext: 1\n",
            id="wide",
        ),
        pytest.param(
            "checkins: []  # none yet\n",
            "checkins:\n  - date: 2026-11-02\n    value: 5  # none yet\n",
            id="flow-empty",
        ),
        pytest.param(
            "checkins: [{date: 2026-10-01, value: 1}]\n",
            "checkins: [{date: 2026-10-01, value: 1}, {date: 2026-11-02, value: 5}]\n",
            id="flow",
        ),
        pytest.param(
            "checkins:\n  - {date: 2026-10-01, value: 1}\n",
            "checkins:\n  - {date: 2026-10-01, value: 1}\n  - {date: 2026-11-02, value: 5}\n",
            id="block-of-flow-items",
        ),
        pytest.param(
            "checkins:\n",
            "checkins:\n  - date: 2026-11-02\n    value: 5\n",
            id="null",
        ),
        pytest.param(
            "other: 1\n",
            "other: 1\ncheckins:\n  - date: 2026-11-02\n    value: 5\n",
            id="missing",
        ),
        pytest.param(
            "other: 1",
            "other: 1\ncheckins:\n  - date: 2026-11-02\n    value: 5\n",
            id="no-final-newline",
        ),
    ],
)
def test_append_keeps_every_other_byte(before: str, after: str) -> None:
    doc = document(before)
    text = doc.apply([doc.append((), "checkins", [("date", dt.date(2026, 11, 2)), ("value", 5)])])
    assert text == after
    assert parse_text(text, "x").data is not None


def test_append_follows_the_files_sequence_indentation_for_a_new_list() -> None:
    text = "key_results:\n- id: a\n  steps:\n  - 1\n"
    doc = document(text)
    new = doc.apply([doc.append(("key_results", 0), "checkins", [("date", "x"), ("value", 1)])])
    assert new == text + "  checkins:\n  - date: x\n    value: 1\n"


def test_crlf_line_ends_are_kept() -> None:
    doc = document("a: 1\r\ncheckins:\r\n  - value: 1\r\n")
    new = doc.apply([doc.append((), "checkins", [("value", 2)]), doc.set((), "a", "3")])
    assert new == "a: 3\r\ncheckins:\r\n  - value: 1\r\n  - value: 2\r\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("current: 150   # latest\n", "current: 180   # latest\n"),
        ("current:\n", "current: 180\n"),
        ("current: ~\n", "current: 180\n"),
        ("target: 300\nx: 1\n", "target: 300\ncurrent: 180\nx: 1\n"),
        ("target: >-\n  3\n\nx: 1\n", "target: >-\n  3\n\ncurrent: 180\nx: 1\n"),
    ],
)
def test_set_replaces_or_inserts_one_line(before: str, after: str) -> None:
    doc = document(before)
    assert doc.apply([doc.set((), "current", "180", after=("target",))]) == after


def test_insert_before_a_key_goes_after_the_key_preceding_it() -> None:
    doc = document("a: 1\n# about b\nb: 2\n")
    assert doc.apply([doc.set((), "score", "0.5", before=("b",))]) == (
        "a: 1\nscore: 0.5\n# about b\nb: 2\n"
    )


def test_a_flow_mapping_is_refused_with_its_path() -> None:
    doc = document("key_results: [{id: a, title: b}]\n")
    with pytest.raises(Refused) as refused:
        doc.set(("key_results", 0), "current", "1")
    assert refused.value.path == ("key_results", 0)


def test_finish_refuses_an_edit_that_changes_other_data() -> None:
    doc = document(HEAD)
    expected = doc.expected()
    expected["title"] = "New"
    wrong = doc.set((), "owner", "q")  # not what `expected` says
    change, problems = doc.finish([wrong], expected)
    assert change is None
    assert [(d.code, d.line) for d in problems] == [("OKR800", 1)]


def test_finish_returns_model_diagnostics_for_an_invalid_result() -> None:
    text = HEAD + "key_results:\n  - id: k\n    title: K\n    kind: milestone\n"
    doc = document(text)
    expected = doc.expected()
    expected["level"] = "operational"  # an operational objective needs a parent
    change, problems = doc.finish([doc.replace(("level",), "operational")], expected)
    assert change is None
    assert [(d.code, d.line, d.column) for d in problems] == [("OKR204", 5, 8)]


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
def test_any_text_is_written_as_a_scalar_that_reads_back_the_same(text: str) -> None:
    parsed = parse_text(f"note: {scalar(text)}\n", "x")
    assert parsed.data == {"note": text}


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_number_reads_back_the_same(value: float) -> None:
    assert parse_text(f"n: {number(value)}\n", "x").data == {"n": value}


def test_numbers_are_written_the_way_people_write_them() -> None:
    assert [number(v) for v in (150.0, 0.5, -3.0, 1e20)] == ["150", "0.5", "-3", "1e+20"]
    assert [scalar(v) for v in ("Webinar", "2026-Q4", "yes", "a: b", "1_000")] == [
        "Webinar",
        "2026-Q4",
        '"yes"',
        '"a: b"',
        '"1_000"',
    ]
