"""Dropped work says why it was dropped.

De-prioritising an objective or a key result during the period is a decision worth keeping:
`status: dropped` leaves the work out of every score and out of the next period, and its
`dropped_reason` tells the next reader (and the retrospective) why. Dropped work without a reason
is reported, and so is a reason on work that is not dropped (a leftover from an earlier edit).

## Failing example

```yaml
key_results:
  - id: podcast
    title: A customer podcast launches
    kind: milestone
    status: dropped
```

## Passing example

```yaml
key_results:
  - id: podcast
    title: A customer podcast launches
    kind: milestone
    status: dropped
    dropped_reason: The agency contract fell through; the budget went to webinars.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule


def _problem(status: str, reason: str | None) -> str | None:
    written = bool((reason or "").strip())
    if status == "dropped" and not written:
        return (
            "dropped without a `dropped_reason`; say why, for the retrospective and the next plan"
        )
    if status != "dropped" and written:
        return "a `dropped_reason` on work that is not dropped; remove it, or set `status: dropped`"
    return None


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    for entry in ctx.facts.entries:
        objective = entry.objective
        items: list[tuple[tuple[str | int, ...], str, str, str | None]] = [
            ((), "the objective", objective.status, objective.dropped_reason)
        ]
        items += [
            (("key_results", k), f"key result {kr.id!r}", kr.status, kr.dropped_reason)
            for k, kr in enumerate(objective.key_results)
        ]
        for path, what, status, reason in items:
            message = _problem(status, reason)
            if message is not None:
                field = "status" if status == "dropped" else "dropped_reason"
                verb = "was" if status == "dropped" else "has"
                yield Finding(entry.file, (*path, field), f"{what} {verb} {message}")


RULE = Rule(
    entry=codes.DROPPED_REASON,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
