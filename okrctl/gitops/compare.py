"""The semantic comparison of two revisions' objectives and organisations. Pure.

Objectives are matched by id; an objective whose file git saw renamed and whose id changed with
it is a rename, not a removal and an addition. A file that does not load on one side is never
taken for a removal or an addition: the diff lists it as unreadable instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from okrctl import index
from okrctl.gitops.documents import Document
from okrctl.model import Link, MilestoneKeyResult, NumericKeyResult, Objective, Organization
from okrctl.scoring import DEFAULT_ROLLUP, Rollup, effective_scores

Value = str | float | bool | list[str] | None
KeyResult = NumericKeyResult | MilestoneKeyResult

CATEGORIES = (
    "renamed",
    "moved",
    "goalpost",
    "key-results",
    "status",
    "progress",
    "confidence",
    "source",
    "details",
    "organization",
)
"""Kinds of change, in the order they are shown."""


@dataclass(frozen=True)
class FieldChange:
    """One change: a field of an objective, of one of its key results, or of the organisation."""

    category: str
    """One of `CATEGORIES`."""
    of: Literal["objective", "key result", "unit", "person", "period"]
    ref: str
    """The id of what changed (the key result's id; the objective's own id for `objective`)."""
    field: str
    old: Value
    new: Value
    loud: bool = False
    """A goalpost moved in a period that is closed: history being rewritten."""


@dataclass(frozen=True)
class ObjectiveChange:
    """An objective added, removed or changed."""

    status: Literal["added", "removed", "changed"]
    id: str
    title: str
    unit: str
    period: str
    file: str | None
    """The file on the head side (None when removed)."""
    old_file: str | None = None
    """The file on the base side (None when added)."""
    old_id: str | None = None
    """The id on the base side, when it changed."""
    changes: tuple[FieldChange, ...] = ()

    @property
    def loud(self) -> bool:
        return any(c.loud for c in self.changes)


@dataclass(frozen=True)
class Unreadable:
    """A changed file that does not load or validate on one side."""

    file: str
    side: Literal["base", "head"]
    problems: tuple[str, ...] = field(default=())
    """`CODE line:column message` of its first problems."""


# --------------------------------------------------------------------------- objectives


def objectives(
    base: Mapping[str, Document],
    head: Mapping[str, Document],
    renames: Mapping[str, str],
    closed: Iterable[str] = (),
    scores: tuple[Mapping[str, float | None], Mapping[str, float | None]] | None = None,
) -> tuple[list[ObjectiveChange], list[Unreadable]]:
    """Compare the objectives of the changed files of both sides.

    `renames` maps a base file to its head file; `closed` lists the ids of closed periods;
    `scores` are each side's effective scores (`okrctl.scoring.effective_scores` over the side's
    whole cascade), by default those of the changed files alone.
    """
    base_scores, head_scores = scores if scores is not None else (_scores(base), _scores(head))
    closed_periods = frozenset(closed)
    before = _by_id(base)
    after = _by_id(head)
    pairs = [(before.pop(i), after.pop(i)) for i in sorted(before.keys() & after.keys())]
    head_files = {doc.name: objective_id for objective_id, doc in after.items()}
    for objective_id, doc in sorted(before.items()):
        target = renames.get(doc.name)
        if target is not None and target in head_files:
            pairs.append((before.pop(objective_id), after.pop(head_files[target])))
    sides: tuple[tuple[Literal["base", "head"], Mapping[str, Document]], ...] = (
        ("base", base),
        ("head", head),
    )
    unreadable = [
        Unreadable(doc.name, side, _problems(doc))
        for side, docs in sides
        for doc in docs.values()
        if doc.model is None
    ]
    unreadable.sort(key=lambda u: (u.file, u.side))
    hidden_base = {i for d in base.values() if d.model is None for i in d.ids}
    hidden_head = {i for d in head.values() if d.model is None for i in d.ids}
    unreadable_names = {u.file for u in unreadable}
    results: list[ObjectiveChange] = []
    for objective_id, doc in sorted(before.items()):
        if objective_id in hidden_head or renames.get(doc.name, doc.name) in unreadable_names:
            continue
        o = _objective(doc)
        results.append(ObjectiveChange("removed", o.id, o.title, o.unit, o.period, None, doc.name))
    for objective_id, doc in sorted(after.items()):
        old_names = {old for old, new in renames.items() if new == doc.name} | {doc.name}
        if objective_id in hidden_base or old_names & unreadable_names:
            continue
        o = _objective(doc)
        sources = tuple(_new_sources(o.key_results))
        results.append(
            ObjectiveChange("added", o.id, o.title, o.unit, o.period, doc.name, changes=sources)
        )
    for old_doc, new_doc in pairs:
        old, new = _objective(old_doc), _objective(new_doc)
        changes = _compare(
            old, new, closed_periods, (base_scores.get(old.id), head_scores.get(new.id))
        )
        if old_doc.name != new_doc.name:
            changes.insert(
                0,
                FieldChange(
                    "renamed",
                    "objective",
                    _objective(new_doc).id,
                    "file",
                    old_doc.name,
                    new_doc.name,
                ),
            )
        if changes:
            o, old_id = _objective(new_doc), _objective(old_doc).id
            results.append(
                ObjectiveChange(
                    "changed",
                    o.id,
                    o.title,
                    o.unit,
                    o.period,
                    new_doc.name,
                    old_doc.name,
                    old_id if old_id != o.id else None,
                    tuple(_ordered(changes)),
                )
            )
    order = {"added": 0, "removed": 1, "changed": 2}
    results.sort(key=lambda r: (order[r.status], r.id, r.file or "", r.old_file or ""))
    return results, unreadable


def _scores(
    documents: Mapping[str, Document], rollup: Rollup = DEFAULT_ROLLUP
) -> dict[str, float | None]:
    objectives = [
        (doc.objective, name, doc.positions)
        for name, doc in sorted(documents.items())
        if doc.objective is not None
    ]
    return effective_scores(index.build([], objectives), rollup)


def _by_id(documents: Mapping[str, Document]) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for name in sorted(documents):
        objective = documents[name].objective
        if objective is not None:
            found.setdefault(objective.id, documents[name])
    return found


def _objective(document: Document) -> Objective:
    assert document.objective is not None
    return document.objective


def _problems(document: Document) -> tuple[str, ...]:
    shown = sorted(document.diagnostics, key=lambda d: d.sort_key)[:3]
    return tuple(f"{d.code} {d.line}:{d.column} {d.message}" for d in shown)


def _ordered(changes: Sequence[FieldChange]) -> list[FieldChange]:
    rank = {name: i for i, name in enumerate(CATEGORIES)}
    return sorted(changes, key=lambda c: rank[c.category])  # stable: keeps field order within


def _compare(
    old: Objective,
    new: Objective,
    closed: frozenset[str],
    scores: tuple[float | None, float | None],
) -> list[FieldChange]:
    changes: list[FieldChange] = []

    def note(category: str, name: str, before: Value, after: Value) -> None:
        if before != after:
            changes.append(FieldChange(category, "objective", new.id, name, before, after))

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
        changes += _new_sources([after[kr_id]])
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


def _new_sources(key_results: Iterable[KeyResult]) -> list[FieldChange]:
    return [
        FieldChange("source", "key result", kr.id, "source", None, source_text(kr))
        for kr in key_results
        if kr.source is not None
    ]


def _links(links: Sequence[Link]) -> list[str]:
    return [f"{link.title} <{link.url}>" for link in links]


def _notes(old: KeyResult, new: KeyResult) -> list[tuple[str | None, str | None]]:
    """Check-in notes added or edited, each as "date: note" text (old, new)."""
    changed: list[tuple[str | None, str | None]] = []
    for position, checkin in enumerate(new.checkins):
        before = old.checkins[position] if position < len(old.checkins) else None
        was = before.note if before is not None and before.date == checkin.date else None
        if checkin.note != was and checkin.note is not None:
            shown_was = None if was is None else f"{checkin.date}: {was}"
            changed.append((shown_was, f"{checkin.date}: {checkin.note}"))
    return changed


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _confidence(kr: KeyResult) -> float | None:
    """The owner's latest word on the odds: the last check-in's confidence, else the KR's."""
    for checkin in reversed(kr.checkins):
        if checkin.confidence is not None:
            return checkin.confidence
    return kr.confidence


