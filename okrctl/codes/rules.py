"""The rules of good OKRs (OKR400 and up): their codes, names and default severities.

Each rule's documentation is its module's docstring in `okrctl/checks/`, with a failing and a
passing example; the rule names its entry here (`Rule(entry=...)`), so a code, a name and a
default severity are written once. The configuration may change a rule's severity or turn it off.
"""

from __future__ import annotations

from okrctl.codes.entry import Code, Phase
from okrctl.codes.severity import Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _rule(code: str, name: str, severity: Severity, *, suppressible: bool | None = None) -> Code:
    return Code(
        code=code, name=name, phase=Phase.RULES, severity=severity, suppressible=suppressible
    )


MEASURABLE_OBJECTIVE = _rule("OKR400", "measurable-objective", INFO)
"""A suggestion: milestones are legitimate."""
VALUE_IN_RANGE = _rule("OKR401", "value-in-range", WARNING)
UNKNOWN_BASELINE = _rule("OKR402", "unknown-baseline", INFO)
"""Set by the first check-in."""
TIME_BOUND = _rule("OKR410", "time-bound", ERROR)
"""A misdated check-in corrupts the scores."""
OWNER_IN_UNIT = _rule("OKR420", "owner-in-unit", WARNING)
FEW_AND_FOCUSED = _rule("OKR430", "few-and-focused", WARNING)
ACTIVITY_KEY_RESULT = _rule("OKR440", "activity-key-result", WARNING)
QUALITATIVE_OBJECTIVE = _rule("OKR441", "qualitative-objective", WARNING)
PLACEHOLDER_TEXT = _rule("OKR442", "placeholder-text", WARNING)
"""Like the other wording rules: reported on the pull request, never blocking a merge."""
INVERTED_CASCADE = _rule("OKR500", "inverted-cascade", WARNING)
SKIPPED_LEVEL = _rule("OKR501", "skipped-level", WARNING)
UNSUPPORTED_STRATEGY = _rule("OKR502", "unsupported-strategy", WARNING)
UNACKNOWLEDGED_DEPENDENCY = _rule("OKR510", "unacknowledged-dependency", WARNING)
OPPOSING_METRICS = _rule("OKR511", "opposing-metrics", WARNING)
HEADCOUNT = _rule("OKR512", "headcount", WARNING)
LEADING_INDICATOR = _rule("OKR600", "leading-indicator", INFO)
"""A suggestion."""
SANDBAGGING = _rule("OKR610", "sandbagging", WARNING)
STALE_KEY_RESULT = _rule("OKR700", "stale-key-result", WARNING)
AWAITING_GRADES = _rule("OKR705", "awaiting-grades", WARNING)
"""After the period's grace days: grade it, then close it."""
RETROSPECTIVE = _rule("OKR710", "retrospective", WARNING)
DROPPED_REASON = _rule("OKR720", "dropped-reason", WARNING)
UNUSED_SUPPRESSION = _rule("OKR900", "unused-suppression", WARNING, suppressible=False)
"""Reported by okrctl after every other rule; a comment cannot silence it."""

ENTRIES = (
    MEASURABLE_OBJECTIVE,
    VALUE_IN_RANGE,
    UNKNOWN_BASELINE,
    TIME_BOUND,
    OWNER_IN_UNIT,
    FEW_AND_FOCUSED,
    ACTIVITY_KEY_RESULT,
    QUALITATIVE_OBJECTIVE,
    PLACEHOLDER_TEXT,
    INVERTED_CASCADE,
    SKIPPED_LEVEL,
    UNSUPPORTED_STRATEGY,
    UNACKNOWLEDGED_DEPENDENCY,
    OPPOSING_METRICS,
    HEADCOUNT,
    LEADING_INDICATOR,
    SANDBAGGING,
    STALE_KEY_RESULT,
    AWAITING_GRADES,
    RETROSPECTIVE,
    DROPPED_REASON,
    UNUSED_SUPPRESSION,
)
