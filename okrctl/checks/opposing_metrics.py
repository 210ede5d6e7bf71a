"""Units do not pull one metric in opposite directions in the same period.

Key results that measure the same thing share a `metric` slug. When one unit's key result raises
a metric that another unit's key result lowers during overlapping periods, the two teams are
set up to work against each other: each can only succeed if the other fails. Each of the two key
results is reported, naming the other's file, so that the units settle which way the metric
should go.

Key results of the same unit are not compared: a unit trading a metric off against itself
settles that internally.

## Failing example

```yaml
# okrs/2026-Q4/sales/faster-deals-q4.yaml; finance's margin-q4, also for 2026-Q4, has a key
# result on `average-discount` that falls from 5 to 3
unit: sales
period: 2026-Q4
key_results:
  - id: discount
    title: Average discount rises from 5% to 15% to close faster
    metric: average-discount
    unit: "%"
    baseline: 5
    target: 15
```

## Passing example

```yaml
# sales agrees with finance to lower the discount, and closes faster by other means
unit: sales
period: 2026-Q4
key_results:
  - id: discount
    title: Average discount falls from 5% to 4%
    metric: average-discount
    unit: "%"
    baseline: 5
    target: 4
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule
from okrctl.model import NumericKeyResult, Period


@dataclass(frozen=True)
class _Pull:
    unit: str
    period: str
    direction: str
    file: str
    index: int
    key_result: str


def _overlap(a: Period | None, b: Period | None, a_id: str, b_id: str) -> bool:
    if a is None or b is None:
        return a_id == b_id
    return a.start <= b.end and b.start <= a.end


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    # metric -> period -> direction -> unit -> that unit's first key result there (file order)
    pulls: dict[str, dict[str, dict[str, dict[str, _Pull]]]] = {}
    mine: list[tuple[str, _Pull]] = []
    for entry in ctx.facts.entries:
        objective = entry.objective
        for k, kr in enumerate(objective.key_results):
            if not isinstance(kr, NumericKeyResult):
                continue
            direction = kr.effective_direction
            pull = _Pull(objective.unit, objective.period, direction, entry.file, k, kr.id)
            by_unit = pulls.setdefault(kr.metric, {}).setdefault(objective.period, {})
            by_unit.setdefault(pull.direction, {}).setdefault(pull.unit, pull)
            mine.append((kr.metric, pull))
    ranked: dict[tuple[str, str, str], list[_Pull]] = {}
    periods = ctx.cascade.periods
    for metric, pull in mine:
        opposite = "decrease" if pull.direction == "increase" else "increase"
        rivals: list[_Pull] = []
        count = 0
        for period_id, directions in pulls[metric].items():
            units = directions.get(opposite)
            if not units or not _overlap(
                periods.get(pull.period), periods.get(period_id), pull.period, period_id
            ):
                continue
            key = (metric, period_id, opposite)
            if key not in ranked:  # each group is sorted once, however many key results ask
                ranked[key] = sorted(units.values(), key=lambda r: (r.file, r.index))
            first = next((r for r in ranked[key] if r.unit != pull.unit), None)
            if first is not None:
                rivals.append(first)
                count += len(units) - (pull.unit in units)
        if not rivals:
            continue
        rival = min(rivals, key=lambda r: (r.file, r.index))
        more = f" (and {count - 1} more)" if count > 1 else ""
        yield Finding(
            pull.file,
            ("key_results", pull.index, "metric"),
            f"this key result makes {metric!r} {pull.direction} while {rival.unit!r} makes it "
            f"{opposite} in {rival.period} (key result {rival.key_result!r} in {rival.file})"
            f"{more}; the two units pull one metric in opposite directions: agree which way it "
            "goes",
        )


RULE = Rule(
    entry=codes.OPPOSING_METRICS,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
