"""An objective does not bypass the level between it and the objective it supports.

A team's objective should support its department's objectives, which support the company's.
When a department already has an objective that serves a company objective, a team below it
that names the company objective as its own `parent` bypasses the department: the department
cannot see, plan or report the work that serves its own goal, and the team's work is counted
twice in parallel branches.

Definition: the objective's `parent` belongs to a unit two or more levels above the objective's
unit, and a unit in between has, in the same period, an objective with that same parent. The
objective should support that one instead. Supporting a higher unit directly is fine when the
units in between serve the parent with no objective of their own: a department need not restate
every company goal.

## Failing example

```yaml
# sales (between field-sales and brightpath) has lite-sales-motion-q4,
# whose parent is lite-package-revenue-q4
id: lite-conversion-q4
unit: field-sales
period: 2026-Q4
level: operational
parent: lite-package-revenue-q4   # an objective of brightpath
```

## Passing example

```yaml
id: lite-conversion-q4
unit: field-sales
period: 2026-Q4
level: operational
parent: lite-sales-motion-q4      # the objective of sales that serves it
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    objectives = ctx.cascade.objectives
    # (parent, unit, period) -> the first objective (in id order) of the unit supporting it
    serving: dict[tuple[str, str, str], str] = {}
    for entry in ctx.facts.entries:
        objective = entry.objective
        if objective.parent is not None:
            key = (objective.parent, objective.unit, objective.period)
            serving.setdefault(key, objective.id)
    for entry in ctx.facts.entries:
        objective = entry.objective
        parent = objectives.get(objective.parent) if objective.parent is not None else None
        if parent is None:
            continue
        ancestors = ctx.facts.ancestors(objective.unit)
        above = parent.objective.unit
        if above not in ancestors[1:]:  # same unit, the unit right above, or not above at all
            continue
        for unit in ancestors[: ancestors.index(above)]:
            bypassed = serving.get((parent.objective.id, unit, objective.period))
            if bypassed is not None:
                yield Finding(
                    entry.file,
                    ("parent",),
                    f"parent {objective.parent!r} belongs to {above!r}, but {unit!r}, the level "
                    f"in between, serves it with {bypassed!r}; support {bypassed!r} instead, so "
                    f"that {unit!r} sees the work that serves its goal",
                )
                break


RULE = Rule(
    entry=codes.SKIPPED_LEVEL,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
