"""Closing a period: `closed: true` on its entry in the organisation file, and optionally carrying
its unfinished aspirational objectives into the next period.

A period must be graded before it is closed (every objective and key result that is not dropped
has a `score`):
closing makes its files history, so grading afterwards would mean editing history. Closing does
not grade by itself, because grades are worth a look (and a retrospective) before they freeze.

A carried objective is a new file in the next period with `carried_from: <old id>`: the key
results not yet met, each starting from where the old one ended (its baseline is the old latest
value), without check-ins or scores. Carrying is idempotent: an objective that already has a
successor (`carried_from`) is not carried again.

What is carried: by default, every objective whose effective score (`okrctl.scoring`) fell short
of what its type expects (committed: 1.0, aspirational: 0.7); `only` names the objectives to
carry instead, `exclude` the ones to leave out. Dropped objectives and key results are never
carried. A roll-up objective (no key results) is carried only with an objective supporting it.

This module plans the closing (the checks, `closed: true`) and writes it; the carrying is planned
by `okrctl.lifecycle.carry`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from okrctl import codes, config, engine, workspace
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.errors import UsageError
from okrctl.index import Entry
from okrctl.lifecycle.carry import NewFile, carry_target, plan_carry
from okrctl.lifecycle.edit import Document, FileEdit, Refused, scalar
from okrctl.lifecycle.repo import Repository, integrity
from okrctl.model import Period
from okrctl.transaction import Write, commit

FILE_EXISTS = codes.FILE_EXISTS.code
"""A carried objective's file exists: okrctl never overwrites."""


@dataclass
class Closing:
    """What closing a period does; nothing is written until `write`."""

    period: str
    org_change: FileEdit | None = None
    carry_into: str | None = None
    carried: list[NewFile] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(objective id, why it is not carried)."""
    problems: list[Diagnostic] = field(default_factory=list)
    checked: bool = False
    """True when `problems` are the errors `okrctl check` reports in the period's files (with
    the repository's configuration), which must be fixed before the period is closed."""
    running_until: dt.date | None = None
    """The period has not ended (its last day), and closing it early was not asked for:
    nothing is planned."""


def check_errors(repo: Repository, period: Period, today: dt.date) -> list[Diagnostic]:
    """The errors `okrctl check` reports, with the repository's configuration and rules as on
    `today`, in the files of `period`: what must be fixed before they become history."""
    result = engine.check_repository(
        repo.root,
        [repo.root / workspace.DEFAULT_DIR],
        config=config.load(repo.root, None),
        today=today,
    )
    files = {e.file for e in repo.objectives_in(period.id)}
    prefix = f"{workspace.DEFAULT_DIR}/{period.id}/"
    return [
        d
        for d in result.diagnostics
        if d.severity is Severity.ERROR and (d.file in files or d.file.startswith(prefix))
    ]


@dataclass(frozen=True)
class When:
    """The days closing is judged for."""

    now: dt.date
    """The day it is: a period that has not ended by then is running."""
    rules: dt.date | None = None
    """The day the rules check the period for (default: its last day plus
    `checkin_grace_days`, the last day check-ins for it are accepted)."""
    early: bool = False
    """Close a running period all the same."""


