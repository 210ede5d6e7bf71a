"""Running a check: load every file, validate each, index the cascade, check across files.

Phases hand values to each other and never raise for a user's mistake:
discover -> load (bytes, YAML) -> validate (models) -> index -> cross-file checks -> rules.
A later phase sees only what passed the earlier one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from okrctl import index, references
from okrctl.diagnostics import Diagnostic, Severity, ordered
from okrctl.load import MAX_BYTES, Parsed, SourceFile, SourceMap, discover, load_file
from okrctl.model import Objective, Organization
from okrctl.validate import validate

DEFAULT_DIR = "okrs"
ROOT_MARKERS = ("okrctl.yaml", ".git")

RuleHook = Callable[[index.Cascade], list[Diagnostic]]


@dataclass
class CheckResult:
    """What a check found, and the cascade built from the files that validated."""

    diagnostics: list[Diagnostic]
    cascade: index.Cascade
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    def worst(self) -> Severity | None:
        return max((d.severity for d in self.diagnostics), default=None)


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder at or above `start` holding okrctl.yaml or .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return start


def _context(root: Path, targets: Sequence[Path]) -> list[Path]:
    """What to load so that references resolve: the whole OKR folder when every target is in it."""
    tree = (root / DEFAULT_DIR).resolve()
    if tree.is_dir() and all(t.resolve().is_relative_to(tree) for t in targets):
        return [root / DEFAULT_DIR]
    return list(targets)


def load_and_validate(
    source: SourceFile, max_bytes: int = MAX_BYTES
) -> tuple[Parsed, Organization | Objective | None, list[Diagnostic]]:
    """One file through the per-file phases."""
    parsed = load_file(source, max_bytes)
    model, problems = validate(parsed)
    return parsed, model, [*parsed.diagnostics, *problems]


def run(
    root: Path,
    targets: Sequence[Path] | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    rules: RuleHook | None = None,
) -> CheckResult:
    """Check the OKR files under `targets` (default: `<root>/okrs`), reporting on those only."""
    wanted = list(targets) if targets else [root / DEFAULT_DIR]
    sources, diagnostics = discover(root, _context(root, wanted))
    organizations: list[tuple[Organization, str, SourceMap]] = []
    objectives: list[tuple[Objective, str, SourceMap]] = []
    broken: list[tuple[str, str]] = []
    broken_organization: str | None = None
    for source in sources:
        parsed, model, problems = load_and_validate(source, max_bytes)
        diagnostics.extend(problems)
        if isinstance(model, Organization):
            organizations.append((model, source.rel, parsed.source))
        elif isinstance(model, Objective):
            objectives.append((model, source.rel, parsed.source))
        elif parsed.data is not None and parsed.data.get("kind") == "Organization":
            broken_organization = broken_organization or source.rel
        elif parsed.data is not None and isinstance(parsed.data.get("id"), str):
            broken.append((parsed.data["id"], source.rel))
    cascade = index.build(organizations, objectives, broken, broken_organization)
    diagnostics += references.check(cascade, [rel for _, rel, _ in objectives])
    if rules is not None:
        diagnostics += rules(cascade)
    if not sources and not diagnostics:
        for target in wanted:
            name = (
                target.relative_to(root).as_posix() if target.is_relative_to(root) else str(target)
            )
            diagnostics.append(
                Diagnostic(
                    name,
                    1,
                    1,
                    "OKR099",
                    Severity.ERROR,
                    "no OKR files (*.yaml) found here; `okrctl init` starts a repository",
                )
            )
    files = [s.rel for s in sources]
    reported = _reported_files(root, wanted, sources)
    if reported is not None:
        diagnostics = [d for d in diagnostics if d.file in reported]
        files = [f for f in files if f in reported]
    return CheckResult(ordered(diagnostics), cascade, files)


def _reported_files(
    root: Path, wanted: Sequence[Path], sources: Sequence[SourceFile]
) -> set[str] | None:
    """Files the user asked about, when the context loaded more than them; None means all."""
    context = _context(root, wanted)
    if context == list(wanted):
        return None
    resolved = [w.resolve() for w in wanted]
    return {
        s.rel
        for s in sources
        if any(s.path.resolve() == w or s.path.resolve().is_relative_to(w) for w in resolved)
    }
