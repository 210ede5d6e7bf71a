"""From items to a plan: ids, units, people, periods, the files' data, and the import report.

Pure: the plan comes from the items, the options and (when importing into an existing
repository) its organisation, so the same input always gives the same files. The files are not
validated here: `session` runs `okrctl check` on the whole plan, which validates every file and
maps each problem back to the source line of the objective it is in. Names become ids
by `slugify`; an id already taken gets the period, then a number. Units nest as the source nests
them, or as their objectives support each other; what has no unit above it goes under the
organisation's root unit. An objective named by no person is owned by its unit (a team owner).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from okrctl.adopt.organisation import (
    ORG_FILE,
    Options,
    State,
    additions,
    ancestors,
    attach_to_root,
    encloses,
    organization,
    period_id,
    person_id,
    place_unit,
    start_organization,
    unit_id,
)
from okrctl.adopt.records import Category, Item, Note, Source
from okrctl.lifecycle.render import modeline, render
from okrctl.lifecycle.scaffold import slugify
from okrctl.model import API_VERSION

__all__ = [
    "KEY_RESULT_FIELDS",
    "MAX_KR_ID",
    "MAX_OBJECTIVE_ID",
    "ORG_FILE",
    "Options",
    "Plan",
    "assemble",
]
"""`Options` and `ORG_FILE` are defined in `organisation` and exported here too."""

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
MAX_OBJECTIVE_ID = 50
MAX_KR_ID = 40


@dataclass
class Plan:
    """What an import writes: path -> text, and the report."""

    files: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    objectives: int = 0
    key_results: int = 0
    additions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """For an existing organisation file: the units, people and periods to append to it."""
    origin: dict[str, list[tuple[int, str, int]]] = field(default_factory=dict)
    """Written file -> (first line in it, source file, source line) of the objective and of
    each key result, in order."""

    def source_of(self, file: str, line: int) -> tuple[str, int]:
        """The source file and line that line `line` of the written `file` comes from."""
        found = (file, line)
        for first, source, source_line in self.origin.get(file, []):
            if first <= line:
                found = (source, source_line)
        return found

    @property
    def failed(self) -> bool:
        return any(n.category == Category.ERROR for n in self.notes)


def _unique(base: str, taken: set[str], suffix: str) -> str:
    if base not in taken:
        return base
    candidate = f"{base}-{suffix}" if suffix else base
    number = 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def assemble(sources: list[Source], options: Options) -> Plan:
    """The files and report for everything the sources hold."""
    notes: list[Note] = [n for s in sources for n in s.notes]
    items = _merged_items(sources)
    state = State(options, notes)
    title = next((s.title for s in sources if s.title), None)
    org_name = start_organization(state, title)
    plan = Plan(notes=notes)
    objectives, krs, children = _index(items)
    objectives = _prune(state, objectives, krs, children)
    by_key = {i.key: i for i in objectives}
    unit_of = _nest_units(state, objectives, by_key)
    period_of = {i.key: period_id(state, i) for i in objectives}
    _flag_duplicates(state, objectives, period_of, unit_of)
    ids = _assign_ids(state, objectives, period_of)
    has_children: set[str | None] = {u.parent for u in state.units.values() if u.parent}
    for item in objectives:
        data = _objective(state, item, krs[item.key], ids, unit_of, period_of, by_key, has_children)
        if data is not None:
            _write_objective(plan, data, item, krs[item.key])
    attach_to_root(state)  # units first named by key results or contributors
    if options.existing is not None:
        plan.additions = additions(state)
    else:
        description = next((s.description for s in sources if s.description), None)
        org = organization(state, org_name, description)
        text = render(org, top=modeline(ORG_FILE, "organization.schema.json"))
        plan.files[ORG_FILE] = text
    return plan


def _merged_items(sources: list[Source]) -> list[Item]:
    """Every source's items, their keys (and parents) shifted so they are unique across sources."""
    items: list[Item] = []
    offset = 0
    for source in sources:
        for item in source.items:
            parent = item.parent + offset if item.parent is not None else None
            items.append(replace(item, key=item.key + offset, parent=parent) if offset else item)
        offset += max((i.key for i in source.items), default=0) + 1
    return items


def _index(
    items: list[Item],
) -> tuple[list[Item], dict[int, list[Item]], dict[int, list[int]]]:
    """The objectives, each objective's key results, and the objectives supporting each."""
    objectives = [i for i in items if i.kind == "objective"]
    krs: dict[int, list[Item]] = {i.key: [] for i in objectives}
    children: dict[int, list[int]] = {i.key: [] for i in objectives}
    for item in items:
        if item.kind == "key_result" and item.parent in krs:
            krs[item.parent].append(item)
        elif item.kind == "objective" and item.parent in children:
            children[item.parent].append(item.key)
    return objectives, krs, children


def _prune(
    state: State,
    objectives: list[Item],
    krs: dict[int, list[Item]],
    children: dict[int, list[int]],
) -> list[Item]:
    """Leave out objectives with neither key results nor supporting objectives (repeatedly)."""
    kept = {i.key for i in objectives}
    changed = True
    while changed:
        changed = False
        for item in objectives:
            if (
                item.key in kept
                and not krs[item.key]
                and not any(c in kept for c in children[item.key])
            ):
                kept.discard(item.key)
                changed = True
                state.note(
                    item,
                    Category.UNREAD,
                    f"objective {item.title!r} has no key results "
                    "and nothing supports it: not imported",
                )
    return [i for i in objectives if i.key in kept]