def close(
    repo: Repository,
    period_id: str,
    carry: str | None = None,
    when: When | None = None,
    only: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Closing:
    """Plan closing `period_id`; `carry` is the next period's id, "" to compute it, or None.
    `when` gives the days (default: today, rules as of the period's end plus the grace days);
    a running period is not closed unless `when.early`.
    `only` and `exclude` name objectives to carry, or to leave behind (see the module)."""
    when = when or When(dt.date.today())
    period = repo.period(period_id)
    outcome = Closing(period_id)
    entries = repo.objectives_in(period_id)
    outcome.problems = _unreadable(repo, period_id, entries)
    if outcome.problems:
        return outcome
    if period.closed and carry is None:
        raise UsageError(f"period {period_id!r} is already closed")
    if not period.closed and when.now <= period.end and not when.early:
        outcome.running_until = period.end  # its check-ins would be refused from now on
        return outcome
    _require_graded(period_id, entries)
    if not period.closed and not _plan_marking(repo, period, when.rules, outcome):
        return outcome
    _check_choice(period_id, entries, carry, set(only) | set(exclude))
    if carry is not None:
        _carry(repo, period, carry, entries, outcome, (set(only), set(exclude)))
    return outcome


def _unreadable(repo: Repository, period_id: str, entries: list[Entry]) -> list[Diagnostic]:
    """Files of the period (and the organisation file) that do not load or validate."""
    prefix = f"{workspace.DEFAULT_DIR}/{period_id}/"
    files = {e.file for e in entries} | {repo.org_file}
    return [d for d in repo.file_errors() if d.file in files or d.file.startswith(prefix)]


def _ungraded(entries: list[Entry]) -> list[str]:
    """Active objectives without a score, or with an active key result without one."""
    return [
        e.objective.id
        for e in entries
        if e.objective.status == "active"
        and (
            e.objective.score is None
            or any(kr.score is None and kr.status == "active" for kr in e.objective.key_results)
        )
    ]


def _require_graded(period_id: str, entries: list[Entry]) -> None:
    """Refuse to close a period before it is graded."""
    ungraded = _ungraded(entries)
    if ungraded:
        raise UsageError(
            f"period {period_id!r} is not graded ({', '.join(ungraded)}); run "
            f"`okrctl grade {period_id}`, review the scores, then close it"
        )


def _plan_marking(
    repo: Repository, period: Period, today: dt.date | None, outcome: Closing
) -> bool:
    """Check the period's files and plan `closed: true` in the organisation file; False (with
    `outcome.checked`) when `okrctl check` reports errors in them."""
    # As on the last day check-ins are accepted for it: the grace days after its end.
    grace = dt.timedelta(days=repo.settings.checkin_grace_days)
    outcome.problems = check_errors(repo, period, today or period.end + grace)
    if outcome.problems:
        outcome.checked = True
        return False
    outcome.org_change, problems = _mark_closed(repo, period.id)
    outcome.problems += problems
    return True


def _check_choice(period_id: str, entries: list[Entry], carry: str | None, named: set[str]) -> None:
    """Refuse `--only`/`--except` naming what is not an objective of the period, or without
    `--carry`."""
    unknown = sorted(named - {e.objective.id for e in entries})
    if unknown:
        raise UsageError(
            f"--only/--except name {', '.join(repr(u) for u in unknown)}, which "
            f"{'is' if len(unknown) == 1 else 'are'} not an objective of {period_id}"
        )
    if named and carry is None:
        raise UsageError("--only and --except choose what --carry carries: add --carry")


def _mark_closed(repo: Repository, period_id: str) -> tuple[FileEdit | None, list[Diagnostic]]:
    """The organisation file with `closed: true` on the period's entry, after its `end`."""
    doc, problems = Document.read(repo.root / repo.org_file, repo.org_file)
    if doc is None:
        return None, problems
    organization = repo.cascade.organization
    assert organization is not None
    position = next(i for i, p in enumerate(organization.periods) if p.id == period_id)
    expected = doc.expected()
    expected["periods"][position]["closed"] = True
    try:
        edit = doc.set(("periods", position), "closed", scalar(True), after=("end",))
    except Refused as refused:
        return None, [doc.refusal(refused.path, refused.message)]
    return doc.finish([edit], expected)


def _carry(
    repo: Repository,
    period: Period,
    target: str,
    entries: list[Entry],
    outcome: Closing,
    choice: tuple[set[str], set[str]],
) -> None:
    """Plan carrying into `target` (see `okrctl.lifecycle.carry`) and check the new files."""
    new = carry_target(repo, period, target)
    outcome.carry_into = new.id
    plan = plan_carry(repo, period, new, entries, choice)
    outcome.carried += plan.carried
    outcome.skipped += plan.skipped
    outcome.problems += _integrity(repo, outcome.carried)


def _integrity(repo: Repository, carried: list[NewFile]) -> list[Diagnostic]:
    """A carried file must not exist yet and must pass `okrctl check`'s integrity checks."""
    for new in carried:
        if (repo.root / new.file).exists():
            message = "a file with this name already exists; okrctl never overwrites"
            return [Diagnostic(new.file, 1, 1, FILE_EXISTS, Severity.ERROR, message)]
    return integrity(repo, {new.file: (new.objective, new.text) for new in carried})


def write(repo: Repository, closing: Closing) -> list[str]:
    """Create the carried files and mark the period closed, in one transaction: an interrupted
    run leaves the period open and no file carried, or all of it done."""
    writes = [Write(new.file, new.text.encode("utf-8"), None) for new in closing.carried]
    if closing.org_change is not None:
        writes.append(closing.org_change.as_write())
    commit(repo.root, writes)  # every file, or none
    return [write.file for write in writes]
