"""Printing from the commands: everything goes through `okrctl.safetext.terminal`."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Sequence
from typing import TextIO

import click

from okrctl.safetext import terminal


def echo(message: str, *, err: bool = False, nl: bool = True, newlines: bool = False) -> None:
    """`click.echo` for text that holds anything from the repository or the command line:
    control characters are shown, never sent. `newlines`: keep the line feeds of a message of
    several lines that okrctl composed (each user value in it already escaped)."""
    click.echo(terminal(message, newlines=newlines), err=err, nl=nl)


def utf8_output(platform: str | None = None, streams: Sequence[TextIO] | None = None) -> None:
    """On Windows, write UTF-8 to a standard stream that is redirected (a pipe, a file, a CI
    log), as on every other platform: its default there is the ANSI code page (cp1252), which
    cannot write most titles and made okrctl stop with an internal error. A console keeps its
    own (Python writes to it in Unicode)."""
    if (platform or sys.platform) != "win32":
        return
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or stream.isatty():
            continue
        if codecs.lookup(stream.encoding or "ascii").name != "utf-8":
            reconfigure(encoding="utf-8")
