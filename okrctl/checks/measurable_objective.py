"""An objective has at least one numeric key result.

Milestones ("launch the new pricing page") are done or not, so they show no progress until the
day they are delivered, and they say nothing about whether the launch moved anything. An
objective whose key results are all milestones gets a suggestion to add a numeric one: a metric
with a `baseline`, a `target` and a `unit`.

The rest of measurability is enforced by the file format itself: a numeric key result must have
a baseline, a target and a unit, a target different from the baseline (OKR204), and a
`direction` that agrees with them (OKR204). Plausible values are checked by `value-in-range`.

## Failing example

```yaml
title: Make the new pricing page a success
key_results:
  - id: launch-page
    kind: milestone
    title: The new pricing page is live
  - id: announce
    kind: milestone
    title: Every customer received the pricing announcement
```

## Passing example

```yaml
title: Make the new pricing page a success
key_results:
  - id: launch-page
    kind: milestone
    title: The new pricing page is live
  - id: page-conversion
    title: Visitors of the pricing page who start a trial rise from 2% to 4%
    metric: pricing-page-conversion
    unit: "%"
    baseline: 2
    target: 4
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule
from okrctl.model import NumericKeyResult


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    for entry in ctx.facts.entries:
        key_results = [kr for kr in entry.objective.key_results if kr.status == "active"]
        if key_results and not any(isinstance(kr, NumericKeyResult) for kr in key_results):
            yield Finding(
                entry.file,
                ("key_results",),
                "every key result of this objective is a milestone, which shows no progress "
                "until it is done; add a numeric key result (a metric with a baseline, a target "
                "and a unit) that measures the outcome",
                "key",
            )


RULE = Rule(
    entry=codes.MEASURABLE_OBJECTIVE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
