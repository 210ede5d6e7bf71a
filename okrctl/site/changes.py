"""What changed in the OKRs in the week before the build: the home page's "what changed".

The computation is `okrctl digest`'s (`okrctl.git_history.digest`): the same changes, with the
same status model, for the week before the day the site's data is as of. This module only
groups its result the way the home page shows it, each list bounded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from okrctl.git_history.digest import WEEK, Change, Digest, Kind, UnitCheckins

SHOWN = 20
"""The most items one list of the section names; the rest are counted."""
SECTIONS: tuple[tuple[str, tuple[Kind, ...]], ...] = (
    ("Status changes", ("status",)),
    ("Added, dropped and graded", ("added", "removed", "dropped", "graded")),
    ("Largest score moves", ("score",)),
    ("Moved goalposts", ("target", "baseline")),
)


class Section(NamedTuple):
    title: str
    changes: tuple[Change, ...]
    more: int
    """How many more changes of these kinds than are named."""


@dataclass(frozen=True)
class Changes:
    """What the home page shows of the week's changes."""

    digest: Digest | None = None
    """`okrctl digest`'s result for the week (None: history not read)."""

    @property
    def read(self) -> bool:
        return self.digest is not None

    @property
    def since(self) -> dt.date | None:
        return self.digest.since if self.digest else None

    @property
    def notes(self) -> tuple[str, ...]:
        return self.digest.notes if self.digest else ()

    @property
    def sections(self) -> list[Section]:
        """The non-empty lists, in the digest's order, each naming at most `SHOWN`."""
        if self.digest is None:
            return []
        found = []
        for title, kinds in SECTIONS:
            changes = self.digest.of(*kinds)
            if changes:
                found.append(Section(title, changes[:SHOWN], max(len(changes) - SHOWN, 0)))
        return found

    @property
    def checked_in(self) -> list[UnitCheckins]:
        """The units that recorded check-ins, the most first (at most `SHOWN`)."""
        if self.digest is None:
            return []
        found = [u for u in self.digest.checkins if u.checkins]
        found.sort(key=lambda u: (-u.checkins, u.name, u.unit))
        return found[:SHOWN]

    @property
    def silent(self) -> int:
        """Units with running objectives that recorded no check-in."""
        return sum(1 for u in self.digest.checkins if not u.checkins) if self.digest else 0

    @property
    def checkins(self) -> int:
        return sum(u.checkins for u in self.digest.checkins) if self.digest else 0


def week_before(day: dt.date) -> dt.date:
    """The baseline day of the home page's "what changed": a week before `day` (the first day a
    date can hold, for a day in the first week of year 1)."""
    return day - WEEK if day - dt.date.min >= WEEK else dt.date.min
