"""Everything the pages show, computed once from a validated cascade before any page is rendered.

Pure: no files, no templates. Scores come from `okrctl.scoring`; what this module adds are the
groupings the pages need (objectives by unit and period, the unit tree, the current period) in
dictionaries, so that rendering a page never scans the whole organisation again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from okrctl import scoring
from okrctl.checks.docs import RuleDoc, rule_docs
from okrctl.index import Cascade
from okrctl.model import Objective, Organization, Period, Unit
from okrctl.site.history import SiteHistory

KeyResult = scoring.KeyResult


def current_period(periods: Sequence[Period], today: dt.date) -> Period:
    """The open period containing `today` (the shortest one when periods nest), else the latest
    open period, else the latest period."""
    if not periods:
        raise ValueError("an organisation has at least one period")
    open_ = [p for p in periods if not p.closed]
    containing = [p for p in open_ if p.start <= today <= p.end]
    if containing:
        return min(containing, key=lambda p: ((p.end - p.start).days, p.start, p.id))
    pool = open_ or list(periods)
    return max(pool, key=lambda p: (p.start, p.end, p.id))


@dataclass(frozen=True)
class SiteView:
    """The organisation as the site shows it."""

    cascade: Cascade
    organization: Organization
    today: dt.date
    current: Period
    periods: tuple[Period, ...]
    """All periods, newest first."""
    root: str | None
    """The company: the unit without a parent."""
    unit_order: tuple[str, ...]
    """Units depth-first from the company, children by name."""
    depth: Mapping[str, int]
    children: Mapping[str, tuple[str, ...]]
    objectives: Mapping[tuple[str, str], tuple[Objective, ...]]
    """(unit, period) -> the unit's objectives in the period, by id."""
    score: Mapping[str, float]
    """Objective id -> its score (grade, or weighted mean of its key results)."""
    rolled: Mapping[str, float]
    """Objective id -> its score averaged with the rolled-up scores of what supports it."""
    unit_score: Mapping[tuple[str, str], float]
    """(unit, period) -> the mean score of the unit's objectives in the period."""
    subtree_count: Mapping[tuple[str, str], int]
    """(unit, period) -> how many objectives the unit and everything below it has."""
    owned: Mapping[str, tuple[Objective, ...]] = field(default_factory=dict)
    """Person id -> objectives they own, newest period first."""
    rules: tuple[RuleDoc, ...] = ()
    """Every rule of good OKRs under the build's configuration, in code order."""
    history: SiteHistory = field(default_factory=SiteHistory)
    """Key results as planned at their period's start beside now (empty: history not read)."""

    # ------------------------------------------------------------------ lookups

    @property
    def name(self) -> str:
        return self.organization.name

    def unit(self, unit_id: str) -> Unit | None:
        return self.cascade.units.get(unit_id)

    def objective(self, objective_id: str) -> Objective | None:
        entry = self.cascade.objectives.get(objective_id)
        return entry.objective if entry is not None else None

    def period(self, period_id: str) -> Period | None:
        return self.cascade.periods.get(period_id)

    def of(self, unit_id: str, period_id: str) -> tuple[Objective, ...]:
        return self.objectives.get((unit_id, period_id), ())

    def unit_periods(self, unit_id: str) -> tuple[Period, ...]:
        """Periods in which the unit has objectives, newest first: the unit's pages."""
        return tuple(p for p in self.periods if (unit_id, p.id) in self.objectives)

    def elapsed(self, period: Period) -> float:
        """How much of the period has passed: all of it once closed."""
        return 1.0 if period.closed else scoring.elapsed(period, self.today)

    def kr_owner(self, objective: Objective, kr: KeyResult) -> str:
        return kr.owner or objective.owner

    def person_name(self, person_id: str | None) -> str:
        if person_id is None:
            return ""
        person = self.cascade.people.get(person_id)
        return person.name if person is not None else person_id

    def supports(self, objective: Objective) -> Objective | None:
        """The objective this one supports (its parent)."""
        return self.objective(objective.parent) if objective.parent else None

    def supported_by(self, objective: Objective) -> list[Objective]:
        return [o for o in map(self.objective, self.cascade.children.get(objective.id, [])) if o]

    def depends_on(self, objective: Objective) -> list[Objective]:
        return [o for o in map(self.objective, objective.depends_on) if o]

    def needed_by(self, objective: Objective) -> list[Objective]:
        """Objectives that list this one in their `depends_on`."""
        return [o for o in map(self.objective, self.cascade.dependents.get(objective.id, [])) if o]

    @staticmethod
    def acknowledged(dependent: Objective, needed: Objective) -> bool:
        """True when the needed objective's unit has taken the dependency on."""
        return dependent.id in needed.acknowledges


