"""Grading a period: final scores from 0.0 to 1.0 (two decimals) written into each key result and
objective as `score:`, with byte-preserving edits.

A key result's grade is its progress (`okrctl.scoring`): a numeric one's position between
baseline and target, a milestone's 1 or 0. A key result that is not measured (no value recorded)
is not graded 0: the user gives its score explicitly (`explicit`), or grading stops and lists it.
An objective's grade is its effective score (`okrctl.scoring.effective_score`) computed from the
grades just given: its key results, and the objectives supporting it when it has none (or a blend
when it has both). Dropped objectives and key results are not graded. Scores already in a file
are kept (a grade can be a judgement call), unless `regrade` asks to compute them all again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from okrctl import workspace
from okrctl.diagnostics import Diagnostic
from okrctl.errors import UsageError
from okrctl.index import Cascade, Entry
from okrctl.lifecycle.edit import Document, FileEdit, Refused
from okrctl.lifecycle.repo import Repository
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective
from okrctl.scoring import Rollup, effective_score, is_measured, kr_score

KeyResult = NumericKeyResult | MilestoneKeyResult


def round2(value: float) -> float:
    """Two decimals, halves rounded up (0.125 -> 0.13), the same on every machine; never -0.0."""
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) + 0.0


def score_text(value: float) -> str:
    """A score as written into a file: `0.75`, `0.5`, `1.0`."""
    text = f"{value:.2f}"
    return text[:-1] if text.endswith("0") else text


def measured(kr: KeyResult) -> float | None:
    """A key result's grade from its measurements, ignoring any `score` it has; None when it
    is not measured."""
    return kr_score(kr.model_copy(update={"score": None}))


def target(objective_id: str, kr_id: str | None = None) -> str:
    """How `--score` names an objective (`grow`) or one of its key results (`grow/revenue`)."""
    return objective_id if kr_id is None else f"{objective_id}/{kr_id}"


@dataclass(frozen=True)
class Grade:
    """One graded key result (`key_result` set) or objective, for the table."""

    objective: str
    key_result: str | None
    score: float | None
    """None for dropped work, which is not graded."""
    kept: bool
    """The file already had this score and it was left as it was."""
    given: bool = False
    """The score was given explicitly (`--score`)."""


@dataclass
class Graded:
    """The outcome of grading one period."""

    period: str
    grades: list[Grade] = field(default_factory=list)
    changes: list[FileEdit] = field(default_factory=list)
    retrospective_missing: list[Entry] = field(default_factory=list)
    """Committed objectives graded below 1.0 that have no `retrospective`."""
    problems: list[Diagnostic] = field(default_factory=list)
    unmeasured: list[str] = field(default_factory=list)
    """Key results (`objective/key-result`) and objectives nothing measures, which need an
    explicit score: nothing is written while there are any."""


def _check_explicit(entries: list[Entry], explicit: Mapping[str, float], period: str) -> None:
    known = {target(e.objective.id) for e in entries}
    known |= {target(e.objective.id, kr.id) for e in entries for kr in e.objective.key_results}
    unknown = sorted(set(explicit) - known)
    if unknown:
        raise UsageError(
            f"--score names {', '.join(repr(u) for u in unknown)}, which is not an objective "
            f"of {period} nor one of its key results (write OBJECTIVE or OBJECTIVE/KEY_RESULT)"
        )
    for name, value in sorted(explicit.items()):
        if not 0.0 <= value <= 1.0:
            raise UsageError(f"--score {name}={value:g}: a score lies between 0.0 and 1.0")


class _Planner:
    """Computes every grade of the period first (key results, then objectives, supporters
    before what they support), then the edits."""

    def __init__(
        self,
        cascade: Cascade,
        entries: list[Entry],
        explicit: Mapping[str, float],
        regrade: bool,
        rollup: Rollup,
    ) -> None:
        self.explicit, self.regrade, self.rollup = explicit, regrade, rollup
        self.entries = entries
        self.work = dataclasses.replace(cascade, objectives=dict(cascade.objectives))
        self.kr_grades: dict[str, list[Grade]] = {}
        self.objective_grades: dict[str, Grade] = {}
        self.unmeasured: list[str] = []

    def key_results(self) -> None:
        """Grade the key results of every objective that is not dropped, into the working
        cascade; an objective's own score is cleared there unless it is kept."""
        for entry in self.entries:
            objective = entry.objective
            if objective.status == "dropped":
                continue
            grades, updated = [], []
            for kr in objective.key_results:
                grade = None if kr.status == "dropped" else self._kr_grade(objective.id, kr)
                if grade is not None:
                    grades.append(grade)
                updated.append(
                    kr if grade is None else kr.model_copy(update={"score": grade.score})
                )
            self.kr_grades[objective.id] = grades
            keep = objective.score is not None and not self.regrade
            graded = objective.model_copy(
                update={"key_results": updated, "score": objective.score if keep else None}
            )
            self.work.objectives[objective.id] = dataclasses.replace(entry, objective=graded)

    def _kr_grade(self, objective_id: str, kr: KeyResult) -> Grade | None:
        """A key result's grade: given, kept from the file, or measured; None (and listed as
        unmeasured) when nothing measures it."""
        name = target(objective_id, kr.id)
        if name in self.explicit:
            return Grade(objective_id, kr.id, round2(self.explicit[name]), False, True)
        if kr.score is not None and not self.regrade:
            return Grade(objective_id, kr.id, kr.score, True)
        if is_measured(kr.model_copy(update={"score": None})):
            value = measured(kr)
            assert value is not None
            return Grade(objective_id, kr.id, round2(value), False)
        self.unmeasured.append(name)
        return None

    def _depths(self) -> dict[str, int]:
        """Objective id -> how many objectives it supports up its chain (memoised and
        cycle-safe, so a 10,000-deep cascade takes linear time)."""
        objectives = self.work.objectives
        depth: dict[str, int] = {}
        for start in sorted(objectives):
            path: list[str] = []
            seen: set[str] = set()
            current: str | None = start
            while current is not None and current in objectives and current not in depth:
                if current in seen:  # a cycle (an error of its own): count from here
                    break
                seen.add(current)
                path.append(current)
                current = objectives[current].objective.parent
            base = depth.get(current, -1) if current is not None else -1
            for offset, oid in enumerate(reversed(path), start=1):
                depth[oid] = base + offset
        return depth

    def objectives(self) -> None:
        depth = self._depths()
        for entry in sorted(self.entries, key=lambda e: (-depth[e.objective.id], e.objective.id)):
            objective = entry.objective
            if objective.status == "dropped":
                self.objective_grades[objective.id] = Grade(objective.id, None, None, True)
                continue
            name = target(objective.id)
            if name in self.explicit:
                grade = Grade(objective.id, None, round2(self.explicit[name]), False, True)
            elif objective.score is not None and not self.regrade:
                grade = Grade(objective.id, None, objective.score, True)
            else:
                value = effective_score(self.work, objective.id, self.rollup)
                if value is None:
                    if not any(u.startswith(name + "/") for u in self.unmeasured):
                        self.unmeasured.append(name)
                    continue
                grade = Grade(objective.id, None, round2(value), False)
            self.objective_grades[objective.id] = grade
            current = self.work.objectives[objective.id]
            self.work.objectives[objective.id] = dataclasses.replace(
                current, objective=current.objective.model_copy(update={"score": grade.score})
            )


