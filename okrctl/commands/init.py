"""`okrctl init`: start a new OKR repository that passes `okrctl check` at once."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import click

from okrctl import git
from okrctl.commands.options import EXIT_OK
from okrctl.console import echo
from okrctl.lifecycle.starter import Starter, parse_period, quarter
from okrctl.lifecycle.starter import init as init_repository


def _git_config(key: str) -> str | None:
    try:
        found = subprocess.run(
            git.command(Path.cwd(), ["config", "--get", key]),
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = found.stdout.strip()
    return value or None


@click.command()
@click.argument(
    "directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--name", help="The organisation's name. Default: from the folder's name.")
@click.option(
    "--period",
    help="The first period: 2026 (a year), 2026-Q4 (a quarter), 2026-H2 (a half) or 2026-05 "
    "(a month). Default: this quarter.",
)
@click.option(
    "--owner", "owner_name", help="Your name, the first person. Default: git's user.name."
)
@click.option(
    "--github",
    metavar="HANDLE",
    help="Your GitHub handle: CODEOWNERS asks you to review every change until you add units "
    "and their leads.",
)
@click.option("--sync", is_flag=True, help="Write the weekly metric sync workflow as well.")
def init(
    directory: Path,
    name: str | None,
    period: str | None,
    owner_name: str | None,
    github: str | None,
    sync: bool,
) -> int:
    """Start an OKR repository in DIRECTORY (default: here).

    Writes okrs/org.yaml, an example objective, okrctl.yaml, schema/, the GitOps workflows
    (validation with the diff summary and annotations, publishing the site to GitHub Pages,
    weekly reminders and digest, check-ins from an issue form, the metric sync with --sync),
    CODEOWNERS, Dependabot's configuration, the pre-commit hook, a site/ to customise,
    .gitignore and a README. Existing files are kept; a non-empty okrs/
    folder is refused (exit code 2).
    """
    if github is not None and not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})", github):
        raise click.BadParameter(f"{github!r} is not a GitHub handle", param_hint="--github")
    target = directory.resolve()
    starter = Starter(
        name=name or target.name.replace("-", " ").replace("_", " ").title() or "Our Company",
        person_name=owner_name or _git_config("user.name") or "OKR Owner",
        period=parse_period(period) if period else quarter(dt.date.today()),
        email=None if owner_name else _git_config("user.email"),
        today=dt.date.today(),
        github=github,
        sync=sync,
    )
    written, kept = init_repository(target, starter)
    for file in written:
        echo(f"wrote {file}")
    for file in kept:
        echo(f"kept  {file} (it exists)")
    echo(f"next: cd {directory} && okrctl check")
    return EXIT_OK
