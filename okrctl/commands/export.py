"""`okrctl export`: the cascade with scores as JSON or CSV."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from okrctl import workspace
from okrctl.commands.options import EXIT_FINDINGS, EXIT_OK, today_option
from okrctl.console import echo
from okrctl.errors import UsageError
from okrctl.lifecycle.export import FORMATS, render
from okrctl.lifecycle.repo import open_repository
from okrctl.transaction import replace

PROTECTED = (workspace.DEFAULT_DIR, "site", "schema", ".github")
"""Folders of the repository an export never writes into: OKR files, the built site, the
committed schema and the workflows."""


def check_output(root: Path, out: Path, fmt: str, force: bool) -> None:
    """Refuse an --out that would replace something that is not an export (UsageError)."""
    target = out.resolve()
    for folder in PROTECTED:
        if target.is_relative_to((root / folder).resolve()):
            raise UsageError(
                f"--out {out} is inside {folder}/, which okrctl export never writes into; "
                "choose a file elsewhere"
            )
    if target.exists() and target.suffix.lower() != f".{fmt}" and not force:
        raise UsageError(
            f"--out {out} exists and is not a .{fmt} file; refusing to replace it (use --force "
            "to replace it anyway)"
        )


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--period", help="Only this period's objectives.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (replaced atomically). Default: standard output. Never inside "
    "okrs/, site/, schema/ or .github/.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing --out file even when its name does not end in .json or .csv "
    "(the format's).",
)
@today_option(
    "The day `pace` (on track, at risk, ...) is judged on. Default: today. Give it for an "
    "export that is byte-identical whenever it is run."
)
def export(
    fmt: str, period: str | None, out: Path | None, force: bool, today: dt.date | None
) -> int:
    """Export every objective and key result with its scores, for spreadsheets and BI tools.

    The same files always give the same bytes. Files that do not validate are left out, and
    then the exit code is 1 (run `okrctl check` to see why).
    """
    repo = open_repository(workspace.find_root(Path.cwd()))
    if out is not None:
        check_output(repo.root, out, fmt, force)
    if period is not None:
        repo.period(period)
    text = render(repo.cascade, fmt, period, repo.settings.rollup, today)
    if out is None:
        _emit(text)
    else:
        replace(repo.root, out, text.encode("utf-8"))
        echo(f"wrote {out}", err=True)
    broken = sorted({d.file for d in repo.file_errors()})
    if broken:
        echo(
            f"okrctl: {len(broken)} file(s) did not validate and are not in the export "
            f"({', '.join(broken[:5])}); run `okrctl check`",
            err=True,
        )
        return EXIT_FINDINGS
    return EXIT_OK


def _emit(text: str) -> None:
    """Write the export to standard output with the same bytes `--out` writes. `click.echo`
    strips ANSI escape sequences when the output is not a terminal, which would change the data
    of a title holding ESC on its way into a pipe or a file."""
    stream = sys.stdout
    if stream.isatty():
        click.echo(text, nl=False)
        return
    stream.flush()
    stream.buffer.write(text.encode("utf-8"))
    stream.buffer.flush()
