"""`okrctl checkin`: record progress on a key result, editing only the lines that change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from okrctl import workspace
from okrctl.commands.options import EXIT_FINDINGS, EXIT_OK, FiniteRange, date_option, write_report
from okrctl.console import echo
from okrctl.lifecycle.checkin import check_in, describe, key_result, updated
from okrctl.lifecycle.repo import open_repository
from okrctl.transaction import locked


@click.command()
@click.argument("objective")
@click.argument("kr_id", metavar="KEY_RESULT")
@click.argument("value", required=False)
@click.option(
    "--confidence",
    type=FiniteRange(0.0, 1.0),
    help="How likely the target is met by the end of the period, 0 to 1.",
)
@click.option("--note", help="What happened since the last check-in, what blocks progress.")
@date_option("--date", "day", help="Day of the measurement. Default: today.")
@click.option("--by", help="The person reporting (an id from `people`), if not the owner.")
def checkin(
    objective: str,
    kr_id: str,
    value: str | None,
    confidence: float | None,
    note: str | None,
    day: dt.date | None,
    by: str | None,
) -> int:
    """Record VALUE for KEY_RESULT of OBJECTIVE: a number, or true/false for a milestone.

    Appends a check-in and updates `current` (or `done`); nothing else in the file changes.
    Without VALUE, --note records a status update ("no data yet") and nothing else changes.
    Check-ins are accepted up to `checkin_grace_days` (okrctl.yaml, default 14) after the
    period's end.
    Exit code 1 when the file cannot be changed validly, 2 for a bad value, date or name.
    """
    root = workspace.find_root(Path.cwd())
    date = day or dt.date.today()
    # read, change and write under the repository's lock: a concurrent check-in waits and then
    # reads the file with this one in it (the write itself also checks the bytes are unchanged)
    with locked(root):
        repo = open_repository(root)
        change, problems = check_in(
            repo, objective, kr_id, value, date, confidence=confidence, note=note, by=by
        )
        if change is None:
            write_report(problems, 1, None)
            return EXIT_FINDINGS
        change.write(repo.root)
    _, old = key_result(repo.objective(objective), kr_id)
    echo(f"{change.file}: {kr_id} {describe(old)} -> {describe(updated(change, kr_id))} on {date}")
    return EXIT_OK
