"""The semantic comparison of two revisions' objectives and organisations. Pure.

Objectives are matched by id; an objective whose file git saw renamed and whose id changed with
it is a rename, not a removal and an addition. A file that does not load on one side is never
taken for a removal or an addition: the diff lists it as unreadable instead. What changed within
a matched objective is `field_changes`' work; the records are in `changes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from okrctl import index
from okrctl.gitops.changes import CATEGORIES, FieldChange, ObjectiveChange, Unreadable
from okrctl.gitops.documents import Document
from okrctl.gitops.field_changes import field_changes, new_sources
from okrctl.model import Objective, Organization
from okrctl.scoring import DEFAULT_ROLLUP, Rollup, effective_scores

Scores = Mapping[str, float | None]
"""Effective score by objective id, on one side."""

# --------------------------------------------------------------------------- objectives


def objectives(
    base: Mapping[str, Document],
    head: Mapping[str, Document],
    renames: Mapping[str, str],
    closed: Iterable[str] = (),
    scores: tuple[Scores, Scores] | None = None,
) -> tuple[list[ObjectiveChange], list[Unreadable]]:
    """Compare the objectives of the changed files of both sides.

    `renames` maps a base file to its head file; `closed` lists the ids of closed periods;
    `scores` are each side's effective scores (`okrctl.scoring.effective_scores` over the side's
    whole cascade), by default those of the changed files alone.
    """
    both = scores if scores is not None else (_scores(base), _scores(head))
    matched = _match(base, head, renames)
    unreadable = _unreadable(base, head)
    hidden = _Hidden.of(base, head, unreadable, renames)
    results = [
        _removed(doc) for i, doc in sorted(matched.removed.items()) if not hidden.removal(i, doc)
    ]
    results += [
        _added(doc) for i, doc in sorted(matched.added.items()) if not hidden.addition(i, doc)
    ]
    closed_ids = frozenset(closed)
    for old_doc, new_doc in matched.pairs:
        change = _changed(old_doc, new_doc, closed_ids, both)
        if change is not None:
            results.append(change)
    results.sort(key=lambda r: (_STATUS_ORDER[r.status], r.id, r.file or "", r.old_file or ""))
    return results, unreadable


_STATUS_ORDER = {"added": 0, "removed": 1, "changed": 2}
"""Added objectives are listed first, then removed ones, then changed ones."""


@dataclass(frozen=True)
class _Matched:
    """The objectives of both sides, matched: pairs of one objective's two versions (same id, or
    a renamed file), and by id those found on the base side only and on the head side only."""

    pairs: list[tuple[Document, Document]]
    removed: dict[str, Document]
    added: dict[str, Document]


def _match(
    base: Mapping[str, Document], head: Mapping[str, Document], renames: Mapping[str, str]
) -> _Matched:
    """Pair objectives by id first, then the rest by a file rename git found."""
    before, after = _by_id(base), _by_id(head)
    pairs = [(before.pop(i), after.pop(i)) for i in sorted(before.keys() & after.keys())]
    head_files = {doc.name: objective_id for objective_id, doc in after.items()}
    for objective_id, doc in sorted(before.items()):
        target = renames.get(doc.name)
        if target is not None and target in head_files:
            pairs.append((before.pop(objective_id), after.pop(head_files[target])))
    return _Matched(pairs, before, after)


def _unreadable(base: Mapping[str, Document], head: Mapping[str, Document]) -> list[Unreadable]:
    """The files that do not load or validate, on either side, by file then side."""
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
    return sorted(unreadable, key=lambda u: (u.file, u.side))


@dataclass(frozen=True)
class _Hidden:
    """What the unreadable files hide: an objective missing on one side only because its file
    there does not load (by the ids the file still shows, or by its name) is neither removed
    nor added."""

    base_ids: frozenset[str]
    head_ids: frozenset[str]
    files: frozenset[str]
    renames: Mapping[str, str]

    @classmethod
    def of(
        cls,
        base: Mapping[str, Document],
        head: Mapping[str, Document],
        unreadable: Iterable[Unreadable],
        renames: Mapping[str, str],
    ) -> _Hidden:
        return cls(
            _unloaded_ids(base), _unloaded_ids(head), frozenset(u.file for u in unreadable), renames
        )

    def removal(self, objective_id: str, doc: Document) -> bool:
        """The base objective may still be there on the head side, in a file that does not load."""
        head_file = self.renames.get(doc.name, doc.name)
        return objective_id in self.head_ids or head_file in self.files

    def addition(self, objective_id: str, doc: Document) -> bool:
        """The head objective may have been there on the base side, in a file that did not load."""
        old_names = {old for old, new in self.renames.items() if new == doc.name} | {doc.name}
        return objective_id in self.base_ids or not old_names.isdisjoint(self.files)


def _unloaded_ids(documents: Mapping[str, Document]) -> frozenset[str]:
    """The ids seen in the files that do not load."""
    return frozenset(i for d in documents.values() if d.model is None for i in d.ids)


def _removed(doc: Document) -> ObjectiveChange:
    o = _objective(doc)
    return ObjectiveChange("removed", o.id, o.title, o.unit, o.period, None, doc.name)


def _added(doc: Document) -> ObjectiveChange:
    """An added objective, with the metric sources it brings (code that sync will run)."""
    o = _objective(doc)
    sources = tuple(new_sources(o.key_results))
    return ObjectiveChange("added", o.id, o.title, o.unit, o.period, doc.name, changes=sources)


def _changed(
    old_doc: Document,
    new_doc: Document,
    closed: frozenset[str],
    scores: tuple[Scores, Scores],
) -> ObjectiveChange | None:
    """What changed between one objective's two versions, or None when nothing did."""
    old, new = _objective(old_doc), _objective(new_doc)
    changes = field_changes(old, new, closed, (scores[0].get(old.id), scores[1].get(new.id)))
    if old_doc.name != new_doc.name:
        moved = FieldChange("renamed", "objective", new.id, "file", old_doc.name, new_doc.name)
        changes.insert(0, moved)
    if not changes:
        return None
    return ObjectiveChange(
        "changed",
        new.id,
        new.title,
        new.unit,
        new.period,
        new_doc.name,
        old_doc.name,
        old.id if old.id != new.id else None,
        tuple(_ordered(changes)),
    )


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
    """The objective of a document known to hold one."""
    assert document.objective is not None
    return document.objective


def _problems(document: Document) -> tuple[str, ...]:
    shown = sorted(document.diagnostics, key=lambda d: d.sort_key)[:3]
    return tuple(f"{d.code} {d.line}:{d.column} {d.message}" for d in shown)


def _ordered(changes: Sequence[FieldChange]) -> list[FieldChange]:
    rank = {name: i for i, name in enumerate(CATEGORIES)}
    return sorted(changes, key=lambda c: rank[c.category])  # stable: keeps field order within


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
        ("name", "parent", "lead", "headcount", "description"),
    )
    section(
        "person",
        {p.id: p for p in old.people},
        {p.id: p for p in new.people},
        ("name", "unit", "github", "email"),
    )
    section(
        "period",
        {p.id: p for p in old.periods},
        {p.id: p for p in new.periods},
        ("start", "end", "closed", "name"),
    )
    return changes


def closed_periods(*organizations: Organization | None) -> set[str]:
    """Ids of the periods closed in any of the organisations."""
    return {p.id for org in organizations if org for p in org.periods if p.closed}
