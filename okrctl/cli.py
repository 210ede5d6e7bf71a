"""The `okrctl` command line: each command parses its options, calls one function and returns an
exit code. 0: nothing wrong; 1: findings; 2: usage or configuration error; 3: a bug in okrctl."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

import click

from okrctl import __version__
from okrctl.commands.check import check
from okrctl.commands.schema import schema
from okrctl.errors import UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="okrctl")
def cli() -> None:
    """OKRs as code: validate the objective cascade kept in git and publish it as a site."""


COMMANDS: list[click.Command] = [check, schema]
for _command in COMMANDS:
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run a command and exit with its code, turning crashes into exit 3."""
    sys.exit(run(argv))


def run(argv: list[str] | None = None) -> int:
    try:
        result = cli.main(args=argv, prog_name="okrctl", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("okrctl: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except UsageError as exc:
        click.echo(f"okrctl: {exc}", err=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        click.echo("okrctl: interrupted", err=True)
        return 130
    except Exception:  # a bug: say so, keep the traceback for the report
        log = Path(tempfile.gettempdir()) / "okrctl-crash.log"
        detail = traceback.format_exc()
        try:
            log.write_text(f"okrctl {__version__}\nargv: {argv or sys.argv[1:]}\n{detail}")
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
    return result if isinstance(result, int) else EXIT_OK
