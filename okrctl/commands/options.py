"""Options several commands share, declared once so they read and behave the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


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


def today_option(help: str) -> Callable[[F], F]:
    """`--today YYYY-MM-DD`, passed to the command as a datetime (or None for the system date)."""
    return click.option(
        "--today",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        metavar="YYYY-MM-DD",
        help=help,
    )
