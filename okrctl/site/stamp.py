"""What every page says about its data: "Data as of <day>, built <time> from <commit>".

The statuses, "due by today" and freshness are judged on the build's day (`--today`), and the
site is rebuilt on merge and on a schedule: a reader must see which day a page is as of, in
the browser and on paper. The stamp is part of the input, never the wall clock, so that two
builds of the same commit for the same day are byte-identical:

* the day: the build's `today`;
* the time: `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention, which a publish
  workflow may set to its run's time), else the time of the commit the OKRs were read from,
  else the latest check-in (a folder outside git);
* the commit: git's HEAD, and whether the OKR files differ from it.

`read` asks git (the edge); `Stamp` is a value the pages render.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from okrctl import gitcmd, workspace
from okrctl.index import Cascade

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
Source = Literal["SOURCE_DATE_EPOCH", "commit", "check-ins"]


@dataclass(frozen=True)
class Stamp:
    """The day a site's data is as of, and what it was built from."""

    as_of: dt.date
    """The day the statuses are judged on (`--today`)."""
    epoch: int
    """The build's time, in seconds since 1970 (UTC), from `source`."""
    source: Source
    commit: str | None = None
    """The full id of the commit the OKRs were read from (None: not in git)."""
    changed: bool = False
    """The OKR files or the site's files differ from the commit."""
    rhythm: int = 14
    """Days after `as_of` past which a reader is told the page may be out of date: the
    check-in rhythm (OKR700's `max_days`)."""

    @property
    def built(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.epoch, dt.UTC)

    @property
    def time(self) -> str:
        """The build's time for people: `2026-11-22 14:03 UTC`."""
        return self.built.strftime("%Y-%m-%d %H:%M UTC")

    @property
    def short(self) -> str | None:
        """The commit's short id (None: not in git)."""
        return self.commit[:10] if self.commit else None


def fallback_epoch(cascade: Cascade) -> int:
    """A time derived from the OKRs alone: the latest check-in, else the latest period start.
    Clamped to what gzip's header and mkdocs' sitemap can hold (1970-2106)."""
    days = [
        checkin.date
        for entry in cascade.objectives.values()
        for kr in entry.objective.key_results
        for checkin in kr.checkins
    ]
    days = days or [p.start for p in cascade.periods.values()] or [dt.date(1970, 1, 1)]
    return clamp(calendar.timegm(max(days).timetuple()))


def clamp(epoch: int) -> int:
    return min(max(epoch, 0), 2**32 - 1)


def _environment_epoch() -> int | None:
    value = os.environ.get(EPOCH_VARIABLE, "").strip()
    return clamp(int(value)) if value.isdigit() else None


def _commit(root: Path) -> tuple[str | None, int | None, bool]:
    """HEAD's id and commit time, and whether the OKR and site files differ from it; nothing
    when `root` is not in a git repository with a commit."""
    try:
        top = gitcmd.toplevel(root)
        shown = gitcmd.run(top, ["log", "-1", "--format=%H %ct", "HEAD", "--"], ok=(0, 128))
        if shown.returncode != 0 or not shown.stdout.strip():
            return None, None, False
        commit, seconds = shown.stdout.decode("ascii").split()
        status = gitcmd.run(
            root,
            ["status", "--porcelain", "--", workspace.DEFAULT_DIR, "site", "okrctl.yaml"],
        )
    except (gitcmd.GitError, ValueError):
        return None, None, False
    return commit, int(seconds), bool(status.stdout.strip())


def read(root: Path, cascade: Cascade, today: dt.date, rhythm: int) -> Stamp:
    """The stamp of a build of `root`'s OKRs for `today` (see the module's documentation)."""
    commit, committed, changed = _commit(root)
    given = _environment_epoch()
    if given is not None:
        return Stamp(today, given, "SOURCE_DATE_EPOCH", commit, changed, rhythm)
    if committed is not None:
        return Stamp(today, clamp(committed), "commit", commit, changed, rhythm)
    return Stamp(today, fallback_epoch(cascade), "check-ins", commit, changed, rhythm)
