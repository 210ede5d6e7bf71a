"""Planning `okrctl close --carry`: which objectives of a period continue in the next one, and
the new file each becomes (see `okrctl.lifecycle.close` for what is carried and why).

Nothing is written here: the plan is a list of `NewFile`s and of the objectives left behind with
the reason, which `okrctl.lifecycle.close` checks and writes in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from okrctl import index, workspace
from okrctl.errors import UsageError
from okrctl.index import Entry
from okrctl.lifecycle.carried_titles import stale_period, stale_title
from okrctl.lifecycle.grade import measured
from okrctl.lifecycle.newfile import modeline, objective_data, render
from okrctl.lifecycle.repo import Repository
from okrctl.lifecycle.successors import new_id, next_period, successor_id
from okrctl.load import parse_text
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective, Period
from okrctl.scoring import fell_short, latest_value
from okrctl.validate import validate

KeyResult = NumericKeyResult | MilestoneKeyResult

_NOT_CARRIED = ("score", "retrospective", "parent", "depends_on", "acknowledges")
"""Fields of the old objective a carried one does not copy as they are (links are remapped)."""

_KR_NOT_CARRIED = ("checkins", "score", "current", "done")
"""Fields of a key result that describe how the old period went."""


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


@dataclass(frozen=True)
class CarryPlan:
    """What carrying does: the new files, and the objectives left behind with the reason."""

    into: Period
    carried: list[NewFile] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(objective id, why it is not carried)."""


@dataclass(frozen=True)
class _Links:
    """A carried objective's links, as they read in the new period."""

    parent: str | None
    others: dict[str, list[str]]
    """`depends_on` and `acknowledges`: the successors of the objectives named."""
    notes: tuple[str, ...]
    """Links left out, because what they name stays behind."""


def _unfinished(kr: KeyResult) -> bool:
    """Whether a key result still has work to carry: not dropped and not met."""
    if kr.status == "dropped":
        return False
    score = kr.score if kr.score is not None else measured(kr)
    if score is not None and score >= 1.0:
        return False
    return not (isinstance(kr, NumericKeyResult) and latest_value(kr) == kr.target)


def _carried_kr(kr: KeyResult) -> dict[str, Any]:
    """A key result as carried: no check-ins nor score, starting from its latest value."""
    data = kr.model_dump(exclude_unset=True)
    for name in _KR_NOT_CARRIED:
        data.pop(name, None)
    if isinstance(kr, NumericKeyResult):
        start = latest_value(kr)
        if start is None:  # still unknown: the next period's first check-in sets it
            data.pop("baseline", None)
        else:
            data["baseline"] = start
    return data


def _validated(text: str, file: str) -> Objective:
    """The objective in a carried file's text, as `okrctl check` reads it."""
    model, problems = validate(parse_text(text, file))
    if not isinstance(model, Objective):  # pragma: no cover - a model the file came from
        raise ValueError(f"carried objective does not validate: {problems}")
    return model


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
        """The id that continues `old_id` in the new period: carried from it, or named after it
        in a period enclosing the new one; None when there is none."""
        if old_id in self.mapped:
            return self.mapped[old_id]
        guess = successor_id(old_id, self.old.id, self.new.id)
        entry = self.cascade.objectives.get(guess) if guess else None
        if entry is not None:
            period = self.cascade.periods.get(entry.objective.period)
            if period is not None and period.encloses(self.new):
                return entry.objective.id
        return None

    def supported(self, candidates: Sequence[Entry]) -> set[str]:
        """The candidates with work of their own to carry, judged deepest first so that a
        roll-up objective counts only when an objective supporting it does (not merely when one
        was chosen: a chosen supporter whose key results were all met stays behind)."""
        found: set[str] = set()
        for entry in reversed(candidates):
            objective = entry.objective
            keep = [kr for kr in objective.key_results if _unfinished(kr)]
            if self._left_behind(objective, keep, found) is None:
                found.add(objective.id)
        return found

    def carry(self, entry: Entry, chosen: set[str]) -> NewFile | str:
        """The new file, or why the objective is not carried."""
        objective = entry.objective
        keep = [kr for kr in objective.key_results if _unfinished(kr)]
        reason = self._left_behind(objective, keep, chosen)
        if reason is not None:
            return reason
        links = self._relink(objective)
        if isinstance(links, str):
            return links
        return self._new_file(objective, keep, links)

    def _left_behind(
        self, objective: Objective, keep: list[KeyResult], chosen: set[str]
    ) -> str | None:
        """Why the objective is not carried whatever its links, or None."""
        if objective.id in self.mapped:
            return f"already carried as {self.mapped[objective.id]!r}"
        if objective.status == "dropped":
            return "it was dropped"
        if not objective.key_results:
            if not any(c in chosen for c in self.cascade.children.get(objective.id, ())):
                return "a roll-up objective, and none of the objectives supporting it is carried"
        elif not keep:
            return "every key result was met"
        return None

    def _relink(self, objective: Objective) -> _Links | str:
        """The objective's links mapped to their successors, or why it cannot be carried (an
        operational objective needs its parent in the new period)."""
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
        others: dict[str, list[str]] = {}
        for name in ("depends_on", "acknowledges"):
            for other in getattr(objective, name):
                mapped = self.successor(other)
                if mapped is None:
                    notes.append(f"{name} {other!r} dropped: it has no successor")
                else:
                    others.setdefault(name, []).append(mapped)
        return _Links(parent, others, tuple(notes))

    def _new_file(self, objective: Objective, keep: list[KeyResult], links: _Links) -> NewFile:
        """The carried objective's file, its id taken from now on."""
        ident = new_id(objective.id, self.old.id, self.new.id, self.taken)
        data = objective.model_dump(exclude_unset=True)
        for name in _NOT_CARRIED:
            data.pop(name, None)
        data |= {"id": ident, "period": self.new.id, "parent": links.parent, **links.others}
        data["carried_from"] = objective.id
        data["key_results"] = [_carried_kr(kr) for kr in keep]
        file = f"{workspace.DEFAULT_DIR}/{self.new.id}/{objective.unit}/{ident}.yaml"
        comments = [
            f"Carried over from {objective.id} ({self.old.id}) by `okrctl close --carry`.",
            "Each key result starts where it ended: its baseline is the last value measured.",
        ]
        text = render(objective_data(data), comments, modeline(file))
        model = _validated(text, file)
        self.taken.add(ident.casefold())
        self.mapped[objective.id] = ident
        met = (kr for kr in objective.key_results if kr.status != "dropped" and kr not in keep)
        dropped = tuple(kr.id for kr in met)
        warnings = self._warnings(objective, ident, keep)
        return NewFile(file, text, model, objective.id, dropped, links.notes, warnings)

    def _warnings(self, objective: Objective, ident: str, keep: list[KeyResult]) -> tuple[str, ...]:
        """Titles of the carried objective and key results that still describe the old period."""
        found = [stale_period("objective", ident, objective.title, self.old, self.new)]
        found += [stale_period("key result", kr.id, kr.title, self.old, self.new) for kr in keep]
        found += map(stale_title, keep)
        return tuple(w for w in found if w is not None)


