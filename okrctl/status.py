"""One status for every key result and objective: how it is going, judged by pace, and once
the work is graded or its period closed, how it ended.

Pure, and the only place that decides a status: the site's pages, `okrctl export`, the
freshness rule and the commands that tell people what to do read it from here, so that one key
result never reads "on track" on one page and red on another.

The model (as the site's "How scores work" page explains it):

* `dropped`: the work was dropped (it counts nowhere).
* `not measured`: nothing was measured yet. Never 0, never red, left out of averages.
* **Running work** (its period open, not graded):
  - `done`: the score reached 1.0.
  - otherwise the score *now* is compared with what was *due by today*: a steady pace from 0 at
    the period's start to the expected score at its end (1.0 for a key result and a committed
    objective, 0.7 for an aspirational one). At least 90% of what is due is `on track`, at
    least 60% `at risk`, less `off track`. Early in a period (less than 0.05 due) nothing is
    behind yet.
  - the owner's latest confidence counts too: below 0.5 it lowers the status by one step (on
    track becomes at risk, at risk becomes off track): the owner knows something the numbers
    do not show. The verdict keeps the status by pace alone (`paced`), so a page can say so.
* **Finished work** (graded, or its period closed) has no pace: its verdict is the band of its
  grade (or of its final score when it was not graded), in Google's grading words: `delivered`
  (green, 0.7-1.0), `fell short` (yellow, 0.4-0.6), `failed` (red, 0.0-0.3).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Literal, NamedTuple

from okrctl import scoring
from okrctl.model import MilestoneKeyResult, Objective, Period
from okrctl.scoring import Band, KeyResult

Status = Literal[
    "on track",
    "at risk",
    "off track",
    "not measured",
    "done",
    "dropped",
    "delivered",
    "fell short",
    "failed",
]

RUNNING: tuple[Status, ...] = (
    "off track",
    "at risk",
    "on track",
    "done",
    "not measured",
    "dropped",
)
"""The statuses of running work, the most urgent first."""
FINISHED: tuple[Status, ...] = ("failed", "fell short", "delivered", "not measured", "dropped")
"""The statuses of graded work and closed periods: the grading bands, the worst first."""
STATUSES: tuple[Status, ...] = (
    "off track",
    "at risk",
    "on track",
    "done",
    "failed",
    "fell short",
    "delivered",
    "not measured",
    "dropped",
)
"""Every status, the most urgent first (the order of the site's filters and counts)."""
BAND_STATUS: dict[Band, Status] = {"red": "failed", "yellow": "fell short", "green": "delivered"}
"""A grading band's status (Google's words: "we failed to make real progress", "we made
progress, but fell short", "we delivered")."""

ON_TRACK = 0.9
"""At least this share of what is due by today is on track."""
AT_RISK = 0.6
"""At least this share (and less than `ON_TRACK`) is at risk; less is off track."""
LOW_CONFIDENCE = 0.5
"""An owner's confidence below this lowers the status by one step."""
TOO_EARLY = 0.05
"""While less than this is due, nothing is behind yet."""
STALE_DAYS = 14
"""Days without a check-in after which a key result is stale (OKR700's default `max_days`)."""

_WORSE: dict[Status, Status] = {"on track": "at risk", "at risk": "off track"}
_RULE: dict[Status, str] = {
    "on track": f"{round(ON_TRACK * 100)}% or more of what is due",
    "at risk": f"{round(AT_RISK * 100)}% to {round(ON_TRACK * 100) - 1}% of what is due",
    "off track": f"under {round(AT_RISK * 100)}% of what is due",
}


def percent(value: float) -> int:
    """A share as a whole percentage, rounded down: 0.8967 is 89%, never 90%, so a shown
    percentage never crosses a threshold the share did not reach."""
    return math.floor(value * 100 + 1e-7)


class Verdict(NamedTuple):
    """A status and the numbers it was judged from."""

    status: Status
    now: float | None
    """The score now, or the final score (None: not measured)."""
    due: float
    """What a steady pace would have reached by today (running work)."""
    expected: float
    """What is expected by the period's end."""
    confidence: float | None
    """The owner's latest confidence, when given."""
    paced: Status | None = None
    """The status by pace alone, when the owner's confidence lowered it (else None)."""
    finished: bool = False
    """Graded work, or work of a closed period: the verdict is its band, with no pace."""
    graded: bool = False
    """The score is a grade (`okrctl grade`)."""
    ended: bool = False
    """Running work whose period is over (awaiting grades): all of it is due."""

    @property
    def slug(self) -> str:
        """The status as a CSS class and URL value: `on-track`, `not-measured`..."""
        return self.status.replace(" ", "-")

    @property
    def lowered(self) -> bool:
        """Whether the owner's confidence lowered the status by a step."""
        return self.paced is not None

    @property
    def band(self) -> Band | None:
        """The grading band of a finished verdict's score (None for running work)."""
        return scoring.band(self.now) if self.finished and self.now is not None else None

    @property
    def ratio(self) -> float | None:
        """The score now as a share of what is due (None: not judged by pace)."""
        if self.finished or self.now is None or self.status in ("done", "dropped"):
            return None
        if self.due < TOO_EARLY:
            return None
        return self.now / self.due

    @property
    def sentence(self) -> str:
        """The status explained in one sentence, e.g. "0.35 now, 85% of the 0.41 due by today,
        0.70 expected at the end: at risk (60% to 89% of what is due)"."""
        if self.status == "dropped":
            return "dropped: left out of every score"
        if self.finished:
            return self._finished_sentence()
        if self.now is None:
            return f"not measured yet: no value recorded; {self.expected:.2f} expected at the end"
        if self.status == "done":
            return f"{self.now:.2f}: done, the score reached 1.00"
        return self._pace_sentence(self.now)

    def _finished_sentence(self) -> str:
        if self.now is None:
            return "not measured: nothing was recorded before the period closed"
        what = "final grade" if self.graded else "final score (not graded)"
        return f"{what} {self.now:.2f}: {self.band}, {self.status}"

    def _pace_sentence(self, now: float) -> str:
        when = "the end" if self.ended else "today"
        ratio = self.ratio
        paced = self.paced or self.status
        if ratio is None:
            text = f"{now:.2f} now; too early to be behind ({self.due:.2f} due by {when})"
        elif ratio > 1.0 + 1e-9:
            text = f"{now:.2f} now, ahead of the {self.due:.2f} due by {when}"
        else:
            text = f"{now:.2f} now, {percent(ratio)}% of the {self.due:.2f} due by {when}"
        if abs(self.expected - 1.0) > 1e-9:
            text += f", {self.expected:.2f} expected at the end"
        text += f": {paced}"
        if ratio is not None and ratio <= 1.0 + 1e-9:
            text += f" ({_RULE[paced]})"
        if self.confidence is not None:
            text += f"; owner's confidence {round(self.confidence * 100)}%"
            if self.lowered:
                text += f", which lowers it to {self.status}"
        return text


def judge(
    now: float | None,
    *,
    expected: float,
    elapsed: float,
    confidence: float | None = None,
    dropped: bool = False,
    finished: bool = False,
    graded: bool = False,
) -> Verdict:
    """The status of a score `now` (None: not measured) expected to reach `expected` by the end
    of a period of which the fraction `elapsed` has passed. `finished` (graded work, or a
    closed period): the band of `now`, with no pace."""
    elapsed = min(max(elapsed, 0.0), 1.0)
    due = expected * elapsed
    if dropped:
        return Verdict("dropped", now, due, expected, confidence, finished=finished)
    if now is None:
        return Verdict("not measured", now, due, expected, confidence, finished=finished)
    if finished:
        status = BAND_STATUS[scoring.band(now)]
        return Verdict(status, now, expected, expected, confidence, finished=True, graded=graded)
    ended = elapsed >= 1.0
    if now >= 1.0 - 1e-9:
        return Verdict("done", now, due, expected, confidence, ended=ended)
    paced: Status
    if due < TOO_EARLY or now >= due * ON_TRACK - 1e-9:
        paced = "on track"
    elif now >= due * AT_RISK - 1e-9:
        paced = "at risk"
    else:
        paced = "off track"
    status = paced
    if confidence is not None and confidence < LOW_CONFIDENCE:
        status = _WORSE.get(paced, paced)
    lowered = paced if status != paced else None
    return Verdict(status, now, due, expected, confidence, paced=lowered, ended=ended)


class Freshness(NamedTuple):
    """When a key result was last checked in, seen from a day."""

    last: dt.date | None
    """The latest check-in on or before the day (None: none yet)."""
    days: int
    """Days since the last check-in, or since the period started when there is none."""
    stale: bool
    """More than the allowed days without a check-in, in an open period."""

    @property
    def age(self) -> str:
        """ "today", "1 day ago", "20 days ago" or "no check-in yet"."""
        if self.last is None:
            return "no check-in yet"
        if self.days == 0:
            return "today"
        return f"{self.days} day{'s' * (self.days != 1)} ago"


def freshness(
    dates: Sequence[dt.date],
    *,
    start: dt.date,
    today: dt.date,
    running: bool,
    max_days: int = STALE_DAYS,
) -> Freshness:
    """The freshness of check-ins on `dates` in a period starting on `start`. Only a `running`
    key result (its period open and containing today, not graded nor done) can be stale."""
    past = [d for d in dates if d <= today]
    last = max(past) if past else None
    days = max((today - (last or start)).days, 0)
    return Freshness(last, days, running and days > max_days)


def worst(statuses: Sequence[Status]) -> Status | None:
    """The most urgent of `statuses` (None: none given)."""
    ranked = [s for s in STATUSES if s in statuses]
    return ranked[0] if ranked else None


# ------------------------------------------------------------------ key results, objectives


measured = scoring.is_measured


def latest_confidence(kr: KeyResult) -> float | None:
    """The owner's latest confidence: the last check-in's that gave one, else the starting one."""
    for checkin in reversed(kr.checkins):
        if checkin.confidence is not None:
            return checkin.confidence
    return kr.confidence


def elapsed(period: Period, today: dt.date) -> float:
    """How much of the period has passed: all of it once closed."""
    return 1.0 if period.closed else scoring.elapsed(period, today)


def key_result(kr: KeyResult, period: Period, today: dt.date) -> Verdict:
    """A key result's status on `today`: its score against a steady pace to 1.0, or its band
    once graded or its period closed."""
    now = scoring.kr_score(kr)
    return judge(
        now,
        expected=1.0,
        elapsed=elapsed(period, today),
        confidence=latest_confidence(kr),
        dropped=is_dropped(kr),
        finished=period.closed or kr.score is not None,
        graded=kr.score is not None,
    )


def objective(item: Objective, score: float | None, period: Period, today: dt.date) -> Verdict:
    """An objective's status on `today` from its (effective) `score`, against a steady pace to
    what its type expects (the lowest confidence of its key results counts), or its band once
    graded or its period closed."""
    confidences = [c for kr in item.key_results if (c := latest_confidence(kr)) is not None]
    return judge(
        score,
        expected=scoring.EXPECTED[item.type],
        elapsed=elapsed(period, today),
        confidence=min(confidences) if confidences else None,
        dropped=is_dropped(item),
        finished=period.closed or item.score is not None,
        graded=item.score is not None,
    )


def is_dropped(item: Objective | KeyResult) -> bool:
    """Whether the objective or key result was dropped (`status: dropped`)."""
    return item.status == "dropped"


def key_result_freshness(
    kr: KeyResult, item: Objective, period: Period, today: dt.date, max_days: int = STALE_DAYS
) -> Freshness:
    """The key result's freshness; only running work (open period containing today, not graded,
    done or dropped) can be stale."""
    running = (
        not period.closed
        and period.start <= today <= period.end
        and item.score is None
        and kr.score is None
        and not (isinstance(kr, MilestoneKeyResult) and kr.done)
        and not is_dropped(kr)
        and not is_dropped(item)
    )
    return freshness(
        [c.date for c in kr.checkins],
        start=period.start,
        today=today,
        running=running,
        max_days=max_days,
    )
