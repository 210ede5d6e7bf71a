"""Loading files through the per-file phases once, and checking a set of them across files.

`Loader` caches by (name, content): a file that is the same on both sides of a diff is parsed
and validated once. `check` runs the phases of `okrctl check` that follow reading (index,
integrity checks, rules, suppression comments) over documents already loaded, the way
`engine.run` does; a test holds the two to the same findings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from okrctl import index, references, suppress
from okrctl.checks import runner
from okrctl.checks.registry import UNUSED_SUPPRESSION
from okrctl.config import Config
from okrctl.diagnostics import Diagnostic, ordered
from okrctl.gitops.sides import Content
from okrctl.load import SourceMap, decode, parse_text
from okrctl.model import Objective, Organization
from okrctl.validate import validate


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
        text, undecodable = decode(content, name)
        if text is None:
            return Document(name, None, SourceMap(), tuple(undecodable))
        parsed = parse_text(text, name)
        model, problems = validate(parsed)
        if model is not None:
            return Document(
                name, model, parsed.source, tuple(problems), comments=suppress.scan(text)
            )
        declared_id = declared_kind = None
        if parsed.data is not None:
            value, kind = parsed.data.get("id"), parsed.data.get("kind")
            declared_id = value if isinstance(value, str) else None
            declared_kind = kind if isinstance(kind, str) else None
        return Document(
            name,
            model,
            parsed.source,
            (*parsed.diagnostics, *problems),
            declared_id,
            declared_kind,
        )


def check(
    documents: Iterable[Document], config: Config | None = None, today: dt.date | None = None
) -> tuple[index.Cascade, list[Diagnostic]]:
    """The cascade of the documents and every diagnostic about them, as `okrctl check` finds.

    Without `config` only the built-in checks run; with it, the configured rules too (for the
    day `today`, default the system date) and then the suppression comments.
    """
    organizations: list[tuple[Organization, str, SourceMap]] = []
    objectives: list[tuple[Objective, str, SourceMap]] = []
    broken: list[tuple[str, str]] = []
    broken_organization: str | None = None
    diagnostics: list[Diagnostic] = []
    comments: dict[str, suppress.Scan] = {}
    for document in sorted(documents, key=lambda d: d.name):
        diagnostics.extend(document.problems)
        comments[document.name] = document.comments
        if isinstance(document.model, Organization):
            organizations.append((document.model, document.name, document.source))
        elif isinstance(document.model, Objective):
            objectives.append((document.model, document.name, document.source))
        elif document.declared_kind == "Organization":
            broken_organization = broken_organization or document.name
        elif document.declared_id is not None:
            broken.append((document.declared_id, document.name))
    cascade = index.build(organizations, objectives, broken, broken_organization)
    diagnostics += references.check(cascade, [name for _, name, _ in objectives])
    if config is not None:
        diagnostics += runner.run(cascade, config, today or dt.date.today())
        unused = config.rules[UNUSED_SUPPRESSION]
        diagnostics = suppress.apply(
            diagnostics, comments, config.enabled, unused.severity if unused.enabled else None
        )
    return cascade, ordered(diagnostics)
