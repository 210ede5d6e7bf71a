"""Indexes over the cascade that several rules share, each built once on first use.

Rules must stay linear in the number of objectives (a repository may hold ten thousand), so they
look objectives up here by unit and period instead of scanning the cascade again.
"""

from __future__ import annotations

from functools import cached_property

from okrctl.index import Cascade, Entry
from okrctl.scoring import DEFAULT_ROLLUP, Rollup, effective_scores


class Facts:
    """Lazily built lookups over one cascade."""

    def __init__(self, cascade: Cascade, rollup: Rollup = DEFAULT_ROLLUP) -> None:
        self.cascade = cascade
        self.rollup = rollup
        self._ancestors: dict[str, tuple[str, ...]] = {}

    @cached_property
    def scores(self) -> dict[str, float | None]:
        """Objective id -> its effective score (`okrctl.scoring.effective_score`)."""
        return effective_scores(self.cascade, self.rollup)

    @cached_property
    def entries(self) -> list[Entry]:
        """Every objective, in id order."""
        return list(self.cascade.iter_objectives())

    @cached_property
    def by_unit_period(self) -> dict[tuple[str, str], list[Entry]]:
        """(unit, period) -> its objectives, in id order."""
        index: dict[tuple[str, str], list[Entry]] = {}
        for entry in self.entries:
            key = (entry.objective.unit, entry.objective.period)
            index.setdefault(key, []).append(entry)
        return index

    @cached_property
    def load(self) -> dict[tuple[str, str], list[Entry]]:
        """(unit, period) -> the active objectives the unit carries: its own, and those it
        shares as one of their `contributors`; dropped ones free the capacity, in id order."""
        index: dict[tuple[str, str], list[Entry]] = {}
        for entry in self.entries:
            objective = entry.objective
            if objective.status == "dropped":
                continue
            for unit in dict.fromkeys((objective.unit, *objective.contributors)):
                index.setdefault((unit, objective.period), []).append(entry)
        return index

    @cached_property
    def unit_positions(self) -> dict[str, int]:
        """Unit id -> its position in the organisation file's `units` (the first, if repeated)."""
        org = self.cascade.organization
        positions: dict[str, int] = {}
        if org is not None:
            for i, unit in enumerate(org.units):
                positions.setdefault(unit.id, i)
        return positions

    def ancestors(self, unit_id: str) -> tuple[str, ...]:
        """The unit's parents, nearest first (memoised; cycle-safe like `Cascade`)."""
        found = self._ancestors.get(unit_id)
        if found is None:
            found = tuple(self.cascade.unit_ancestors(unit_id))
            self._ancestors[unit_id] = found
        return found

    def related_units(self, a: str, b: str) -> bool:
        """True when one unit is the other or lies above it in the tree."""
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)
