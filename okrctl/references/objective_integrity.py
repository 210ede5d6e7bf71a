"""Integrity of one objective file: its name and folder, and every name it uses.

`objective_findings` runs the checks below in order on one objective:

- OKR303: the id differs from the file name;
- OKR310: the file is not in `okrs/<period>/<unit>/`;
- OKR304: a unit, owner, contributor, period, key result owner or check-in author that the
  organisation does not have (checked only when there is an organisation);
- the parent link and the roll-up (`parent_chain`);
- OKR304/OKR305: `depends_on`, `acknowledges` or `carried_from` naming itself, nothing, or
  something other than an objective.

`duplicate_findings` is OKR302 (and OKR303) for the second of two objectives with one id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from okrctl import codes
from okrctl.diagnostics import Diagnostic
from okrctl.index import Cascade, Entry
from okrctl.model import Objective
from okrctl.references.parent_chain import dangling, parent_findings, roll_up_findings
from okrctl.references.unknown_names import Reference, known, unknown, unknown_objective
from okrctl.workspace import DEFAULT_DIR

ObjectiveCheck = Callable[[Cascade, Entry], Iterator[Diagnostic]]
"""A check of one objective: the cascade and the objective's entry, to findings."""


def objective_findings(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """Every finding of one objective file, in the order of `_CHECKS`."""
    for check in _CHECKS:
        yield from check(cascade, entry)


def _split(file: str) -> tuple[str, str, str]:
    """(folder, name, stem) of a posix path, without building path objects: this runs for every
    objective of a repository."""
    folder, _, name = file.rpartition("/")
    stem = name.rpartition(".")[0] or name
    return folder, name, stem


def _file_name(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """OKR303: the file is named after the objective's id."""
    objective, file = entry.objective, entry.file
    _, name, stem = _split(file)
    if stem != objective.id:
        yield cascade.at(
            file,
            ("id",),
            codes.FILE_NAME_MISMATCH.code,
            f"id {objective.id!r} differs from the file name {name!r}: "
            f"rename the file to {objective.id}.yaml or set `id: {stem}`",
        )


def _folder(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """OKR310: an objective in the OKR folder lives at okrs/<period>/<unit>/: reviewers
    (CODEOWNERS) and readers find it by its folder, so a file elsewhere would dodge its unit's
    review."""
    objective, file = entry.objective, entry.file
    if not file.startswith(DEFAULT_DIR + "/"):
        return
    folder, name, _ = _split(file)
    expected = f"{DEFAULT_DIR}/{objective.period}/{objective.unit}"
    if folder == expected:
        return
    parts = folder.split("/")
    field = "unit" if len(parts) == 3 and parts[1] == objective.period else "period"
    yield cascade.at(
        file,
        (field,),
        codes.WRONG_FOLDER.code,
        f"the file is in {folder}/ but the objective belongs to unit {objective.unit!r} "
        f"in period {objective.period!r}: move it to {expected}/{name} (the folder decides "
        "who reviews it)",
    )


def _references(objective: Objective) -> Iterator[Reference]:
    """The names of the organisation the objective uses, in file order."""
    yield Reference(("unit",), "unit", objective.unit)
    yield Reference(("owner",), "person or unit", objective.owner)
    for i, contributor in enumerate(objective.contributors):
        yield Reference(("contributors", i), "unit", contributor)
    yield Reference(("period",), "period", objective.period)
    for k, kr in enumerate(objective.key_results):
        if kr.owner is not None:
            yield Reference(("key_results", k, "owner"), "person or unit", kr.owner)
        for c, checkin in enumerate(kr.checkins):
            if checkin.by is not None:
                yield Reference(("key_results", k, "checkins", c, "by"), "person", checkin.by)


def _unknown_names(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """OKR304, at each name of the organisation that it does not have; nothing without an
    organisation (OKR300 says so once)."""
    if cascade.organization is None:
        return
    for reference in _references(entry.objective):
        if not known(cascade, reference):
            yield unknown(cascade, entry.file, reference)


def _links(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """OKR313 for a `depends_on` or `acknowledges` naming the objective itself; OKR304/OKR305
    for one naming no objective."""
    objective, file = entry.objective, entry.file
    for field in ("depends_on", "acknowledges"):
        for i, other in enumerate(getattr(objective, field)):
            if other == objective.id:
                yield cascade.at(
                    file,
                    (field, i),
                    codes.SELF_REFERENCE.code,
                    f"`{field}` names the objective itself; remove {other!r}",
                )
            elif dangling(cascade, other):
                yield unknown_objective(cascade, file, (field, i), other, field)


def _carried_from(cascade: Cascade, entry: Entry) -> Iterator[Diagnostic]:
    """OKR304/OKR305 for a `carried_from` naming no objective."""
    carried = entry.objective.carried_from
    if carried is not None and dangling(cascade, carried):
        yield unknown_objective(cascade, entry.file, ("carried_from",), carried, "carried_from")


_CHECKS: tuple[ObjectiveCheck, ...] = (
    _file_name,
    _folder,
    _unknown_names,
    parent_findings,
    roll_up_findings,
    _links,
    _carried_from,
)
"""The checks of one objective, in the order their findings are reported."""


def duplicate_findings(cascade: Cascade) -> Iterator[Diagnostic]:
    """OKR302 at the second of two objectives with one id (or ids that differ only in case),
    after its OKR303 when its file name differs from its id too."""
    for first, second in cascade.duplicates:
        yield from _file_name(cascade, second)
        same = first.objective.id == second.objective.id
        yield cascade.at(
            second.file,
            ("id",),
            codes.DUPLICATE_ID.code,
            f"objective id {second.objective.id!r} is already used by {first.file}"
            + ("" if same else f" (as {first.objective.id!r}; ids must differ in more than case)")
            + "; choose another id and rename the file",
        )
