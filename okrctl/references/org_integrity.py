"""Integrity of the organisation file: there is one, its ids are unique, its periods nest, the
names it uses exist, and its units form one tree.

`organisation_findings` runs the checks below in order. Each takes the cascade, the organisation
and the organisation file's name, and yields its findings:

- OKR300: objectives but no Organization file (the only check that runs without one);
- OKR301: a second Organization file;
- OKR302: an id used twice in `units`, `people` or `periods`;
- OKR311: two periods that overlap without one enclosing the other;
- OKR304: a person's `unit`, a unit's `lead` or `parent` that the organisation does not have;
- OKR309: a second unit without a parent (the first one is the root);
- OKR306: units whose parents form a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from okrctl import codes
from okrctl.diagnostics import Diagnostic
from okrctl.index import Cascade
from okrctl.model import Organization, Period, Person, Unit
from okrctl.references.unknown_names import Reference, known, unknown

OrganisationCheck = Callable[[Cascade, Organization, str], Iterator[Diagnostic]]
"""A check of the organisation file: the cascade, the organisation and its file, to findings."""


def organisation_findings(cascade: Cascade, objective_files: Sequence[str]) -> Iterator[Diagnostic]:
    """Every finding in (or about) the organisation file, in the order of `_CHECKS`."""
    org = cascade.organization
    if org is None:
        yield from _missing(cascade, objective_files)
        return
    file = cascade.org_file or ""
    for check in _CHECKS:
        yield from check(cascade, org, file)


def _missing(cascade: Cascade, objective_files: Sequence[str]) -> Iterator[Diagnostic]:
    """OKR300, at the first objective file: without an organisation nothing can be checked
    (unless the organisation file exists and did not validate, which is reported already)."""
    if objective_files and cascade.broken_organization is None:
        yield cascade.at(
            objective_files[0],
            ("kind",),
            codes.MISSING_ORGANIZATION.code,
            "no Organization file was found, so units, people and periods cannot be checked; "
            "add `okrs/org.yaml` with `kind: Organization` (`okrctl init` writes one)",
        )


def _second_files(cascade: Cascade, org: Organization, file: str) -> Iterator[Diagnostic]:
    """OKR301, at each Organization file after the one that defines the organisation."""
    for extra, _ in cascade.extra_org_files:
        yield cascade.at(
            extra,
            ("kind",),
            codes.SECOND_ORGANIZATION.code,
            f"a second Organization file; the organisation is defined in {cascade.org_file}: "
            "merge the two",
        )


def _duplicate_ids(cascade: Cascade, org: Organization, file: str) -> Iterator[Diagnostic]:
    """OKR302, at each entry of `units`, `people` or `periods` whose id an earlier one has."""
    sections: tuple[tuple[str, Sequence[Unit | Person | Period]], ...] = (
        ("units", org.units),
        ("people", org.people),
        ("periods", org.periods),
    )
    for section, items in sections:
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id not in first:
                first[item.id] = i
                continue
            yield cascade.at(
                file,
                (section, i, "id"),
                codes.DUPLICATE_ID.code,
                f"{section} id {item.id!r} is already used by entry {first[item.id] + 1} of "
                f"`{section}`; ids must be unique",
            )


def _overlap(period: Period, other: Period) -> bool:
    """True when the periods share a day and neither encloses the other."""
    shared = period.start <= other.end and other.start <= period.end
    return shared and not (period.encloses(other) or other.encloses(period))


def _overlapping_periods(cascade: Cascade, org: Organization, file: str) -> Iterator[Diagnostic]:
    """OKR311, at the later of two periods that overlap without nesting."""
    for i, period in enumerate(org.periods):
        for other in org.periods[:i]:
            if not _overlap(period, other):
                continue
            yield cascade.at(
                file,
                ("periods", i, "start"),
                codes.OVERLAPPING_PERIODS.code,
                f"period {period.id!r} ({period.start} to {period.end}) overlaps "
                f"{other.id!r} ({other.start} to {other.end}) without either enclosing the "
                "other; periods either nest (a year and its quarters) or follow each other",
            )


def _references(org: Organization) -> Iterator[Reference]:
    """The names the organisation file uses, in file order: people's units, then each unit's
    lead and parent."""
    for i, person in enumerate(org.people):
        if person.unit is not None:
            yield Reference(("people", i, "unit"), "unit", person.unit)
    for i, unit in enumerate(org.units):
        if unit.lead is not None:
            yield Reference(("units", i, "lead"), "person", unit.lead)
        if unit.parent is not None:
            yield Reference(("units", i, "parent"), "unit", unit.parent)


def _unknown_names(cascade: Cascade, org: Organization, file: str) -> Iterator[Diagnostic]:
    """OKR304, at each name of the organisation file that the organisation does not have."""
    for reference in _references(org):
        if not known(cascade, reference):
            yield unknown(cascade, file, reference)


def _second_roots(cascade: Cascade, org: Organization, file: str) -> Iterator[Diagnostic]:
    """OKR309, at each unit without a parent after the first one (the root)."""
    roots = [i for i, u in enumerate(org.units) if u.parent is None]
    for i in roots[1:]:
        yield cascade.at(
            file,
            ("units", i),
            codes.SECOND_ROOT_UNIT.code,
            f"unit {org.units[i].id!r} has no parent, but {org.units[roots[0]].id!r} is already "
            "the root; give it a `parent`",
        )


def _chain_up(cascade: Cascade, unit: Unit, done: set[str]) -> tuple[list[str], int | None]:
    """The unit's ids up its parents, stopping at a unit in `done` (its chain was walked) or at
    an unknown parent; with the index in the chain where a cycle starts, or None."""
    chain = [unit.id]
    position = {unit.id: 0}
    current = unit
    while (
        current.parent is not None
        and current.parent in cascade.units
        and current.parent not in done
    ):
        if current.parent in position:
            return chain, position[current.parent]
        position[current.parent] = len(chain)
        chain.append(current.parent)
        current = cascade.units[current.parent]
    return chain, None


def _unit_cycles(cascade: Cascade, org: Organization, file: str) -> Iterator[Diagnostic]:
    """OKR306, once per cycle of units, at the parent of the first unit whose walk finds it.
    Each walk stops where an earlier one went, so the whole check is linear."""
    reported: set[str] = set()
    done: set[str] = set()
    for i, unit in enumerate(org.units):
        chain, start = _chain_up(cascade, unit, done)
        done.update(chain)
        if start is None or reported.intersection(chain[start:]):
            continue
        cycle = chain[start:]
        reported.update(cycle)
        shown = " -> ".join([*cycle, cycle[0]])
        yield cascade.at(
            file,
            ("units", i, "parent"),
            codes.REFERENCE_CYCLE.code,
            f"units form a cycle: {shown}; a unit cannot be inside itself",
        )
    rootless = all(u.parent is not None for u in org.units)
    if org.units and rootless and not reported:  # pragma: no cover - a cycle is reported instead
        yield cascade.at(
            file,
            ("units",),
            codes.SECOND_ROOT_UNIT.code,
            "no unit is the root (a unit without parent)",
        )


_CHECKS: tuple[OrganisationCheck, ...] = (
    _second_files,
    _duplicate_ids,
    _overlapping_periods,
    _unknown_names,
    _second_roots,
    _unit_cycles,
)
"""The checks of an organisation, in the order their findings are reported."""