def _nest_units(state: State, objectives: list[Item], by_key: dict[int, Item]) -> dict[int, str]:
    """Each objective's unit, with the units nested as the source and the objectives say."""
    unit_of: dict[int, str] = {}
    for item in objectives:
        unit_of[item.key] = unit_id(state, item.unit, item)
        if item.unit_parent:
            place_unit(state, unit_of[item.key], unit_id(state, item.unit_parent, item))
    supported = [
        (unit_of[i.key], unit_of[i.parent]) for i in objectives if i.parent in by_key
    ]  # (unit, unit of the objective it supports)
    for below, above in supported:
        place_unit(state, below, above)
    for below, above in supported:  # a more specific unit above: place the unit under it
        _move_under_specific(state, below, above)
    attach_to_root(state)
    return unit_of


def _move_under_specific(state: State, below: str, above: str) -> None:
    """Place `below` under `above` when `above` is a more specific unit than its parent."""
    current = state.units[below].parent
    chain = ancestors(state, above)
    movable = state.options.existing is None or below in state.new_units
    if movable and above not in ancestors(state, below) and current in chain and below not in chain:
        state.units[below].parent = above


def _flag_duplicates(
    state: State,
    objectives: list[Item],
    period_of: dict[int, str | None],
    unit_of: dict[int, str],
) -> None:
    """An error for each objective with the title of an earlier one in its unit and period."""
    seen: dict[tuple[str, str | None, str], Item] = {}
    for item in objectives:
        same = (item.title.casefold(), period_of[item.key], unit_of[item.key])
        if same in seen:
            first = seen[same]
            where = (
                f"line {first.line}" if first.file == item.file else f"{first.file}:{first.line}"
            )
            state.note(item, Category.ERROR, f"objective {item.title!r} is also at {where}, in "
                       "the same unit and period: merge them or rename one")  # fmt: skip
        seen.setdefault(same, item)


def _assign_ids(
    state: State, objectives: list[Item], period_of: dict[int, str | None]
) -> dict[int, str]:
    """Each objective's id: its own or its title's slug, made unique."""
    taken = set(state.options.taken)
    ids: dict[int, str] = {}
    for item in objectives:
        base = item.id or slugify(item.title, MAX_OBJECTIVE_ID) or "objective"
        identifier = _unique(base, taken, (period_of[item.key] or "").lower())
        if identifier != base:
            state.note(
                item, Category.GUESSED, f"id {base!r} is taken: this objective is {identifier!r}"
            )
        taken.add(identifier)
        ids[item.key] = identifier
    return ids


def _write_objective(plan: Plan, data: dict[str, Any], item: Item, krs: list[Item]) -> None:
    """Add the objective's file (and where its lines come from) to the plan."""
    file = f"okrs/{data['period']}/{data['unit']}/{data['id']}.yaml"
    text = render(data, top=modeline(file))
    plan.files[file] = text
    plan.origin[file] = _origin(text, item, krs, data["key_results"])
    plan.objectives += 1
    plan.key_results += len(data["key_results"])


def _origin(
    text: str, item: Item, sources: list[Item], results: list[dict[str, Any]]
) -> list[tuple[int, str, int]]:
    """Where the objective and each key result start in the written text, and their source."""
    found = [(1, item.file, item.line)]
    lines = text.split("\n")
    position = 0
    for source, result in zip(sources, results, strict=True):
        start = f"  - id: {result['id']}"
        while position < len(lines) and lines[position] != start:
            position += 1
        if position < len(lines):
            found.append((position + 1, source.file, source.line))
    return found


def _description(item: Item, extra: list[str]) -> str | None:
    parts = [item.description] if item.description else []
    if item.tags:
        parts.append("Tags: " + ", ".join(item.tags))
    parts.extend(extra)
    text = "\n\n".join(parts).strip()
    return text[:20_000] or None


def _links(item: Item) -> list[dict[str, str]] | None:
    seen: dict[str, str] = {}
    for link in item.links:
        seen.setdefault(link.url, link.title)
    return [{"title": t[:300], "url": u} for u, t in seen.items()] or None


def _objective(
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
    extra: list[str] = []
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
        "title": item.title,
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
        "dropped_reason": (item.dropped_reason or "Struck through in the source")
        if item.dropped
        else None,
        "score": item.score,
        "links": _links(item),
        "key_results": results,
    }


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
        item, Category.GUESSED, f"supports {parent.title!r}, but {why}: kept in the description"
    )
    extra.append(f"Supports: {parent.title}")
    return None


def _objective_owner(state: State, item: Item, unit: str) -> str:
    """The objective's owner: the person named, the unit named, or its own unit."""
    owner = None
    if item.owner:
        owner = person_id(state, item.owner, item.owner_name, unit, item)
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
    base = item.id or slugify(item.title, MAX_KR_ID) or "key-result"
    identifier = _unique(base, taken, "")
    taken.add(identifier)
    data: dict[str, Any] = {"id": identifier, "title": item.title}
    _key_result_owner(state, item, data, owner, unit, contributors)
    extra: list[str] = []
    data |= _key_result_values(item, identifier)
    if item.note:
        _latest_note(state, item, data, period, extra)
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
        person = person_id(state, item.owner, item.owner_name, unit, item)
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
        data["dropped_reason"] = item.dropped_reason or "Struck through in the source"
    return data


def _latest_note(
    state: State, item: Item, data: dict[str, Any], period: str, extra: list[str]
) -> None:
    """The source's note as a check-in dated today (within the period), or in the description
    when the period has not started."""
    start, end, _ = state.periods[period]
    if state.options.today < start:
        extra.append(f"Latest note: {item.note}")
        state.note(
            item,
            Category.GUESSED,
            "the period has not started: the note is kept in the description",
        )
    else:
        day = min(state.options.today, end)
        data["checkins"] = [{"date": day, "note": (item.note or "")[:20_000]}]
