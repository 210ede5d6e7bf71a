"""Warnings about the titles of carried work: a title is the user's text, so okrctl does not
rewrite it, but it says when a carried title still names the old period ("... in Q4") or quotes
the old baseline ("rise from 12 to 90")."""

from __future__ import annotations

import re

from okrctl.lifecycle.edit import number
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Period
from okrctl.scoring import latest_value


def period_words(period: Period) -> list[str]:
    """How a title may name the period: its id (`2026-Q4`), its name (`Q4 2026`), and the
    quarter, half or month it stands for (`Q4`, `H2`)."""
    words = {period.id, period.name or period.id}
    words |= set(re.findall(r"(?<![A-Za-z0-9])[QqHh][1-4](?![0-9])", f"{period.id} {period.name}"))
    return sorted(words, key=lambda w: (-len(w), w))


def names_period(title: str, period: Period) -> str | None:
    """The word of `title` that names `period`, or None."""
    for word in period_words(period):
        pattern = rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])"
        if re.search(pattern, title, flags=re.IGNORECASE):
            return word
    return None


def stale_period(kind: str, ref: str, title: str, old: Period, new: Period) -> str | None:
    """A warning when a carried title still names the period it came from ("... in Q4")."""
    word = names_period(title, old)
    if word is None or names_period(title, new) is not None:
        return None
    return (
        f"{kind} {ref!r}: its title still names {old.id} ({word!r}); it now runs in {new.id}: "
        "update the title"
    )


def stale_title(kr: NumericKeyResult | MilestoneKeyResult) -> str | None:
    """A warning when a carried key result's title quotes its old baseline ("rise from 12 to
    90"), which is no longer where it starts."""
    if not isinstance(kr, NumericKeyResult):
        return None
    new = latest_value(kr)
    if new is None or kr.baseline is None or new == kr.baseline:
        return None
    old = number(kr.baseline)
    if re.search(rf"(?<![\d.]){re.escape(old)}(?!\d|[.,]\d)", kr.title) is None:
        return None
    return (
        f"key result {kr.id!r}: its title still says {old}, the old baseline; it now starts at "
        f"{number(new)}: update the title"
    )
