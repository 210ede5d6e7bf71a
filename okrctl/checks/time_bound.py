"""Check-ins fall inside the objective's period, not after today, oldest first.

An objective is time-bound by its `period` (a period that does not exist is already an error,
OKR304). Its progress reports must belong to that time box: a check-in dated before the period
starts or after it ends is a mistake (often the wrong year, or a check-in recorded on last
quarter's objective), and so is one dated after today (`okrctl check --today` sets the day).
Organisations grade in the first days of the next period, so check-ins up to
`checkin_grace_days` (okrctl.yaml, 14 by default) after the period's end still belong to it.
Check-ins are listed oldest first, because the last one is read as the latest progress.

## Failing example

```yaml
period: 2026-Q4            # 2026-10-01 .. 2026-12-31
key_results:
  - id: lite-deals
    title: Closed Lite deals reach 80
    metric: lite-deals-closed
    unit: deals
    baseline: 0
    target: 80
    checkins:
      - date: 2026-11-13
        value: 36
      - date: 2026-10-30   # before the previous check-in
        value: 21
      - date: 2025-12-01   # outside the period
        value: 40
```

## Passing example

```yaml
period: 2026-Q4
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

import datetime as dt
from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    periods = ctx.cascade.periods
    grace = dt.timedelta(days=ctx.settings.checkin_grace_days)
    for entry in ctx.facts.entries:
        objective = entry.objective
        period = periods.get(objective.period)
        for k, kr in enumerate(objective.key_results):
            previous = None
            for c, checkin in enumerate(kr.checkins):
                path = ("key_results", k, "checkins", c, "date")
                day = checkin.date
                if period is not None and not period.start <= day <= period.end + grace:
                    late = (
                        f", or {grace.days} days after" if grace.days and day > period.end else ""
                    )
                    yield Finding(
                        entry.file,
                        path,
                        f"check-in dated {day} lies outside period {period.id!r} "
                        f"({period.start} to {period.end}{late}); fix the date, or record it on "
                        "the objective of the period it belongs to",
                    )
                    continue  # a date from elsewhere says nothing about the order
                if day > ctx.today:
                    yield Finding(
                        entry.file,
                        path,
                        f"check-in dated {day} is in the future (today is {ctx.today}); "
                        "record progress once it has happened",
                    )
                if previous is not None and day < previous:
                    yield Finding(
                        entry.file,
                        path,
                        f"check-in dated {day} is listed after one dated {previous}; list "
                        "check-ins oldest first, since the last one counts as the latest",
                    )
                else:
                    previous = day


RULE = Rule(
    entry=codes.TIME_BOUND,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
