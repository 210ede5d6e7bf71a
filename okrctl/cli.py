"""The `okrctl` command line: each command parses its options, calls one function and returns an
exit code. 0: nothing wrong; 1: findings; 2: usage or configuration error; 3: a bug in okrctl."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from okrctl import __version__, transaction, workspace
from okrctl.commands import error_handler
from okrctl.commands.options import EXIT_OK
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
    """Run a command; its exit code, or the one `error_handler` gives what it ended with."""
    try:
        _recover()
        result = cli.main(args=argv, prog_name="okrctl", standalone_mode=False)
    except (Exception, KeyboardInterrupt) as error:  # a user's mistake or a bug: one handler
        return error_handler.handle(error, argv)
    return result if isinstance(result, int) else EXIT_OK
