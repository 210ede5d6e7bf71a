"""A committed objective that fell short has a retrospective.

A committed objective is expected to be fully met (1.0). When it is graded lower, the team
writes down what happened and what it learned, so that the next period's plan benefits: a
committed objective with a `score` below 1.0 and no `retrospective` is reported.

## Failing example

```yaml
type: committed
score: 0.8
```

## Passing example

```yaml
type: committed
score: 0.8
retrospective: >-
  Both new reps closed their first deal inside the quarter, but not within fifty days: the
  shadowing schedule started three weeks late.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    for entry in ctx.facts.entries:
        objective = entry.objective
        if objective.type != "committed" or objective.score is None:
            continue
        if objective.score < 1.0 and not (objective.retrospective or "").strip():
            yield Finding(
                entry.file,
                ("score",),
                f"this committed objective scored {objective.score:g}, short of 1.0, without "
                "a retrospective; add `retrospective:` saying what happened and what the team "
                "will do differently",
            )


RULE = Rule(
    entry=codes.RETROSPECTIVE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
