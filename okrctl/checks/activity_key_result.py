"""Key results state outcomes, not activities.

A key result says what will be true when the work succeeds ("trials that convert rise from 30%
to 45%"), not what the team will do ("help marketing with the launch"). A key result whose
title starts with one of the `activity_words` is reported. Words are matched whole and without
regard to case, so "Supported languages reach 12" passes while "Support the launch" does not;
add inflected forms ("helping") to the list if you want them caught too.

## Failing example

```yaml
key_results:
  - id: webinars
    kind: milestone
    title: Attend the three big food-logistics trade fairs
```

## Passing example

```yaml
key_results:
  - id: webinar-leads
    title: Qualified leads from trade fairs rise from 20 to 60
    metric: trade-fair-leads
    unit: leads
    baseline: 20
    target: 60
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from okrctl.checks.base import Context, Finding, Rule, RuleOptions
from okrctl.diagnostics import Severity

ACTIVITY_WORDS = [
    "analyse",
    "analyze",
    "attend",
    "consult",
    "help",
    "participate",
    "support",
    "work on",
]


class Options(RuleOptions):
    activity_words: list[str] = Field(default_factory=lambda: list(ACTIVITY_WORDS))
    """Words or phrases that, at the start of a key result's title, describe an activity."""


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    phrases = [r"\s+".join(re.escape(w) for w in word.split()) for word in words if word.strip()]
    if not phrases:
        return None
    longest_first = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\s*(" + "|".join(longest_first) + r")(?!\w)", re.IGNORECASE)


def check(ctx: Context[Options]) -> Iterator[Finding]:
    pattern = _pattern(ctx.options.activity_words)
    if pattern is None:
        return
    for entry in ctx.facts.entries:
        for k, kr in enumerate(entry.objective.key_results):
            match = pattern.match(kr.title)
            if match:
                yield Finding(
                    entry.file,
                    ("key_results", k, "title"),
                    f"the title starts with {match.group(1)!r}, an activity; state the outcome "
                    "that shows the work succeeded (what changes, from what to what)",
                )


RULE = Rule(
    code="OKR440",
    name="activity-key-result",
    doc=__doc__ or "",
    severity=Severity.WARNING,
    options=Options,
    check=check,
)
