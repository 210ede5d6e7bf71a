"""Names that must point at something, and the findings for a name that points at nothing.

A reference in a file names a unit, a person, a person or unit (an owner: a team can own an
objective) or a period of the organisation. `known` says whether the organisation has it; `unknown`
is the OKR304 finding for a name it has not, with a "did you mean" hint. `unknown_objective` is the
finding for a name that should be an objective: OKR305 when it names a unit, person or period
instead, else OKR304.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal, NamedTuple

from okrctl import codes
from okrctl.diagnostics import Diagnostic
from okrctl.hints import Hints
from okrctl.index import Cascade

Kind = Literal["unit", "person", "person or unit", "period"]
"""What a reference to the organisation names."""


class Reference(NamedTuple):
    """A name in a file that must be an id in the organisation: its field path, what it names
    and the name itself."""

    path: tuple[str | int, ...]
    kind: Kind
    name: str


_POOLS: dict[Kind, tuple[str, ...]] = {
    "unit": ("units",),
    "person": ("people",),
    "person or unit": ("people", "units"),
    "period": ("periods",),
}
"""The cascade's tables of ids that each kind of reference may name (for the hints)."""

_KNOWN: dict[Kind, Callable[[Cascade, str], bool]] = {
    "unit": lambda cascade, name: name in cascade.units,
    "person": lambda cascade, name: name in cascade.people,
    "person or unit": lambda cascade, name: name in cascade.people or name in cascade.units,
    "period": lambda cascade, name: name in cascade.periods,
}
"""Whether the organisation has a name of each kind; `_POOLS` spelled out, as this runs for
every name of every objective."""

_WHERE: dict[Kind, str] = {
    "unit": "`units`",
    "person": "`people`",
    "person or unit": "`people` (or `units`, for a team)",
    "period": "`periods`",
}
"""Where in the organisation file a missing id of each kind is added."""

_hints: ContextVar[Hints] = ContextVar("hints")
"""The hints of the running check: each unknown name looked up once, and only so many."""


@contextmanager
def hints_scope() -> Iterator[None]:
    """One `Hints` for every finding made inside the block (one run of the integrity checks)."""
    token = _hints.set(Hints())
    try:
        yield
    finally:
        _hints.reset(token)


def _hint(word: str, candidates: Collection[str]) -> str:
    hints = _hints.get(None)
    return (hints or Hints()).hint(word, candidates)


def _pools(cascade: Cascade, kind: Kind) -> list[Mapping[str, object]]:
    return [getattr(cascade, name) for name in _POOLS[kind]]


def known(cascade: Cascade, reference: Reference) -> bool:
    """True when the organisation has an id of the kind the reference names."""
    return _KNOWN[reference.kind](cascade, reference.name)


def unknown(cascade: Cascade, file: str, reference: Reference) -> Diagnostic:
    """OKR304: the reference names nothing the organisation has."""
    kind, name = reference.kind, reference.name
    pools = _pools(cascade, kind)
    # the cascade's own table when there is one: `Hints` remembers a table's sorted ids
    candidates = pools[0] if len(pools) == 1 else {key: None for pool in pools for key in pool}
    return cascade.at(
        file,
        reference.path,
        codes.UNKNOWN_REFERENCE.code,
        f"unknown {kind} {name!r}{_hint(name, candidates)}; add it to {_WHERE[kind]} in "
        f"{cascade.org_file or 'the organisation file'} or fix the name",
    )


def unknown_objective(
    cascade: Cascade, file: str, path: tuple[str | int, ...], name: str, field: str
) -> Diagnostic:
    """OKR305 when `name` (in `field`) is a unit, person or period instead of an objective;
    OKR304 when it is nothing at all."""
    for what, pool in (
        ("unit", cascade.units),
        ("person", cascade.people),
        ("period", cascade.periods),
    ):
        if name in pool:
            return cascade.at(
                file,
                path,
                codes.NOT_AN_OBJECTIVE.code,
                f"`{field}` must name an objective, but {name!r} is a {what}; use the id of one of "
                f"its objectives",
            )
    return cascade.at(
        file,
        path,
        codes.UNKNOWN_REFERENCE.code,
        f"unknown objective {name!r}{_hint(name, cascade.objectives)}; `{field}` takes the id of "
        "an objective (its file name without .yaml)",
    )
