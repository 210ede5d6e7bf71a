"""`.github/CODEOWNERS` generated from the organisation file. Pure: an organisation in, text out.

Each unit's OKR files (`okrs/<period>/<unit>/`) are owned by the unit's lead, through the
person's `github` handle, so GitHub asks that lead to review every pull request touching them;
a unit whose lead has no handle falls back to the nearest unit above it that has one. The
organisation file is owned by the lead of the root unit. Only ids and validated handles are
written (never names or titles), so nothing in the organisation file can add a line.

An objective owned by another unit (a team owns it: `owner` names a unit) or shared with
`contributors` gets a line of its own after the folders' (GitHub applies the last matching
pattern): its unit's reviewer, the owning unit's lead and each contributor's lead review it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from okrctl.model import Objective, Organization, Unit
from okrctl.workspace import DEFAULT_DIR

PATH = ".github/CODEOWNERS"
_SPECIAL = re.compile(r"([\s#!\[\]*?\\])")


@dataclass(frozen=True)
class Rule:
    """One line of CODEOWNERS: a path pattern and who owns it, with why as a comment."""

    pattern: str
    owners: tuple[str, ...]
    comment: str


def _escape(path: str) -> str:
    return _SPECIAL.sub(r"\\\1", path)


def _handle(org: Organization, person_id: str | None) -> str | None:
    for person in org.people:
        if person.id == person_id and person.github:
            return f"@{person.github}"
    return None


def _tree(org: Organization) -> list[Unit]:
    """Units depth first from the roots, children in id order (cycle-safe)."""
    children: dict[str | None, list[Unit]] = {}
    known = {u.id for u in org.units}
    for unit in org.units:
        parent = unit.parent if unit.parent in known else None
        children.setdefault(parent, []).append(unit)
    ordered: list[Unit] = []
    seen: set[str] = set()

    def visit(start: Unit) -> None:
        """Depth first with an explicit stack: units nested thousands deep are fine."""
        stack = [start]
        while stack:
            unit = stack.pop()
            if unit.id in seen:
                continue
            seen.add(unit.id)
            ordered.append(unit)
            stack.extend(sorted(children.get(unit.id, []), key=lambda u: u.id, reverse=True))

    for root in sorted(children.get(None, []), key=lambda u: u.id):
        visit(root)
    for unit in sorted(org.units, key=lambda u: u.id):  # units caught in a cycle
        visit(unit)
    return ordered


def _reviewer(
    org: Organization, units: Mapping[str, Unit], unit_id: str
) -> tuple[str | None, Unit | None]:
    """The handle of the unit's lead, else of the nearest lead above it with one (cycle-safe),
    and the unit it comes from."""
    source = units.get(unit_id)
    seen: set[str] = set()
    while source is not None and source.id not in seen:
        seen.add(source.id)
        owner = _handle(org, source.lead)
        if owner is not None:
            return owner, source
        source = units.get(source.parent) if source.parent else None
    return None, None


def _extra_units(objective: Objective, units: Mapping[str, Unit]) -> list[str]:
    """The known units other than its own that own or share the objective, owner first."""
    extra = [u for u in (objective.owner, *objective.contributors) if u in units]
    return [u for u in dict.fromkeys(extra) if u != objective.unit]


def _shared_comment(objective: Objective, extra: list[str]) -> str:
    """Why an objective has a line of its own: owned by another unit, shared, or both."""
    why = []
    if objective.owner in extra:
        why.append(f"owned by unit {objective.owner}")
    shared = [u for u in extra if u in objective.contributors]
    if shared:
        why.append(f"shared with {', '.join(shared)}")
    return f"objective {objective.id} of {objective.unit}: " + "; ".join(why)


def _shared(
    org: Organization, units: Mapping[str, Unit], objectives: Iterable[tuple[str, Objective]]
) -> list[Rule]:
    """A rule per objective (in file order) owned by another unit or shared with contributors:
    the reviewers of its own unit and of each of those."""
    found: list[Rule] = []
    for file, objective in sorted(objectives, key=lambda item: item[0]):
        extra = _extra_units(objective, units)
        if not extra or objective.unit not in units:
            continue
        handles = [_reviewer(org, units, u)[0] for u in (objective.unit, *extra)]
        owners = tuple(dict.fromkeys(h for h in handles if h is not None))
        found.append(Rule(f"/{_escape(file)}", owners, _shared_comment(objective, extra)))
    return found


def _root_rules(org: Organization, org_file: str, units: Mapping[str, Unit]) -> list[Rule]:
    """Everything no later rule covers (okrctl.yaml, workflows, a file in the wrong folder),
    then the organisation file: both the root lead's to review. GitHub applies the last
    matching pattern, so these come first."""
    roots = sorted(u.id for u in org.units if u.parent is None)
    root_owners = tuple(sorted({h for r in roots if (h := _handle(org, units[r].lead))}))
    return [
        Rule("*", root_owners, "everything else: lead of " + ", ".join(roots)),
        Rule(
            f"/{_escape(org_file)}", root_owners, f"organisation file: lead of {', '.join(roots)}"
        ),
    ]


_Resolved = tuple[str | None, Unit | None]
"""A unit's reviewer (a handle, or None) and the unit whose lead it is."""


