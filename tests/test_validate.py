"""Per-file validation: what users are told, and that text stays text."""

from __future__ import annotations

from okrctl.load import parse_text
from okrctl.model import NumericKeyResult, Objective
from okrctl.validate import validate

OBJECTIVE = """\
apiVersion: okrctl/v1
kind: Objective
id: grow
title: Grow the small-business segment
level: strategic
unit: company
owner: ana
period: 2026-Q4
key_results:
  - id: conversion
    title: Conversion rate rises
    metric: conversion-rate
    unit: "%"
    baseline: 10
    target: 12
"""


def check(text: str) -> tuple[object, list[tuple[str, int, int, str]]]:
    model, problems = validate(parse_text(text, "f.yaml"))
    return model, [(d.code, d.line, d.column, d.message) for d in problems]


def test_valid_objective() -> None:
    model, problems = check(OBJECTIVE)
    assert problems == []
    assert isinstance(model, Objective)
    kr = model.key_results[0]
    assert isinstance(kr, NumericKeyResult) and kr.effective_direction == "increase"


def test_plain_scalars_where_text_is_expected_keep_the_typed_text() -> None:
    model, problems = check(
        OBJECTIVE.replace("title: Grow the small-business segment", "title: no")
        .replace('unit: "%"', "unit: 1.10")
        .replace("period: 2026-Q4", "period: 2026")
    )
    assert problems == []
    assert isinstance(model, Objective)
    assert model.title == "no" and model.period == "2026"
    assert model.key_results[0].unit == "1.10"  # type: ignore[union-attr]


def test_unknown_field_suggests_the_closest() -> None:
    _, problems = check(OBJECTIVE.replace("owner:", "ownr:"))
    assert ("OKR201", 7, 1, "unknown field `ownr`; did you mean `owner`?") in problems


def test_unknown_field_without_close_match_lists_the_allowed_ones() -> None:
    _, problems = check(OBJECTIVE + "    zzz: 1\n")
    message = next(m for c, _, _, m in problems if c == "OKR201")
    assert message.startswith("unknown field `zzz`; allowed here: ")
    assert "`baseline`" in message and "`checkins`" in message


def test_missing_field_explains_what_it_is() -> None:
    _, problems = check(OBJECTIVE.replace("owner: ana\n", ""))
    assert problems == [
        (
            "OKR202",
            1,
            1,
            "missing required field `owner`: Who answers for the objective: a person (an id from "
            "`people`) or a unit (an id from `units`: the team owns it and its `lead` answers "
            "for it).",
        )
    ]


def test_literal_suggestion() -> None:
    _, problems = check(OBJECTIVE.replace("level: strategic", "level: Strategic"))
    assert problems == [
        (
            "OKR204",
            5,
            8,
            "`level` must be 'strategic' or 'operational', got 'Strategic'; did you mean `strategic`?",
        )
    ]


def test_number_in_quotes_is_not_a_number() -> None:
    _, problems = check(OBJECTIVE.replace("target: 12", 'target: "12 %"'))
    assert problems == [
        (
            "OKR203",
            15,
            13,
            "`key_results[0].target` must be a number, got '12 %'; write the number without "
            "quotes or units (the unit has its own field)",
        )
    ]


def test_yes_is_not_a_boolean() -> None:
    text = OBJECTIVE.replace(
        '    metric: conversion-rate\n    unit: "%"\n    baseline: 10\n    target: 12\n',
        "    kind: milestone\n    done: yes\n",
    )
    _, problems = check(text)
    assert problems == [
        (
            "OKR203",
            13,
            11,
            "`key_results[0].done` must be true or false, got 'yes'; write `true` or `false` "
            "(YAML 1.1 words like yes/no/on/off are text here)",
        )
    ]


def test_unknown_key_result_kind() -> None:
    _, problems = check(OBJECTIVE.replace("    metric:", "    kind: binary\n    metric:"))
    assert problems == [
        ("OKR204", 10, 5, "`kind` must be 'numeric' (the default) or 'milestone'"),
    ]


