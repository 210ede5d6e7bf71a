"""What several commands share, declared once so it reads and behaves the same everywhere: options
(`--config`, `--today`, `--date`, `--format`), dates parsed one way, the one place reporters are
built, and the exit codes."""

from __future__ import annotations

import datetime as dt
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from okrctl.diagnostics import Diagnostic
from okrctl.report import REPORTERS, TextReporter

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
"""Nothing wrong; findings; a usage or configuration error; a bug in okrctl."""


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """The day a YYYY-MM-DD option names: the one date parser of the commands."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD", ctx, param)


def date_option(*names: str, help: str) -> Callable[[F], F]:
    """An option holding a day written YYYY-MM-DD, passed as a `datetime.date` (None when not
    given): every date a command reads is parsed by `parse_date`."""
    return click.option(
        *names,
        callback=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=help,
    )


def today_option(help: str) -> Callable[[F], F]:
    """`--today YYYY-MM-DD`, passed to the command as a date (or None for the system date)."""
    return date_option("--today", help=help)


def config_option(
    help: str = "Configuration file. Default: okrctl.yaml, or [tool.okrctl] in pyproject.toml, "
    "at the repository root.",
) -> Callable[[F], F]:
    """`--config FILE`, passed to the command as `config_file`."""
    return click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help=help,
    )


def format_option(help: str) -> Callable[[F], F]:
    """`--format` for diagnostics, passed as `fmt` (None: `default_format()`)."""
    return click.option(
        "--format", "fmt", type=click.Choice(sorted(REPORTERS)), default=None, help=help
    )


def default_format() -> str:
    """`github` under GitHub Actions (annotations on the pull request), else `text`."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def write_report(
    diagnostics: Sequence[Diagnostic],
    files: int,
    fmt: str | None = None,
    stream: TextIO | None = None,
) -> None:
    """Write diagnostics in `fmt` (default: `default_format()`); text is coloured on a terminal."""
    out = stream if stream is not None else sys.stdout
    name = fmt or default_format()
    reporter = TextReporter(color=out.isatty()) if name == "text" else REPORTERS[name]()
    reporter.write(diagnostics, files, out)


class FiniteRange(click.FloatRange):
    """A number in a range; `nan` (which compares false with both bounds, so click's range lets it
    through) and the infinities are refused."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number
