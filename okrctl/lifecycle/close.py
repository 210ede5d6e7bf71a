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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from okrctl import config, engine, index, workspace
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.errors import UsageError
from okrctl.index import Entry
from okrctl.lifecycle.edit import EDIT_CODE, Document, FileEdit, Refused, number, scalar
from okrctl.lifecycle.grade import measured
from okrctl.lifecycle.newfile import modeline, objective_data, render
from okrctl.lifecycle.repo import Repository, integrity
from okrctl.load import parse_text
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective, Period
from okrctl.scoring import fell_short, latest_value
from okrctl.transaction import Write, commit
from okrctl.validate import validate


@dataclass(frozen=True)
class NewFile:
    """A file okrctl creates: where, its text, and the objective in it."""

    file: str
    text: str
    objective: Objective
    carried_from: str
    dropped: tuple[str, ...] = ()
    """Key results of the old objective that were met and are not carried."""
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    """Things the user should fix by hand in the new file (a title quoting the old baseline or
    naming the old period)."""


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


def next_period(periods: list[Period], current: Period) -> Period | None:
    """The period that follows `current`: the earliest to start after it ends, and of those the
    one closest in length (a quarter is followed by a quarter, not by the year that starts on the
    same day)."""
    length = (current.end - current.start).days
    later = [p for p in periods if p.start > current.end]
    return min(
        later,
        key=lambda p: (p.start, abs((p.end - p.start).days - length), p.id),
        default=None,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def successor_id(old_id: str, old_period: str, new_period: str) -> str | None:
    """`lead-generation-q3` -> `lead-generation-q4`: the id with its period suffix swapped, when
    it ends with (the tail of) the old period's id."""
    old_parts, new_parts = _slug(old_period).split("-"), _slug(new_period).split("-")
    for size in range(min(len(old_parts), len(new_parts)), 0, -1):
        tail = "-" + "-".join(old_parts[-size:])
        if old_id.endswith(tail) and len(old_id) > len(tail):
            return old_id[: -len(tail)] + "-" + "-".join(new_parts[-size:])
    return None


def _new_id(old_id: str, old_period: str, new_period: str, taken: set[str]) -> str:
    fallback = f"{old_id}-{_slug(new_period)}"
    for candidate in (successor_id(old_id, old_period, new_period), old_id, fallback):
        if candidate and candidate.casefold() not in taken and len(candidate) <= 100:
            return candidate
    base = fallback[:96].rstrip("-")
    number = 2
    while f"{base}-{number}".casefold() in taken:
        number += 1
    return f"{base}-{number}"


def _unfinished(kr: NumericKeyResult | MilestoneKeyResult) -> bool:
    if kr.status == "dropped":
        return False
    score = kr.score if kr.score is not None else measured(kr)
    if score is not None and score >= 1.0:
        return False
    return not (isinstance(kr, NumericKeyResult) and latest_value(kr) == kr.target)


def period_words(period: Period) -> list[str]:
    """How a title may name the period: its id (`2026-Q4`), its name (`Q4 2026`), and the
    quarter, half or month it stands for (`Q4`, `H2`)."""
    words = {period.id, period.name or period.id}
    words |= set(re.findall(r"(?<![A-Za-z0-9])[QqHh][1-4](?![0-9])", f"{period.id} {period.name}"))
    return sorted(words, key=lambda w: (-len(w), w))


def names_period(title: str, period: Period) -> str | None:
    """The word of `title` that names `period`, or None."""
    for word in period_words(period):
        pattern = rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])"
        if re.search(pattern, title, flags=re.IGNORECASE):
            return word
    return None


def stale_period(kind: str, ref: str, title: str, old: Period, new: Period) -> str | None:
    """A warning when a carried title still names the period it came from ("... in Q4")."""
    word = names_period(title, old)
    if word is None or names_period(title, new) is not None:
        return None
    return (
        f"{kind} {ref!r}: its title still names {old.id} ({word!r}); it now runs in {new.id}: "
        "update the title"
    )


def stale_title(kr: NumericKeyResult | MilestoneKeyResult) -> str | None:
    """A warning when a carried key result's title quotes its old baseline ("rise from 12 to
    90"), which is no longer where it starts. The title is the user's text: okrctl does not
    rewrite it."""
    if not isinstance(kr, NumericKeyResult):
        return None
    new = latest_value(kr)
    if new is None or kr.baseline is None or new == kr.baseline:
        return None
    old = number(kr.baseline)
    if re.search(rf"(?<![\d.]){re.escape(old)}(?!\d|[.,]\d)", kr.title) is None:
        return None
    return (
        f"key result {kr.id!r}: its title still says {old}, the old baseline; it now starts at "
        f"{number(new)}: update the title"
    )


