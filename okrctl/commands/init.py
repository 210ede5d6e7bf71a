"""`okrctl init`: start a new OKR repository that passes `okrctl check` at once."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import subprocess
from pathlib import Path

import click

from okrctl import gitcmd
from okrctl.commands.options import EXIT_OK
from okrctl.console import echo
from okrctl.lifecycle import pins
from okrctl.lifecycle.starter import Started, Starter, parse_period, quarter
from okrctl.lifecycle.starter import init as init_repository

PLACEHOLDER_OWNER = "OKR Owner"
"""The first person's name when neither --owner nor git's user.name gives one."""


def _git_config(key: str) -> str | None:
    try:
        found = subprocess.run(
            gitcmd.command(Path.cwd(), ["config", "--get", key]),
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
    weekly reminders and digest, check-ins from an issue form, the metric sync with --sync, all
    through okrctl's action pinned to this release), CODEOWNERS, Dependabot's configuration, the
    pre-commit hooks, a site/ to customise, .gitignore and a README. Existing files are kept. An
    okrs/ folder that `okrctl import` wrote (OKR files with a valid okrs/org.yaml) is completed
    with everything around it; any other non-empty okrs/ folder is refused (exit code 2).
    """
    if github is not None and not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})", github):
        raise click.BadParameter(f"{github!r} is not a GitHub handle", param_hint="--github")
    target = directory.resolve()
    person = owner_name or _git_config("user.name")
    starter = Starter(
        name=name or target.name.replace("-", " ").replace("_", " ").title() or "Our Company",
        person_name=person or PLACEHOLDER_OWNER,
        period=parse_period(period) if period else quarter(dt.date.today()),
        email=None if owner_name else _git_config("user.email"),
        today=dt.date.today(),
        github=github,
        sync=sync,
    )
    started = init_repository(target, starter)
    for file in started.written:
        echo(f"wrote {file}")
    for file in started.kept:
        echo(f"kept  {file} (it exists)")
    for note in _notes(started, starter, person is None):
        echo(f"note: {note}", err=True)
    echo(f"next: {_next_command(target)}")
    return EXIT_OK


def _notes(started: Started, starter: Starter, placeholder: bool) -> list[str]:
    """What the user must know about what was written: placeholders to replace."""
    notes = []
    if started.completed:
        notes.append(
            "okrs/ was there already (okrctl import?): it is kept as it is, and the repository "
            "around it was written from its okrs/org.yaml"
        )
        if starter.github is not None:
            notes.append(
                "--github is not used: okrs/org.yaml exists; add `github:` to the people who "
                "lead units there, then run `okrctl codeowners`"
            )
    elif placeholder:
        notes.append(
            f"no --owner and no git user.name: okrs/org.yaml names a placeholder person, "
            f"{starter.person_name!r} (id {starter.person!r}), as the lead and owner; put your "
            "name there (or run init again with --owner NAME)"
        )
    if started.nobody_owns:
        notes.append(
            ".github/CODEOWNERS names nobody: no unit lead has a `github` handle, so no review "
            "is required, and `okrctl codeowners --check` (in CI and the pre-commit hook) fails "
            "until one has; add the leads' handles to okrs/org.yaml (or run init with --github "
            "HANDLE), then run `okrctl codeowners`"
        )
    pin = pins.current()
    if not pin.released:
        notes.append(
            f"this okrctl {pin.version} is not a release from PyPI: the workflows and "
            f".pre-commit-config.yaml name okrctl's action and hooks as {pin.repository} at a "
            "commit of zeros; set the repository and commit of the okrctl you use there"
        )
    return notes


def _next_command(target: Path) -> str:
    """The command to run next: `okrctl check`, after `cd` when the repository is elsewhere."""
    here = Path.cwd().resolve()
    if target == here:
        return "okrctl check"
    shown = str(target)
    if target.is_relative_to(here):  # a folder below this one: its relative path
        shown = os.path.relpath(target, here)
    if os.name == "posix":
        shown = shlex.quote(shown)
    elif " " in shown:
        shown = f'"{shown}"'
    return f"cd {shown} && okrctl check"
