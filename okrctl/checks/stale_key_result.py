"""Key results of the current period are checked in regularly.

OKRs work when progress is visible week by week. In the current period (the one that contains
today, `okrctl check --today`, and is not closed), a key result whose last check-in is more than
`max_days` days old (or that has none, `max_days` days after the period started) is reported.
Graded key results and objectives, and milestones that are done (`done: true`, or a last
check-in `true`), need no more check-ins; dropped work and key results of `weight: 0`, which
count in no score, get no reminders.

## Failing example

```yaml
# today: 2026-11-22, period 2026-Q4 (2026-10-01 .. 2026-12-31)
key_results:
  - id: lite-deals
    title: Closed Lite deals reach 80
    metric: lite-deals-closed
    unit: deals
    baseline: 0
    target: 80
    checkins:
      - date: 2026-10-30
        value: 21
```

## Passing example

```yaml
key_results:
  - id: lite-deals
    title: Closed Lite deals reach 80
    metric: lite-deals-closed
    unit: deals
    baseline: 0
    target: 80
    checkins:
      - date: 2026-10-30
        value: 21
      - date: 2026-11-13
        value: 36
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from okrctl import codes, status
from okrctl.checks.base import Context, Finding, Rule, RuleOptions
from okrctl.model import MilestoneKeyResult
from okrctl.scoring import milestone_done


class Options(RuleOptions):
    max_days: int = Field(default=14, ge=1)
    """Most days a key result of the current period may go without a check-in."""


def check(ctx: Context[Options]) -> Iterator[Finding]:
    today, most = ctx.today, ctx.options.max_days
    periods = ctx.cascade.periods
    for entry in ctx.facts.entries:
        objective = entry.objective
        period = periods.get(objective.period)
        if period is None or period.closed or not period.start <= today <= period.end:
            continue
        if objective.score is not None or objective.status == "dropped":
            continue
        for k, kr in enumerate(objective.key_results):
            if kr.status == "dropped" or kr.weight == 0:  # not counted: no reminders either
                continue
            if kr.score is not None or (isinstance(kr, MilestoneKeyResult) and milestone_done(kr)):
                continue
            fresh = status.freshness(
                [c.date for c in kr.checkins],
                start=period.start,
                today=today,
                running=True,
                max_days=most,
            )
            if not fresh.stale:
                continue
            last, days, since = fresh.last, fresh.days, fresh.last or period.start
            what = (
                f"no check-in for {days} days (the last on {last})"
                if last
                else f"no check-in since the period started on {since} ({days} days)"
            )
            yield Finding(
                entry.file,
                ("key_results", k, "id"),
                f"{what}; record progress at least every {most} days (`okrctl checkin`)",
            )


RULE = Rule(
    entry=codes.STALE_KEY_RESULT,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
