"""Everything the pages show, computed once from a validated cascade before any page is rendered.

Pure: no files, no templates. Scores come from `okrctl.scoring`; what this module adds are the
groupings the pages need (objectives by unit and period, the unit tree, the current period) in
dictionaries, so that rendering a page never scans the whole organisation again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from okrctl import scoring, status
from okrctl.checks.documentation import RuleDoc, rule_docs
from okrctl.index import Cascade
from okrctl.model import Objective, Organization, Period, Unit
from okrctl.site.history import SiteHistory

KeyResult = scoring.KeyResult
_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key that orders numbers inside names by value: "Team 1.2" before "Team 1.10"."""
    return tuple(
        (1, int(part), "") if i % 2 else (0, 0, part.casefold())
        for i, part in enumerate(_DIGITS.split(text))
        if part or i % 2
    )


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
    score: Mapping[str, float | None]
    """Objective id -> its effective score (`scoring.effective_score`), None when not measured
    or dropped: the one score every page shows."""
    rolled: Mapping[str, float | None]
    """The same scores as `score` (kept for the templates: the effective score already rolls
    up the objectives that support an objective)."""
    unit_score: Mapping[tuple[str, str], float | None]
    """(unit, period) -> the mean effective score of the unit's measured objectives."""
    subtree_count: Mapping[tuple[str, str], int]
    """(unit, period) -> how many objectives the unit and everything below it has."""
    owned: Mapping[str, tuple[Objective, ...]] = field(default_factory=dict)
    """Person id -> objectives they own, newest period first."""
    rules: tuple[RuleDoc, ...] = ()
    """Every rule of good OKRs under the build's configuration, in code order."""
    history: SiteHistory = field(default_factory=SiteHistory)
    """Key results as planned at their period's start beside now (empty: history not read)."""
    values: Mapping[str, float | None] = field(default_factory=dict)
    """Objective id -> the score every page shows: `score`, the effective score (None: nothing
    under it is measured yet, or dropped)."""
    verdicts: Mapping[str, status.Verdict] = field(default_factory=dict)
    """Objective id -> its status (`okrctl.status`) on the build's day."""
    branch_score: Mapping[tuple[str, str], float | None] = field(default_factory=dict)
    """(unit, period) -> the mean score of the objectives of the unit and all its sub-units
    (measured ones only); the company's is the headline figure of the period."""
    goal_roots: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Period id -> its objectives that support nothing in the period: the goal tree's roots."""
    goal_children: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Objective id -> the objectives of its period that support it, in reading order."""
    contributed: Mapping[str, tuple[Objective, ...]] = field(default_factory=dict)
    """Unit id -> objectives that list it among their `contributors`."""
    departments: Mapping[str, str | None] = field(default_factory=dict)
    """Unit id -> its department (the unit just below the company; None for the company)."""
    sharing: frozenset[tuple[str, str]] = frozenset()
    """(unit, period) pairs in which the unit contributes to another unit's objective."""
    stale_days: int = status.STALE_DAYS
    """Days without a check-in after which running work is stale (OKR700's `max_days`)."""

    # ------------------------------------------------------------------ lookups

    @property
    def name(self) -> str:
        return self.organization.name

    def unit(self, unit_id: str) -> Unit | None:
        return self.cascade.units.get(unit_id)

    def unit_name(self, unit_id: str) -> str:
        unit = self.cascade.units.get(unit_id)
        return unit.name if unit is not None else unit_id

    def objective(self, objective_id: str) -> Objective | None:
        entry = self.cascade.objectives.get(objective_id)
        return entry.objective if entry is not None else None

    def period(self, period_id: str) -> Period | None:
        return self.cascade.periods.get(period_id)

    def of(self, unit_id: str, period_id: str) -> tuple[Objective, ...]:
        return self.objectives.get((unit_id, period_id), ())

    def unit_periods(self, unit_id: str) -> tuple[Period, ...]:
        """Periods in which the unit has objectives, newest first: the unit's pages."""
        return tuple(p for p in self.periods if self.has_page(unit_id, p.id))

    def has_page(self, unit_id: str, period_id: str) -> bool:
        """Whether the unit has a page for the period: objectives of its own, or shared ones."""
        return (unit_id, period_id) in self.objectives or (unit_id, period_id) in self.sharing

    def elapsed(self, period: Period) -> float:
        """How much of the period has passed: all of it once closed."""
        return status.elapsed(period, self.today)

    def ended(self, period: Period) -> bool:
        """True when the period is over but not closed: it awaits its grades."""
        return not period.closed and period.end < self.today

    def headline(self, period: Period) -> float | None:
        """The company's figure for the period: the same number on every page that shows it."""
        return self.branch_score.get((self.root or "", period.id))

    def kr_status(self, objective: Objective, kr: KeyResult) -> status.Verdict:
        period = self.cascade.periods[objective.period]
        return status.key_result(kr, period, self.today)

    def fresh(self, objective: Objective, kr: KeyResult) -> status.Freshness:
        period = self.cascade.periods[objective.period]
        return status.key_result_freshness(kr, objective, period, self.today, self.stale_days)

    def objective_fresh(self, objective: Objective) -> status.Freshness | None:
        """The freshest key result's freshness (None: the objective has no key results)."""
        found = [self.fresh(objective, kr) for kr in objective.key_results]
        if not found:
            return None
        return min(found, key=lambda f: (f.last is None, f.days))

    def chain(self, objective: Objective) -> list[Objective]:
        """What the objective supports, from the top-level objective down to its parent."""
        found = [o for o in map(self.objective, self.cascade.parent_chain(objective.id)) if o]
        return found[::-1]

    def department_of(self, unit_id: str) -> str | None:
        """The department (the unit just below the company) a unit belongs to; None for the
        company itself."""
        if unit_id in self.departments:
            return self.departments[unit_id]
        chain = [u.id for u in self.unit_chain(unit_id)] + [unit_id]
        return chain[1] if len(chain) > 1 else None

    def unit_chain(self, unit_id: str) -> list[Unit]:
        """The unit's parents from the company down (the unit itself left out)."""
        return [u for u in map(self.unit, self.cascade.unit_ancestors(unit_id)) if u][::-1]

    def shared_with(self, unit_id: str, period_id: str) -> list[Objective]:
        """Objectives of other units in the period that name `unit_id` among their
        contributors."""
        return [
            o
            for o in self.contributed.get(unit_id, ())
            if o.period == period_id and o.unit != unit_id
        ]

    def in_reading_order(self, objectives: Sequence[Objective]) -> list[Objective]:
        """`objectives` with each one after the objective it supports (when listed too),
        siblings by title: the order a reader follows a unit's page."""
        listed = {o.id: o for o in objectives}
        below: dict[str | None, list[Objective]] = {}
        for o in objectives:
            below.setdefault(o.parent if o.parent in listed else None, []).append(o)
        for items in below.values():
            items.sort(key=lambda o: (natural(o.title), o.id))
        ordered: list[Objective] = []
        stack = list(reversed(below.get(None, [])))
        while stack:
            current = stack.pop()
            ordered.append(current)
            stack.extend(reversed(below.get(current.id, [])))
        return ordered

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
    rollup: scoring.Rollup = scoring.DEFAULT_ROLLUP,
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
    score = scoring.effective_scores(cascade, rollup)
    for entry in cascade.iter_objectives():
        objective = entry.objective
        grouped.setdefault((objective.unit, objective.period), []).append(objective)
        owned.setdefault(objective.owner, []).append(objective)
    # The mean of the objectives' scores, as `scoring.unit_score` defines it, without its scan
    # of every objective per unit (quadratic on a large organisation).
    unit_score: dict[tuple[str, str], float | None] = {}
    for key, objectives in grouped.items():
        measured = [value for o in objectives if (value := score.get(o.id)) is not None]
        unit_score[key] = sum(measured) / len(measured) if measured else None
    rank = {p.id: i for i, p in enumerate(periods)}
    docs = tuple(rule_docs() if rules is None else rules)
    values: dict[str, float | None] = {oid: score.get(oid) for oid in cascade.objectives}
    verdicts = {
        oid: status.objective(
            entry.objective, values[oid], cascade.periods[entry.objective.period], today
        )
        for oid, entry in cascade.objectives.items()
    }
    goal_roots, goal_children = _goal_tree(cascade, order)
    contributed = _contributed(cascade)
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
        rolled=score,
        unit_score=unit_score,
        subtree_count=_subtree_counts(order, children, grouped, periods),
        owned={
            person: tuple(sorted(items, key=lambda o: (rank.get(o.period, len(rank)), o.id)))
            for person, items in owned.items()
        },
        rules=docs,
        history=history if history is not None else SiteHistory(),
        values=values,
        verdicts=verdicts,
        branch_score=_branch_scores(order, children, grouped, periods, values),
        goal_roots=goal_roots,
        goal_children=goal_children,
        stale_days=_stale_days(docs),
        contributed=contributed,
        departments=_departments(order, cascade),
        sharing=frozenset((unit, o.period) for unit, items in contributed.items() for o in items),
    )


