"""Objective titles carry no numbers; numbers belong in key results.

An objective is the qualitative goal, short and memorable ("Make onboarding effortless"); how
far and how fast is what its key results measure. A title with a number in it (`20%`, `3x`,
`1,000 customers`) usually hides a key result. Years (1900 to 2099) are allowed when
`allow_years` is true, so "Make 2027 our best year" passes. Numbers that are part of a name or an
identifier are not targets and pass: digits inside words (`Q4`, `v2`, `B2B`, `S3`), numbers
joined to a word by a hyphen (`tier-1 customers`, `Python-3 support`, `24-7 support`), and the
objective's period written as its id or name (`2026-Q4`, "Sprint 12").

## Failing example

```yaml
title: Raise conversion by 20% with Brightpath Lite
```

## Passing example

```yaml
title: Turn Lite leads into customers at a higher rate
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions

_NUMBER = re.compile(
    r"(?<![\w.,])(?<!\w-)\d+(?:[.,]\d+)*(?:%|x|k|m|bn)?(?![\w%])(?!-\w)", re.IGNORECASE
)
_YEAR = re.compile(r"(?:19|20)\d\d\Z")


class Options(RuleOptions):
    allow_years: bool = True
    """Accept a four-digit year (1900 to 2099) in a title."""


def check(ctx: Context[Options]) -> Iterator[Finding]:
    for entry in ctx.facts.entries:
        title = entry.objective.title
        period = ctx.cascade.periods.get(entry.objective.period)
        names = {entry.objective.period} | ({period.name} if period and period.name else set())
        for name in sorted(names, key=len, reverse=True):  # the period names itself
            title = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", title, flags=re.IGNORECASE)
        for match in _NUMBER.finditer(title):
            if ctx.options.allow_years and _YEAR.match(match.group()):
                continue
            yield Finding(
                entry.file,
                ("title",),
                f"the title contains the number {match.group()!r}; keep the objective "
                "qualitative and move the number into a key result",
            )
            break


RULE = Rule(
    entry=codes.QUALITATIVE_OBJECTIVE,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
