"""A key result with an unknown baseline gets its first measurement while the period runs.

"Increase weekly active users by 25%" often comes without the number it starts from. A numeric
key result may leave `baseline` out (with an explicit `direction`): the first check-in with a
value sets it. Until then nothing is measured, so the key result is left out of every score; this
rule says so, as information, while its period runs. Once a check-in has a value, or when the
period is over, nothing is reported.

## Failing example

```yaml
key_results:
  - id: weekly-active-users
    title: Weekly active users grow by a quarter
    metric: weekly-active-users
    unit: users
    direction: increase
    target: 1250
    checkins:
      - date: 2026-10-05
        note: Tracking in the dashboard, no data yet.
```

## Passing example

```yaml
key_results:
  - id: weekly-active-users
    title: Weekly active users grow by a quarter
    metric: weekly-active-users
    unit: users
    direction: increase
    target: 1250
    checkins:
      - date: 2026-10-12
        value: 1000
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule
from okrctl.model import NumericKeyResult


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    periods = ctx.cascade.periods
    for entry in ctx.facts.entries:
        objective = entry.objective
        period = periods.get(objective.period)
        if period is None or period.closed or objective.status == "dropped":
            continue
        if not period.start <= ctx.today <= period.end:
            continue
        for k, kr in enumerate(objective.key_results):
            if (
                isinstance(kr, NumericKeyResult)
                and kr.status == "active"
                and kr.known_baseline is None
                and kr.score is None
            ):
                yield Finding(
                    entry.file,
                    ("key_results", k, "target"),
                    f"the baseline of {kr.id!r} is not known yet, so it is not measured and "
                    "counts in no score; record the first value with `okrctl checkin`, which "
                    "sets it",
                    "key",
                )


RULE = Rule(
    entry=codes.UNKNOWN_BASELINE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
