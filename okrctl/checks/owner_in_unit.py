"""Owners belong to the unit whose objective they own, or to a unit above or below it.

Every objective names a responsible `owner`, and a key result without an `owner` of its own is
owned by the objective's owner; that the owner exists is checked always (OKR304). This rule
checks that the responsibility sits where the work is: an objective owned by a person whose
`unit` (in the organisation file) is neither the objective's unit, nor a unit above it, nor a
unit below it, is work that the owner's own line of the organisation does not plan. A
cross-team contribution is better written as an objective of the contributor's unit that the
other one `depends_on`, or by naming the contributing unit in `contributors`. People without a
`unit` are not checked. An owner that is a unit (a team owns the objective) must likewise be
the objective's unit or one above or below it.

Key result owners are not checked unless `key_result_owners` is true: a key result is often
owned by whoever holds its data (Sales Operations for a CRM figure, Support for ticket counts),
which is a healthy way to share a measure across units.

## Failing example

```yaml
# people: elena-petrova is in unit marketing
unit: field-sales
owner: elena-petrova
```

## Passing example

```yaml
# people: tom-becker is in unit field-sales, marco-reyes in sales (above it)
unit: field-sales
owner: marco-reyes
key_results:
  - id: lite-demos
    title: Lite demos held per rep per week rise from 2 to 6
    owner: tom-becker
    metric: lite-demos-per-rep
    unit: demos
    baseline: 2
    target: 6
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions


class Options(RuleOptions):
    key_result_owners: bool = False
    """Also check the owners of key results (by default only objectives' owners)."""


def check(ctx: Context[Options]) -> Iterator[Finding]:
    people, units = ctx.cascade.people, ctx.cascade.units
    for entry in ctx.facts.entries:
        objective = entry.objective
        if objective.unit not in units:
            continue
        owners: list[tuple[tuple[str | int, ...], str]] = [(("owner",), objective.owner)]
        if ctx.options.key_result_owners:
            owners += [
                (("key_results", k, "owner"), kr.owner)
                for k, kr in enumerate(objective.key_results)
                if kr.owner is not None
            ]
        for path, owner_id in owners:
            person = people.get(owner_id)
            if person is None and owner_id in units:  # a team owns it
                home, what = owner_id, "is the unit"
            elif person is not None and person.unit is not None and person.unit in units:
                home, what = person.unit, "belongs to unit"
            else:
                continue
            if not ctx.facts.related_units(home, objective.unit):
                shown = f"{owner_id!r} {what}" + ("" if home == owner_id else f" {home!r}")
                yield Finding(
                    entry.file,
                    path,
                    f"{shown}, which is neither {objective.unit!r} nor above or below it; "
                    f"choose an owner from the line of unit {objective.unit!r} in the "
                    f"organisation, or move the work to an objective of {home!r} that this "
                    "one depends on",
                )


RULE = Rule(
    entry=codes.OWNER_IN_UNIT,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