def _key_result(old: KeyResult, new: KeyResult, loud: bool) -> list[FieldChange]:
    changes: list[FieldChange] = []

    def note(category: str, name: str, before: Value, after: Value) -> None:
        if before != after:
            flag = loud and category == "goalpost"
            changes.append(FieldChange(category, "key result", new.id, name, before, after, flag))

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
    note("progress", "checkins", len(old.checkins), len(new.checkins))
    for was, now in _notes(old, new):
        changes.append(FieldChange("progress", "key result", new.id, "note", was, now))
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


# --------------------------------------------------------------------------- organisation


def organization(old: Organization | None, new: Organization | None) -> list[FieldChange]:
    """Units, people and periods added, removed or changed in the organisation file."""
    if old is None or new is None or old == new:
        return []
    changes: list[FieldChange] = []

    def section(
        of: Literal["unit", "person", "period"],
        before: Mapping[str, object],
        after: Mapping[str, object],
        fields: Sequence[str],
    ) -> None:
        for ref in sorted(before.keys() - after.keys()):
            changes.append(FieldChange("organization", of, ref, "removed", ref, None))
        for ref in sorted(after.keys() - before.keys()):
            changes.append(FieldChange("organization", of, ref, "added", None, ref))
        for ref in sorted(before.keys() & after.keys()):
            for name in fields:
                was, now = getattr(before[ref], name), getattr(after[ref], name)
                if was != now:
                    shown_was = str(was) if name in ("start", "end") else was
                    shown_now = str(now) if name in ("start", "end") else now
                    changes.append(FieldChange("organization", of, ref, name, shown_was, shown_now))

    section(
        "unit",
        {u.id: u for u in old.units},
        {u.id: u for u in new.units},
        ("name", "parent", "lead"),
    )
    section(
        "person",
        {p.id: p for p in old.people},
        {p.id: p for p in new.people},
        ("name", "unit", "github"),
    )
    section(
        "period",
        {p.id: p for p in old.periods},
        {p.id: p for p in new.periods},
        ("start", "end", "closed"),
    )
    return changes


def closed_periods(*organizations: Organization | None) -> set[str]:
    """Ids of the periods closed in any of the organisations."""
    return {p.id for org in organizations if org for p in org.periods if p.closed}
