"""One file after the per-file phases (read, parse, validate): the record every later phase takes.

`okrctl check` (`perfile.check_files`), `okrctl diff` (`gitops.documents.Loader`) and the
cross-file phases (`engine.cross_check`) all pass this one value as it is: no phase copies it
field by field into a look-alike of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from okrctl.diagnostics import Diagnostic
from okrctl.load import SourceMap
from okrctl.model import Objective, Organization
from okrctl.suppress import Scan


@dataclass(frozen=True, kw_only=True, slots=True)
class LoadedFile:
    """One file after loading and validation."""

    name: str
    """The file's name relative to the repository, posix separators."""
    model: Organization | Objective | None
    """The validated document, or None when the file does not load or validate."""
    positions: SourceMap = field(default_factory=SourceMap)
    """Where each field stands, recorded by the one parse that read the file."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """What reading, parsing and validating the file found."""
    kind: str | None = None
    """The `kind` the file declares, when it is text (also when it did not validate)."""
    declared_id: str | None = None
    """The `id` the file declares, when it is text (also when it did not validate)."""
    comments: Scan = field(default_factory=Scan)
    """Its suppression comments (read only from files that validated)."""

    @property
    def objective(self) -> Objective | None:
        return self.model if isinstance(self.model, Objective) else None

    @property
    def is_organization(self) -> bool:
        return isinstance(self.model, Organization) or self.kind == "Organization"

    @property
    def ids(self) -> set[str]:
        """The objective id the file defines or tried to define."""
        if self.objective is not None:
            return {self.objective.id}
        if self.model is None and self.declared_id:
            return {self.declared_id}
        return set()


def declared(data: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """(kind, id) a document declares, each when it is text."""
    data = data or {}
    kind, ident = data.get("kind"), data.get("id")
    return (kind if isinstance(kind, str) else None, ident if isinstance(ident, str) else None)
