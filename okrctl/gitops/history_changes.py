"""The changes to a key result's recorded history: its check-ins, field by field. Pure.

Check-ins are history: once recorded, a reader (and the site's chart) takes them as what was
measured and said on that day. A change adds check-ins after the last one (progress), or it
rewrites the record: a check-in removed, one whose value, date, confidence, author or note
changed, or one added before the latest recorded day (backdated). Every one of these is a
`FieldChange`; rewrites carry `rewrite=True`, so each output format shows them loudly.

The two lists are aligned as a diff aligns lines (difflib's longest matching blocks), so that
inserting a check-in in the middle shows one check-in added, not every later one changed;
within a block that differs, check-ins of the same day are paired as one check-in rewritten.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from difflib import SequenceMatcher

from okrctl.gitops.changes import FieldChange, Value
from okrctl.model import CheckIn

FIELDS = ("date", "value", "confidence", "by", "note")
"""A check-in's fields, in the order a rewrite of each is listed."""


def summary(checkin: CheckIn) -> str:
    """A check-in in one line: `2026-11-20: value 15, confidence 0.8, by ana, note "..."`."""
    shown = [
        f"{name} {_shown(getattr(checkin, name))}"
        for name in FIELDS[1:]
        if getattr(checkin, name) is not None
    ]
    return f"{checkin.date}: {', '.join(shown) or 'empty'}"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return f"{value:g}"
    if isinstance(value, str) and (not value or " " in value):  # a note, in quotes
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _key(checkin: CheckIn) -> tuple[object, ...]:
    return tuple(getattr(checkin, name) for name in FIELDS)


def _value(value: object) -> Value:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str | float | int | bool) or value is None else str(value)


def checkin_changes(
    kr_id: str, old: Sequence[CheckIn], new: Sequence[CheckIn]
) -> list[FieldChange]:
    """The changes from the check-ins `old` to `new` of the key result `kr_id`."""
    changes: list[FieldChange] = []
    latest = max((c.date for c in old), default=None)
    matcher = SequenceMatcher(None, [_key(c) for c in old], [_key(c) for c in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = list(old[i1:i2]), list(new[j1:j2])
        for before, after in _pairs(removed, added):
            removed.remove(before)
            added.remove(after)
            changes += _rewritten(kr_id, before, after)
        changes += [_entry(kr_id, c, "removed", True) for c in removed]
        changes += [
            _entry(kr_id, c, "added", latest is not None and c.date < latest) for c in added
        ]
    return changes


def _pairs(removed: list[CheckIn], added: list[CheckIn]) -> list[tuple[CheckIn, CheckIn]]:
    """The check-ins of a block that differs which are one check-in edited: those of the same
    day first, then the rest in order (a check-in whose day changed)."""
    pairs: list[tuple[CheckIn, CheckIn]] = []
    left, right = list(removed), list(added)
    for before in list(left):
        after = next((c for c in right if c.date == before.date), None)
        if after is not None:
            pairs.append((before, after))
            left.remove(before)
            right.remove(after)
    return pairs + list(zip(left, right, strict=False))


def _entry(kr_id: str, checkin: CheckIn, status: str, rewrite: bool) -> FieldChange:
    """A check-in added or removed: progress, or (removed, backdated) history rewritten."""
    text = summary(checkin)
    old, new = (None, text) if status == "added" else (text, None)
    category = "history" if rewrite else "progress"
    return FieldChange(
        category,
        "key result",
        kr_id,
        f"checkin {status}",
        old,
        new,
        at=str(checkin.date),
        rewrite=rewrite,
    )


def _rewritten(kr_id: str, before: CheckIn, after: CheckIn) -> list[FieldChange]:
    """The fields of one recorded check-in that changed (its day the same on both sides)."""
    return [
        FieldChange(
            "history",
            "key result",
            kr_id,
            f"checkin.{name}",
            _value(getattr(before, name)),
            _value(getattr(after, name)),
            at=str(before.date),
            rewrite=True,
        )
        for name in FIELDS
        if getattr(before, name) != getattr(after, name)
    ]


RECORDED = frozenset({"grade", "retrospective"})
"""Fields that record a verdict once the period is over: given once, changing them rewrites it."""


def rewrite(category: str, field: str, before: Value, after: Value) -> tuple[str, bool]:
    """The category of a change to `field`, and whether it rewrites history: a grade or a
    retrospective given the first time is `category`; changing one already given is history
    rewritten. Any other field keeps `category`."""
    if field in RECORDED and before is not None and before != after:
        return "history", True
    return category, False
