"""A strategic objective in the middle of the cascade is supported by at least one objective.

A strategic objective below the top (it has a `parent`) passes direction on: it is achieved
through the objectives that name it as their `parent`. One that nothing active supports has no
plan behind it: either the units below have not planned for it yet, or it is not a priority and
can go (`status: dropped`). Objectives of any period count as support (a yearly objective is
supported by quarterly ones).

Not reported: a top-level strategic objective (no `parent`) with key results of its own, which
is measured by them; a roll-up objective without key results, which the built-in OKR312 reports
when nothing supports it; dropped objectives. Objectives of closed periods are history and are
not reported unless `closed_periods` is true.

## Failing example

```yaml
id: repeat-business-q4
level: strategic
unit: sales
parent: grow-revenue-q4
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

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions


class Options(RuleOptions):
    closed_periods: bool = False
    """Also report strategic objectives of closed periods."""


def check(ctx: Context[Options]) -> Iterator[Finding]:
    periods, children = ctx.cascade.periods, ctx.cascade.children
    for entry in ctx.facts.entries:
        objective = entry.objective
        if objective.level != "strategic" or objective.status == "dropped":
            continue
        if objective.parent is None or not objective.key_results:
            continue
        period = periods.get(objective.period)
        if period is not None and period.closed and not ctx.options.closed_periods:
            continue
        supporters = ctx.cascade.objectives
        if not any(
            c in supporters and supporters[c].objective.status == "active"
            for c in children.get(objective.id, ())
        ):
            yield Finding(
                entry.file,
                ("level",),
                "no objective supports this strategic objective; plan the work that delivers "
                f"it as objectives with `parent: {objective.id}`, or drop it if it is not a "
                "priority",
            )


RULE = Rule(
    entry=codes.UNSUPPORTED_STRATEGY,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
