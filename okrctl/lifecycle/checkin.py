"""Recording a check-in: append it to the key result's `checkins` and update `current` (numeric)
or `done` (milestone), changing only those lines of the file.

`plan` is pure (a document in, a validated change or diagnostics out); `check_in` adds the checks
that need the organisation (the period, the person) and reads and writes the file.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from okrctl.diagnostics import Diagnostic
from okrctl.errors import UsageError
from okrctl.index import Entry
from okrctl.lifecycle.edit import Document, FileEdit, Refused, number, scalar
from okrctl.lifecycle.repo import Repository
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective, Period
from okrctl.scoring import latest_value

KeyResult = NumericKeyResult | MilestoneKeyResult

_TRUE = frozenset({"true", "yes", "done", "1"})
_FALSE = frozenset({"false", "no", "0"})


@dataclass(frozen=True)
class Reading:
    """One measurement to record."""

    value: float | bool | None
    """None for a status update that has only a note."""
    date: dt.date
    confidence: float | None = None
    note: str | None = None
    by: str | None = None


def parse_value(text: str, kr: KeyResult) -> float | bool:
    """The value a user typed, read for the key result's kind."""
    word = text.strip().lower()
    if isinstance(kr, MilestoneKeyResult):
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise UsageError(
            f"key result {kr.id!r} is a milestone: its value is `true` (done) or `false` "
            f"(not yet), not {text!r}"
        )
    try:
        value = float(word.replace("_", ""))
    except ValueError:
        raise UsageError(
            f"key result {kr.id!r} measures {kr.unit}: its value must be a number such as "
            f"{number(kr.target)}, not {text!r} (no units or thousands separators)"
        ) from None
    if not math.isfinite(value):
        raise UsageError(f"the value must be a finite number, not {text!r}")
    return value


def key_result(entry: Entry, kr_id: str) -> tuple[int, KeyResult]:
    for index, kr in enumerate(entry.objective.key_results):
        if kr.id == kr_id:
            return index, kr
    known = ", ".join(kr.id for kr in entry.objective.key_results)
    raise UsageError(
        f"objective {entry.objective.id!r} has no key result {kr_id!r}; its key results: {known}"
    )


def _active(name: str, state: str, kind: str) -> None:
    """Refuse a check-in on dropped work: the site offers none, and a value recorded on it would
    count nowhere (dropped work is left out of every score)."""
    if state == "dropped":
        raise UsageError(
            f"{kind} {name!r} is dropped and takes no check-ins; set its `status` back to "
            "`active` to take it up again"
        )


def admissible(kr: KeyResult, period: Period, reading: Reading, grace_days: int = 0) -> None:
    """Refuse (UsageError) a check-in the model would accept but the calendar would not.
    Check-ins up to `grace_days` after the period's end still belong to it."""
    if period.closed:
        raise UsageError(
            f"period {period.id!r} is closed: its objectives are graded history and take no "
            "check-ins"
        )
    last_day = period.end + dt.timedelta(days=grace_days)
    if not period.start <= reading.date <= last_day:
        grace = f", or up to {grace_days} days after it (until {last_day})" if grace_days else ""
        raise UsageError(
            f"{reading.date} is outside period {period.id} ({period.start} to {period.end}); "
            f"pass --date with a day inside it{grace}"
        )
    if reading.value is None and not (reading.note or "").strip():
        raise UsageError("a check-in without a value needs a --note saying where things stand")
    latest = max((c.date for c in kr.checkins), default=None)
    if latest is not None and reading.date < latest:
        raise UsageError(
            f"key result {kr.id!r} already has a check-in of {latest}; check-ins go forward in "
            f"time, so pass --date {latest} or later"
        )
    if isinstance(kr, NumericKeyResult) and isinstance(reading.value, bool):
        raise UsageError(f"key result {kr.id!r} is numeric: record a number")
    if reading.note is not None:
        try:
            reading.note.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError("the note is not valid UTF-8 text") from None


def plan(
    doc: Document, kr_index: int, kr: KeyResult, reading: Reading
) -> tuple[FileEdit | None, list[Diagnostic]]:
    """The file with the check-in appended and `current`/`done` updated, validated."""
    path = ("key_results", kr_index)
    fields: list[tuple[str, object]] = [("date", reading.date)]
    if reading.value is not None:
        fields.append(("value", reading.value))
    for name in ("confidence", "note", "by"):
        value = getattr(reading, name)
        if value is not None:
            fields.append((name, value))
    expected = doc.expected()
    target: dict[str, Any] = expected["key_results"][kr_index]
    edits = []
    try:
        if reading.value is None:
            pass  # a status update: where the key result stands does not change
        elif isinstance(kr, MilestoneKeyResult):
            done = bool(reading.value)
            edits.append(doc.set(path, "done", scalar(done), after=("kind", "title")))
            target["done"] = done
        else:
            value = float(reading.value)
            edits.append(
                doc.set(
                    path,
                    "current",
                    number(value),
                    after=("target", "baseline"),
                    before=("checkins",),
                )
            )
            target["current"] = value
        edits.append(doc.append(path, "checkins", fields))
    except Refused as refused:
        return None, [doc.refusal(refused.path, refused.message)]
    checkins = target.get("checkins")
    target["checkins"] = [*(checkins if isinstance(checkins, list) else []), dict(fields)]
    return doc.finish(edits, expected)


def describe(kr: KeyResult) -> str:
    """A key result's latest value as a user reads it: `180 leads`, `done`."""
    if isinstance(kr, MilestoneKeyResult):
        return "done" if kr.done else "not done"
    value = latest_value(kr)
    return "not measured" if value is None else f"{number(value)} {kr.unit}"


def updated(change: FileEdit, kr_id: str) -> KeyResult:
    """The key result as it is in the changed file."""
    assert isinstance(change.model, Objective)
    return next(kr for kr in change.model.key_results if kr.id == kr_id)


def check_in(
    repo: Repository,
    objective_id: str,
    kr_id: str,
    value_text: str | None,
    date: dt.date,
    *,
    confidence: float | None = None,
    note: str | None = None,
    by: str | None = None,
) -> tuple[FileEdit | None, list[Diagnostic]]:
    """Validate a check-in against the repository and compute the changed file (not written).

    A bad value, date or name is a UsageError; a file that is invalid or cannot be edited
    comes back as diagnostics.
    """
    broken = repo.broken_file(objective_id)
    if broken is not None and objective_id not in repo.cascade.objectives:
        return None, repo.file_errors({broken})
    entry = repo.objective(objective_id)
    index, kr = key_result(entry, kr_id)
    value = None if value_text is None else parse_value(value_text, kr)
    reading = Reading(value, date, confidence, note, by)
    if by is not None and by not in repo.cascade.people:
        raise UsageError(
            f"unknown person {by!r} for --by; use an id from `people` in {repo.org_file}"
        )
    grace = repo.settings.checkin_grace_days
    _active(entry.objective.id, entry.objective.status, "objective")
    _active(kr.id, kr.status, "key result")
    admissible(kr, repo.period(entry.objective.period), reading, grace)
    doc, problems = Document.read(repo.root / entry.file, entry.file)
    if doc is None:
        return None, problems
    return plan(doc, index, kr, reading)
