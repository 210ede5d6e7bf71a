"""The catalogue of codes: complete, consistent, and one with the rules' registry."""

from __future__ import annotations

import re

import pytest

from okrctl import codes
from okrctl.checks.registry import RULES
from okrctl.codes import CATALOGUE, Code, Phase, Severity, lookup
from okrctl.explain.entries import everything, explain

HUNDREDS = {
    Phase.CONFIGURATION: "0",
    Phase.LOAD: "01",
    Phase.MODEL: "2",
    Phase.REFERENCES: "3",
    Phase.RULES: "4567",
    Phase.LIFECYCLE: "8",
    Phase.SOURCES: "8",
    Phase.HISTORY: "8",
}
"""The hundreds digit of each phase's codes."""


def constant(entry: Code) -> str:
    return entry.name.upper().replace("-", "_")


def test_codes_and_names_are_unique_and_in_order() -> None:
    assert list(CATALOGUE) == sorted(CATALOGUE)
    assert len({e.name for e in CATALOGUE.values()}) == len(CATALOGUE) >= 60


@pytest.mark.parametrize("entry", CATALOGUE.values(), ids=lambda e: e.code)
def test_entry_is_complete(entry: Code) -> None:
    assert entry.code[3] in HUNDREDS[entry.phase] or entry.code == "OKR900"
    assert getattr(codes, constant(entry)) is entry, "the constant is the name in capitals"
    assert lookup(entry.name.upper()) is entry and lookup(f" {entry.code.lower()}") is entry
    explained = explain(entry)
    assert explained.summary.endswith(".") and len(explained.summary) <= 100
    assert "\n" not in explained.summary and explained.explanation
    assert not entry.retired


def test_the_rules_are_the_registry() -> None:
    """A rule's code, name and default severity are its catalogue entry; its documentation is
    its module's docstring, so nothing is written twice."""
    rules = {e.code: e for e in CATALOGUE.values() if e.is_rule}
    assert rules.keys() == RULES.keys()
    for code, rule in RULES.items():
        assert rule.entry is rules[code] and rule.entry.doc == ""
        assert explain(rule.entry).documentation == rule.documentation
    others = [e for e in CATALOGUE.values() if not e.is_rule]
    assert all(e.doc for e in others)


def test_only_the_rules_and_the_history_warn() -> None:
    """Built-in checks are errors: only the configurable rules, a closed period's edits
    (history, which cannot be undone), a later check-in that keeps sync from recording a value
    (nothing is wrong) and a control character in prose (the text stays what it
    is) have another severity."""
    lenient = {e.code for e in CATALOGUE.values() if e.severity is not Severity.ERROR}
    assert lenient - {e.code for e in CATALOGUE.values() if e.is_rule} == {
        "OKR114",
        "OKR815",
        "OKR820",
    }


def test_a_malformed_entry_is_refused() -> None:
    with pytest.raises(ValueError, match="malformed"):
        Code(code="OKR12", name="x", phase=Phase.LOAD, severity=Severity.ERROR)
    with pytest.raises(ValueError, match="malformed"):
        Code(code="OKR120", name="Bad_Name", phase=Phase.LOAD, severity=Severity.ERROR)


def test_examples_are_parsed_with_their_file() -> None:
    doc = explain(codes.NOT_AN_OKR_FILE)
    assert [(e.kind, e.language, e.file) for e in doc.examples] == [
        ("failing", "python", "okrs/2026-Q4/field-sales/conversion.py"),
        ("passing", "python", "scripts/conversion.py"),
    ]
    assert re.fullmatch(r"print\(14\.4\)\n", doc.examples[0].text)


def test_everything_is_every_code() -> None:
    assert [e.code for e in everything()] == list(CATALOGUE)
