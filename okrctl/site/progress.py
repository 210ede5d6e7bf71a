"""Showing a build's progress on stderr: a bar per phase on a terminal, else one line per phase."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import IO, Protocol

import click


class _Bar(Protocol):
    """What okrctl uses of the bar `click.progressbar` returns (click's public API: the bar's
    class is private to click)."""

    def update(self, n_steps: int) -> None: ...


class Lines:
    """One line per phase, for logs and CI (`okrctl: rendering pages (40)`)."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream

    def phase(self, name: str, total: int = 0) -> None:
        count = f" ({total})" if total else ""
        click.echo(f"okrctl: {name}{count}", file=self.stream, err=self.stream is None)

    def advance(self, steps: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class Bars:
    """A progress bar for each counted phase, a line for the others, on a terminal."""

    def __init__(self) -> None:
        self._bar: _Bar | None = None
        self._open = ExitStack()

    def phase(self, name: str, total: int = 0) -> None:
        self.finish()
        if total:
            # the bar is a context manager: leaving it (in `finish`) ends its line
            bar = self._open.enter_context(
                click.progressbar(
                    length=total, label=f"okrctl: {name:<30}", file=sys.stderr, show_pos=True
                )
            )
            bar.update(0)  # draw the empty bar
            self._bar = bar
        else:
            click.echo(f"okrctl: {name}", err=True)

    def advance(self, steps: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(steps)

    def finish(self) -> None:
        self._open.close()
        self._bar = None
