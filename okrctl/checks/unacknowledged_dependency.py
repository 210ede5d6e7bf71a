"""A dependency on another unit's objective is acknowledged by that objective.

Goals that depend on each other must be planned together: a team whose goal needs work that
another team never planned is set up for failure. An objective lists the objectives of other
units it needs in `depends_on`; the other unit agrees to serve it by listing it in
`acknowledges`. This rule reports both halves of a missing agreement:

* a `depends_on` entry naming another unit's objective that does not acknowledge it;
* an `acknowledges` entry naming an objective that does not depend on this one.

Dependencies within one unit need no acknowledgement.

## Failing example

```yaml
# okrs/2026-Q4/field-sales/lite-conversion-q4.yaml
id: lite-conversion-q4
unit: field-sales
depends_on:
  - lite-leads-q4        # marketing's objective, which has no `acknowledges` entry for it
```

## Passing example

```yaml
# okrs/2026-Q4/marketing/lite-leads-q4.yaml
id: lite-leads-q4
unit: marketing
acknowledges:
  - lite-conversion-q4
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    objectives = ctx.cascade.objectives
    for entry in ctx.facts.entries:
        objective = entry.objective
        for i, needed_id in enumerate(objective.depends_on):
            needed = objectives.get(needed_id)
            if needed is None or needed.objective.unit == objective.unit:
                continue
            if objective.id not in needed.objective.acknowledges:
                yield Finding(
                    entry.file,
                    ("depends_on", i),
                    f"depends on {needed_id!r} of unit {needed.objective.unit!r}, which does "
                    f"not acknowledge it; agree on the dependency with {needed.objective.unit!r} "
                    f"and add `acknowledges: [{objective.id}]` to {needed.file}",
                )
        for i, served_id in enumerate(objective.acknowledges):
            served = objectives.get(served_id)
            if served is None or served.objective.unit == objective.unit:
                continue
            if objective.id not in served.objective.depends_on:
                yield Finding(
                    entry.file,
                    ("acknowledges", i),
                    f"acknowledges {served_id!r}, which does not depend on this objective; "
                    f"remove it, or add `depends_on: [{objective.id}]` to {served.file}",
                )


RULE = Rule(
    entry=codes.UNACKNOWLEDGED_DEPENDENCY,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
