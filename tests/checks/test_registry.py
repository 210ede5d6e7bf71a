"""The registry and the rules' documentation: every rule is complete and documented."""

from __future__ import annotations

import re

import pytest

from okrctl.checks.base import NoOptions
from okrctl.checks.documentation import find, rule_docs, type_label
from okrctl.checks.registry import BY_NAME, RULES, lookup
from okrctl.config import Config, parse_yaml
from okrctl.load import parse_text

EXAMPLE = re.compile(r"## (Failing|Passing) example\n\n```yaml\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_complete(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"OKR[4-9]\d\d", rule.code)
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
    assert rule.summary.endswith(".") and len(rule.summary) <= 100
    assert lookup(rule.name) is rule and lookup(rule.code.lower()) is rule
    for name, info in rule.options.model_fields.items():
        assert info.description, f"option {name} of {rule.name} is undocumented"


@pytest.mark.parametrize("code", sorted(RULES))
def test_documentation_has_a_failing_and_a_passing_yaml_example(code: str) -> None:
    doc = RULES[code].documentation
    examples = EXAMPLE.findall(doc)
    assert [kind for kind, _ in examples] == ["Failing", "Passing"]
    for _, text in examples:
        parsed = parse_text(text, "example.yaml")
        assert parsed.diagnostics == [] and parsed.data, text


def test_codes_and_names_are_unique() -> None:
    assert len(RULES) == len(BY_NAME) == len({r.code for r in RULES.values()})
    assert list(RULES) == sorted(RULES)


def test_rule_docs_as_data() -> None:
    docs = rule_docs()
    assert [d.code for d in docs] == sorted(RULES)
    few = find("few-and-focused")
    assert few is not None
    assert few.as_dict() == {
        "code": "OKR430",
        "name": "few-and-focused",
        "summary": "Objectives have a few key results, and a unit has a few objectives per period.",
        "default_severity": "warning",
        "severity": "warning",
        "enabled": True,
        "options": [
            {"name": "min_key_results", "type": "integer", "default": 2, "value": 2,
             "doc": "Fewest key results an objective should have."},
            {"name": "max_key_results", "type": "integer", "default": 5, "value": 5,
             "doc": "Most key results an objective should have."},
            {"name": "max_objectives", "type": "integer", "default": 5, "value": 5,
             "doc": "Most objectives a unit should have in one period."},
        ],
        "doc": RULES["OKR430"].documentation,
    }  # fmt: skip


def test_rule_docs_follow_the_configuration() -> None:
    config = parse_yaml(
        "rules:\n  OKR430:\n    severity: error\n    max_objectives: 3\n  OKR600: off\n",
        "okrctl.yaml",
    )
    few = find("OKR430", config)
    assert few is not None and few.severity == "error" and few.default_severity == "warning"
    assert [o.value for o in few.options] == [2, 5, 3]
    assert (
        "- `max_objectives` (integer, default `5`, configured: 3): Most objectives"
        in few.markdown()
    )
    leading = find("leading-indicator", config)
    assert leading is not None and not leading.enabled
    assert "Severity: off (when on: info); default: info." in leading.markdown()
    assert find("nope", Config()) is None


def test_option_types_read_naturally() -> None:
    assert type_label(int) == "integer"
    assert type_label(list[str]) == "list of strings"
    assert type_label(dict[str, list[float]]) == "mapping of string to list of numbers"
    assert NoOptions.model_fields == {}