def _departments(order: Sequence[str], cascade: Cascade) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for unit in order:
        chain = [*reversed(cascade.unit_ancestors(unit)), unit]
        found[unit] = chain[1] if len(chain) > 1 else None
    return found


def _contributed(cascade: Cascade) -> dict[str, tuple[Objective, ...]]:
    found: dict[str, list[Objective]] = {}
    for entry in cascade.iter_objectives():
        for unit in getattr(entry.objective, "contributors", None) or ():
            found.setdefault(unit, []).append(entry.objective)
    return {unit: tuple(items) for unit, items in found.items()}


def _stale_days(docs: Sequence[RuleDoc]) -> int:
    for doc in docs:
        if doc.code == "OKR700":
            for option in doc.options:
                if option.name == "max_days" and isinstance(option.value, int):
                    return option.value
    return status.STALE_DAYS


def _goal_tree(
    cascade: Cascade, unit_order: Sequence[str]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The goal tree of each period: roots (objectives whose parent is not in their period)
    and each objective's supporters, by unit (company first) then title."""
    position = {unit: i for i, unit in enumerate(unit_order)}

    def key(objective: Objective) -> tuple[int, tuple[tuple[int, int, str], ...], str]:
        return (position.get(objective.unit, len(position)), natural(objective.title), objective.id)

    roots: dict[str, list[Objective]] = {}
    below: dict[str, list[Objective]] = {}
    for entry in cascade.objectives.values():
        objective = entry.objective
        parent = cascade.objectives.get(objective.parent or "")
        if parent is not None and parent.objective.period == objective.period:
            below.setdefault(parent.objective.id, []).append(objective)
        else:
            roots.setdefault(objective.period, []).append(objective)
    return (
        {p: tuple(o.id for o in sorted(items, key=key)) for p, items in roots.items()},
        {p: tuple(o.id for o in sorted(items, key=key)) for p, items in below.items()},
    )


def _branch_scores(
    order: Sequence[str],
    children: Mapping[str, tuple[str, ...]],
    grouped: Mapping[tuple[str, str], list[Objective]],
    periods: Sequence[Period],
    values: Mapping[str, float | None],
) -> dict[tuple[str, str], float | None]:
    """The mean measured score of each unit's objectives and its sub-units', bottom up."""
    sums: dict[tuple[str, str], tuple[float, int]] = {}
    for unit in reversed(order):
        for period in periods:
            measured = [
                v for o in grouped.get((unit, period.id), ()) if (v := values[o.id]) is not None
            ]
            total, count = sum(measured), len(measured)
            for child in children.get(unit, ()):
                below = sums.get((child, period.id), (0.0, 0))
                total, count = total + below[0], count + below[1]
            sums[(unit, period.id)] = (total, count)
    return {key: total / count if count else None for key, (total, count) in sums.items()}


def _unit_children(cascade: Cascade) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[Unit]] = {}
    for unit in cascade.units.values():
        if unit.parent is not None:
            found.setdefault(unit.parent, []).append(unit)
    return {
        parent: tuple(u.id for u in sorted(units, key=lambda u: (natural(u.name), u.id)))
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
