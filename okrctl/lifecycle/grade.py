"""Grading a period: final scores from 0.0 to 1.0 (two decimals) written into each key result and
objective as `score:`, with byte-preserving edits.

A key result's grade is its progress (`okrctl.scoring`): a numeric one's position between
baseline and target, a milestone's 1 or 0. An objective's grade is the weighted mean of its key
results' grades. Scores already in a file are kept (a grade can be a judgement call), unless
`regrade` asks to compute them all again from the measurements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from okrctl import workspace
from okrctl.diagnostics import Diagnostic
from okrctl.errors import UsageError
from okrctl.index import Entry
from okrctl.lifecycle.edit import Change, Document, Refused
from okrctl.lifecycle.repo import Repository
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective
from okrctl.scoring import milestone_done, progress, weighted_mean

KeyResult = NumericKeyResult | MilestoneKeyResult


def round2(value: float) -> float:
    """Two decimals, halves rounded up (0.125 -> 0.13), the same on every machine; never -0.0."""
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) + 0.0


def score_text(value: float) -> str:
    """A score as written into a file: `0.75`, `0.5`, `1.0`."""
    text = f"{value:.2f}"
    return text[:-1] if text.endswith("0") else text


def measured(kr: KeyResult) -> float:
    """A key result's grade from its measurements, ignoring any `score` it has."""
    if isinstance(kr, MilestoneKeyResult):
        return 1.0 if milestone_done(kr) else 0.0
    return progress(kr)


@dataclass(frozen=True)
class Grade:
    """One graded key result (`key_result` set) or objective, for the table."""

    objective: str
    key_result: str | None
    score: float
    kept: bool
    """The file already had this score and it was left as it was."""


@dataclass
class Graded:
    """The outcome of grading one period."""

    period: str
    grades: list[Grade] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    retrospective_missing: list[Entry] = field(default_factory=list)
    """Committed objectives graded below 1.0 that have no `retrospective`."""
    problems: list[Diagnostic] = field(default_factory=list)


def plan_objective(
    doc: Document, objective: Objective, regrade: bool
) -> tuple[Change | None, list[Grade], list[Diagnostic]]:
    """The file with `score` set on each key result and on the objective."""
    expected = doc.expected()
    edits = []
    grades: list[Grade] = []
    pairs: list[tuple[float, float]] = []
    try:
        for index, kr in enumerate(objective.key_results):
            keep = kr.score is not None and not regrade
            score = kr.score if keep and kr.score is not None else round2(measured(kr))
            grades.append(Grade(objective.id, kr.id, score, keep))
            pairs.append((score, kr.weight))
            if not keep:
                path = ("key_results", index)
                edits.append(doc.set(path, "score", score_text(score), before=("checkins",)))
                expected["key_results"][index]["score"] = score
        keep = objective.score is not None and not regrade
        total = (
            objective.score
            if keep and objective.score is not None
            else round2(weighted_mean(pairs))
        )
        if not keep:
            edits.append(
                doc.set((), "score", score_text(total), before=("retrospective", "key_results"))
            )
            expected["score"] = total
    except Refused as refused:
        return None, [], [doc.refusal(refused.path, refused.message)]
    grades.insert(0, Grade(objective.id, None, total, keep))
    change, problems = doc.finish(edits, expected)
    return change, grades, problems


def grade(repo: Repository, period_id: str, regrade: bool = False) -> Graded:
    """Grade every objective of the period; nothing is written here (see `Change.write`)."""
    period = repo.period(period_id)
    if period.closed:
        raise UsageError(
            f"period {period_id!r} is closed: its grades are history; reopen it in "
            f"{repo.org_file} (remove `closed: true`) to grade it again"
        )
    entries = repo.objectives_in(period_id)
    files = {e.file for e in entries}
    prefix = f"{workspace.DEFAULT_DIR}/{period_id}/"
    blocking = [d for d in repo.file_errors() if d.file in files or d.file.startswith(prefix)]
    outcome = Graded(period_id, problems=blocking)
    if blocking:
        return outcome
    if not entries:
        raise UsageError(f"period {period_id!r} has no objectives to grade")
    for entry in entries:
        doc, problems = Document.read(repo.root / entry.file, entry.file)
        if doc is None:
            outcome.problems += problems
            continue
        change, grades, problems = plan_objective(doc, entry.objective, regrade)
        outcome.problems += problems
        if change is None:
            continue
        outcome.grades += grades
        if change.changed:
            outcome.changes.append(change)
        graded = change.model
        assert isinstance(graded, Objective)
        if (
            graded.type == "committed"
            and graded.score is not None
            and graded.score < 1.0
            and not graded.retrospective
        ):
            outcome.retrospective_missing.append(entry)
    return outcome
