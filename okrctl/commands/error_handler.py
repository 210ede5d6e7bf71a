"""The one handler of every failure a command ends with: a user's mistake or a bug in okrctl.

A mistake the user can fix (a wrong option, a configuration error, a file changed while okrctl
worked, a full disk, Ctrl-C) is one line on stderr and exit 1, 2 or 130. Anything else is a bug:
exit 3 with a short message, and the traceback written to `crash.log` in okrctl's cache folder
(overwritten by the next crash, so it is always the latest and always found at the same place),
or printed on stderr when that folder cannot be written.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import click

from okrctl import __version__, transaction
from okrctl.cache import default_directory
from okrctl.commands.options import EXIT_BUG, EXIT_FINDINGS, EXIT_USAGE
from okrctl.console import echo
from okrctl.errors import UsageError
from okrctl.files import write_atomic
from okrctl.safetext import file_name, terminal

EXIT_INTERRUPTED = 130
"""Ctrl-C or an aborted prompt, as a shell reports a command stopped by SIGINT."""

CRASH_LOG = "crash.log"


def handle(error: BaseException, argv: Sequence[str] | None) -> int:
    """Say what went wrong and return the exit code."""
    code = user_error(error)
    return internal_error(error, argv) if code is None else code


def user_error(error: BaseException) -> int | None:
    """The exit code of a mistake the user can fix, once it is said; None for a bug."""
    match error:
        case click.exceptions.Abort():
            click.echo("okrctl: aborted", err=True)
            return EXIT_INTERRUPTED
        case KeyboardInterrupt():
            click.echo("okrctl: interrupted", err=True)
            return EXIT_INTERRUPTED
        case click.ClickException():
            error.show()
            return EXIT_USAGE
        case UsageError():
            echo(f"okrctl: {error}", err=True, newlines=True)
            return EXIT_USAGE
        case transaction.Conflict():
            echo(f"okrctl: {error}", err=True)
            return EXIT_FINDINGS
        case OSError() if error.errno in transaction.ENVIRONMENT_ERRORS:
            # the machine's fault, not okrctl's: a full disk, a read-only file system, no permission
            where = f"{file_name(error.filename)}: " if error.filename else ""
            echo(f"okrctl: {where}{transaction.describe(error)}", err=True)
            return EXIT_USAGE
    return None


def crash_log() -> Path:
    """Where the last internal error's traceback is: `crash.log` in okrctl's cache folder."""
    return default_directory() / CRASH_LOG


def internal_error(error: BaseException, argv: Sequence[str] | None) -> int:
    """A bug in okrctl: a short message on stderr, the whole traceback in the crash log."""
    detail = "".join(traceback.format_exception(error))
    shown_argv = list(argv) if argv is not None else sys.argv[1:]
    log = _write_log(detail, shown_argv)
    if log is None or os.environ.get("OKRCTL_DEBUG"):
        echo(detail.rstrip("\n"), err=True, newlines=True)
    where = f"; the details are in {terminal(str(log))}" if log else " and the traceback above"
    echo(
        f"okrctl: internal error: {error!r}. This is a bug in okrctl, not in your files: please "
        f"report it with the command you ran{where}.",
        err=True,
    )
    return EXIT_BUG


def _write_log(detail: str, argv: list[str]) -> Path | None:
    """Write the crash log; None if it cannot be (the traceback is then printed instead)."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    report = (
        f"okrctl {__version__}\n"
        f"time: {now}\n"
        f"argv: {argv}\n"
        f"python: {sys.version.split()[0]} on {sys.platform}\n\n"
        f"{detail}"
    )
    try:
        log = crash_log()
        write_atomic(log, report.encode("utf-8", "backslashreplace"), durable=False)
    except Exception:  # the handler of a crash must not crash: print instead
        return None
    return log
