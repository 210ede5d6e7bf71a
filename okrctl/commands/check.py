"""`okrctl check`: validate OKR files and report every problem at its file, line and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from okrctl import checking
from okrctl.commands.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    config_option,
    format_option,
    today_option,
    write_report,
)
from okrctl.diagnostics import Severity
from okrctl.errors import UsageError
from okrctl.load import YAML_SUFFIXES
from okrctl.workers import MAX_JOBS, PARALLEL_FROM
from okrctl.workspace import DEFAULT_DIR, find_root


def resolve_targets(paths: tuple[Path, ...]) -> tuple[Path, list[Path]]:
    """The repository root and the paths to check (default: its `okrs/` folder)."""
    root = find_root(Path.cwd())
    if paths:
        targets = [p if p.is_absolute() else Path.cwd() / p for p in paths]
        for target in targets:
            if not target.resolve().is_relative_to(root):
                raise UsageError(
                    f"{target} is outside the repository ({root}); check the OKR files of a "
                    "repository from inside it"
                )
            if target.is_file() and target.suffix not in YAML_SUFFIXES:
                raise UsageError(
                    f"{target.name} is not an OKR file: okrctl checks .yaml and .yml files "
                    "(name a folder to check every OKR file in it)"
                )
        return root, targets
    default = root / DEFAULT_DIR
    if not default.is_dir():
        raise UsageError(
            f"there is no {DEFAULT_DIR}/ folder in {root}; pass the folder that holds your "
            "OKR files, or run `okrctl init` to start a repository"
        )
    return root, [default]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@format_option("Output format. Default: github under GitHub Actions, else text.")
@click.option(
    "--fail-level",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@today_option("The day time-based rules check for (freshness, future check-ins). Default: today.")
@config_option()
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Answer from the cache when nothing that affects the result changed.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help=f"Processes that read and validate files. Default: 1 below {PARALLEL_FROM} files, "
    f"else one per usable core, at most {MAX_JOBS}.",
)
def check(
    paths: tuple[Path, ...],
    fmt: str | None,
    fail_level: str,
    today: dt.date | None,
    config_file: Path | None,
    cache: bool,
    jobs: int | None,
) -> int:
    """Validate OKR files (default: okrs/) against the schema, across files and against the
    rules of good OKRs (`okrctl rules` lists them).

    Exit code 0 when nothing at or above --fail-level was found, 1 otherwise, 2 for a usage or
    configuration error.
    """
    root, targets = resolve_targets(paths)
    diagnostics, files = checking.check_cached(
        root, targets, config_file=config_file, today=today, use_cache=cache, jobs=jobs
    )
    write_report(diagnostics, len(files), fmt)
    worst = max((d.severity for d in diagnostics), default=None)
    failed = worst is not None and worst >= Severity.parse(fail_level)
    return EXIT_FINDINGS if failed else EXIT_OK
