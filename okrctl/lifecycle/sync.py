"""`okrctl sync`: read every metric source of the period running on a day, and record a check-in
wherever the value changed, through the same byte-preserving edit as `okrctl checkin`.

Only key results of open periods that contain the day are read. A value equal to the latest one
recorded is left alone (a weekly run without news changes nothing). A source that cannot be read
is a diagnostic at the source's field; the other sources are still synced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from okrctl import source_commands
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.index import Entry
from okrctl.lifecycle import sources
from okrctl.lifecycle.checkin import Reading, describe, plan
from okrctl.lifecycle.edit import Document, FileEdit
from okrctl.lifecycle.repo import Repository
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective
from okrctl.scoring import latest_value, measured_value, milestone_done

KeyResult = NumericKeyResult | MilestoneKeyResult


@dataclass(frozen=True)
class Synced:
    """One key result with a source, and what sync did with it."""

    file: str
    objective: str
    key_result: str
    before: str
    after: str | None
    """The new value as a user reads it; None when nothing was recorded."""
    skipped: bool = False
    """True for a command source that was not run (a dry run without `run_commands`)."""


@dataclass
class SyncOutcome:
    date: dt.date
    synced: list[Synced] = field(default_factory=list)
    changes: list[FileEdit] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def _unchanged(kr: KeyResult, value: float | bool | None) -> bool:
    if value is None:
        return False
    if isinstance(kr, MilestoneKeyResult):
        return milestone_done(kr) == bool(value)
    if measured_value(kr) is None:
        return False
    return latest_value(kr) == float(value)


def _as_reading(kr: KeyResult, value: float | bool, date: dt.date) -> Reading | str:
    """The check-in to record, or why the value does not fit the key result."""
    if isinstance(kr, MilestoneKeyResult):
        return Reading(bool(value) if isinstance(value, bool) else value > 0, date)
    if isinstance(value, bool):
        return "the source gave true/false, but this key result is numeric"
    return Reading(value, date)


def _sync_objective(
    repo: Repository,
    entry: Entry,
    date: dt.date,
    outcome: SyncOutcome,
    run_commands: bool,
    commands: Sequence[Sequence[str]],
) -> None:
    objective = entry.objective
    doc: Document | None = None
    change: FileEdit | None = None
    for index, original in enumerate(objective.key_results):
        source = original.source
        if source is None:
            continue
        if source.command is not None and not run_commands:
            outcome.synced.append(
                Synced(entry.file, objective.id, original.id, describe(original), None, True)
            )
            continue
        path = ("key_results", index, "source")
        if source.command is not None and not source_commands.allowed(source.command, commands):
            outcome.problems.append(
                repo.cascade.at(
                    entry.file,
                    (*path, "command"),
                    source_commands.UNLISTED_COMMAND,
                    source_commands.message(source.command),
                )
            )
            continue
        value = sources.read(repo.root, source)
        if isinstance(value, sources.Problem):
            outcome.problems.append(
                repo.cascade.at(entry.file, (*path, value.field), value.code, value.message)
            )
            continue
        current = change.model if change is not None else objective
        assert isinstance(current, Objective)
        kr = current.key_results[index]
        reading = _as_reading(kr, value, date)
        if isinstance(reading, str):
            outcome.problems.append(
                repo.cascade.at(entry.file, path, sources.VALUE_PROBLEM, reading, where="key")
            )
            continue
        if _unchanged(kr, reading.value):
            outcome.synced.append(Synced(entry.file, objective.id, kr.id, describe(kr), None))
            continue
        latest = max((c.date for c in kr.checkins), default=None)
        if latest is not None and latest > date:
            message = f"has a check-in of {latest}, after {date}; sync records no earlier value"
            outcome.problems.append(
                repo.cascade.at(
                    entry.file, path, sources.VALUE_PROBLEM, message, Severity.WARNING, "key"
                )
            )
            continue
        if doc is None:
            doc, problems = Document.read(repo.root / entry.file, entry.file)
            if doc is None:
                outcome.problems += problems
                return
        planned, problems = plan(doc, index, kr, reading)
        if planned is None:
            outcome.problems += problems
            continue
        first = change.old if change is not None else doc.text
        change = FileEdit(planned.file, first, planned.new, planned.model, planned.bom)
        doc, _ = Document.from_text(planned.new, entry.file, bom=planned.bom)
        assert isinstance(planned.model, Objective)
        after = describe(planned.model.key_results[index])
        outcome.synced.append(Synced(entry.file, objective.id, kr.id, describe(kr), after))
    if change is not None and change.changed:
        outcome.changes.append(change)


def sync(
    repo: Repository,
    date: dt.date,
    run_commands: bool = True,
    commands: Sequence[Sequence[str]] = (),
) -> SyncOutcome:
    """Read the sources of the periods open on `date`; nothing is written here. Files that do
    not validate are reported (their sources cannot be read). Without `run_commands`, command
    sources are listed as skipped and not run; a command not in `commands` (okrctl.yaml's
    `sources: commands:`) is never run, and reported as OKR814."""
    outcome = SyncOutcome(date, problems=repo.file_errors())
    for entry in sorted(repo.cascade.objectives.values(), key=lambda e: e.file):
        period = repo.cascade.periods.get(entry.objective.period)
        if period is None or period.closed or not period.start <= date <= period.end:
            continue
        if any(kr.source is not None for kr in entry.objective.key_results):
            _sync_objective(repo, entry, date, outcome, run_commands, commands)
    return outcome
