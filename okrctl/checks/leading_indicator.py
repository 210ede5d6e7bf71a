"""An objective has at least one leading key result.

Lagging indicators (revenue, churn, conversion) confirm success after the fact; leading ones
(demos booked, trials started) predict it while there is still time to act, and a good set of
key results has a few of each. An objective whose key results declare an `indicator`, all of them
`lagging`, gets a suggestion to add a leading one. Only what was declared is judged: key results
that say nothing about their indicator (most real OKR sets) are not read as lagging.

## Failing example

```yaml
key_results:
  - id: lite-bookings
    title: Brightpath Lite bookings reach 120,000 EUR
    indicator: lagging
    metric: lite-bookings
    unit: EUR
    baseline: 0
    target: 120000
  - id: lite-deals
    title: Closed Lite deals reach 80
    indicator: lagging
    metric: lite-deals-closed
    unit: deals
    baseline: 0
    target: 80
```

## Passing example

```yaml
key_results:
  - id: lite-bookings
    title: Brightpath Lite bookings reach 120,000 EUR
    metric: lite-bookings
    unit: EUR
    baseline: 0
    target: 120000
  - id: lite-trials
    title: Lite starter kits in active trial reach 150
    indicator: leading
    metric: lite-active-trials
    unit: trials
    baseline: 0
    target: 150
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    for entry in ctx.facts.entries:
        declared = [
            kr
            for kr in entry.objective.key_results
            if kr.status == "active" and "indicator" in kr.model_fields_set
        ]
        if declared and all(kr.indicator == "lagging" for kr in declared):
            yield Finding(
                entry.file,
                ("key_results",),
                "every key result is a lagging indicator, which confirms success only "
                "afterwards; add a leading one (`indicator: leading`) that predicts it while "
                "there is time to act",
                "key",
            )


RULE = Rule(
    entry=codes.LEADING_INDICATOR,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