def carry_target(repo: Repository, period: Period, target: str) -> Period:
    """The period to carry into: `target`, or the one after `period` when it is ""; it must be
    open and start after `period` ends."""
    if target:
        new = repo.period(target)
    else:
        found = next_period(list(repo.cascade.periods.values()), period)
        if found is None:
            raise UsageError(
                f"no period starts after {period.id} in {repo.org_file}; add the next one "
                "(`okrctl new period ID`), or name it: --carry PERIOD"
            )
        new = found
    if new.closed or new.start <= period.end:
        raise UsageError(
            f"cannot carry into {new.id}: it must be an open period that starts after "
            f"{period.id} ends ({period.end})"
        )
    return new


def _candidates(
    repo: Repository, entries: Sequence[Entry], only: set[str], exclude: set[str]
) -> list[Entry]:
    """The objectives chosen for carrying: active, not excluded, and named in `only` or (without
    `only`) short of what their type expects."""
    scores = repo.scores
    return [
        e
        for e in entries
        if e.objective.status == "active"
        and e.objective.id not in exclude
        and (
            e.objective.id in only if only else fell_short(e.objective, scores.get(e.objective.id))
        )
    ]


def _depths(cascade: index.Cascade, ids: Iterable[str]) -> dict[str, int]:
    """How many parents each objective has (`len(cascade.parent_chain(id))`), each parent
    counted once for all its descendants: linear in the objectives, where walking each chain
    from its objective was quadratic (7 s for a chain 10,000 deep)."""
    known: dict[str, int] = {}
    for start in ids:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in known and node not in on_path:
            path.append(node)
            on_path.add(node)
            entry = cascade.objectives.get(node)
            node = entry.objective.parent if entry is not None else None
        if node is not None and node not in known:  # a cycle: `check` reports it; walk exactly
            known |= {n: len(cascade.parent_chain(n)) for n in path}
            continue
        depth = known[node] if node is not None else -1
        for n in reversed(path):
            depth += 1
            known[n] = depth
    return known


def plan_carry(
    repo: Repository,
    period: Period,
    new: Period,
    entries: Sequence[Entry],
    choice: tuple[set[str], set[str]],
) -> CarryPlan:
    """Carry the chosen objectives of `period` into `new`, parents before what supports them
    (so a carried child links to its carried parent). `choice` is (only, exclude). A roll-up
    objective is carried only when an objective supporting it is (`_Carrier.supported`)."""
    carrier = _Carrier(repo, period, new)
    chosen_entries = _candidates(repo, entries, *choice)
    depths = _depths(repo.cascade, (e.objective.id for e in chosen_entries))
    candidates = sorted(chosen_entries, key=lambda e: (depths[e.objective.id], e.file))
    chosen = carrier.supported(candidates)
    plan = CarryPlan(new)
    for entry in candidates:
        result = carrier.carry(entry, chosen)
        if isinstance(result, str):
            plan.skipped.append((entry.objective.id, result))
        else:
            plan.carried.append(result)
    return plan
