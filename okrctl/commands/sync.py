"""`okrctl sync`: record check-ins from the key results' metric sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from okrctl import config as configuration
from okrctl import workspace
from okrctl.commands.options import EXIT_FINDINGS, EXIT_OK, date_option, format_option, write_report
from okrctl.console import echo
from okrctl.lifecycle.repo import open_repository
from okrctl.lifecycle.sync import sync as sync_sources
from okrctl.transaction import commit, locked


@click.command()
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show what would be recorded; write nothing. Command sources are NOT run (they are "
    "listed as skipped) unless --run-commands is given.",
)
@click.option(
    "--run-commands",
    is_flag=True,
    help="With --dry-run, run the command sources too. They run code from the repository: "
    "only for a branch you trust.",
)
@date_option("--date", "day", help="Day of the check-ins. Default: today.")
@format_option("Format of the findings. Default: github under GitHub Actions, else text.")
def sync(dry_run: bool, run_commands: bool, day: dt.date | None, fmt: str | None) -> int:
    """Read every key result's `source` and record a check-in where the value changed.

    Sources are CSV or JSON files in the repository, or commands (run without a shell, from
    the repository root). Only periods open on the day are synced. A source that cannot be read
    is a finding: exit code 1, while the other sources are still recorded.

    A command source runs code from the repository. `--dry-run` never runs one (so previewing
    someone's pull request runs none of its code) unless --run-commands is given.
    """
    root = workspace.find_root(Path.cwd())
    date = day or dt.date.today()
    with locked(
        root, enabled=not dry_run
    ):  # no other okrctl command edits the files between reading and writing
        repo = open_repository(root)
        commands = configuration.load(repo.root).commands
        outcome = sync_sources(
            repo, date, run_commands=run_commands or not dry_run, commands=commands
        )
        if not dry_run:  # every file, or none
            commit(repo.root, [change.as_write() for change in outcome.changes])
    document = fmt == "json"  # stdout is then the JSON document alone: progress on stderr
    for item in outcome.synced:
        if item.skipped:
            result = "skipped: command sources run only without --dry-run (or with --run-commands)"
        elif item.after:
            result = f"{item.before} -> {item.after}"
        else:
            result = f"unchanged ({item.before})"
        echo(f"{item.file}: {item.key_result} {result}", err=document)
    verb = "would record" if dry_run else "recorded"
    count = sum(1 for item in outcome.synced if item.after is not None)
    echo(f"{verb} {count} check-in{'s' * (count != 1)} on {date}", err=document)
    if outcome.problems or document:
        write_report(outcome.problems, len({d.file for d in outcome.problems}), fmt)
    return EXIT_FINDINGS if outcome.problems else EXIT_OK
