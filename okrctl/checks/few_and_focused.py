"""Objectives have a few key results, and a unit has a few objectives per period.

Google's guidance: three to five objectives, each with a handful of key results. More than that
spreads a team thin; a single key result rarely captures an objective. An objective with fewer
than `min_key_results` or more than `max_key_results` key results is reported at its
`key_results`; a unit with more than `max_objectives` objectives in one period (its own, and
those it shares as a contributor; dropped ones not counted) is reported at the unit in the
organisation file, naming the objectives. Roll-up objectives, measured by the objectives that
support them, and dropped key results are not counted as key results.

## Failing example

```yaml
id: faster-rep-ramp-q4
key_results:
  - id: days-to-first-deal
    title: Days from a new rep's start to their first closed deal fall from 50 to 35
    metric: days-to-first-deal
    unit: days
    baseline: 50
    target: 35
```

## Passing example

```yaml
id: faster-rep-ramp-q4
key_results:
  - id: days-to-first-deal
    title: Days from a new rep's start to their first closed deal fall from 50 to 35
    metric: days-to-first-deal
    unit: days
    baseline: 50
    target: 35
  - id: certified-in-30-days
    title: New reps certified on Lite within 30 days rise from 40% to 90%
    metric: reps-certified-30d
    unit: "%"
    baseline: 40
    target: 90
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, model_validator

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions


class Options(RuleOptions):
    min_key_results: int = Field(default=2, ge=1)
    """Fewest key results an objective should have."""
    max_key_results: int = Field(default=5, ge=1)
    """Most key results an objective should have."""
    max_objectives: int = Field(default=5, ge=1)
    """Most objectives a unit should have in one period."""

    @model_validator(mode="after")
    def _ordered(self) -> Options:
        if self.min_key_results > self.max_key_results:
            raise ValueError("min_key_results must not be greater than max_key_results")
        return self


def check(ctx: Context[Options]) -> Iterator[Finding]:
    low, high = ctx.options.min_key_results, ctx.options.max_key_results
    for entry in ctx.facts.entries:
        if not entry.objective.key_results:  # a roll-up objective: measured by its children
            continue
        count = sum(kr.status == "active" for kr in entry.objective.key_results)
        if entry.objective.status == "active" and (count < low or count > high):
            yield Finding(
                entry.file,
                ("key_results",),
                f"{count} key result{'s' * (count != 1)}; an objective is measured by "
                + (f"{low} to {high}" if low < high else str(low))
                + " key results, "
                + (
                    "so add the outcomes that show it is met"
                    if count < low
                    else "so keep the ones that matter most and drop or move the rest"
                ),
                "key",
            )
    org_file = ctx.cascade.org_file
    most = ctx.options.max_objectives
    if org_file is None:
        return
    for (unit, period), entries in sorted(ctx.facts.load.items()):
        position = ctx.facts.unit_positions.get(unit)
        if position is None or len(entries) <= most:
            continue
        names = ", ".join(e.objective.id for e in entries)
        yield Finding(
            org_file,
            ("units", position, "id"),
            f"unit {unit!r} has {len(entries)} objectives in {period} ({names}); keep at most "
            f"{most} so that the team can focus",
        )


RULE = Rule(
    entry=codes.FEW_AND_FOCUSED,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
