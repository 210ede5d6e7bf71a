"""Running the configured rules over a cascade: findings in, placed diagnostics out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from okrctl.checks.base import Context
from okrctl.checks.facts import Facts
from okrctl.checks.registry import RULES
from okrctl.checks.rule_settings import RuleSetting
from okrctl.diagnostics import Diagnostic
from okrctl.index import Cascade
from okrctl.settings import DEFAULT_SETTINGS, Settings


def run_rules(
    cascade: Cascade,
    rules: Mapping[str, RuleSetting],
    today: dt.date,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Diagnostic]:
    """Every finding of every enabled rule, at the rule's configured severity; `settings` are
    the repository-wide ones (roll-up, grace days)."""
    facts = Facts(cascade, settings.rollup)
    found: list[Diagnostic] = []
    for code, rule in RULES.items():
        setting = rules.get(code)
        if rule.check is None or setting is None or not setting.enabled:
            continue
        context = Context(cascade, facts, setting.options, today, settings)
        for finding in rule.check(context):
            found.append(
                cascade.at(
                    finding.file,
                    finding.path,
                    code,
                    finding.message,
                    setting.severity,
                    finding.where,
                )
            )
    return found
