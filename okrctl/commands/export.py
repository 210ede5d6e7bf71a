"""`okrctl export`: the cascade with scores as JSON or CSV."""

from __future__ import annotations

from pathlib import Path

import click

from okrctl import engine
from okrctl.files import write_atomic
from okrctl.lifecycle.export import FORMATS, render
from okrctl.lifecycle.repo import open_repository


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--period", help="Only this period's objectives.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (replaced atomically). Default: standard output.",
)
def export(fmt: str, period: str | None, out: Path | None) -> int:
    """Export every objective and key result with its scores, for spreadsheets and BI tools.

    The same files always give the same bytes. Files that do not validate are left out, and
    then the exit code is 1 (run `okrctl check` to see why).
    """
    repo = open_repository(engine.find_root(Path.cwd()))
    if period is not None:
        repo.period(period)
    text = render(repo.cascade, fmt, period)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomic(out, text)
        click.echo(f"wrote {out}", err=True)
    broken = sorted({d.file for d in repo.file_errors()})
    if broken:
        click.echo(
            f"okrctl: {len(broken)} file(s) did not validate and are not in the export "
            f"({', '.join(broken[:5])}); run `okrctl check`",
            err=True,
        )
        return 1
    return 0
