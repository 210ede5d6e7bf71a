"""An ended period is graded once its grace days are over.

Organisations grade in the first days of the next period: check-ins and grades are accepted for
`checkin_grace_days` (okrctl.yaml, 14 by default) after a period's end. Once those days are over,
an objective of the period (not closed yet) that has no `score` is reported: its owner grades it
(`okrctl grade PERIOD` writes every score) so that the period can be closed (`okrctl close`).
Dropped objectives are not graded and are not reported.

## Failing example

```yaml
# okrs/2026-Q3/field-sales/demos-q3.yaml   (today 2026-11-22: 2026-Q3 ended on 2026-09-30)
id: demos-q3
period: 2026-Q3
```

## Passing example

```yaml
# okrs/2026-Q3/field-sales/demos-q3.yaml
id: demos-q3
period: 2026-Q3
score: 1.0
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    grace = dt.timedelta(days=ctx.settings.checkin_grace_days)
    periods = ctx.cascade.periods
    for entry in ctx.facts.entries:
        objective = entry.objective
        period = periods.get(objective.period)
        # days since the end, not the end plus the grace: a period may end on 9999-12-31
        if period is None or period.closed or (ctx.today - period.end) <= grace:
            continue
        if objective.score is not None or objective.status == "dropped":
            continue
        after = f" and its {grace.days} days of grace on {period.end + grace}" if grace else ""
        yield Finding(
            entry.file,
            ("period",),
            f"period {period.id!r} ended on {period.end}{after}, and this objective has no "
            f"`score`; grade it (`okrctl grade {period.id}`), then close the period "
            f"(`okrctl close {period.id}`)",
        )


RULE = Rule(
    entry=codes.AWAITING_GRADES,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
