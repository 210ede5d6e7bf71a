"""The repository as the life-cycle commands see it: the checked cascade, and the files they may
edit only when those files are valid."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from okrctl import codes, engine, index, references, workspace
from okrctl import config as configuration
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.errors import UsageError
from okrctl.index import Cascade, Entry
from okrctl.load import parse_text
from okrctl.model import Objective, Period
from okrctl.scoring import effective_scores
from okrctl.settings import Settings


@dataclass
class Repository:
    """A loaded repository: its root and what `okrctl check` (without rules) found."""

    root: Path
    result: engine.CheckResult

    @property
    def cascade(self) -> Cascade:
        return self.result.cascade

    @cached_property
    def settings(self) -> Settings:
        """The repository's settings (grace days, roll-up) from its okrctl.yaml; a broken
        configuration is a usage error, as for `okrctl check`."""
        return configuration.load(self.root).settings

    @cached_property
    def scores(self) -> dict[str, float | None]:
        """Objective id -> its effective score, under the repository's roll-up setting."""
        return effective_scores(self.cascade, self.settings.rollup)

    @property
    def org_file(self) -> str:
        assert self.cascade.org_file is not None
        return self.cascade.org_file

    def file_errors(self, files: set[str] | None = None) -> list[Diagnostic]:
        """Load and model errors (of `files`, or of every file): what stops an edit."""
        return [
            d
            for d in self.result.diagnostics
            if d.severity is Severity.ERROR
            and _per_file(d.code)
            and (files is None or d.file in files)
        ]

    def broken_file(self, objective_id: str) -> str | None:
        """The file of an objective with this id that did not validate."""
        return self.cascade.broken.get(objective_id.casefold())

    def objective(self, objective_id: str) -> Entry:
        entry = self.cascade.objectives.get(objective_id)
        if entry is None:
            raise UsageError(
                f"no objective {objective_id!r} in {self.root / workspace.DEFAULT_DIR}; "
                "`okrctl export --format csv` lists them all"
            )
        return entry

    def period(self, period_id: str) -> Period:
        period = self.cascade.periods.get(period_id)
        if period is None:
            known = ", ".join(sorted(self.cascade.periods)) or "none"
            raise UsageError(f"unknown period {period_id!r}; periods in {self.org_file}: {known}")
        return period

    def objectives_in(self, period_id: str) -> list[Entry]:
        return [e for e in self.cascade.iter_objectives() if e.objective.period == period_id]


def open_repository(root: Path) -> Repository:
    """Check the repository's `okrs/` folder; a repository without an organisation is a usage
    error (nothing can be edited without units, people and periods)."""
    folder = root / workspace.DEFAULT_DIR
    if not folder.is_dir():
        raise UsageError(
            f"there is no {workspace.DEFAULT_DIR}/ folder in {root}; run `okrctl init` to start a "
            "repository"
        )
    result = engine.check_repository(root, [folder])
    repository = Repository(root, result)
    if result.cascade.organization is None:
        problems = repository.file_errors()
        detail = f" ({len(problems)} file error(s); run `okrctl check`)" if problems else ""
        raise UsageError(
            f"no valid organisation file in {folder}{detail}; `okrctl init` writes one"
        )
    return repository


def integrity(repo: Repository, new: Mapping[str, tuple[Objective, str]]) -> list[Diagnostic]:
    """Cross-file errors (`okrctl.references`) that new files (name -> objective and text) would
    have beside the repository's other files: what okrctl creates must pass `okrctl check`."""
    cascade = repo.cascade
    assert cascade.organization is not None and cascade.org_file is not None
    objectives = [(e.objective, e.file, e.source) for e in cascade.iter_objectives()]
    for file, (objective, text) in new.items():
        objectives.append((objective, file, parse_text(text, file).source))
    org = [(cascade.organization, cascade.org_file, cascade.org_source)]
    rebuilt = index.build(org, objectives, list(cascade.broken.items()))
    found = references.check(rebuilt, [file for _, file, _ in objectives])
    return [d for d in found if d.file in new and d.severity is Severity.ERROR]


def _per_file(code: str) -> bool:
    """A code of the load or model phase (the catalogue says): a file with such an error cannot
    be edited."""
    return code in codes.PER_FILE
