"""Where carried work continues: the period after a closed one, and the id a carried objective
takes there (`lead-generation-q3` -> `lead-generation-q4`)."""

from __future__ import annotations

import re

from okrctl.model import Period


def next_period(periods: list[Period], current: Period) -> Period | None:
    """The period that follows `current`: the earliest to start after it ends, and of those the
    one closest in length (a quarter is followed by a quarter, not by the year that starts on the
    same day)."""
    length = (current.end - current.start).days
    later = [p for p in periods if p.start > current.end]
    return min(
        later,
        key=lambda p: (p.start, abs((p.end - p.start).days - length), p.id),
        default=None,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def successor_id(old_id: str, old_period: str, new_period: str) -> str | None:
    """`lead-generation-q3` -> `lead-generation-q4`: the id with its period suffix swapped, when
    it ends with (the tail of) the old period's id."""
    old_parts, new_parts = _slug(old_period).split("-"), _slug(new_period).split("-")
    for size in range(min(len(old_parts), len(new_parts)), 0, -1):
        tail = "-" + "-".join(old_parts[-size:])
        if old_id.endswith(tail) and len(old_id) > len(tail):
            return old_id[: -len(tail)] + "-" + "-".join(new_parts[-size:])
    return None


def new_id(old_id: str, old_period: str, new_period: str, taken: set[str]) -> str:
    """A free id (not in `taken`, casefolded) of at most 100 characters for `old_id` carried from
    `old_period` into `new_period`: its successor id, else the same id, else the id with the new
    period appended, numbered if need be."""
    fallback = f"{old_id}-{_slug(new_period)}"
    for candidate in (successor_id(old_id, old_period, new_period), old_id, fallback):
        if candidate and candidate.casefold() not in taken and len(candidate) <= 100:
            return candidate
    base = fallback[:96].rstrip("-")
    number = 2
    while f"{base}-{number}".casefold() in taken:
        number += 1
    return f"{base}-{number}"
