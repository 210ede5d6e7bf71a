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
from okrctl.workers import share

PARTS_PER_PROCESS = 2
"""Parts a rule judging each objective alone is run in, per process: more than one, so that the
processes finish together whatever the other rules cost."""


def run_rules(
    cascade: Cascade,
    rules: Mapping[str, RuleSetting],
    today: dt.date,
    settings: Settings = DEFAULT_SETTINGS,
    jobs: int = 1,
) -> list[Diagnostic]:
    """Every finding of every enabled rule, at the rule's configured severity; `settings` are
    the repository-wide ones (roll-up, grace days). With `jobs` above 1, the rules are shared
    between that many processes (`okrctl.workers.share`: where they start by fork, each sees
    the cascade as it is), and a rule judging each objective alone (`Rule.per_objective`:
    OKR440's reading of every title, the heaviest) runs in parts, so that no process waits for
    the one running it; the findings are the same, in the same order."""
    facts = Facts(cascade, settings.rollup)
    tasks = [
        (code, rule.check, setting, (part, parts))
        for code, rule in RULES.items()
        if rule.check is not None and (setting := rules.get(code)) is not None and setting.enabled
        for parts in [PARTS_PER_PROCESS * jobs if jobs > 1 and rule.per_objective else 1]
        for part in range(parts)
    ]
    facts.entries  # noqa: B018 (built once, before any process starts)

    def run(i: int) -> list[Diagnostic]:
        code, check, setting, part = tasks[i]
        context = Context(cascade, facts, setting.options, today, settings, part)
        return [
            cascade.at(f.file, f.path, code, f.message, setting.severity, f.where)
            for f in check(context)
        ]

    return [d for found in share(len(tasks), run, jobs) for d in found]
