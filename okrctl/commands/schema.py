"""`okrctl schema`: write the JSON Schema generated from the models, or check it for drift."""

from __future__ import annotations

from pathlib import Path

import click

from okrctl import schema as schemas
from okrctl import workspace
from okrctl.commands.options import EXIT_FINDINGS, EXIT_OK


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


@click.command()
@click.option(
    "--check", "check_only", is_flag=True, help="Fail (exit 1) if schema/ is out of date."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write to. Default: schema/ at the repository root.",
)
def schema(check_only: bool, out: Path | None) -> int:
    """Write the JSON Schema for OKR files (for editors and independent validators)."""
    root = workspace.find_root(Path.cwd())
    folder = out or root / "schema"
    if check_only:
        stale = schemas.drift(folder)
        for name in stale:
            click.echo(f"{_shown(folder / name)}: out of date; run `okrctl schema` and commit it")
        if not stale:
            click.echo(f"{_shown(folder)}: up to date")
        return EXIT_FINDINGS if stale else EXIT_OK
    changed = schemas.write(folder, root)
    for name in changed:
        click.echo(f"wrote {_shown(folder / name)}")
    if not changed:
        click.echo(f"{_shown(folder)}: already up to date")
    return EXIT_OK
