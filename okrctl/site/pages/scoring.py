"""The page explaining how scores and statuses are computed: static prose okrctl ships (no user
text), written from the same constants and settings the computation uses (`okrctl.scoring`,
`okrctl.status`, the build's `rollup` and OKR700's `max_days`), so it says exactly what is
computed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from okrctl import status
from okrctl.scoring import EXPECTED
from okrctl.site.templates import Page, Planned
from okrctl.site.view import SiteView
from okrctl.site.words import number


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def _markdown(view: SiteView) -> str:
    committed, aspirational = EXPECTED["committed"], EXPECTED["aspirational"]
    own = view.rollup.own_weight
    on, risk = _pct(status.ON_TRACK), _pct(status.AT_RISK)
    return f"""# How scores work

Every score on this site is a number from 0.00 to 1.00, computed from the OKR files when the
site was built, for the day its data is as of (at the top of every page). Every score is shown
with the parts it is made of, so you can redo the sum.

## A key result

A numeric key result moves from a **baseline** (its value when the period starts) towards a
**target**. Its score is its progress:

> (current - baseline) / (target - baseline), clamped to 0..1

The formula respects the direction by itself: for a key result that should *decrease* (days to
onboard a rep, from 14 down to 5) both differences are negative. With a current value of 8 the
progress is (8 - 14) / (5 - 14) = 0.67. Going the wrong way scores 0; overshooting scores 1.

`current` is the key result's `current` value, else its latest check-in with a value. A
**milestone** scores 1 once it is done and 0 until then. A key result nothing has measured yet
(no value, no check-in) is **not measured**: it is not 0, and it is left out of every mean
until it is measured. A baseline left out is set by the first check-in with a value. Once
graded (`okrctl grade`), a key result's score is its grade.

## An objective

An objective's score is, in this order:

1. its **grade**, once `okrctl grade` wrote one;
2. none, when it was **dropped** (`status: dropped`): dropped work counts nowhere;
3. the **weighted mean of its key results** (each key result's `weight` is 1 unless set;
   dropped and not measured key results are left out, a weight of 0 keeps one in view without
   counting it), when no objective supports it;
4. the **weighted mean of its supporting objectives' scores** (each weighted by its own
   `weight`), when it has no key results of its own (a roll-up objective);
5. when it has both: **{number(own)} x its key results' mean + {number(1 - own)} x its supporting
   objectives' mean** (`rollup: own_weight: {number(own)}` in `okrctl.yaml`); when only one of
   the two is measured, that one alone;
6. **not measured**, when nothing under it is measured.

So "0.65 = 0.5 x 0.52 own key results + 0.5 x 0.78 from 4 supporting objectives" reads: its own
key results average 0.52, the four objectives supporting it average 0.78, and the blend is 0.65.

## A unit and the company

A unit's **score with its units** is the mean of the scores of every measured objective of the
unit and of all the units below it, each counted once and unweighted. The company's figure at
the top of the home page, the goal tree and the org chart is the same mean over the whole
company.

## The status of running work

While its period runs and it is not graded, each objective and key result has one **status**,
the same on every page and in every list, judged by pace:

| Status | Means |
|---|---|
| **on track** | the score is at least {on} of what is due by today |
| **at risk** | at least {risk} of what is due, but less than {on} |
| **off track** | less than {risk} of what is due |
| **done** | the score reached 1.00 |
| **not measured** | nothing was measured yet: never counted as 0 |
| **dropped** | the work was dropped: struck through, left out of every score |

What is **due by today** follows a steady pace from 0 at the period's start to what is expected
at its end: {committed:.1f} for a key result and a committed objective (expected to be met
in full), about **{aspirational:.1f}** for an aspirational one (a stretch: 0.7 is a success). The
share of the period that has passed counts the day of the build: on the 53rd day of a 92-day
quarter, 53/92 = 0.58 is due. While less than {number(status.TOO_EARLY)} is due, nothing is behind
yet. Each status comes with its sentence, for example "0.52 now, 89% of the 0.58 due by today:
at risk (60% to 89% of what is due)"; a shown percentage is rounded down, so it never crosses a
threshold the score did not reach. A key result's row says the same in its own unit: "13 days,
aiming for 10 · 15 days due by today" is the value that scores what is due, in the precision
the key result is written in.

The owner's latest **confidence** counts too: below {_pct(status.LOW_CONFIDENCE)} it lowers the
status by one step (on track becomes at risk, at risk becomes off track), and the row says so:
"lowered from on track by confidence 45%". An objective takes the lowest latest confidence of
its key results.

A key result without a check-in for more than **{view.stale_days} days** (OKR700's `max_days`) is
**stale**, and so is the objective it belongs to: a filter of the goal tree and the people page,
and a count on the home page.

## Finished work: graded, or of a closed period

Graded work, and all the work of a closed period, reads as history: its grade (or its final
score, when it was not graded) and the grade's band, with no pace, no "due by today" and no
"days ago". The bands follow Google's grading, read to one decimal:

| Grade | Band | Status | Google's reading |
|---|---|---|---|
| 0.0 to 0.3 | <span class="okr-score okr-red">red</span> | **failed** | no real progress |
| 0.4 to 0.6 | <span class="okr-score okr-yellow">yellow</span> | **fell short** | progress, short |
| 0.7 to 1.0 | <span class="okr-score okr-green">green</span> | **delivered** | we delivered |

A committed objective is expected to reach **{committed:.1f}**: anything less is a miss to
explain in the retrospective.

!!! note "Charts"
    Each key result's chart draws its check-ins against the expected line: a steady pace from the
    baseline at the start of the period to the target at its end. Above the line (below it, for
    a decrease) is ahead of plan.
"""


def _render(view: SiteView) -> Page:
    return Page("scoring.md", "How scores work", "", markdown=_markdown(view))


def plan(view: SiteView) -> Iterator[Planned]:
    yield Planned("scoring.md", partial(_render, view))
