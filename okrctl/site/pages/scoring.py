"""The page explaining how scores are computed: static prose okrctl ships (no user text)."""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.scoring import EXPECTED
from okrctl.site.render import Page
from okrctl.site.view import SiteView


def _markdown() -> str:
    committed, aspirational = EXPECTED["committed"], EXPECTED["aspirational"]
    return f"""# How scores work

Every score on this site is a number from 0.0 to 1.0, computed from the OKR files at build time.

## A key result

A numeric key result moves from a **baseline** (its value when the period starts) towards a
**target**. Its progress is

> (current - baseline) / (target - baseline), clamped to 0..1

The formula respects the direction by itself: for a key result that should *decrease* (days to
onboard a rep, from 14 down to 5) both differences are negative. With a current value of 8 the
progress is (8 - 14) / (5 - 14) = 0.67. Going the wrong way scores 0; overshooting scores 1.

`current` is the latest check-in; without check-ins the key result is still at its baseline and
scores 0. A **milestone** key result scores 1 once it is done and 0 until then. A target equal to
its baseline would measure nothing, and `okrctl check` refuses it.

## An objective

An objective's score is the **weighted mean** of its key results' scores (each key result's
`weight` is 1 unless set). Once a period is closed, `okrctl grade` writes the final grade into the
file and the site shows that grade instead.

Scores **roll up** the cascade: "with the work below" averages an objective's own score with the
rolled-up scores of the objectives that support it. A unit's score for a period is the mean of its
objectives' scores.

## Two readings of a score

| Score | Band |
|---|---|
| 0.0 to 0.3 | <span class="okr-score okr-red">red</span> we failed to make real progress |
| 0.4 to 0.6 | <span class="okr-score okr-yellow">yellow</span> we made progress, but fell short |
| 0.7 to 1.0 | <span class="okr-score okr-green">green</span> we delivered |

The colour follows Google's grading bands, read to one decimal. What a score *means* depends on
the objective's type, so every objective also shows a second reading:

- a **committed** objective is expected to reach **{committed:.1f}**: anything less is a miss to
  explain in the retrospective;
- an **aspirational** objective is a stretch, expected to reach about **{aspirational:.1f}**: 0.7
  on an aspirational objective is a success.

The second reading compares the score with what is due by now, pro rata for the part of the
period that has passed: **met**, **on track**, **at risk** or **off track**.

!!! note "Charts"
    Each key result's chart draws its check-ins against the expected line: a steady pace from the
    baseline at the start of the period to the target at its end. Above the line (below it, for
    a decrease) is ahead of plan.
"""


def pages(view: SiteView) -> Iterator[Page]:
    yield Page("scoring.md", "How scores work", "", markdown=_markdown())
