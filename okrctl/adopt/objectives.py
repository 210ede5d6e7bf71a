"""The data of one objective's file: the objective and its key results, as `okrctl` writes them.

Ids, owners, levels and contributors are chosen here; units, people and periods come from the
organisation being built (`organisation.State`), which these functions add to as they go.
"""

from __future__ import annotations

from typing import Any

from okrctl.adopt.ids import is_id, not_an_id
from okrctl.adopt.organisation import (
    State,
    ancestors,
    encloses,
    person_id,
    place_unit,
    unit_id,
)
from okrctl.adopt.records import Category, Item
from okrctl.lifecycle.scaffold import slugify
from okrctl.model import API_VERSION

KEY_RESULT_FIELDS = (
    "id",
    "title",
    "description",
    "owner",
    "kind",
    "metric",
    "unit",
    "baseline",
    "target",
    "current",
    "direction",
    "weight",
    "confidence",
    "done",
    "status",
    "dropped_reason",
    "score",
    "links",
    "checkins",
)
"""The order key results' fields are written in (the objective's is the order of its dict)."""
MAX_KR_ID = 40
MAX_TITLE = 300
STAND_IN_ID = "objective-met"
"""The id of the milestone an objective the source gives no key results is measured by."""


def cut_title(state: State, item: Item) -> tuple[str, str | None]:
    """The title, cut at a word under okrctl's limit when longer (the rest goes to the
    description, reported)."""
    title = " ".join(item.title.split())
    if len(title) <= MAX_TITLE:
        return title, None
    cut = title.rfind(" ", 0, MAX_TITLE - 2)
    cut = cut if cut > MAX_TITLE // 2 else MAX_TITLE - 2
    state.note(
        item,
        Category.GUESSED,
        f"title of {len(title)} characters cut at a word under {MAX_TITLE}: the rest is in the "
        "description",
        "cut-title",
    )
    return title[:cut].rstrip() + " …", "… " + title[cut:].strip()


def unique(base: str, taken: set[str], suffix: str) -> str:
    if base not in taken:
        return base
    candidate = f"{base}-{suffix}" if suffix else base
    number = 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def own_id(state: State, item: Item) -> str | None:
    """The id the source gives the item, when it passes `okrctl check`'s id rule; else None, and
    an error (the import stops: an id names a file, and `../x` would name one elsewhere)."""
    if item.id is None:
        return None
    if is_id(item.id):
        return item.id
    what = "objective id" if item.kind == "objective" else "key result id"
    state.note(item, Category.ERROR, not_an_id(what, item.id))
    return None


def _description(item: Item, extra: list[str]) -> str | None:
    parts = [item.description] if item.description else []
    if item.tags:
        parts.append("Tags: " + ", ".join(item.tags))
    if item.co_owners:
        joiner = "; " if any("," in name for name in item.co_owners) else ", "
        parts.append("Co-owners: " + joiner.join(item.co_owners))
    parts.extend(extra)
    text = "\n\n".join(parts).strip()
    return text[:20_000] or None


def _links(item: Item) -> list[dict[str, str]] | None:
    seen: dict[str, str] = {}
    for link in item.links:
        seen.setdefault(link.url, link.title)
    return [{"title": t[:300], "url": u} for u, t in seen.items()] or None


def objective_data(
    state: State,
    item: Item,
    key_results: list[Item],
    ids: dict[int, str],
    unit_of: dict[int, str],
    period_of: dict[int, str | None],
    by_key: dict[int, Item],
    has_children: set[str | None],
) -> dict[str, Any] | None:
    period = period_of[item.key]
    if period is None:
        return None
    unit = unit_of[item.key]
    title, rest = cut_title(state, item)
    extra: list[str] = [rest] if rest else []
    if item.result and item.kind == "objective":
        extra.append(f"Result stated in the source: {item.result}")
    parent = by_key.get(item.parent) if item.parent is not None else None
    parent_id = _parent_id(state, item, parent, ids, unit_of, period_of, extra)
    owner = _objective_owner(state, item, unit)
    level = _level(state, item, parent_id, unit, has_children)
    contributors = _contributors(state, item, unit)
    results: list[dict[str, Any]] = []
    taken: set[str] = set()
    for kr in key_results:
        data = _key_result(state, kr, taken, owner, unit, period, contributors)
        if data is not None:
            results.append(data)
    return {
        "apiVersion": API_VERSION,
        "kind": "Objective",
        "id": ids[item.key],
        "title": title,
        "description": _description(item, extra),
        "level": level,
        "type": item.type if item.type in ("committed", "aspirational") else None,
        "unit": unit,
        "owner": owner,
        "contributors": contributors or None,
        "period": period,
        "parent": parent_id,
        "carried_from": item.carried_from,
        "weight": item.weight,
        "status": "dropped" if item.dropped else None,
        "dropped_reason": _dropped_reason(item) if item.dropped else None,
        "score": item.score,
        "links": _links(item),
        "key_results": results,
    }


def _dropped_reason(item: Item) -> str:
    if item.moved:
        return f"Moved on in the source: {item.dropped_reason or 'moved'}"[:20_000]
    return (item.dropped_reason or "Struck through in the source")[:20_000]


