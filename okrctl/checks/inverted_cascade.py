"""A strategic objective does not support an operational one.

Strategy sits above operations: a company or department sets strategic objectives, and the
concrete, time-bound operational objectives of the units below make them happen. A strategic
objective whose `parent` is operational turns the cascade upside down: either the parent is
really strategic, or this objective is really operational.

That every operational objective reaches a strategic one through its `parent` chain needs no
rule: an operational objective must name a parent (OKR204), and a chain that breaks off or loops
is an error (OKR304, OKR306), so every complete chain ends at a strategic objective.

## Failing example

```yaml
id: lite-sales-motion-q4
level: strategic
unit: sales
parent: lite-conversion-q4       # an operational objective of field-sales
```

## Passing example

```yaml
id: lite-sales-motion-q4
level: strategic
unit: sales
parent: lite-package-revenue-q4  # a strategic objective of the company
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, NoOptions, Rule


def check(ctx: Context[NoOptions]) -> Iterator[Finding]:
    objectives = ctx.cascade.objectives
    for entry in ctx.facts.entries:
        objective = entry.objective
        if objective.level != "strategic" or objective.parent is None:
            continue
        parent = objectives.get(objective.parent)
        if parent is not None and parent.objective.level == "operational":
            yield Finding(
                entry.file,
                ("parent",),
                f"this strategic objective supports {objective.parent!r}, which is operational; "
                "strategy sits above operations: make this objective operational, or support a "
                "strategic objective",
            )


RULE = Rule(
    entry=codes.INVERTED_CASCADE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
