"""How the site orders what it lists: names with numbers in them, and periods.

Pure: no cascade, no pages. `view.gather` and the pages sort with these so that every page
lists units, people and periods in the same order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from okrctl.model import Period

_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key that orders numbers inside names by value: "Team 1.2" before "Team 1.10"."""
    return tuple(
        (1, int(part), "") if i % 2 else (0, 0, part.casefold())
        for i, part in enumerate(_DIGITS.split(text))
        if part or i % 2
    )


def newest_first(periods: Iterable[Period]) -> tuple[Period, ...]:
    """The periods, latest start first (then latest end, then id, also descending)."""
    return tuple(sorted(periods, key=lambda p: (p.start, p.end, p.id), reverse=True))


def current_period(periods: Sequence[Period], today: dt.date) -> Period:
    """The open period containing `today` (the shortest one when periods nest), else the latest
    open period, else the latest period."""
    if not periods:
        raise ValueError("an organisation has at least one period")
    open_ = [p for p in periods if not p.closed]
    containing = [p for p in open_ if p.start <= today <= p.end]
    if containing:
        return min(containing, key=lambda p: ((p.end - p.start).days, p.start, p.id))
    pool = open_ or list(periods)
    return max(pool, key=lambda p: (p.start, p.end, p.id))
