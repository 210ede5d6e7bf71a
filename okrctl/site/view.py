"""Everything the pages show, computed once from a validated cascade before any page is rendered.

Pure: no files, no templates. Scores and how they are made come from `okrctl.scoring`, verdicts
and freshness from `okrctl.status` (judged once, `okrctl.site.judged`); this module adds the
groupings the pages need (objectives by unit and period, the unit tree, the current period, the
pages a large organisation splits into, the dependencies between units) in dictionaries, so that
rendering a page never scans the whole organisation again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from okrctl import codes, scoring, status
from okrctl.checks.documentation import RuleDoc, rule_docs
from okrctl.diagnostics import Diagnostic
from okrctl.index import Cascade
from okrctl.model import Objective, Organization, Period, Unit
from okrctl.site import objective_groups, split, unit_tree
from okrctl.site.changes import Changes
from okrctl.site.dependency_index import Dependencies, dependencies
from okrctl.site.history import SiteHistory
from okrctl.site.judged import Judged, judge_all
from okrctl.site.ordering import current_period, natural, newest_first
from okrctl.site.repository import Repository
from okrctl.site.stamp import Stamp, fallback_epoch

KeyResult = scoring.KeyResult


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
    made: Mapping[str, scoring.Composition]
    """Objective id -> how its score is made (`scoring.compositions`): the parts every page
    shows beside the score."""
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
    judged: Judged = field(default_factory=Judged)
    """Every verdict and freshness on the build's day (`okrctl.status`), judged once."""
    branch_score: Mapping[tuple[str, str], float | None] = field(default_factory=dict)
    """(unit, period) -> the mean score of the objectives of the unit and all its sub-units
    (measured ones only); the company's is the headline figure of the period."""
    branch_measured: Mapping[tuple[str, str], int] = field(default_factory=dict)
    """(unit, period) -> how many measured objectives `branch_score` is the mean of."""
    branch_counts: Mapping[tuple[str, str], Mapping[str, int]] = field(default_factory=dict)
    """(unit, period) -> how many objectives of the unit and its sub-units have each status,
    and how many are `stale`."""
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
    findings: tuple[Diagnostic, ...] = ()
    """The build's findings (the one check of every command), which the health page lists."""
    rollup: scoring.Rollup = scoring.DEFAULT_ROLLUP
    """How scores roll up (`rollup:` in okrctl.yaml), as the scoring page explains it."""
    stamp: Stamp | None = None
    """The day the data is as of and what the site was built from (None: not read)."""
    repository: Repository | None = None
    """The OKR repository on GitHub, when the site's configuration names it (`repo_url`)."""
    successors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Objective id -> the objectives that continue it (their `carried_from`)."""
    changes: Changes = field(default_factory=Changes)
    """What changed since a week before the build (the home page's "what changed")."""
    tree_split: Mapping[str, split.Layout] = field(default_factory=dict)
    """Period id -> the pages of its goal tree and org chart (`okrctl.site.split`): the
    company's, and in a large period pages of units."""
    people_split: split.Layout = field(default_factory=lambda: split.Layout({}, {}, {}))
    """The people pages (`okrctl.site.split`), by the units people belong to."""
    dependencies: Mapping[str, Dependencies] = field(default_factory=dict)
    """Period id -> its dependencies between units and its opposite metrics."""

    @property
    def verdicts(self) -> Mapping[str, status.Verdict]:
        """Objective id -> its verdict on the build's day."""
        return self.judged.objectives

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

    def status_counts(self, unit_id: str, period: Period) -> list[tuple[str, int]]:
        """How many objectives of the unit and its sub-units have each status in the period,
        in the statuses' order (a closed period's by band)."""
        found = self.branch_counts.get((unit_id, period.id), {})
        return [(s, found.get(s, 0)) for s in status.STATUSES]

    def stale_count(self, unit_id: str, period: Period) -> int:
        return self.branch_counts.get((unit_id, period.id), {}).get("stale", 0)

    def page_key(self, period_id: str, unit_id: str) -> str:
        """The key of the goal tree and org chart page of the period that lists the unit."""
        found = self.tree_split.get(period_id)
        return found.page_of.get(unit_id, self.root or "") if found else self.root or ""

    def page_name(self, layout: split.Layout, key: str) -> str:
        """A page of units in words: "Sales", or "Team 1.1 to Team 1.40"."""
        tops = layout.tops.get(key, (key,))
        if len(tops) == 1:
            return self.unit_name(tops[0])
        return f"{self.unit_name(tops[0])} to {self.unit_name(tops[-1])}"

    def statuses_of(self, period: Period) -> tuple[status.Status, ...]:
        """The statuses work of the period can have (the bands once it is closed), and any
        other its objectives have (graded early), in the statuses' order."""
        base = status.FINISHED if period.closed else status.RUNNING
        found = self.branch_counts.get((self.root or "", period.id), {})
        return tuple(s for s in status.STATUSES if s in base or found.get(s))

    def kr_status(self, objective: Objective, kr: KeyResult) -> status.Verdict:
        found = self.judged.key_results.get((objective.id, kr.id))
        if found is not None:
            return found
        return status.key_result(kr, self.cascade.periods[objective.period], self.today)

    def fresh(self, objective: Objective, kr: KeyResult) -> status.Freshness | None:
        """A running key result's freshness (None: finished work, whose age is history)."""
        return self.judged.freshness.get((objective.id, kr.id))

    def objective_fresh(self, objective: Objective) -> status.Freshness | None:
        """The freshest of its running key results (None: none running)."""
        return self.judged.objective_freshness.get(objective.id)

    def is_stale(self, objective: Objective) -> bool:
        """Whether a running key result of the objective is stale."""
        return objective.id in self.judged.stale

    def status_words(self, objective: Objective) -> str:
        """The objective's status as the filters match it: its slug, and `stale` when it is."""
        slug = self.verdicts[objective.id].slug
        return f"{slug} stale" if objective.id in self.judged.stale else slug

    def continued_by(self, objective: Objective) -> list[Objective]:
        """The objectives that continue this one in a later period."""
        return [o for o in map(self.objective, self.successors.get(objective.id, ())) if o]

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

    def owner_name(self, owner_id: str) -> str:
        """An owner's name as plain text: the person's, or the team's with its lead's."""
        unit = self.unit(owner_id) if owner_id not in self.cascade.people else None
        if unit is None:
            return self.person_name(owner_id)
        return f"{unit.name} (lead: {self.person_name(unit.lead)})" if unit.lead else unit.name

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
    stamp: Stamp | None = None,
    repository: Repository | None = None,
    changes: Changes | None = None,
    split_at: int = split.SPLIT_AT,
    people_split_at: int = split.PEOPLE_SPLIT_AT,
    findings: Sequence[Diagnostic] = (),
) -> SiteView:
    """Compute the site's view of a cascade that passed the check (no errors).

    `rules`: the rules' documentation under the build's configuration (default: the default
    configuration's). `history`: what git says of the plans (default: not read). `stamp`: what
    the build was made from (default: the day alone, the time from the check-ins).
    `changes`: what changed in the week before (default: not read). `split_at`,
    `people_split_at`: how many objectives, people a page lists before its units get pages of
    their own.
    """
    organization = cascade.organization
    if organization is None:
        raise ValueError("the cascade has no organisation: the check should have refused it")
    periods = newest_first(cascade.periods.values())
    tree = unit_tree.unit_tree(cascade)
    grouped = objective_groups.by_unit_and_period(cascade)
    made = scoring.compositions(cascade, rollup)
    values: dict[str, float | None] = {
        oid: found.score if (found := made.get(oid)) else None for oid in cascade.objectives
    }
    docs = tuple(rule_docs() if rules is None else rules)
    goal_roots, goal_children = objective_groups.goal_tree(cascade, tree.order)
    contributed = objective_groups.contributed(cascade)
    stale = stale_days(docs)
    subtree = unit_tree.subtree_counts(tree, grouped, periods)
    sums = unit_tree.branch_sums(tree, grouped, periods, values)
    judged = judge_all(cascade, values, today, stale)
    return SiteView(
        cascade=cascade,
        organization=organization,
        today=today,
        current=current_period(periods, today),
        periods=periods,
        root=tree.root,
        unit_order=tree.order,
        depth=tree.depth,
        children=tree.children,
        objectives={key: tuple(value) for key, value in grouped.items()},
        score=values,
        made=made,
        unit_score=objective_groups.unit_scores(grouped, values),
        subtree_count=subtree,
        owned=objective_groups.by_owner(cascade, periods),
        rules=docs,
        history=history if history is not None else SiteHistory(),
        values=values,
        judged=judged,
        branch_counts=unit_tree.branch_counts(
            tree, grouped, periods, lambda o: judged.objectives[o.id].status, judged.stale
        ),
        branch_score={key: total / n if n else None for key, (total, n) in sums.items()},
        branch_measured={key: n for key, (_, n) in sums.items()},
        goal_roots=goal_roots,
        goal_children=goal_children,
        stale_days=stale,
        rollup=rollup,
        stamp=stamp or Stamp(today, fallback_epoch(cascade), "check-ins", rhythm=stale),
        repository=repository,
        successors=objective_groups.successors(cascade),
        changes=changes or Changes(),
        tree_split=split.by_period(tree, subtree, [p.id for p in periods], split_at),
        people_split=split.people(cascade, tree, people_split_at),
        dependencies=_dependencies(cascade, tree.order, grouped, periods),
        contributed=contributed,
        departments=unit_tree.departments(tree.order, cascade),
        sharing=frozenset((unit, o.period) for unit, items in contributed.items() for o in items),
        findings=tuple(findings),
    )


def _dependencies(
    cascade: Cascade,
    order: Sequence[str],
    grouped: Mapping[tuple[str, str], Sequence[Objective]],
    periods: Sequence[Period],
) -> dict[str, Dependencies]:
    """Each period's dependencies, its objectives in the organisation's order."""
    position = {unit: i for i, unit in enumerate(order)}
    return {
        p.id: dependencies(
            cascade, [o for unit in order for o in grouped.get((unit, p.id), ())], position
        )
        for p in periods
    }


def stale_days(docs: Sequence[RuleDoc]) -> int:
    """OKR700's `max_days` under the build's configuration (default: `status.STALE_DAYS`)."""
    for doc in docs:
        if doc.code == codes.STALE_KEY_RESULT.code:
            for option in doc.options:
                if option.name == "max_days" and isinstance(option.value, int):
                    return option.value
    return status.STALE_DAYS