def test_checkin_value_must_match_the_key_result_kind() -> None:
    _, problems = check(
        OBJECTIVE + "    checkins:\n      - date: 2026-10-05\n        value: true\n"
    )
    assert [(c, line, col) for c, line, col, _ in problems] == [("OKR204", 18, 16)]


def test_quoted_iso_date_is_accepted_and_bad_dates_are_not() -> None:
    good, problems = check(
        OBJECTIVE + '    checkins:\n      - date: "2026-10-05"\n        value: 11\n'
    )
    assert problems == [] and isinstance(good, Objective)
    _, problems = check(OBJECTIVE + "    checkins:\n      - date: 2026-02-30\n        value: 11\n")
    assert problems[0][:3] == ("OKR203", 17, 15)
    assert "YYYY-MM-DD" in problems[0][3]


def test_infinity_and_nan_are_refused() -> None:
    _, problems = check(OBJECTIVE.replace("target: 12", "target: .inf"))
    assert [(c, line) for c, line, _, _ in problems] == [("OKR204", 15)]


def test_header_problems_stop_model_validation() -> None:
    _, problems = check("apiVersion: okrctl/v2\nkind: Objective\nfoo: 1\n")
    assert problems == [
        (
            "OKR200",
            1,
            13,
            "unsupported apiVersion 'okrctl/v2': this okrctl reads `okrctl/v1` (upgrade okrctl "
            "to read newer files)",
        )
    ]


def test_duplicate_key_cites_both_lines() -> None:
    parsed = parse_text(OBJECTIVE + "owner: ben\n", "f.yaml")
    assert [(d.code, d.line, d.message) for d in parsed.diagnostics] == [
        ("OKR101", 16, "duplicate key 'owner': it is already set at line 7; keep one of the two")
    ]


def test_wrong_indentation_says_to_check_the_columns() -> None:
    parsed = parse_text(
        OBJECTIVE.replace("    title: Conversion", "   title: Conversion"), "f.yaml"
    )
    assert [(d.code, d.line) for d in parsed.diagnostics] == [("OKR100", 11)]
    assert "check the indentation here" in parsed.diagnostics[0].message


def test_an_empty_key_result_item_is_not_a_kind_problem() -> None:
    _, problems = check(OBJECTIVE + "  -\n")
    assert problems == [
        ("OKR203", 16, 4, "`key_results[1]` must be a mapping of fields, got nothing (null)")
    ]


def test_numbers_are_bounded_so_scores_stay_finite() -> None:
    _, problems = check(OBJECTIVE.replace("target: 12", "target: 1.7e308"))
    assert [(c, line) for c, line, _, _ in problems] == [("OKR204", 15)]
    assert "at most 1e+15" in problems[0][3]


def test_a_wrong_type_reads_the_same_in_an_okr_file_and_in_the_configuration() -> None:
    """One table from pydantic's error types to words serves both validators."""
    from okrctl.config import ConfigError, parse_yaml

    _, problems = check(OBJECTIVE.replace("title: Grow the small-business segment", "title: [3]"))
    assert [(c, m) for c, _, _, m in problems] == [
        ("OKR203", "`title` must be a string, got a list")
    ]
    try:
        parse_yaml(
            "rules:\n  activity-key-result:\n    activity_words: [help, [3]]\n", "okrctl.yaml"
        )
    except ConfigError as error:
        configured = error.problems[0].message
    else:
        raise AssertionError("the configuration was accepted")
    assert configured.endswith("must be a string, got a list")


def test_messages_never_name_pydantic_internals() -> None:
    """A check-in value is a constrained float or a bool: the message names the user's field."""
    checkin = "    checkins:\n      - date: 2026-11-02\n        value: {}\n"
    for value, code, message in [
        ("abc", "OKR203", "must be a number, or true/false for a milestone, got 'abc'"),
        ("[1]", "OKR203", "must be a number, or true/false for a milestone, got a list"),
        ("-1e999", "OKR204", "must be a finite number, got -inf"),
        (".nan", "OKR204", "must be a finite number, got nan"),
    ]:
        _, problems = check(OBJECTIVE + checkin.format(value))
        assert [(c, m) for c, _, _, m in problems] == [
            (code, f"`key_results[0].checkins[0].value` {message}")
        ], value
