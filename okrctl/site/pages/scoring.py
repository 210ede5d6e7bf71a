"""The page explaining how scores are computed: static prose okrctl ships (no user text)."""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.scoring import EXPECTED
from okrctl.site.templates import Page
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

A unit's score for a period is the mean score of the measured objectives of the unit and all
its sub-units.

## The status: how it is going

Every objective and key result has one **status**, the same on every page and in every list:

| Status | Means |
|---|---|
| **on track** | the score has reached at least 90% of what was due by today |
| **at risk** | at least 60% of what was due |
| **off track** | less than 60% of what was due |
| **done** | the score reached 1.0 |
| **not measured** | nothing was measured yet: never counted as 0, left out of averages |
| **dropped** | the work was dropped: struck through, left out of every score |

What is *due by today* follows a steady pace from 0 at the period's start to what is expected
at its end: 1.0 for a key result and a committed objective (expected to be met in full), about
**{aspirational:.1f}** for an aspirational one (a stretch: 0.7 is a success). The owner's latest
confidence counts too: below 50% it lowers the status by one step. Each status comes with its
sentence, for example "0.35 now, 0.41 due today, 0.70 expected at the end: at risk". A key
result without a check-in for more than 14 days (OKR700's `max_days`) is **stale**.

The company's figure at the top of the home page, the goal tree and the org chart is one
number: the mean score of every measured objective in the company and its units.

## Final grades

Once a period is closed, `okrctl grade` writes each objective's final grade, and only then
does the site colour it with Google's grading bands, read to one decimal:

| Grade | Band |
|---|---|
| 0.0 to 0.3 | <span class="okr-score okr-red">red</span> we failed to make real progress |
| 0.4 to 0.6 | <span class="okr-score okr-yellow">yellow</span> we made progress, but fell short |
| 0.7 to 1.0 | <span class="okr-score okr-green">green</span> we delivered |

A committed objective is expected to reach **{committed:.1f}**: anything less is a miss to
explain in the retrospective.

!!! note "Charts"
    Each key result's chart draws its check-ins against the expected line: a steady pace from the
    baseline at the start of the period to the target at its end. Above the line (below it, for
    a decrease) is ahead of plan.
"""


def pages(view: SiteView) -> Iterator[Page]:
    yield Page("scoring.md", "How scores work", "", markdown=_markdown())