def gather(
    cascade: Cascade,
    today: dt.date,
    *,
    rules: Sequence[RuleDoc] | None = None,
    history: SiteHistory | None = None,
) -> SiteView:
    """Compute the site's view of a cascade that passed the check (no errors).

    `rules`: the rules' documentation under the build's configuration (default: the default
    configuration's). `history`: what git says of the plans (default: not read).
    """
    organization = cascade.organization
    if organization is None:
        raise ValueError("the cascade has no organisation: the check should have refused it")
    periods = tuple(
        sorted(cascade.periods.values(), key=lambda p: (p.start, p.end, p.id), reverse=True)
    )
    children = _unit_children(cascade)
    roots = cascade.root_units()
    root = roots[0] if roots else None
    order, depth = _depth_first(roots, children, cascade)

    grouped: dict[tuple[str, str], list[Objective]] = {}
    owned: dict[str, list[Objective]] = {}
    score: dict[str, float] = {}
    for entry in cascade.iter_objectives():
        objective = entry.objective
        grouped.setdefault((objective.unit, objective.period), []).append(objective)
        owned.setdefault(objective.owner, []).append(objective)
        score[objective.id] = scoring.objective_score(objective)
    rolled_up = scoring.RolledUp(cascade)
    rolled = {oid: rolled_up(oid) if cascade.children.get(oid) else score[oid] for oid in score}
    # The mean of the objectives' scores, as `scoring.unit_score` defines it, without its scan
    # of every objective per unit (quadratic on a large organisation).
    unit_score = {
        key: sum(score[o.id] for o in objectives) / len(objectives)
        for key, objectives in grouped.items()
    }
    rank = {p.id: i for i, p in enumerate(periods)}
    return SiteView(
        cascade=cascade,
        organization=organization,
        today=today,
        current=current_period(periods, today),
        periods=periods,
        root=root,
        unit_order=tuple(order),
        depth=depth,
        children=children,
        objectives={key: tuple(value) for key, value in grouped.items()},
        score=score,
        rolled=rolled,
        unit_score=unit_score,
        subtree_count=_subtree_counts(order, children, grouped, periods),
        owned={
            person: tuple(sorted(items, key=lambda o: (rank.get(o.period, len(rank)), o.id)))
            for person, items in owned.items()
        },
        rules=tuple(rule_docs() if rules is None else rules),
        history=history if history is not None else SiteHistory(),
    )


def _unit_children(cascade: Cascade) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[Unit]] = {}
    for unit in cascade.units.values():
        if unit.parent is not None:
            found.setdefault(unit.parent, []).append(unit)
    return {
        parent: tuple(u.id for u in sorted(units, key=lambda u: (u.name.casefold(), u.id)))
        for parent, units in found.items()
    }


def _depth_first(
    roots: Sequence[str], children: Mapping[str, tuple[str, ...]], cascade: Cascade
) -> tuple[list[str], dict[str, int]]:
    order: list[str] = []
    depth: dict[str, int] = {}
    stack = [(unit, 0) for unit in reversed(roots)]
    while stack:
        unit, level = stack.pop()
        if unit in depth:  # a cycle is refused by the check; never loop on one
            continue
        depth[unit] = level
        order.append(unit)
        stack.extend((child, level + 1) for child in reversed(children.get(unit, ())))
    # Units outside the tree (a parent cycle) still get pages, after the tree.
    for unit in sorted(cascade.units):
        if unit not in depth:
            depth[unit] = 0
            order.append(unit)
    return order, depth


def _subtree_counts(
    order: Sequence[str],
    children: Mapping[str, tuple[str, ...]],
    grouped: Mapping[tuple[str, str], list[Objective]],
    periods: Sequence[Period],
) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for unit in reversed(order):  # children come after their parent in depth-first order
        for period in periods:
            own = len(grouped.get((unit, period.id), ()))
            below = sum(counts.get((child, period.id), 0) for child in children.get(unit, ()))
            counts[(unit, period.id)] = own + below
    return counts
