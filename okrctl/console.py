"""Printing from the commands: everything goes through `okrctl.safetext.terminal`."""

from __future__ import annotations

import click

from okrctl.safetext import terminal


def echo(message: str, *, err: bool = False, nl: bool = True, newlines: bool = False) -> None:
    """`click.echo` for text that holds anything from the repository or the command line:
    control characters are shown, never sent. `newlines`: keep the line feeds of a message of
    several lines that okrctl composed (each user value in it already escaped)."""
    click.echo(terminal(message, newlines=newlines), err=err, nl=nl)
