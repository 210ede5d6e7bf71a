"""The field-by-field changes between two versions of one objective and of its key results. Pure.

Each field is compared once, under the kind of change it counts as (one of `CATEGORIES`); a
goalpost moved in a closed period is flagged loud. Within a kind, changes keep the order of the
calls below, which is the order the diff shows them in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from okrctl.gitops.changes import FieldChange, Value
from okrctl.gitops.history_changes import checkin_changes, rewrite
from okrctl.model import Link, MilestoneKeyResult, NumericKeyResult, Objective

KeyResult = NumericKeyResult | MilestoneKeyResult


def field_changes(
    old: Objective,
    new: Objective,
    closed: frozenset[str],
    scores: tuple[float | None, float | None],
) -> list[FieldChange]:
    """The changes from `old` to `new`, the objective's own fields and its key results'.

    `closed` lists the ids of closed periods; `scores` are the objective's effective score on
    each side.
    """
    changes: list[FieldChange] = []

    def note(category: str, name: str, before: Value, after: Value) -> None:
        if before != after:
            kind, rewritten = rewrite(category, name, before, after)
            changes.append(
                FieldChange(kind, "objective", new.id, name, before, after, rewrite=rewritten)
            )

    note("renamed", "id", old.id, new.id)
    note("moved", "parent", old.parent, new.parent)
    note("moved", "unit", old.unit, new.unit)
    note("moved", "period", old.period, new.period)
    note("details", "title", old.title, new.title)
    note("details", "owner", old.owner, new.owner)
    note("details", "level", old.level, new.level)
    note("details", "type", old.type, new.type)
    note("details", "depends_on", sorted(old.depends_on), sorted(new.depends_on))
    note("details", "acknowledges", sorted(old.acknowledges), sorted(new.acknowledges))
    note("details", "description", old.description, new.description)
    note("status", "status", old.status, new.status)
    note("status", "dropped_reason", old.dropped_reason, new.dropped_reason)
    note("details", "weight", old.weight, new.weight)
    note("details", "contributors", sorted(old.contributors), sorted(new.contributors))
    note("details", "links", _links(old.links), _links(new.links))
    note("details", "retrospective", old.retrospective, new.retrospective)
    note("progress", "grade", old.score, new.score)
    note("details", "carried_from", old.carried_from, new.carried_from)
    loud = old.period in closed or new.period in closed
    before = {kr.id: kr for kr in old.key_results}
    after = {kr.id: kr for kr in new.key_results}
    for kr_id in sorted(before.keys() - after.keys()):
        title = before[kr_id].title
        changes.append(FieldChange("key-results", "key result", kr_id, "removed", title, None))
    for kr_id in sorted(after.keys() - before.keys()):
        title = after[kr_id].title
        changes.append(FieldChange("key-results", "key result", kr_id, "added", None, title))
        changes += new_sources([after[kr_id]])
    for kr_id in [kr.id for kr in new.key_results if kr.id in before]:
        changes += _key_result(before[kr_id], after[kr_id], loud)
    note("progress", "score", _rounded(scores[0]), _rounded(scores[1]))
    return changes


def source_text(kr: KeyResult) -> str | None:
    """A key result's metric source in words: what `okrctl sync` reads, or the command it runs
    (every change to one is shown, since a command is code that sync runs)."""
    source = kr.source
    if source is None:
        return None
    if source.command is not None:
        shown = json.dumps(source.command, ensure_ascii=False)
        return f"runs command {shown}, timeout {source.timeout:g} s"
    parts = [f"reads {source.path}", f"column {source.column}" if source.column else ""]
    parts.append(f"aggregate {source.aggregate}")
    if source.where:
        parts.append(f"where {json.dumps(source.where, ensure_ascii=False, sort_keys=True)}")
    return ", ".join(p for p in parts if p)


def new_sources(key_results: Iterable[KeyResult]) -> list[FieldChange]:
    """A `source` change for each of `key_results` that reads a metric: new code sync runs."""
    return [
        FieldChange("source", "key result", kr.id, "source", None, source_text(kr))
        for kr in key_results
        if kr.source is not None
    ]


def _links(links: Sequence[Link]) -> list[str]:
    return [f"{link.title} <{link.url}>" for link in links]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _confidence(kr: KeyResult) -> float | None:
    """The owner's latest word on the odds: the last check-in's confidence, else the KR's."""
    for checkin in reversed(kr.checkins):
        if checkin.confidence is not None:
            return checkin.confidence
    return kr.confidence


def _key_result(old: KeyResult, new: KeyResult, loud: bool) -> list[FieldChange]:
    """The changes of one key result kept by id; `loud` when its objective's period is closed."""
    changes: list[FieldChange] = []

    def note(category: str, name: str, before: Value, after: Value) -> None:
        if before != after:
            flag = loud and category == "goalpost"
            kind, rewritten = rewrite(category, name, before, after)
            changes.append(
                FieldChange(
                    kind, "key result", new.id, name, before, after, flag, rewrite=rewritten
                )
            )

    note("goalpost", "kind", old.kind, new.kind)
    note("source", "source", source_text(old), source_text(new))
    if isinstance(old, NumericKeyResult) and isinstance(new, NumericKeyResult):
        note("goalpost", "baseline", old.baseline, new.baseline)
        note("goalpost", "target", old.target, new.target)
        note("goalpost", "metric", old.metric, new.metric)
        note("goalpost", "unit", old.unit, new.unit)
        note("progress", "current", old.current, new.current)
    if isinstance(old, MilestoneKeyResult) and isinstance(new, MilestoneKeyResult):
        note("progress", "done", old.done, new.done)
    changes += checkin_changes(new.id, old.checkins, new.checkins)
    note("progress", "grade", old.score, new.score)
    note("status", "status", old.status, new.status)
    note("status", "dropped_reason", old.dropped_reason, new.dropped_reason)
    note("confidence", "confidence", _confidence(old), _confidence(new))
    note("details", "title", old.title, new.title)
    note("details", "owner", old.owner, new.owner)
    note("details", "weight", old.weight, new.weight)
    note("details", "description", old.description, new.description)
    note("details", "indicator", old.indicator, new.indicator)
    note("details", "links", _links(old.links), _links(new.links))
    if isinstance(old, NumericKeyResult) and isinstance(new, NumericKeyResult):
        note("goalpost", "direction", old.direction, new.direction)
    return changes
