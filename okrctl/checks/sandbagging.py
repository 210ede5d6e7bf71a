"""Objectives are ambitious: no sure bets, no aspirations met in full.

Google's OKR playbook calls it sandbagging: setting goals one is sure to reach. Two signs of it
are reported:

* a `committed` objective whose key results start with an average `confidence` above
  `max_confidence` (a key result without `confidence` counts with its first check-in's, and is
  left out when it has neither);
* an `aspirational` objective scored 1.0 at the end of its period: graded with `score: 1.0`,
  or, in a closed period, with an effective score of 1.0 (from its key results, or from the
  objectives supporting it when it has none). An aspiration met in full
  was not a stretch; the next one should reach further (or the objective was committed).

## Failing example

```yaml
type: aspirational
score: 1.0
```

## Passing example

```yaml
type: aspirational
score: 0.7
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions
from okrctl.model import Objective


class Options(RuleOptions):
    max_confidence: float = Field(default=0.9, ge=0.0, le=1.0, allow_inf_nan=False)
    """Highest average starting confidence a committed objective may have."""


def starting_confidence(objective: Objective) -> float | None:
    """The mean starting confidence of the key results that state one, or None."""
    values = []
    for kr in objective.key_results:
        value = kr.confidence
        if value is None and kr.checkins:
            value = kr.checkins[0].confidence
        if value is not None:
            values.append(value)
    return sum(values) / len(values) if values else None


def check(ctx: Context[Options]) -> Iterator[Finding]:
    periods = ctx.cascade.periods
    for entry in ctx.facts.entries:
        objective = entry.objective
        if objective.type == "committed":
            confidence = starting_confidence(objective)
            if confidence is not None and confidence > ctx.options.max_confidence + 1e-9:
                yield Finding(
                    entry.file,
                    ("key_results",),
                    f"the key results start with an average confidence of {confidence:.2f}, "
                    f"above {ctx.options.max_confidence:g}: a goal this certain is not a goal; "
                    "raise the targets until success is likely but not sure",
                    "key",
                )
            continue
        period = periods.get(objective.period)
        if objective.status == "dropped":
            continue
        graded: float | None
        if objective.score is not None:
            graded, path = objective.score, ("score",)
        elif period is not None and period.closed:
            graded, path = ctx.facts.scores.get(objective.id), ("key_results",)
        else:
            continue
        if graded is not None and graded >= 1.0 - 1e-9:
            yield Finding(
                entry.file,
                path,
                "this aspirational objective was fully achieved (score 1.0), so it was not a "
                "stretch; aim the next one further, or make it `type: committed`",
                "value" if path == ("score",) else "key",
            )


RULE = Rule(
    entry=codes.SANDBAGGING,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
