"""A unit carries no more objectives than its people can pursue.

Each unit's goals must account for its resources: with more objectives than people, none gets
done well. A unit with a `headcount` in the organisation file may have at most
`headcount x objectives_per_person` objectives in one period; more is reported at the unit's
`headcount`. Units without a headcount (or with 0) are not checked. The unit's own objectives
are counted, and those it shares as one of their `contributors`, not those of its sub-units,
while `headcount` is whatever the organisation file says (usually including sub-units).
Dropped objectives free their capacity and are not counted.

## Failing example

```yaml
# org.yaml
units:
  - id: marketing
    name: Marketing
    parent: brightpath
    headcount: 2     # ... and marketing has 3 objectives in 2026-Q4
```

## Passing example

```yaml
units:
  - id: marketing
    name: Marketing
    parent: brightpath
    headcount: 3     # ... for its 3 objectives in 2026-Q4
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions


class Options(RuleOptions):
    objectives_per_person: float = Field(default=1.0, gt=0.0, allow_inf_nan=False)
    """How many objectives per person in the unit are reasonable in one period."""


def check(ctx: Context[Options]) -> Iterator[Finding]:
    org_file = ctx.cascade.org_file
    if org_file is None:
        return
    ratio = ctx.options.objectives_per_person
    for (unit_id, period), entries in sorted(ctx.facts.load.items()):
        unit = ctx.cascade.units.get(unit_id)
        position = ctx.facts.unit_positions.get(unit_id)
        if unit is None or position is None or unit.headcount == 0:
            continue
        allowed = unit.headcount * ratio
        if len(entries) > allowed:
            yield Finding(
                org_file,
                ("units", position, "headcount"),
                f"unit {unit_id!r} has {len(entries)} objectives in {period} for a headcount of "
                f"{unit.headcount}, more than {allowed:g} ({ratio:g} per person); drop or "
                "merge objectives, or plan the work with the units it depends on",
            )


RULE = Rule(
    entry=codes.HEADCOUNT,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
