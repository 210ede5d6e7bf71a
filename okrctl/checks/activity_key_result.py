"""Key results state outcomes, not activities or tasks.

A key result says what will be true when the work succeeds ("trials that convert rise from 30%
to 45%"), not what the team will do ("help marketing with the launch"). Two kinds of title are
reported:

* an **activity**: a key result (of any kind) whose title starts with one of the
  `activity_words` ("Help ...", "Work on ...", "Attend ...");
* a **task**: a milestone whose title starts with one of the `task_words` ("Define ...",
  "Write ...", "Conduct ...", "Implement ...", "Track ..."). A numeric key result that starts
  with a task verb has a measurable target ("Conduct 40 customer interviews" from 0 to 40) and is
  not a task; neither is a milestone that names a state ("Japanese is supported in the app").

Words are matched whole and without regard to case, so "Supported languages reach 12" passes
while "Help the launch" does not. `add_words` adds task words and `remove_words` takes words
out of either list without restating them (a house style that says "Support X in the targeted
languages" for an outcome has `support` out of the lists by default; add it back if yours uses
it for an activity). Add inflected forms ("helping") if you want them caught too.

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

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions
from okrctl.model import MilestoneKeyResult

ACTIVITY_WORDS = [
    "analyse",
    "analyze",
    "assist",
    "attend",
    "consult",
    "contribute to",
    "help",
    "participate",
    "work on",
    "work with",
]
TASK_WORDS = [
    "build",
    "complete",
    "conduct",
    "create",
    "define",
    "design",
    "develop",
    "document",
    "draft",
    "evaluate",
    "explore",
    "finalise",
    "finalize",
    "hold",
    "identify",
    "implement",
    "investigate",
    "measure",
    "migrate",
    "monitor",
    "organise",
    "organize",
    "plan",
    "prepare",
    "research",
    "review",
    "run",
    "set up",
    "start",
    "track",
    "write",
]


class Options(RuleOptions):
    activity_words: list[str] = Field(default_factory=lambda: list(ACTIVITY_WORDS))
    """Words or phrases that, at the start of any key result's title, describe an activity."""
    task_words: list[str] = Field(default_factory=lambda: list(TASK_WORDS))
    """Verbs that, at the start of a milestone's title, describe a task rather than an outcome."""
    add_words: list[str] = Field(default_factory=list)
    """Task words to add to `task_words` without restating the list."""
    remove_words: list[str] = Field(default_factory=list)
    """Words to take out of `activity_words` and `task_words` without restating them."""


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    phrases = [r"\s+".join(re.escape(w) for w in word.split()) for word in words if word.strip()]
    if not phrases:
        return None
    longest_first = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\s*(" + "|".join(longest_first) + r")(?!\w)", re.IGNORECASE)


def _without(words: list[str], removed: set[str]) -> list[str]:
    return [w for w in words if " ".join(w.split()).casefold() not in removed]


def check(ctx: Context[Options]) -> Iterator[Finding]:
    options = ctx.options
    removed = {" ".join(w.split()).casefold() for w in options.remove_words}
    activity = _pattern(_without(options.activity_words, removed))
    task = _pattern(_without([*options.task_words, *options.add_words], removed))
    for entry in ctx.facts.entries:
        for k, kr in enumerate(entry.objective.key_results):
            if kr.status == "dropped":
                continue
            found = activity.match(kr.title) if activity else None
            if found:
                yield Finding(
                    entry.file,
                    ("key_results", k, "title"),
                    f"the title starts with {found.group(1)!r}, an activity; state the outcome "
                    "that shows the work succeeded (what changes, from what to what)",
                )
                continue
            found = task.match(kr.title) if task and isinstance(kr, MilestoneKeyResult) else None
            if found:
                yield Finding(
                    entry.file,
                    ("key_results", k, "title"),
                    f"the milestone starts with {found.group(1)!r}, a task; state the outcome the "
                    "task brings about, or measure it with a numeric key result and a target",
                )


RULE = Rule(
    entry=codes.ACTIVITY_KEY_RESULT,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
