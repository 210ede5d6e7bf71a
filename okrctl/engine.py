"""Running a check: load every file, validate each, index the cascade, check across files.

Phases hand values to each other and never raise for a user's mistake:
discover -> load (bytes, YAML, suppression comments) -> validate (models) -> index ->
cross-file checks -> rules -> suppressions. A later phase sees only what passed the earlier one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath

from okrctl import codes, index, perfile, references, suppress, workers
from okrctl.checks import runner
from okrctl.checks.registry import RULES, UNUSED_SUPPRESSION
from okrctl.config import Config
from okrctl.diagnostics import Diagnostic, Severity, count, ordered
from okrctl.git_history.closed_periods import closed_edits
from okrctl.load import MAX_BYTES, SourceFile, SourceMap, discover
from okrctl.loaded import LoadedFile
from okrctl.model import Objective, Organization
from okrctl.sources import listed
from okrctl.workspace import DEFAULT_DIR, context_of, reported_files

__all__ = ["CheckResult", "LoadedFile", "check_repository", "cross_check"]

RuleHook = Callable[[index.Cascade], list[Diagnostic]]


@dataclass
class CheckResult:
    """What a check found, and the cascade built from the files that validated."""

    diagnostics: list[Diagnostic]
    cascade: index.Cascade
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return count(self.diagnostics, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, Severity.WARNING)

    def worst(self) -> Severity | None:
        return max((d.severity for d in self.diagnostics), default=None)


def _looks_like_org(name: str) -> bool:
    """A file too broken to say its kind, named like the organisation file."""
    return PurePosixPath(name).stem in ("org", "organization", "organisation")


def cross_check(
    files: Iterable[LoadedFile],
    *,
    config: Config | None = None,
    today: dt.date | None = None,
    rules: RuleHook | None = None,
    jobs: int = 1,
    history: RuleHook | None = None,
) -> tuple[index.Cascade, list[Diagnostic]]:
    """The cross-file phases over loaded files: index, integrity checks, rules, history,
    suppressions.

    Returns the cascade and every diagnostic (the files' own included), in output order.
    Without `config` or `rules` only the built-in checks run; `jobs` processes run the rules.
    `history` finds what git history says of the cascade (OKR820); suppression comments apply
    to its findings as to the rules'.
    """
    settings = config or Config()
    organizations: list[tuple[Organization, str, SourceMap]] = []
    objectives: list[tuple[Objective, str, SourceMap]] = []
    broken: list[tuple[str, str]] = []
    broken_organization: str | None = None
    scans: dict[str, suppress.Scan] = {}
    diagnostics: list[Diagnostic] = []
    for file in sorted(files, key=lambda f: f.name):
        diagnostics.extend(file.diagnostics)
        scans[file.name] = file.comments
        if isinstance(file.model, Organization):
            organizations.append((file.model, file.name, file.positions))
        elif isinstance(file.model, Objective):
            objectives.append((file.model, file.name, file.positions))
        elif file.kind == "Organization" or (file.kind is None and _looks_like_org(file.name)):
            broken_organization = broken_organization or file.name
        else:  # references to an objective whose file did not load are not reported again
            broken.append((file.declared_id or PurePosixPath(file.name).stem, file.name))
    cascade = index.build(organizations, objectives, broken, broken_organization)
    diagnostics += references.check(cascade, [name for _, name, _ in objectives])
    diagnostics += listed.unlisted_commands(cascade, settings.commands)
    if rules is None and config is not None:
        rules = partial(
            runner.run_rules,
            rules=config.rules,
            today=today or dt.date.today(),
            settings=config.settings,
            jobs=jobs,
        )
    if rules is not None:
        diagnostics += rules(cascade)
        if history is not None:
            diagnostics += history(cascade)
        unused = settings.rules[UNUSED_SUPPRESSION]
        diagnostics = suppress.apply(
            diagnostics, scans, settings.enabled, unused.severity if unused.enabled else None
        )
        if settings.settings.closed_periods == "integrity":
            diagnostics = _integrity_only_when_closed(cascade, diagnostics, settings)
    return cascade, ordered(diagnostics)


def _integrity_only_when_closed(
    cascade: index.Cascade, diagnostics: list[Diagnostic], config: Config
) -> list[Diagnostic]:
    """A closed period's files are history: style findings on them cannot be fixed without
    rewriting it (OKR820), so only the built-in checks report on them."""
    closed = {p.id for p in cascade.periods.values() if p.closed}
    if not closed:
        return diagnostics
    sealed = {e.file for e in cascade.objectives.values() if e.objective.period in closed}
    # A rule with its own `closed_periods: true` option asked to report on history.
    asked = {
        code
        for code, setting in config.rules.items()
        if getattr(setting.options, "closed_periods", False) is True
    }
    return [
        d for d in diagnostics if not (d.file in sealed and d.code in RULES and d.code not in asked)
    ]


def check_repository(
    root: Path,
    targets: Sequence[Path] | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    rules: RuleHook | None = None,
    config: Config | None = None,
    today: dt.date | None = None,
    jobs: int | None = None,
    discovered: tuple[list[SourceFile], list[Diagnostic]] | None = None,
) -> CheckResult:
    """Check the OKR files under `targets` (default: `<root>/okrs`), reporting on those only.

    This is the one check of every command that checks (`check`, `build` and its health page,
    `close`, `import`): each reports what it finds, and a test holds them to the same findings.

    Without `config` or `rules`, only the built-in checks run (OKR0xx-OKR3xx). `config` (see
    `okrctl.config.load`; `Config()` is the default configuration) chooses the rules of good
    OKRs with their severities and options; `rules` replaces them with a hook of one's own.
    With either, edits made to a closed period since it was closed are found in git history
    too (OKR820, `git_history.closed_periods`).
    `today` (default: the system date) is the day time-based rules check for. Suppression
    comments apply whenever rules run. `jobs` is the number of processes that read files
    (default: every core, for repositories large enough to gain from it). `discovered` is the
    result of `load.discover` for these targets when the caller has it already.
    """
    wanted = list(targets) if targets else [root / DEFAULT_DIR]
    context = context_of(root, wanted)
    sources, found = discovered if discovered is not None else discover(root, context)
    with perfile.paused_gc():  # the rules' findings are as acyclic as the loaded files
        loaded = perfile.check_files(sources, max_bytes, jobs)
        processes = workers.jobs_for(len(sources), jobs)
        cascade, checked = cross_check(
            loaded,
            config=config,
            today=today,
            rules=rules,
            jobs=processes,
            history=partial(closed_edits, root),
        )
    diagnostics = [*found, *checked]
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
                    codes.NO_OKR_FILES.code,
                    Severity.ERROR,
                    "no OKR files (*.yaml) found here; `okrctl init` starts a repository",
                )
            )
    files = [s.rel for s in sources]
    reported = reported_files(wanted, context, sources)
    if reported is not None:
        diagnostics = [d for d in diagnostics if d.file in reported]
        files = [f for f in files if f in reported]
    return CheckResult(ordered(diagnostics), cascade, files)
