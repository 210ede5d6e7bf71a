"""Every strategic objective is supported by at least one objective.

A strategic objective is direction; it is achieved through the objectives that name it as their
`parent`. One that nothing supports has no plan behind it: either the units below have not
planned for it yet, or it is not a priority and can go. Objectives of any period count as
support (a yearly objective is supported by quarterly ones).

Objectives of closed periods are history and are not reported unless `closed_periods` is true.

## Failing example

```yaml
id: repeat-business-q4
level: strategic
unit: brightpath
period: 2026-Q4
# ... and no objective has `parent: repeat-business-q4`
```

## Passing example

```yaml
# okrs/2026-Q4/customer-support/proactive-repeat-business-q4.yaml
id: proactive-repeat-business-q4
level: operational
unit: customer-support
period: 2026-Q4
parent: repeat-business-q4
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.checks.base import Context, Finding, Rule, RuleOptions
from okrctl.diagnostics import Severity


class Options(RuleOptions):
    closed_periods: bool = False
    """Also report strategic objectives of closed periods."""


def check(ctx: Context[Options]) -> Iterator[Finding]:
    periods, children = ctx.cascade.periods, ctx.cascade.children
    for entry in ctx.facts.entries:
        objective = entry.objective
        if objective.level != "strategic":
            continue
        period = periods.get(objective.period)
        if period is not None and period.closed and not ctx.options.closed_periods:
            continue
        if not children.get(objective.id):
            yield Finding(
                entry.file,
                ("level",),
                "no objective supports this strategic objective; plan the work that delivers "
                f"it as objectives with `parent: {objective.id}`, or drop it if it is not a "
                "priority",
            )


RULE = Rule(
    code="OKR502",
    name="unsupported-strategy",
    doc=__doc__ or "",
    severity=Severity.WARNING,
    options=Options,
    check=check,
)
