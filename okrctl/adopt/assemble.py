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

from okrctl.adopt.ids import file_problem
from okrctl.adopt.naming import naming_notes
from okrctl.adopt.objectives import (
    KEY_RESULT_FIELDS,
    MAX_KR_ID,
    STAND_IN_ID,
    objective_data,
    own_id,
    unique,
)
from okrctl.adopt.organisation import (
    ORG_FILE,
    Options,
    State,
    additions,
    ancestors,
    attach_to_root,
    organization,
    period_id,
    place_unit,
    start_organization,
    unit_id,
)
from okrctl.adopt.records import Category, Item, Note, Source
from okrctl.lifecycle.newfile import modeline, render
from okrctl.lifecycle.scaffold import slugify

__all__ = [
    "KEY_RESULT_FIELDS",
    "MAX_KR_ID",
    "MAX_OBJECTIVE_ID",
    "ORG_FILE",
    "Options",
    "Plan",
    "assemble",
]
"""`Options` and `ORG_FILE` (from `organisation`) and the key result constants (from
`objectives`) are exported here too."""

MAX_OBJECTIVE_ID = 50


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
    written: list[dict[str, Any]] = field(default_factory=list)
    """The data of every objective file, in source order (the outline shows it)."""
    names: dict[str, str] = field(default_factory=dict)
    """Unit and person id -> name (the outline shows names)."""
    readings: list[tuple[str, str]] = field(default_factory=list)
    """(source file, how it was read) for each source that says."""
    nested: int = 0
    """Objectives the sources nest under another objective."""

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


def assemble(sources: list[Source], options: Options) -> Plan:
    """The files and report for everything the sources hold."""
    notes: list[Note] = [n for s in sources for n in s.notes]
    items = _merged_items(sources)
    state = State(options, notes)
    title = next((s.title for s in sources if s.title), None)
    org_name = start_organization(state, title)
    if options.existing is None and items:
        notes += naming_notes(sources, notes, title, options.name)
    plan = Plan(notes=notes)
    objectives, krs, children = _index(items)
    _describe_sources(plan, sources, objectives)
    _stand_ins(state, objectives, krs, children)
    by_key = {i.key: i for i in objectives}
    unit_of = _nest_units(state, objectives, by_key)
    period_of = {i.key: period_id(state, i) for i in objectives}
    _flag_duplicates(state, objectives, period_of, unit_of)
    ids = _assign_ids(state, objectives, period_of)
    has_children: set[str | None] = {u.parent for u in state.units.values() if u.parent}
    for item in objectives:
        data = objective_data(
            state, item, krs[item.key], ids, unit_of, period_of, by_key, has_children
        )
        if data is not None:
            _write_objective(state, plan, data, item, krs[item.key])
    attach_to_root(state)  # units first named by key results or contributors
    _names(plan, state)
    if options.existing is not None:
        plan.additions = additions(state)
    else:
        description = next((s.description for s in sources if s.description), None)
        org = organization(state, org_name, description)
        text = render(org, top=modeline(ORG_FILE, "organization.schema.json"))
        plan.files[ORG_FILE] = text
    return plan


def _describe_sources(plan: Plan, sources: list[Source], objectives: list[Item]) -> None:
    """What the outline and the summary say of the sources: how each was read, and how many
    objectives they nest."""
    plan.readings = [(s.file or "", s.reading) for s in sources if s.reading]
    plan.nested = sum(1 for i in objectives if i.parent is not None)


def _names(plan: Plan, state: State) -> None:
    """Unit and person names by id, for the outline."""
    plan.names = {u.id: u.name for u in state.units.values()}
    plan.names |= {p["id"]: p["name"] for p in state.people.values()}
    if state.options.existing is not None:
        plan.names |= {p.id: p.name for p in state.options.existing.people}


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


def _stand_ins(
    state: State,
    objectives: list[Item],
    krs: dict[int, list[Item]],
    children: dict[int, list[int]],
) -> None:
    """An objective the source gives no key results and nothing supports is measured by a
    milestone of its own title (`objective-met`), reported: `okrctl check` refuses an objective
    that nothing measures (OKR312), and leaving it out would lose it."""
    next_key = max((i.key for i in objectives), default=0) + 1
    for key_results in krs.values():
        next_key = max([next_key, *(k.key + 1 for k in key_results)])
    for item in objectives:
        if krs[item.key] or children[item.key] or item.dropped:
            continue
        done = None if item.score not in (0.0, 1.0) else item.score == 1.0
        krs[item.key].append(
            Item(
                key=next_key,
                kind="key_result",
                title=item.title,
                file=item.file,
                line=item.line,
                parent=item.key,
                period=item.period,
                id=STAND_IN_ID,
                milestone=True,
                done=done,
                description="The source gives this objective no key results: this milestone "
                "stands for the objective itself until you write them.",
            )
        )
        next_key += 1
        state.note(
            item,
            Category.GUESSED,
            f"objective {item.title!r} has no key results: measured by a milestone of its own "
            f"title ({STAND_IN_ID})",
            "stand-in",
        )


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
        base = own_id(state, item) or slugify(item.title, MAX_OBJECTIVE_ID) or "objective"
        identifier = unique(base, taken, (period_of[item.key] or "").lower())
        if identifier != base:
            state.note(
                item, Category.GUESSED, f"id {base!r} is taken: this objective is {identifier!r}"
            )
        taken.add(identifier)
        ids[item.key] = identifier
    return ids


def _write_objective(
    state: State, plan: Plan, data: dict[str, Any], item: Item, krs: list[Item]
) -> None:
    """Add the objective's file (and where its lines come from) to the plan; an error instead
    when its period, unit or id would not name a file inside its folder."""
    file = f"okrs/{data['period']}/{data['unit']}/{data['id']}.yaml"
    problem = file_problem(file)
    if problem is not None:
        state.note(item, Category.ERROR, f"cannot name the objective's file: {problem}")
        return
    text = render(data, top=modeline(file))
    plan.files[file] = text
    plan.written.append(data)
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
