"""The rules of good OKRs: an explicit registry, code -> rule, in code order.

To add a rule: write `okrctl/checks/<name>.py` with a docstring (its documentation, with a
failing and a passing example), an `Options` model if it has options, a `check` function and
`RULE`; list it here; give it a default severity in `okrctl.config.DEFAULT_SEVERITY`; add case
folders under `tests/checks/cases/<name>/`.
"""

from __future__ import annotations

from okrctl.checks import (
    activity_key_result,
    dropped_reason,
    few_and_focused,
    headcount,
    inverted_cascade,
    leading_indicator,
    measurable_objective,
    opposing_metrics,
    owner_in_unit,
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

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        measurable_objective.RULE,
        value_in_range.RULE,
        unknown_baseline.RULE,
        time_bound.RULE,
        owner_in_unit.RULE,
        few_and_focused.RULE,
        activity_key_result.RULE,
        qualitative_objective.RULE,
        inverted_cascade.RULE,
        skipped_level.RULE,
        unsupported_strategy.RULE,
        unacknowledged_dependency.RULE,
        opposing_metrics.RULE,
        headcount.RULE,
        leading_indicator.RULE,
        sandbagging.RULE,
        stale_key_result.RULE,
        retrospective.RULE,
        dropped_reason.RULE,
        unused_suppression.RULE,
    )
}
"""Every rule by code."""

BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES.values()}

UNUSED_SUPPRESSION = unused_suppression.RULE.code


def lookup(code_or_name: str) -> Rule | None:
    """The rule with this code (any case) or name, or None."""
    return RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
