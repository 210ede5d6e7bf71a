"""What changed in the OKRs since a day, from git history: `okrctl digest`, and the site's
"what changed" on its home page.

The interface (the site's home page calls `digest` with the cascade it already checked):

    digest(root, since, today, current=cascade, rollup=..., stale_days=14) -> Digest

* `since`: the day of the baseline. What the OKR files held at the end of that day (UTC), in the
  last commit on or before it on the first-parent line of HEAD, is the baseline; only what
  changed after it is reported. A repository younger than `since` has an empty baseline.
* `current`: the cascade now (the work tree, as `okrctl check` reads it); `today` the day it is
  judged for.
* `rollup`: how scores roll up (`Settings.rollup`); `stale_days`: OKR700's `max_days` (None when
  the rule is off: no stale list).
* `Digest.changes`: objectives and key results `added` and `removed`, `dropped` (status), `graded`
  (a `score` set or changed), `status` changes (`okrctl.status`: the site's status model, each
  side judged for its own day with its own scores), the largest `score` moves, and moved
  goalposts (`target`, `baseline`). `Digest.checkins`: the check-ins recorded since, per unit
  (every unit with objectives of a running period, and any other that recorded one).
  `Digest.stale`: the key results OKR700 finds stale today.
* `Digest.notes`: why there is no baseline to compare with (no git, history missing from a
  shallow clone); `changes` and `checkins` are then empty.

`compare` is the pure part (two cascades in, a `Digest` out); `baseline.read_baseline` does the
git I/O.
Every list is sorted, so the same history gives the same digest, byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from okrctl import status
from okrctl.checks import stale_key_result
from okrctl.checks.base import Context
from okrctl.checks.facts import Facts
from okrctl.git_history.baseline import read_baseline
from okrctl.index import Cascade, Entry
from okrctl.model import NumericKeyResult
from okrctl.scoring import DEFAULT_ROLLUP, KeyResult, Rollup, effective_scores

Kind = Literal["added", "removed", "dropped", "graded", "status", "score", "target", "baseline"]
KINDS: tuple[Kind, ...] = (
    "added",
    "removed",
    "dropped",
    "graded",
    "status",
    "score",
    "target",
    "baseline",
)
"""Every kind of change, in the order a digest lists them."""

WEEK = dt.timedelta(days=7)
SCORE_MOVES = 5
"""How many of the largest score moves a digest lists."""
SMALLEST_MOVE = 0.005
"""Score moves below this (nothing at two decimals) are not moves."""

Value = str | float | None


@dataclass(frozen=True, kw_only=True)
class Change:
    """One change: `objective` (and `key_result`, for a key result's) went `before` -> `after`.

    `added` and `removed` have no values; `dropped` and `status` have statuses; `graded` and
    `score` scores (two decimals); `target` and `baseline` numbers.
    """

    kind: Kind
    objective: str
    key_result: str | None
    before: Value
    after: Value
    title: str
    """The key result's title for a key result's change, else the objective's."""
    unit: str


@dataclass(frozen=True, kw_only=True)
class UnitCheckins:
    """Check-ins a unit recorded since the baseline (dated after it)."""

    unit: str
    name: str
    checkins: int
    key_results: int
    """How many key results the check-ins were on."""


@dataclass(frozen=True, kw_only=True)
class Stale:
    """A key result OKR700 finds stale today."""

    objective: str
    key_result: str
    title: str
    unit: str
    last: dt.date | None
    """The last check-in (None: none yet)."""
    days: int


@dataclass(frozen=True, kw_only=True)
class Digest:
    since: dt.date
    as_of: dt.date
    baseline: str | None
    """The commit the baseline was read from (None: no commit on or before `since`)."""
    changes: tuple[Change, ...] = ()
    checkins: tuple[UnitCheckins, ...] = ()
    stale: tuple[Stale, ...] = ()
    notes: tuple[str, ...] = ()

    def of(self, *kinds: Kind) -> tuple[Change, ...]:
        """The changes of these kinds, in the digest's order."""
        return tuple(c for c in self.changes if c.kind in kinds)


# ----------------------------------------------------------------------------- comparing


def _round(score: float | None) -> float | None:
    return None if score is None else round(score, 2)


class _Side:
    """One side of the comparison: a cascade, its scores and statuses on its day."""

    def __init__(self, cascade: Cascade, day: dt.date, rollup: Rollup) -> None:
        self.cascade, self.day = cascade, day
        self.scores = effective_scores(cascade, rollup)

    def status(self, entry: Entry) -> status.Status | None:
        objective = entry.objective
        period = self.cascade.periods.get(objective.period)
        if period is None:
            return None
        score = self.scores.get(objective.id)
        return status.objective(objective, score, period, self.day).status


def _change(
    kind: Kind, entry: Entry, kr: KeyResult | None = None, before: Value = None, after: Value = None
) -> Change:
    return Change(
        kind=kind,
        objective=entry.objective.id,
        key_result=kr.id if kr is not None else None,
        before=before,
        after=after,
        title=kr.title if kr is not None else entry.objective.title,
        unit=entry.objective.unit,
    )


def _objective_changes(old: Entry, new: Entry, then: _Side, now: _Side) -> Iterator[Change]:
    was, _is = old.objective, new.objective
    if _is.status == "dropped" and was.status != "dropped":
        yield _change("dropped", new, before=then.status(old), after="dropped")
    elif then.status(old) != now.status(new):
        yield _change("status", new, before=then.status(old), after=now.status(new))
    if _is.score is not None and _is.score != was.score:
        yield _change("graded", new, before=was.score, after=_is.score)


def _key_result_changes(old: Entry, new: Entry) -> Iterator[Change]:
    before = {kr.id: kr for kr in old.objective.key_results}
    after = {kr.id for kr in new.objective.key_results}
    for kr in new.objective.key_results:
        was = before.get(kr.id)
        if was is None:
            yield _change("added", new, kr)
            continue
        if kr.status == "dropped" and was.status != "dropped":
            yield _change("dropped", new, kr, before=was.status, after="dropped")
        if isinstance(kr, NumericKeyResult) and isinstance(was, NumericKeyResult):
            if kr.target != was.target:
                yield _change("target", new, kr, before=was.target, after=kr.target)
            if kr.baseline != was.baseline:
                yield _change("baseline", new, kr, before=was.baseline, after=kr.baseline)
    for kr in old.objective.key_results:
        if kr.id not in after:
            yield _change("removed", old, kr)


def _score_moves(pairs: Iterable[tuple[Entry, Entry]], then: _Side, now: _Side) -> list[Change]:
    moves: list[tuple[float, str, Change]] = []
    for old, new in pairs:
        before = then.scores.get(old.objective.id)
        after = now.scores.get(new.objective.id)
        if before is None or after is None or abs(after - before) < SMALLEST_MOVE:
            continue
        change = _change("score", new, before=_round(before), after=_round(after))
        moves.append((-abs(after - before), new.objective.id, change))
    moves.sort(key=lambda m: (m[0], m[1]))
    return [change for _, _, change in moves[:SCORE_MOVES]]


def _checkin_keys(kr: KeyResult, since: dt.date) -> Counter[tuple[object, ...]]:
    return Counter(
        (c.date, c.value, c.confidence, c.note, c.by) for c in kr.checkins if c.date > since
    )


def _checkins(
    before: Cascade, after: Cascade, since: dt.date, today: dt.date
) -> list[UnitCheckins]:
    counts: dict[str, tuple[int, int]] = {}
    running = {p.id for p in after.periods.values() if not p.closed and p.start <= today <= p.end}
    for entry in after.iter_objectives():
        objective = entry.objective
        if objective.period in running:
            counts.setdefault(objective.unit, (0, 0))
        old = before.objectives.get(objective.id)
        old_krs = {kr.id: kr for kr in old.objective.key_results} if old else {}
        for kr in objective.key_results:
            new = _checkin_keys(kr, since)
            was = old_krs.get(kr.id)
            added = sum((new - (_checkin_keys(was, since) if was else Counter())).values())
            if added:
                checkins, krs = counts.get(objective.unit, (0, 0))
                counts[objective.unit] = (checkins + added, krs + 1)
    return [
        UnitCheckins(
            unit=unit,
            name=after.units[unit].name if unit in after.units else unit,
            checkins=checkins,
            key_results=krs,
        )
        for unit, (checkins, krs) in sorted(counts.items())
    ]


def stale_key_results(cascade: Cascade, today: dt.date, max_days: int) -> list[Stale]:
    """The key results OKR700 (with `max_days`) finds stale on `today`, by objective id."""
    by_file = {entry.file: entry for entry in cascade.objectives.values()}
    context = Context(cascade, Facts(cascade), stale_key_result.Options(max_days=max_days), today)
    found: list[Stale] = []
    for finding in stale_key_result.check(context):
        entry = by_file[finding.file]
        kr = entry.objective.key_results[int(finding.path[1])]
        period = cascade.periods[entry.objective.period]
        fresh = status.key_result_freshness(kr, entry.objective, period, today, max_days)
        found.append(
            Stale(
                objective=entry.objective.id,
                key_result=kr.id,
                title=kr.title,
                unit=entry.objective.unit,
                last=fresh.last,
                days=fresh.days,
            )
        )
    return found


def compare(
    before: Cascade | None,
    after: Cascade,
    *,
    since: dt.date,
    today: dt.date,
    rollup: Rollup = DEFAULT_ROLLUP,
    stale_days: int | None = status.STALE_DAYS,
    baseline: str | None = None,
) -> Digest:
    """The digest of the changes from `before` (the cascade of `since`; None: unknown, so no
    changes) to `after` (the cascade of `today`). Pure."""
    stale = tuple(stale_key_results(after, today, stale_days)) if stale_days else ()
    if before is None:
        return Digest(since=since, as_of=today, baseline=baseline, stale=stale)
    then, now = _Side(before, since, rollup), _Side(after, today, rollup)
    changes: list[Change] = []
    pairs: list[tuple[Entry, Entry]] = []
    for entry in after.iter_objectives():
        old = before.objectives.get(entry.objective.id)
        if old is None:
            changes.append(_change("added", entry))
            continue
        pairs.append((old, entry))
        changes += _objective_changes(old, entry, then, now)
        changes += _key_result_changes(old, entry)
    changes += [
        _change("removed", old) for old in before.iter_objectives()
        if old.objective.id not in after.objectives
    ]  # fmt: skip
    changes += _score_moves(pairs, then, now)
    rank = {kind: i for i, kind in enumerate(KINDS)}
    position = {id(c): i for i, c in enumerate(changes)}
    changes.sort(
        key=lambda c: (rank[c.kind], "" if c.kind == "score" else c.objective, position[id(c)])
    )
    return Digest(
        since=since,
        as_of=today,
        baseline=baseline,
        changes=tuple(changes),
        checkins=tuple(_checkins(before, after, since, today)),
        stale=stale,
    )


def digest(
    root: Path,
    since: dt.date,
    today: dt.date,
    *,
    current: Cascade,
    rollup: Rollup = DEFAULT_ROLLUP,
    stale_days: int | None = status.STALE_DAYS,
) -> Digest:
    """What changed in the repository at `root` after `since`, up to `current` (its cascade on
    `today`). Never raises for missing git or history: `Digest.notes` says what is missing."""
    before, commit, note = read_baseline(root, since, current)
    found = compare(
        before,
        current,
        since=since,
        today=today,
        rollup=rollup,
        stale_days=stale_days,
        baseline=commit,
    )
    if note is None:
        return found
    return Digest(
        since=found.since,
        as_of=found.as_of,
        baseline=None,
        stale=found.stale,
        notes=(note,),
    )
