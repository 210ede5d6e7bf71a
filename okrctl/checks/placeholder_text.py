"""Titles and descriptions hold the real text, not a placeholder.

A draft is fine on a branch, but a title that still says "TODO", "TBD" or "lorem ipsum" should
not be agreed, published or graded: nobody can tell what it commits to. Reported, in the title or
the description of an objective or of one of its key results:

* a `markers` word, matched whole and in capitals as written ("TODO", "TBD", "TBC", "FIXME",
  "XXX"), so that "a to-do list app" or "Todo" as a product's name pass;
* a `phrases` phrase, in any case ("lorem ipsum", and the placeholder wording of the drafts
  `okrctl new objective` writes without `--kr`, even once "TODO" is taken out of them);
* a title made of nothing but dots, dashes, question marks or underscores ("...", "???").

Dropped objectives and key results are not reported. Objectives of closed periods are history
and are not reported unless `closed_periods` is true.

## Failing example

```yaml
key_results:
  - id: first-result
    title: "TODO: an outcome that moves a number, e.g. leads rise from 120 to 300"
    metric: first-result
    unit: "%"
    baseline: 0
    target: 100
```

## Passing example

```yaml
key_results:
  - id: lite-mqls
    title: Marketing-qualified leads for Lite rise from 120 to 300
    metric: lite-mqls
    unit: leads
    baseline: 120
    target: 300
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions

MARKERS = ["TODO", "TBD", "TBC", "FIXME", "XXX"]
DRAFT_NUMBER = "an outcome that moves a number"
DRAFT_MILESTONE = "a deliverable that is done or not"
PHRASES = ["lorem ipsum", DRAFT_NUMBER, DRAFT_MILESTONE]
"""The drafts' wording is `okrctl.lifecycle.scaffold`'s, which builds its drafts from it."""
_NOTHING = re.compile(r"[\s.…?_*-]+\Z")


class Options(RuleOptions):
    markers: list[str] = Field(default_factory=lambda: list(MARKERS))
    """Words that mark a placeholder, matched whole and with their case."""
    phrases: list[str] = Field(default_factory=lambda: list(PHRASES))
    """Phrases that mark a placeholder, matched in any case."""
    closed_periods: bool = False
    """Also report objectives of closed periods."""


def _pattern(options: Options) -> re.Pattern[str] | None:
    words = [rf"(?<!\w){re.escape(w.strip())}(?!\w)" for w in options.markers if w.strip()]
    phrases = [
        r"(?i:" + r"\s+".join(re.escape(part) for part in p.split()) + ")"
        for p in options.phrases
        if p.strip()
    ]
    return re.compile("|".join([*words, *phrases])) if words or phrases else None


def _placeholder(text: str | None, pattern: re.Pattern[str] | None, title: bool) -> str | None:
    """What in `text` is a placeholder, or None."""
    if text is None:
        return None
    if title and _NOTHING.match(text):
        return text.strip() or text
    found = pattern.search(text) if pattern is not None else None
    return found.group() if found else None


def check(ctx: Context[Options]) -> Iterator[Finding]:
    pattern = _pattern(ctx.options)
    for entry in ctx.facts.entries:
        objective = entry.objective
        period = ctx.cascade.periods.get(objective.period)
        if objective.status == "dropped" or (
            period is not None and period.closed and not ctx.options.closed_periods
        ):
            continue
        fields: list[tuple[tuple[str | int, ...], str | None, bool]] = [
            (("title",), objective.title, True),
            (("description",), objective.description, False),
        ]
        for k, kr in enumerate(objective.key_results):
            if kr.status != "dropped":
                fields.append((("key_results", k, "title"), kr.title, True))
                fields.append((("key_results", k, "description"), kr.description, False))
        for path, text, title in fields:
            found = _placeholder(text, pattern, title)
            if found is not None:
                yield Finding(
                    entry.file,
                    path,
                    f"the {path[-1]} holds placeholder text ({found!r}); write what the "
                    f"{'objective' if len(path) == 1 else 'key result'} really commits to "
                    "before it is agreed",
                )


RULE = Rule(
    entry=codes.PLACEHOLDER_TEXT,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