def _parent_id(
    state: State,
    item: Item,
    parent: Item | None,
    ids: dict[int, str],
    unit_of: dict[int, str],
    period_of: dict[int, str | None],
    extra: list[str],
) -> str | None:
    """The id of the objective `item` supports, when its unit and period allow; else None, and
    the objective it supports is added to `extra` (for the description)."""
    if parent is None:
        return None
    period, unit = period_of[item.key], unit_of[item.key]
    parent_period = period_of[parent.key]
    same_line = unit_of[parent.key] in ancestors(state, unit)
    enclosing = (
        parent_period is not None and period is not None and encloses(state, parent_period, period)
    )
    if same_line and enclosing:
        return ids[parent.key]
    why = (
        "its unit is not above this one"
        if not same_line
        else "its period does not enclose this one"
    )
    state.note(
        item,
        Category.GUESSED,
        f"supports {parent.title!r}, but {why}: kept in the description",
        "parent-lost",
    )
    extra.append(f"Supports: {parent.title}")
    return None


def _objective_owner(state: State, item: Item, unit: str) -> str:
    """The objective's owner: the person named, the unit named, or its own unit."""
    owner = None
    if item.owner:
        owner = person_id(state, item.owner, item.owner_name, unit, item, item.owner_github)
        if owner is None:  # the name of a unit: a team owns it
            owner = unit_id(state, item.owner, item)
            state.note(item, Category.MAPPED, f"owner {item.owner!r} is the unit {owner!r}")
    if owner is None:
        owner = unit
        state.note(item, Category.GUESSED, f"no owner named: the unit {unit!r} owns it")
    return owner


def _level(
    state: State, item: Item, parent_id: str | None, unit: str, has_children: set[str | None]
) -> str:
    """The objective's level: as given, or operational when it supports one and its unit has
    none under it."""
    level = item.level
    if level not in ("strategic", "operational"):
        return "operational" if parent_id and unit not in has_children else "strategic"
    if level == "operational" and parent_id is None:
        state.note(item, Category.GUESSED, "operational, but supports nothing here: made strategic")
        return "strategic"
    return level


def _contributors(state: State, item: Item, unit: str) -> list[str]:
    """The units contributing to the objective (not its own), in order, each once."""
    contributors: list[str] = []
    for name in item.contributors:
        team = unit_id(state, name, item)
        if team != unit and team not in contributors:
            contributors.append(team)
    return contributors


def _key_result(
    state: State,
    item: Item,
    taken: set[str],
    owner: str,
    unit: str,
    period: str,
    contributors: list[str],
) -> dict[str, Any] | None:
    base = own_id(state, item) or slugify(item.title, MAX_KR_ID) or "key-result"
    identifier = unique(base, taken, "")
    taken.add(identifier)
    title, rest = cut_title(state, item)
    data: dict[str, Any] = {"id": identifier, "title": title}
    _key_result_owner(state, item, data, owner, unit, contributors)
    extra: list[str] = [rest] if rest else []
    data |= _key_result_values(item, identifier)
    note = item.note
    if item.progress is not None:
        progress = f"Progress in the source: {item.progress * 100:g}% (no target to measure it by)"
        note = f"{note} {progress}" if note else progress
        state.note(
            item, Category.GUESSED, f"progress {item.progress * 100:g}% kept as a check-in note"
        )
    if note:
        _latest_note(state, item, data, period, extra, note)
    data["description"] = _description(item, extra)
    data["links"] = _links(item)
    return {name: data.get(name) for name in KEY_RESULT_FIELDS}


def _key_result_owner(
    state: State,
    item: Item,
    data: dict[str, Any],
    owner: str,
    unit: str,
    contributors: list[str],
) -> None:
    """Set the key result's owner in `data` when it is not the objective's; a unit named on it
    contributes to the objective."""
    if item.unit:
        team = unit_id(state, item.unit, item)
        if team != unit:
            place_unit(state, team, unit)
            if team not in contributors:
                contributors.append(team)
            if not item.owner:
                data["owner"] = team
            state.note(
                item,
                Category.GUESSED,
                f"{item.unit!r} named on a key result: a contributor to the objective",
            )
    if item.owner:
        person = person_id(state, item.owner, item.owner_name, unit, item, item.owner_github)
        if person is not None and person != owner:
            data["owner"] = person


def _key_result_values(item: Item, identifier: str) -> dict[str, Any]:
    """The key result's measure (or milestone), weight, confidence, score and status."""
    data: dict[str, Any] = {}
    if item.measure is not None and not item.milestone:
        measure = item.measure
        data |= {
            "metric": item.metric or identifier,
            "unit": measure.unit[:40],
            "baseline": measure.baseline,
            "target": measure.target,
            "current": item.current,
            "direction": measure.direction if measure.baseline is None else None,
        }
    else:
        data["kind"] = "milestone"
        data["done"] = item.done
    if item.weight is not None:
        data["weight"] = item.weight
    if item.confidence is not None:
        data["confidence"] = item.confidence
    if item.score is not None:
        data["score"] = item.score
    if item.dropped:
        data["status"] = "dropped"
        data["dropped_reason"] = _dropped_reason(item)
    return data


def _latest_note(
    state: State, item: Item, data: dict[str, Any], period: str, extra: list[str], note: str
) -> None:
    """The source's note as a check-in dated today (within the period), or in the description
    when the period has not started."""
    start, end, _ = state.periods[period]
    if state.options.today < start:
        extra.append(f"Latest note: {note}")
        state.note(
            item,
            Category.GUESSED,
            "the period has not started: the note is kept in the description",
        )
    else:
        day = min(state.options.today, end)
        data["checkins"] = [{"date": day, "note": note[:20_000]}]
