"""A numeric key result's values lie in the range its unit allows.

A percentage of 140 or -5 is almost always a typo (a fraction written as `0.4` next to a
percentage written as `40`, or a missing decimal point). For every unit listed in `ranges`, the
`baseline`, the `target`, `current` and each check-in's `value` must lie within the unit's
`[minimum, maximum]`. Units not listed are not checked; units are compared exactly (`%` and
`percent` are different units).

Add ranges for your own units, for example `NPS: [-100, 100]` or `CSAT: [1, 5]`. Setting
`ranges` replaces the default mapping, so keep `"%": [0, 100]` if you still want it.

## Failing example

```yaml
key_results:
  - id: trial-conversion
    title: Trials that convert to a paid plan rise from 30% to 45%
    metric: trial-conversion
    unit: "%"
    baseline: 30
    target: 45
    current: 380
    checkins:
      - date: 2026-11-13
        value: 380     # 38.0 with a slipped decimal point
```

## Passing example

```yaml
key_results:
  - id: trial-conversion
    title: Trials that convert to a paid plan rise from 30% to 45%
    metric: trial-conversion
    unit: "%"
    baseline: 30
    target: 45
    current: 38
    checkins:
      - date: 2026-11-13
        value: 38
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions
from okrctl.model import NumericKeyResult


class Options(RuleOptions):
    ranges: dict[str, list[float]] = Field(default_factory=lambda: {"%": [0.0, 100.0]})
    """Unit -> `[minimum, maximum]` (inclusive) that its values must stay within."""

    @field_validator("ranges")
    @classmethod
    def _pairs(cls, value: dict[str, list[float]]) -> dict[str, list[float]]:
        for unit, bounds in value.items():
            if len(bounds) != 2 or bounds[0] > bounds[1]:
                raise ValueError(
                    f"the range of {unit!r} must be a list of two numbers, the minimum first "
                    f"(e.g. `[0, 100]`), not {bounds}"
                )
        return value


def check(ctx: Context[Options]) -> Iterator[Finding]:
    ranges = ctx.options.ranges
    for entry in ctx.facts.entries:
        for k, kr in enumerate(entry.objective.key_results):
            if not isinstance(kr, NumericKeyResult) or kr.unit not in ranges:
                continue
            low, high = ranges[kr.unit]
            values: list[tuple[tuple[str | int, ...], float]] = [(("target",), kr.target)]
            if kr.baseline is not None:
                values.insert(0, (("baseline",), kr.baseline))
            if kr.current is not None:
                values.append((("current",), kr.current))
            values += [
                (("checkins", c, "value"), float(checkin.value))
                for c, checkin in enumerate(kr.checkins)
                if checkin.value is not None
            ]
            for path, value in values:
                if not low <= value <= high:
                    yield Finding(
                        entry.file,
                        ("key_results", k, *path),
                        f"{value:g} {kr.unit} is outside {low:g}..{high:g}, the range of "
                        f"{kr.unit!r} values; check for a typo (a fraction written for a "
                        "percentage?)",
                    )


RULE = Rule(
    entry=codes.VALUE_IN_RANGE,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
