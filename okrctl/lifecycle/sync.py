"""`okrctl sync`: read every metric source of the period running on a day, and record a check-in
wherever the value changed, through the same byte-preserving edit as `okrctl checkin`.

Only key results of open periods that contain the day are read. A value equal to the latest one
recorded is left alone (a weekly run without news changes nothing). A source that cannot be read
is a diagnostic at the source's field; the other sources are still synced.
Reading a source, running its command and which commands may run are `okrctl.sources`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from okrctl.diagnostics import Diagnostic, Severity
from okrctl.index import Entry
from okrctl.lifecycle.checkin import Reading, describe, plan
from okrctl.lifecycle.edit import Document, FileEdit
from okrctl.lifecycle.repo import Repository
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective
from okrctl.scoring import latest_value, measured_value, milestone_done
from okrctl.sources import listed
from okrctl.sources.reading import LATER_CHECKIN, VALUE_PROBLEM, Problem, Value, read

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

    def add(self, result: Synced | Diagnostic | list[Diagnostic]) -> None:
        """File what became of one key result: synced (or skipped), or the problems."""
        if isinstance(result, Synced):
            self.synced.append(result)
        elif isinstance(result, Diagnostic):
            self.problems.append(result)
        else:
            self.problems += result


@dataclass(frozen=True)
class _Run:
    """What one sync was asked: the repository, the day, and the commands it may run."""

    repo: Repository
    date: dt.date
    run_commands: bool
    commands: Sequence[Sequence[str]]


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


def _source_path(index: int) -> tuple[str | int, ...]:
    return ("key_results", index, "source")


def _read_source(run: _Run, entry: Entry, index: int, kr: KeyResult) -> Value | Synced | Diagnostic:
    """The current value of the key result's source; a skipped `Synced` for a command that a
    dry run does not run; or the finding that stopped the reading (a command not listed in
    okrctl.yaml, a source that cannot be read)."""
    source = kr.source
    assert source is not None
    path = _source_path(index)
    if source.command is not None:
        if not run.run_commands:
            return Synced(entry.file, entry.objective.id, kr.id, describe(kr), None, True)
        if not listed.allowed(source.command, run.commands):
            return run.repo.cascade.at(
                entry.file,
                (*path, "command"),
                listed.UNLISTED_COMMAND,
                listed.message(source.command),
            )
    value = read(run.repo.root, source)
    if isinstance(value, Problem):
        return run.repo.cascade.at(entry.file, (*path, value.field), value.code, value.message)
    return value


def _reading(
    run: _Run, entry: Entry, index: int, kr: KeyResult, value: Value
) -> Reading | Synced | Diagnostic:
    """The check-in to record for the value; an unchanged `Synced` when the value is the one
    last recorded; or why it is not recorded (it does not fit the key result, or a later
    check-in exists)."""
    path = _source_path(index)
    reading = _as_reading(kr, value, run.date)
    if isinstance(reading, str):
        return run.repo.cascade.at(entry.file, path, VALUE_PROBLEM, reading, where="key")
    if _unchanged(kr, reading.value):
        return Synced(entry.file, entry.objective.id, kr.id, describe(kr), None)
    latest = max((c.date for c in kr.checkins), default=None)
    if latest is not None and latest > run.date:
        message = f"has a check-in of {latest}, after {run.date}; sync records no earlier value"
        return run.repo.cascade.at(
            entry.file, path, LATER_CHECKIN, message, Severity.WARNING, "key"
        )
    return reading


@dataclass
class _FileEdits:
    """The check-ins recorded in one objective file so far: the document as last edited (read
    before the first check-in) and the change from the file's text to it."""

    entry: Entry
    doc: Document | None = None
    change: FileEdit | None = None

    def model(self) -> Objective:
        """The objective with the check-ins recorded so far."""
        current = self.change.model if self.change is not None else self.entry.objective
        assert isinstance(current, Objective)
        return current

    def open(self, root: Path) -> list[Diagnostic] | None:
        """Read the file for editing unless it is read; None when it is ready, else why it
        cannot be edited."""
        if self.doc is None:
            self.doc, problems = Document.read(root / self.entry.file, self.entry.file)
            if self.doc is None:
                return problems
        return None

    def record(self, index: int, kr: KeyResult, reading: Reading) -> Synced | list[Diagnostic]:
        """Append the check-in to the key result at `index`: what was synced, or why not."""
        assert self.doc is not None
        planned, problems = plan(self.doc, index, kr, reading)
        if planned is None:
            return problems
        first = self.change.old if self.change is not None else self.doc.text
        self.change = FileEdit(planned.file, first, planned.new, planned.model, planned.bom)
        self.doc, _ = Document.from_text(planned.new, self.entry.file, bom=planned.bom)
        assert isinstance(planned.model, Objective)
        after = describe(planned.model.key_results[index])
        return Synced(self.entry.file, self.entry.objective.id, kr.id, describe(kr), after)


def _sync_objective(run: _Run, entry: Entry, outcome: SyncOutcome) -> None:
    """Read each source of the objective's key results, and record every new value in one
    change of its file. A file that cannot be read for editing stops its objective."""
    edits = _FileEdits(entry)
    for index, original in enumerate(entry.objective.key_results):
        if original.source is None:
            continue
        value = _read_source(run, entry, index, original)
        if isinstance(value, Synced | Diagnostic):
            outcome.add(value)
            continue
        kr = edits.model().key_results[index]
        reading = _reading(run, entry, index, kr, value)
        if isinstance(reading, Synced | Diagnostic):
            outcome.add(reading)
            continue
        problems = edits.open(run.repo.root)
        if problems is not None:
            outcome.add(problems)
            return
        outcome.add(edits.record(index, kr, reading))
    if edits.change is not None and edits.change.changed:
        outcome.changes.append(edits.change)


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
    run = _Run(repo, date, run_commands, commands)
    for entry in sorted(repo.cascade.objectives.values(), key=lambda e: e.file):
        period = repo.cascade.periods.get(entry.objective.period)
        if period is None or period.closed or not period.start <= date <= period.end:
            continue
        if any(kr.source is not None for kr in entry.objective.key_results):
            _sync_objective(run, entry, outcome)
    return outcome