def _carried_kr(kr: NumericKeyResult | MilestoneKeyResult) -> dict[str, Any]:
    data = kr.model_dump(exclude_unset=True)
    for name in ("checkins", "score", "current", "done"):
        data.pop(name, None)
    if isinstance(kr, NumericKeyResult):
        start = latest_value(kr)
        if start is None:  # still unknown: the next period's first check-in sets it
            data.pop("baseline", None)
        else:
            data["baseline"] = start
    return data


class _Carrier:
    """Carries objectives of one period into the next, resolving links between them."""

    def __init__(self, repo: Repository, old: Period, new: Period) -> None:
        self.repo, self.old, self.new = repo, old, new
        self.cascade = repo.cascade
        self.taken = {key.casefold() for key in self.cascade.objectives}
        self.taken |= set(self.cascade.broken)
        self.mapped: dict[str, str] = {}
        """Old id -> id of its successor in the new period (carried now or before)."""
        for entry in self.cascade.iter_objectives():
            if entry.objective.carried_from is not None:
                self.mapped.setdefault(entry.objective.carried_from, entry.objective.id)

    def successor(self, old_id: str) -> str | None:
        if old_id in self.mapped:
            return self.mapped[old_id]
        guess = successor_id(old_id, self.old.id, self.new.id)
        entry = self.cascade.objectives.get(guess) if guess else None
        if entry is not None:
            period = self.cascade.periods.get(entry.objective.period)
            if period is not None and period.encloses(self.new):
                return entry.objective.id
        return None

    def carry(self, entry: Entry, chosen: set[str]) -> NewFile | str:
        """The new file, or why the objective is not carried."""
        objective = entry.objective
        if objective.id in self.mapped:
            return f"already carried as {self.mapped[objective.id]!r}"
        if objective.status == "dropped":
            return "it was dropped"
        keep = [kr for kr in objective.key_results if _unfinished(kr)]
        if not objective.key_results:
            if not any(c in chosen for c in self.cascade.children.get(objective.id, ())):
                return "a roll-up objective, and none of the objectives supporting it is carried"
        elif not keep:
            return "every key result was met"
        notes: list[str] = []
        parent = None
        if objective.parent is not None:
            parent = self.successor(objective.parent)
            if parent is None and objective.level == "operational":
                return (
                    f"its parent {objective.parent!r} has no successor in {self.new.id}; "
                    "carry or create that first (`carried_from` links them)"
                )
            if parent is None:
                notes.append(f"parent {objective.parent!r} left out: it stays in {self.old.id}")
        links: dict[str, list[str]] = {}
        for name in ("depends_on", "acknowledges"):
            for other in getattr(objective, name):
                mapped = self.successor(other)
                if mapped is None:
                    notes.append(f"{name} {other!r} dropped: it has no successor")
                else:
                    links.setdefault(name, []).append(mapped)
        new_id = _new_id(objective.id, self.old.id, self.new.id, self.taken)
        data = objective.model_dump(exclude_unset=True)
        for name in ("score", "retrospective", "parent", "depends_on", "acknowledges"):
            data.pop(name, None)
        data |= {"id": new_id, "period": self.new.id, "parent": parent, **links}
        data["carried_from"] = objective.id
        data["key_results"] = [_carried_kr(kr) for kr in keep]
        file = f"{workspace.DEFAULT_DIR}/{self.new.id}/{objective.unit}/{new_id}.yaml"
        comments = [
            f"Carried over from {objective.id} ({self.old.id}) by `okrctl close --carry`.",
            "Each key result starts where it ended: its baseline is the last value measured.",
        ]
        text = render(objective_data(data), comments, modeline(file))
        parsed = parse_text(text, file)
        model, problems = validate(parsed)
        if not isinstance(model, Objective):  # pragma: no cover - a model the file came from
            raise ValueError(f"carried objective does not validate: {problems}")
        self.taken.add(new_id.casefold())
        self.mapped[objective.id] = new_id
        dropped = tuple(kr.id for kr in objective.key_results if kr not in keep)
        found = [stale_period("objective", new_id, objective.title, self.old, self.new)]
        found += [stale_period("key result", kr.id, kr.title, self.old, self.new) for kr in keep]
        found += map(stale_title, keep)
        warnings = tuple(w for w in found if w is not None)
        return NewFile(file, text, model, objective.id, dropped, tuple(notes), warnings)


def _depth(cascade: index.Cascade, objective_id: str) -> int:
    return len(cascade.parent_chain(objective_id))


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


