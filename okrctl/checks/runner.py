"""Running the configured rules over a cascade: findings in, placed diagnostics out."""

from __future__ import annotations

import datetime as dt

from okrctl.checks.base import Context
from okrctl.checks.facts import Facts
from okrctl.checks.registry import RULES
from okrctl.config import Config
from okrctl.diagnostics import Diagnostic
from okrctl.index import Cascade


def run(cascade: Cascade, config: Config, today: dt.date) -> list[Diagnostic]:
    """Every finding of every enabled rule, at the rule's configured severity."""
    facts = Facts(cascade, config.settings.rollup)
    found: list[Diagnostic] = []
    for code, rule in RULES.items():
        setting = config.rules.get(code)
        if rule.check is None or setting is None or not setting.enabled:
            continue
        context = Context(cascade, facts, setting.options, today, config.settings)
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
