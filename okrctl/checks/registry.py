"""The rules of good OKRs: an explicit registry of rule modules, in code order.

To add a rule: add its entry (code, name, default severity) to `okrctl/codes/rules.py`; write
`okrctl/checks/<name>.py` with a docstring (its documentation, with a failing and a passing
example, which a test runs through the rule), an `Options` model if it has options, a `check`
function and `RULE` (its catalogue entry and options); list the module in `MODULES`; add case
folders under `tests/checks/cases/<name>/`.
"""

from __future__ import annotations

from okrctl.checks import (
    activity_key_result,
    awaiting_grades,
    dropped_reason,
    few_and_focused,
    headcount,
    inverted_cascade,
    leading_indicator,
    measurable_objective,
    opposing_metrics,
    owner_in_unit,
    placeholder_text,
    qualitative_objective,
    retrospective,
    sandbagging,
    skipped_level,
    stale_key_result,
    time_bound,
    unacknowledged_dependency,
    unknown_baseline,
    unsupported_strategy,
    unused_suppression,
    value_in_range,
)
from okrctl.checks.base import Rule

MODULES = (
    measurable_objective,
    value_in_range,
    unknown_baseline,
    time_bound,
    owner_in_unit,
    few_and_focused,
    activity_key_result,
    qualitative_objective,
    placeholder_text,
    inverted_cascade,
    skipped_level,
    unsupported_strategy,
    unacknowledged_dependency,
    opposing_metrics,
    headcount,
    leading_indicator,
    sandbagging,
    stale_key_result,
    awaiting_grades,
    retrospective,
    dropped_reason,
    unused_suppression,
)
"""Every rule's module, each defining `RULE`."""

RULES: dict[str, Rule] = {module.RULE.code: module.RULE for module in MODULES}
"""Every rule by code."""

BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES.values()}

UNUSED_SUPPRESSION = unused_suppression.RULE.code


def lookup(code_or_name: str) -> Rule | None:
    """The rule with this code (any case) or name, or None."""
    return RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
