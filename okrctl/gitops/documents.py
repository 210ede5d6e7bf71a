"""Loading files through the per-file phases once, and checking a set of them across files.

`Loader` caches by (name, content): a file that is the same on both sides of a diff is parsed
and validated once, by the same per-file phases as `okrctl check` (`perfile.examine`). `check`
runs the phases that follow (`engine.cross_check`: index, integrity checks, rules, suppression
comments) over documents already loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from okrctl import engine, index, perfile, suppress
from okrctl.config import Config
from okrctl.diagnostics import Diagnostic
from okrctl.gitops.sides import Content
from okrctl.load import SourceMap
from okrctl.model import Objective, Organization


@dataclass(frozen=True)
class Document:
    """One file after loading and validation."""

    name: str
    model: Organization | Objective | None
    """The validated document, or None when the file does not load or validate."""
    source: SourceMap
    problems: tuple[Diagnostic, ...]
    """What loading and validating the file found."""
    declared_id: str | None = None
    """The `id` written in a file that did not validate, when it has one."""
    declared_kind: str | None = None
    """The `kind` written in a file that did not validate, when it has one."""
    comments: suppress.Scan = field(default_factory=suppress.Scan)
    """Its suppression comments (read only from files that validated, as `okrctl check` does)."""

    @property
    def objective(self) -> Objective | None:
        return self.model if isinstance(self.model, Objective) else None

    @property
    def is_organization(self) -> bool:
        return isinstance(self.model, Organization) or self.declared_kind == "Organization"

    @property
    def ids(self) -> set[str]:
        """The objective id the file defines or tried to define."""
        if self.objective is not None:
            return {self.objective.id}
        return {self.declared_id} if self.declared_id else set()


class Loader:
    """Loads files, each distinct (name, content) once."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, bytes], Document] = {}

    def load(self, name: str, content: Content) -> Document:
        if isinstance(content, Diagnostic):
            return Document(name, None, SourceMap(), (content,))
        key = (name, hashlib.blake2b(content, digest_size=20).digest())
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._load(name, content)
        return cached

    def load_all(self, contents: Mapping[str, Content]) -> dict[str, Document]:
        return {name: self.load(name, content) for name, content in sorted(contents.items())}

    @staticmethod
    def _load(name: str, content: bytes) -> Document:
        found = perfile.examine(content, name)
        kind, declared_id = found.declared
        if found.model is not None:
            kind = declared_id = None
        return Document(
            name,
            found.model,
            found.parsed.source,
            tuple(found.diagnostics),
            declared_id,
            kind,
            found.comments,
        )


def check(
    documents: Iterable[Document], config: Config | None = None, today: dt.date | None = None
) -> tuple[index.Cascade, list[Diagnostic]]:
    """The cascade of the documents and every diagnostic about them, as `okrctl check` finds.

    Without `config` only the built-in checks run; with it, the configured rules too (for the
    day `today`, default the system date) and then the suppression comments.
    """
    loaded = [
        engine.Loaded(
            d.name, d.model, d.source, d.problems, d.declared_kind, d.declared_id, d.comments
        )
        for d in documents
    ]
    return engine.cross_check(loaded, config=config, today=today)