def plan_objective(
    doc: Document, objective: Objective, grades: list[Grade], total: Grade
) -> tuple[FileEdit | None, list[Diagnostic]]:
    """The file with `score` set on each key result and on the objective, as planned."""
    expected = doc.expected()
    edits = []
    by_id = {g.key_result: g for g in grades}
    try:
        for index, kr in enumerate(objective.key_results):
            grade = by_id.get(kr.id)
            if grade is None or grade.kept or grade.score is None:
                continue
            path = ("key_results", index)
            edits.append(doc.set(path, "score", score_text(grade.score), before=("checkins",)))
            expected["key_results"][index]["score"] = grade.score
        if not total.kept and total.score is not None:
            edits.append(
                doc.set(
                    (), "score", score_text(total.score), before=("retrospective", "key_results")
                )
            )
            expected["score"] = total.score
    except Refused as refused:
        return None, [doc.refusal(refused.path, refused.message)]
    return doc.finish(edits, expected)


def grade(
    repo: Repository,
    period_id: str,
    regrade: bool = False,
    explicit: Mapping[str, float] | None = None,
) -> Graded:
    """Grade every objective of the period; nothing is written here (see `FileEdit.write`).

    `explicit` gives scores by `objective` or `objective/key-result`: for key results nothing
    measures, or to override a computed grade."""
    period = repo.period(period_id)
    if period.closed:
        raise UsageError(
            f"period {period_id!r} is closed: its grades are history; reopen it in "
            f"{repo.org_file} (remove `closed: true`) to grade it again"
        )
    entries = repo.objectives_in(period_id)
    outcome = Graded(period_id, problems=_blocking(repo, period_id, entries))
    if outcome.problems:
        return outcome
    if not entries:
        raise UsageError(f"period {period_id!r} has no objectives to grade")
    given = dict(explicit or {})
    _check_explicit(entries, given, period_id)
    planner = _Planner(repo.cascade, entries, given, regrade, repo.settings.rollup)
    planner.key_results()
    planner.objectives()
    if planner.unmeasured:
        outcome.unmeasured = sorted(planner.unmeasured)
        return outcome
    for entry in entries:
        _plan_entry(repo, entry, planner, outcome)
    return outcome


def _blocking(repo: Repository, period_id: str, entries: list[Entry]) -> list[Diagnostic]:
    """Files of the period that do not load or validate: nothing is graded until they do."""
    files = {e.file for e in entries}
    prefix = f"{workspace.DEFAULT_DIR}/{period_id}/"
    return [d for d in repo.file_errors() if d.file in files or d.file.startswith(prefix)]


def _plan_entry(repo: Repository, entry: Entry, planner: _Planner, outcome: Graded) -> None:
    """Add one objective's grades to `outcome`, with the edit of its file and whether it still
    needs a retrospective."""
    total = planner.objective_grades[entry.objective.id]
    grades = planner.kr_grades.get(entry.objective.id, [])
    outcome.grades += [total, *grades]
    if entry.objective.status == "dropped":
        return
    doc, problems = Document.read(repo.root / entry.file, entry.file)
    if doc is None:
        outcome.problems += problems
        return
    change, problems = plan_objective(doc, entry.objective, grades, total)
    outcome.problems += problems
    if change is None:
        return
    if change.changed:
        outcome.changes.append(change)
    graded = change.model
    assert isinstance(graded, Objective)
    if _needs_retrospective(graded):
        outcome.retrospective_missing.append(entry)


def _needs_retrospective(graded: Objective) -> bool:
    """A committed objective graded below 1.0 without a `retrospective` (what was learned)."""
    return (
        graded.type == "committed"
        and graded.score is not None
        and graded.score < 1.0
        and not graded.retrospective
    )
