"""Alignment health: where the cascade does not hold together, period by period.

Pure functions over the site's view. They report facts for the site's health page; the tunable
rules that fail a check live in `okrctl.checks`.
"""

from __future__ import annotations

from typing import NamedTuple

from okrctl import status
from okrctl.model import Objective, Unit
from okrctl.site.view import KeyResult, SiteView


class Dependency(NamedTuple):
    """`dependent` lists `needed` in its `depends_on`."""

    dependent: Objective
    needed: Objective


class Overload(NamedTuple):
    unit: Unit
    objectives: int


class Health(NamedTuple):
    """The alignment findings of one period."""

    orphans: list[Objective]
    """Operational objectives that support no strategic objective, directly or up their chain."""
    unsupported: list[Objective]
    """Strategic objectives that no objective supports."""
    unacknowledged: list[Dependency]
    """Dependencies that the needed objective's unit has not taken on (`acknowledges`)."""
    overloaded: list[Overload]
    """Units with more objectives than people (units without a headcount are not assessed)."""

    @property
    def findings(self) -> int:
        return (
            len(self.orphans)
            + len(self.unsupported)
            + len(self.unacknowledged)
            + len(self.overloaded)
        )


def health(view: SiteView, period_id: str) -> Health:
    objectives = [objective for unit in view.unit_order for objective in view.of(unit, period_id)]
    return Health(
        orphans=[
            o for o in objectives if o.level == "operational" and not _serves_strategy(view, o)
        ],
        unsupported=[
            o for o in objectives if o.level == "strategic" and not view.cascade.children.get(o.id)
        ],
        unacknowledged=[
            Dependency(o, needed)
            for o in objectives
            for needed in view.depends_on(o)
            if not view.acknowledged(o, needed)
        ],
        overloaded=_overloaded(view, period_id),
    )


def _serves_strategy(view: SiteView, objective: Objective) -> bool:
    for ancestor_id in view.cascade.parent_chain(objective.id):
        ancestor = view.objective(ancestor_id)
        if ancestor is not None and ancestor.level == "strategic":
            return True
    return False


def _overloaded(view: SiteView, period_id: str) -> list[Overload]:
    found: list[Overload] = []
    for unit_id in view.unit_order:
        unit = view.unit(unit_id)
        count = len(view.of(unit_id, period_id))
        if unit is not None and unit.headcount > 0 and count > unit.headcount:
            found.append(Overload(unit, count))
    return found


class Concern(NamedTuple):
    """Running work that needs a conversation: stale, low in confidence, or behind."""

    objective: Objective
    key_result: KeyResult | None
    """None: the objective as a whole (at risk or off track)."""
    reasons: tuple[str, ...]


def attention(view: SiteView, period_id: str) -> list[tuple[Unit, list[Concern]]]:
    """Stale, low-confidence and behind work of the period, by unit in the organisation's order:
    the health page's "needs attention" lists."""
    found: list[tuple[Unit, list[Concern]]] = []
    for unit_id in view.unit_order:
        unit = view.unit(unit_id)
        concerns: list[Concern] = []
        for objective in view.in_reading_order(view.of(unit_id, period_id)):
            verdict = view.verdicts[objective.id]
            if verdict.finished or verdict.status == "dropped":
                continue
            if verdict.status in ("at risk", "off track"):
                concerns.append(Concern(objective, None, (verdict.status,)))
            for kr in objective.key_results:
                kv = view.kr_status(objective, kr)
                if kv.finished or kv.status in ("dropped", "done"):
                    continue
                reasons: list[str] = []
                fresh = view.fresh(objective, kr)
                if fresh is not None and fresh.stale:
                    reasons.append(f"stale: {fresh.age}")
                if kv.confidence is not None and kv.confidence < status.LOW_CONFIDENCE:
                    reasons.append(f"low confidence: {round(kv.confidence * 100)}%")
                if kv.status in ("at risk", "off track"):
                    reasons.append(kv.status)
                if reasons:
                    concerns.append(Concern(objective, kr, tuple(reasons)))
        if unit is not None and concerns:
            found.append((unit, concerns))
    return found