class _Reviewers:
    """Each unit's reviewer, walking up from the unit to the nearest lead with a handle. A unit
    above answers for the units below it (`_tree` puts parents first), so deep trees take
    linear time."""

    def __init__(self, org: Organization, units: Mapping[str, Unit]) -> None:
        self.units = units
        self.handles: dict[str, str] = {}
        for person in org.people:  # the first person with the id and a handle, as `_handle`
            if person.github:
                self.handles.setdefault(person.id, f"@{person.github}")
        self.resolved: dict[str, _Resolved] = {}
        """Unit id -> its reviewer and the unit it comes from."""

    def of(self, unit: Unit) -> _Resolved:
        """The unit's reviewer and where it comes from (cycle-safe)."""
        owner: str | None = None
        source: Unit | None = unit
        seen: set[str] = set()
        while source is not None and source.id not in seen:
            seen.add(source.id)
            owner = self.handles.get(source.lead) if source.lead else None
            if owner is not None:
                break
            above = self.units.get(source.parent) if source.parent else None
            if above is not None and above.id in self.resolved:
                owner, source = self.resolved[above.id]
                break
            source = above
        self.resolved.setdefault(unit.id, (owner, source))
        return owner, source


def _unit_comment(unit: Unit, owner: str | None, source: Unit | None) -> str:
    """Who reviews the unit's folder: its lead, a lead above it, or nobody."""
    if owner is None or source is None:
        return f"unit {unit.id}: no lead with a `github` handle here or above"
    if source.id == unit.id:
        return f"unit {unit.id}: lead {unit.lead}"
    return f"unit {unit.id}: no lead with a `github` handle; lead of {source.id}"


def _unit_rules(org: Organization, units: Mapping[str, Unit]) -> list[Rule]:
    """A rule per unit's folder (`okrs/*/<unit>/`), parents before children."""
    reviewers = _Reviewers(org, units)
    found: list[Rule] = []
    for unit in _tree(org):
        owner, source = reviewers.of(unit)
        owners = (owner,) if owner else ()
        found.append(
            Rule(f"/{DEFAULT_DIR}/*/{unit.id}/", owners, _unit_comment(unit, owner, source))
        )
    return found


def rules(
    org: Organization, org_file: str, objectives: Iterable[tuple[str, Objective]] = ()
) -> list[Rule]:
    """The ownership rules, in file order: the organisation file, the unit tree, then the
    objectives (file, objective) owned by another unit or shared with contributors."""
    units = {u.id: u for u in reversed(org.units)}
    return (
        _root_rules(org, org_file, units)
        + _unit_rules(org, units)
        + _shared(org, units, objectives)
    )


def nobody(found: Iterable[Rule]) -> bool:
    """True when no rule names a reviewer: nobody has a `github` handle."""
    return not any(rule.owners for rule in found)


def render(
    org: Organization, org_file: str, objectives: Iterable[tuple[str, Objective]] = ()
) -> str:
    """The whole CODEOWNERS file."""
    lines = [
        f"# Generated by `okrctl codeowners` from {_escape(org_file)}: do not edit by hand.",
        "# Each unit's lead reviews the unit's OKR files (okrs/<period>/<unit>/), and the lead",
        "# of the root unit reviews the organisation file and everything else. To change an owner,",
        "# change the unit's `lead` or the person's `github` in the organisation file and run",
        "# `okrctl codeowners`; CI fails while this file is out of date",
        "# (`okrctl codeowners --check`).",
    ]
    for rule in rules(org, org_file, objectives):
        lines += ["", f"# {rule.comment}"]
        if rule.owners:
            lines.append(f"{rule.pattern} {' '.join(rule.owners)}")
    return "\n".join(lines) + "\n"
