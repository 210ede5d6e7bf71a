"""What a rule is: a code, a name, its documentation, its options and a function yielding findings.

A rule declares its options beside its check (as yamllint's rule modules do) and names its entry
in the catalogue of codes (`okrctl.codes.rules`: code, name, default severity); the configuration
may change the severity and the options (see `okrctl.config`). A rule never computes a line
number: it yields `Finding`s naming a file and a field path, and the runner turns them into
diagnostics through `Cascade.at`.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict

from okrctl.checks.facts import Facts
from okrctl.codes import Code
from okrctl.diagnostics import Severity
from okrctl.index import Cascade, Entry
from okrctl.settings import DEFAULT_SETTINGS, Settings


class Finding(NamedTuple):
    """Something a rule found: the field at `path` of `file`, and what to do about it."""

    file: str
    path: tuple[str | int, ...]
    message: str
    where: Literal["key", "value"] = "value"
    """`key` places the finding at the field's name (for a finding about a whole list or
    mapping), `value` at its value."""


class RuleOptions(BaseModel):
    """Base of every rule's options: typed, strict (no string is read as a number), and closed
    (an unknown option is a configuration error). Each field's docstring documents the option."""

    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, use_attribute_docstrings=True
    )


class NoOptions(RuleOptions):
    """A rule without options."""


OptionsT = TypeVar("OptionsT", bound=RuleOptions)


@dataclass(frozen=True)
class Context(Generic[OptionsT]):
    """What a rule sees: the cascade, shared indexes over it, its options and the date."""

    cascade: Cascade
    facts: Facts
    options: OptionsT
    today: dt.date
    """The day the check runs for (`okrctl check --today`); only time-based rules read it."""
    settings: Settings = DEFAULT_SETTINGS
    """The repository-wide settings beside `rules` (grace days, roll-up)."""
    part: tuple[int, int] = (0, 1)
    """(i, n): this run judges the i-th of n contiguous parts of the objectives (`entries`), for
    a rule whose findings on an objective depend on that objective alone (`Rule.per_objective`),
    so that processes may share it; (0, 1): all of them."""

    @property
    def entries(self) -> Sequence[Entry]:
        """The objectives this run judges, in id order: all of them, or its part."""
        everything = self.facts.entries
        i, n = self.part
        if n == 1:
            return everything
        size = -(-len(everything) // n)
        return everything[i * size : (i + 1) * size]


Check = Callable[[Context[Any]], Iterable[Finding]]


@dataclass(frozen=True, kw_only=True)
class Rule:
    """A registered rule. `check` is None for a rule the engine reports itself (suppressions)."""

    entry: Code
    """Its entry in the catalogue of codes (`okrctl.codes.rules`): code, name, default
    severity."""
    doc: str
    """The user documentation: the module's docstring, with a failing and a passing example."""
    options: type[RuleOptions]
    """Its options, with their defaults; `NoOptions` for a rule without any."""
    check: Check | None
    per_objective: bool = False
    """Its findings on an objective depend on that objective (and the options) alone, and its
    check reads the objectives from `Context.entries`: it may be run in parts, shared between
    processes (`okrctl.checks.runner`)."""

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def severity(self) -> Severity:
        """The severity of its findings unless the configuration says otherwise."""
        return self.entry.severity

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.documentation.split("\n", 1)[0].strip()

    @property
    def documentation(self) -> str:
        """The documentation as Markdown, indentation removed."""
        return inspect.cleandoc(self.doc)
