"""Options several commands share, declared once so they read and behave the same everywhere."""

from __future__ import annotations

import math
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


class FiniteRange(click.FloatRange):
    """A number in a range; `nan` (which compares false with both bounds, so click's range lets it
    through) and the infinities are refused."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number
