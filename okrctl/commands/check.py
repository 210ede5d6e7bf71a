"""`okrctl check`: validate OKR files and report every problem at its file, line and column."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from okrctl import engine
from okrctl.diagnostics import Severity
from okrctl.errors import UsageError
from okrctl.report import REPORTERS, TextReporter


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def resolve_targets(paths: tuple[Path, ...]) -> tuple[Path, list[Path]]:
    """The repository root and the paths to check (default: its `okrs/` folder)."""
    root = engine.find_root(Path.cwd())
    if paths:
        return root, [p if p.is_absolute() else Path.cwd() / p for p in paths]
    default = root / engine.DEFAULT_DIR
    if not default.is_dir():
        raise UsageError(
            f"there is no {engine.DEFAULT_DIR}/ folder in {root}; pass the folder that holds your "
            "OKR files, or run `okrctl init` to start a repository"
        )
    return root, [default]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default=None,
    help="Output format. Default: github under GitHub Actions, else text.",
)
@click.option(
    "--fail-level",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
def check(paths: tuple[Path, ...], fmt: str | None, fail_level: str) -> int:
    """Validate OKR files (default: okrs/) against the schema and across files.

    Exit code 0 when nothing at or above --fail-level was found, 1 otherwise, 2 for a usage or
    configuration error.
    """
    root, targets = resolve_targets(paths)
    result = engine.run(root, targets)
    name = fmt or default_format()
    reporter = TextReporter(color=sys.stdout.isatty()) if name == "text" else REPORTERS[name]()
    reporter.write(result.diagnostics, len(result.files), sys.stdout)
    worst = result.worst()
    return 1 if worst is not None and worst >= Severity.parse(fail_level) else 0