def close(
    repo: Repository,
    period_id: str,
    carry: str | None = None,
    today: dt.date | None = None,
    only: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Closing:
    """Plan closing `period_id`; `carry` is the next period's id, "" to compute it, or None.
    `today` is the day the rules check the period for (default: the period's last day plus
    `checkin_grace_days`, the last day check-ins for it are accepted).
    `only` and `exclude` name objectives to carry, or to leave behind (see the module)."""
    period = repo.period(period_id)
    outcome = Closing(period_id)
    entries = repo.objectives_in(period_id)
    prefix = f"{workspace.DEFAULT_DIR}/{period_id}/"
    files = {e.file for e in entries} | {repo.org_file}
    outcome.problems = [
        d for d in repo.file_errors() if d.file in files or d.file.startswith(prefix)
    ]
    if outcome.problems:
        return outcome
    if period.closed and carry is None:
        raise UsageError(f"period {period_id!r} is already closed")
    ungraded = [
        e.objective.id
        for e in entries
        if e.objective.status == "active"
        and (
            e.objective.score is None
            or any(kr.score is None and kr.status == "active" for kr in e.objective.key_results)
        )
    ]
    if ungraded:
        raise UsageError(
            f"period {period_id!r} is not graded ({', '.join(ungraded)}); run "
            f"`okrctl grade {period_id}`, review the scores, then close it"
        )
    if not period.closed:
        # As on the last day check-ins are accepted for it: the grace days after its end.
        grace = dt.timedelta(days=repo.settings.checkin_grace_days)
        outcome.problems = check_errors(repo, period, today or period.end + grace)
        if outcome.problems:
            outcome.checked = True
            return outcome
        outcome.org_change, problems = _mark_closed(repo, period_id)
        outcome.problems += problems
    named = set(only) | set(exclude)
    unknown = sorted(named - {e.objective.id for e in entries})
    if unknown:
        raise UsageError(
            f"--only/--except name {', '.join(repr(u) for u in unknown)}, which "
            f"{'is' if len(unknown) == 1 else 'are'} not an objective of {period_id}"
        )
    if named and carry is None:
        raise UsageError("--only and --except choose what --carry carries: add --carry")
    if carry is not None:
        _carry(repo, period, carry, entries, outcome, (set(only), set(exclude)))
    return outcome


def _mark_closed(repo: Repository, period_id: str) -> tuple[FileEdit | None, list[Diagnostic]]:
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
    if target:
        new = repo.period(target)
    else:
        found = next_period(list(repo.cascade.periods.values()), period)
        if found is None:
            raise UsageError(
                f"no period starts after {period.id} in {repo.org_file}; add the next one, or "
                "name it: --carry PERIOD"
            )
        new = found
    if new.closed or new.start <= period.end:
        raise UsageError(
            f"cannot carry into {new.id}: it must be an open period that starts after "
            f"{period.id} ends ({period.end})"
        )
    outcome.carry_into = new.id
    carrier = _Carrier(repo, period, new)
    only, exclude = choice
    scores = repo.scores
    candidates = [
        e
        for e in entries
        if e.objective.status == "active"
        and e.objective.id not in exclude
        and (
            e.objective.id in only if only else fell_short(e.objective, scores.get(e.objective.id))
        )
    ]
    chosen = {e.objective.id for e in candidates}
    for entry in sorted(candidates, key=lambda e: (_depth(repo.cascade, e.objective.id), e.file)):
        result = carrier.carry(entry, chosen)
        if isinstance(result, str):
            outcome.skipped.append((entry.objective.id, result))
        else:
            outcome.carried.append(result)
    outcome.problems += _integrity(repo, outcome.carried)


def _integrity(repo: Repository, carried: list[NewFile]) -> list[Diagnostic]:
    """A carried file must not exist yet and must pass `okrctl check`'s integrity checks."""
    for new in carried:
        if (repo.root / new.file).exists():
            message = "a file with this name already exists; okrctl never overwrites"
            return [Diagnostic(new.file, 1, 1, EDIT_CODE, Severity.ERROR, message)]
    return integrity(repo, {new.file: (new.objective, new.text) for new in carried})


def write(repo: Repository, closing: Closing) -> list[str]:
    """Create the carried files and mark the period closed, in one transaction: an interrupted
    run leaves the period open and no file carried, or all of it done."""
    writes = [Write(new.file, new.text.encode("utf-8"), None) for new in closing.carried]
    if closing.org_change is not None:
        writes.append(closing.org_change.as_write())
    commit(repo.root, writes)  # every file, or none
    return [write.file for write in writes]
