"""The `okrctl` command line: each command parses its options, calls one function and returns an
exit code. 0: nothing wrong; 1: findings; 2: usage or configuration error; 3: a bug in okrctl."""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import traceback
from pathlib import Path

import click

from okrctl import __version__, transaction, workspace
from okrctl.commands.options import EXIT_BUG, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from okrctl.console import echo, utf8_output
from okrctl.errors import UsageError

COMMANDS: dict[str, str] = {
    "build": "okrctl.commands.build:build",
    "check": "okrctl.commands.check:check",
    "checkin": "okrctl.commands.checkin:checkin",
    "close": "okrctl.commands.close:close",
    "codeowners": "okrctl.commands.codeowners:codeowners",
    "diff": "okrctl.commands.diff:diff_command",
    "digest": "okrctl.commands.digest:digest_command",
    "explain": "okrctl.commands.explain:explain",
    "export": "okrctl.commands.export:export",
    "grade": "okrctl.commands.grade:grade",
    "import": "okrctl.commands.adopt:import_group",
    "init": "okrctl.commands.init:init",
    "new": "okrctl.commands.new:new",
    "rules": "okrctl.commands.rules:rules",
    "remind": "okrctl.commands.remind:remind",
    "schema": "okrctl.commands.schema:schema",
    "serve": "okrctl.commands.serve:serve",
    "sync": "okrctl.commands.sync:sync",
}
"""Command name -> `module:attribute`. A command's module is imported only when it runs, so
`okrctl check` does not pay for the site generator's imports."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="okrctl")
def cli() -> None:
    """OKRs as code: validate the objective cascade kept in git and publish it as a site."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: run a command and exit with its code, turning crashes into exit 3."""
    utf8_output()
    sys.exit(run(argv))


def _printable(name: object) -> str:
    """A file name for one line of a terminal: undecodable bytes and control characters shown
    as escapes."""
    text = os.fsdecode(name) if isinstance(name, str | bytes) else str(name)
    shown = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8 (surrogateescape)
            shown.append(f"\\x{code - 0xDC00:02x}")
        elif not char.isprintable():
            shown.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            shown.append(char)
    return "".join(shown)


def _recover() -> None:
    """Finish or discard a change an interrupted okrctl left (see `okrctl.transaction`)."""
    try:
        root = workspace.find_root(Path.cwd())
    except OSError:  # no current folder: the command says what is wrong
        return
    if transaction.pending(root):
        try:
            with transaction.locked(root):
                pass
        except (OSError, UsageError) as exc:
            echo(f"okrctl: an interrupted change is waiting: {exc}", err=True)


def run(argv: list[str] | None = None) -> int:
    try:
        _recover()
        result = cli.main(args=argv, prog_name="okrctl", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("okrctl: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except UsageError as exc:
        echo(f"okrctl: {exc}", err=True, newlines=True)
        return EXIT_USAGE
    except transaction.Conflict as exc:
        echo(f"okrctl: {exc}", err=True)
        return EXIT_FINDINGS
    except OSError as exc:
        if exc.errno not in transaction.ENVIRONMENT_ERRORS:
            return _bug(argv)
        where = f"{_printable(exc.filename)}: " if exc.filename else ""
        click.echo(f"okrctl: {where}{transaction.describe(exc)}", err=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        click.echo("okrctl: interrupted", err=True)
        return 130
    except Exception:  # a bug: say so, keep the traceback for the report
        return _bug(argv)
    return result if isinstance(result, int) else EXIT_OK


def _bug(argv: list[str] | None) -> int:
    detail = traceback.format_exc()
    try:  # a new file each time (O_EXCL): never one planted in the shared temp folder
        handle, log = tempfile.mkstemp(prefix="okrctl-crash-", suffix=".log")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(f"okrctl {__version__}\nargv: {argv or sys.argv[1:]}\n{detail}")
        where = f"; the details are in {log}"
    except OSError:
        where = ""
    if os.environ.get("OKRCTL_DEBUG"):
        click.echo(detail, err=True)
    click.echo(
        f"okrctl: internal error: {sys.exc_info()[1]!r}. This is a bug in okrctl, not in your "
        f"files: please report it with the command you ran{where}.",
        err=True,
    )
    return EXIT_BUG
