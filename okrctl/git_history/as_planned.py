""" "As planned vs now": each key result's baseline and target when its period started, beside
today's, read from git history, so that moved goalposts are visible.

The planned version of an objective's file is the one in the last commit (on the first-parent
line of HEAD) made on or before the period's first day (UTC), or, for a file added later, the
version of the commit that added it. Today's version is the work tree's (the cascade).

Shallow clones (CI makes them) are detected; when the history before a period start is missing
and a remote exists, it is fetched (`git fetch --shallow-since`, then `--deepen=1`); otherwise
`History.notes` says what is missing and the planned values come from the oldest version there is.

`compare` is pure (planned objectives in, differences out); `planned_vs_now` does the git I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from okrctl import gitcmd
from okrctl.index import Cascade
from okrctl.load import load_bytes
from okrctl.model import NumericKeyResult, Objective, Period
from okrctl.validate import validate


@dataclass(frozen=True)
class KeyResultHistory:
    """One key result, as planned and now. Baselines and targets are None for milestones."""

    key_result: str
    planned_baseline: float | None
    planned_target: float | None
    baseline: float | None
    target: float | None
    added: bool
    """The key result was not in the planned version (it came in during the period)."""

    @property
    def moved(self) -> bool:
        """The baseline or the target differs from the plan."""
        if self.added:
            return False
        return (self.planned_baseline, self.planned_target) != (self.baseline, self.target)


@dataclass(frozen=True)
class Planned:
    """The planned version of one objective, as git has it."""

    objective: Objective | None
    """None when the file has no committed version (or it did not validate then)."""
    commit: str | None = None
    date: dt.date | None = None
    """Day of the commit (UTC)."""
    at_start: bool = False
    """True when this is the version of the period's start; False for the first version made
    after it."""


@dataclass(frozen=True)
class ObjectiveHistory:
    objective: str
    file: str
    planned: Planned
    key_results: tuple[KeyResultHistory, ...]
    removed: tuple[str, ...]
    """Key results in the plan that are no longer in the file."""

    @property
    def moved(self) -> bool:
        """Any goalpost moved, or a key result was added or removed since the plan."""
        if self.planned.objective is None:
            return False
        return bool(self.removed) or any(k.moved or k.added for k in self.key_results)


@dataclass(frozen=True)
class History:
    objectives: dict[str, ObjectiveHistory]
    """By objective id."""
    notes: tuple[str, ...] = ()
    """What could not be read (not a git repository, history missing from a shallow clone)."""


def _numbers(kr: object) -> tuple[float | None, float | None]:
    if isinstance(kr, NumericKeyResult):
        return kr.baseline, kr.target
    return None, None


def compare(cascade: Cascade, planned: Mapping[str, Planned]) -> dict[str, ObjectiveHistory]:
    """Each objective of the cascade beside its planned version (pure)."""
    result: dict[str, ObjectiveHistory] = {}
    for entry in cascade.iter_objectives():
        objective = entry.objective
        plan = planned.get(objective.id, Planned(None))
        before = (
            {kr.id: kr for kr in plan.objective.key_results} if plan.objective is not None else {}
        )
        rows = []
        for kr in objective.key_results:
            old = before.get(kr.id)
            planned_baseline, planned_target = _numbers(old) if old else _numbers(kr)
            baseline, target = _numbers(kr)
            rows.append(
                KeyResultHistory(
                    kr.id,
                    planned_baseline,
                    planned_target,
                    baseline,
                    target,
                    added=plan.objective is not None and old is None,
                )
            )
        current = {kr.id for kr in objective.key_results}
        removed = tuple(kr_id for kr_id in before if kr_id not in current)
        result[objective.id] = ObjectiveHistory(
            objective.id, entry.file, plan, tuple(rows), removed
        )
    return result


# --------------------------------------------------------------------------- git


def _end_of_day(day: dt.date) -> str:
    return f"{day.isoformat()}T23:59:59+00:00"


def _commit_at(top: Path, day: dt.date) -> str | None:
    result = gitcmd.run(
        top, ["rev-list", "-1", "--first-parent", f"--before={_end_of_day(day)}", "HEAD"]
    )
    return result.stdout.decode("ascii").strip() or None


def _ensure(top: Path, day: dt.date, fetch: bool) -> str | None:
    """Make sure the commit of `day` is in this clone; a note when it cannot be."""
    if not gitcmd.is_shallow(top) or _commit_at(top, day) is not None:
        return None
    remotes = gitcmd.run(top, ["remote"]).stdout.decode("utf-8").split()
    if fetch and remotes:
        since = (day - dt.timedelta(days=1)).isoformat()
        try:
            gitcmd.run(top, ["fetch", "--quiet", f"--shallow-since={since}", remotes[0]])
            gitcmd.run(top, ["fetch", "--quiet", "--deepen=1", remotes[0]])
        except gitcmd.GitError:
            pass
        if not gitcmd.is_shallow(top) or _commit_at(top, day) is not None:
            return None
    how = "fetching it failed" if fetch and remotes else "there is no remote to fetch it from"
    return (
        f"this clone is shallow and lacks the history of {day}, and {how}; plans are the oldest "
        "versions available (in CI, give actions/checkout `fetch-depth: 0`)"
    )


def _additions(top: Path, folder: str) -> dict[str, list[tuple[int, str]]]:
    """Path -> [(commit time, commit)] of the first-parent commits that added it, oldest first."""
    result = gitcmd.run(
        top,
        [
            "log", "--first-parent", "--diff-filter=A", "--no-renames", "--name-only", "-z",
            "--format=%x01%H %ct", "HEAD", "--", folder,
        ],
    )  # fmt: skip
    found: dict[str, list[tuple[int, str]]] = {}
    for block in result.stdout.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        header, _, names = block.partition("\x00")
        commit, time = header.split()
        for name in names.split("\x00"):
            name = name.strip("\n")
            if name:
                found.setdefault(name, []).append((int(time), commit))
    for additions in found.values():
        additions.sort()
    return found


def _day(time: int) -> dt.date:
    return dt.datetime.fromtimestamp(time, dt.UTC).date()


class _Commits:
    """Trees and times of commits, each asked of git once."""

    def __init__(self, top: Path, folder: str) -> None:
        self.top, self.folder = top, folder
        self._trees: dict[str, dict[str, str]] = {}
        self._times: dict[str, int] = {}

    def tree(self, commit: str) -> dict[str, str]:
        """Path -> blob id of the OKR files in `commit`."""
        if commit not in self._trees:
            entries = gitcmd.list_tree(self.top, commit, self.folder)
            self._trees[commit] = {e.path: e.blob for e in entries}
        return self._trees[commit]

    def time(self, commit: str) -> int:
        if commit not in self._times:
            shown = gitcmd.run(self.top, ["show", "-s", "--format=%ct", commit])
            self._times[commit] = int(shown.stdout.decode("ascii").strip())
        return self._times[commit]


def _planned(
    top: Path, prefix: str, cascade: Cascade, fetch: bool
) -> tuple[dict[str, Planned], list[str]]:
    notes: list[str] = []
    folder = (PurePosixPath(prefix) / "okrs").as_posix() if prefix else "okrs"
    commits = _Commits(top, folder)
    additions = _additions(top, folder)
    wanted: dict[str, tuple[str, str, bool]] = {}  # objective id -> (commit, path, at start)
    by_period: dict[str, list[str]] = {}
    for entry in cascade.iter_objectives():
        by_period.setdefault(entry.objective.period, []).append(entry.objective.id)
    for period_id, ids in sorted(by_period.items()):
        period: Period | None = cascade.periods.get(period_id)
        if period is None:
            continue
        note = _ensure(top, period.start, fetch)
        if note:
            notes.append(f"{period_id}: {note}")
        start = _commit_at(top, period.start)
        start_time = commits.time(start) if start else None
        for objective_id in ids:
            path = (PurePosixPath(prefix) / cascade.objectives[objective_id].file).as_posix()
            if start is not None and path in commits.tree(start):
                wanted[objective_id] = (start, path, True)
                continue
            later = [c for t, c in additions.get(path, []) if start_time is None or t > start_time]
            if later:
                wanted[objective_id] = (later[0], path, False)
    blobs = {
        objective_id: commits.tree(commit)[path]
        for objective_id, (commit, path, _) in wanted.items()
        if path in commits.tree(commit)
    }
    with gitcmd.BlobReader(top) as reader:
        contents = reader.read(blobs.values())
    planned: dict[str, Planned] = {}
    for objective_id, blob in blobs.items():
        commit, path, at_start = wanted[objective_id]
        model, _ = validate(load_bytes(contents[blob], path))
        planned[objective_id] = Planned(
            model if isinstance(model, Objective) else None,
            commit,
            _day(commits.time(commit)),
            at_start,
        )
    return planned, notes


def planned_vs_now(root: Path, cascade: Cascade, *, fetch: bool = True) -> History:
    """The history of every objective in `cascade` (the repository at `root`), from git.

    Never raises for a missing repository or history: `History.notes` says what is missing. With
    `fetch`, a shallow clone is deepened from its first remote when the history is missing.
    """
    try:
        top = gitcmd.toplevel(root)
    except gitcmd.GitError:
        return History(compare(cascade, {}), (f"{root} is not a git repository: no plans",))
    try:
        if gitcmd.resolve(top, "HEAD") is None:
            return History(compare(cascade, {}), ("no commits yet: no plans",))
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
        planned, notes = _planned(top, "" if prefix == "." else prefix, cascade, fetch)
    except gitcmd.GitError as exc:
        return History(compare(cascade, {}), (str(exc),))
    return History(compare(cascade, planned), tuple(notes))
