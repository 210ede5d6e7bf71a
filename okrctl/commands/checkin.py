"""`okrctl checkin`: record progress on a key result, editing only the lines that change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from okrctl import workspace
from okrctl.commands.options import EXIT_FINDINGS, EXIT_OK, FiniteRange, date_option, write_report
from okrctl.console import echo
from okrctl.errors import UsageError
from okrctl.lifecycle import issue_form
from okrctl.lifecycle.checkin import check_in, describe, key_result, updated
from okrctl.lifecycle.repo import open_repository
from okrctl.transaction import locked


@click.command()
@click.argument("objective", required=False)
@click.argument("kr_id", metavar="KEY_RESULT", required=False)
@click.argument("value", required=False)
@click.option(
    "--confidence",
    type=FiniteRange(0.0, 1.0),
    help="How likely the target is met by the end of the period, 0 to 1.",
)
@click.option("--note", help="What happened since the last check-in, what blocks progress.")
@date_option("--date", "day", help="Day of the measurement. Default: today.")
@click.option("--by", help="The person reporting (an id from `people`), if not the owner.")
@click.option(
    "--from-issue-form",
    "form",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read OBJECTIVE, KEY_RESULT, VALUE, --confidence and --note from a file holding the "
    "body of an issue opened with the check-in form (.github/ISSUE_TEMPLATE/checkin.yml).",
)
@click.option(
    "--author",
    metavar="HANDLE",
    help="With --from-issue-form: the GitHub user who wrote the form; it must be the `github` "
    "of the key result's owner, the objective's owner or the unit's lead.",
)
def checkin(
    objective: str | None,
    kr_id: str | None,
    value: str | None,
    confidence: float | None,
    note: str | None,
    day: dt.date | None,
    by: str | None,
    form: Path | None,
    author: str | None,
) -> int:
    """Record VALUE for KEY_RESULT of OBJECTIVE: a number, or true/false for a milestone.

    Appends a check-in and updates `current` (or `done`); nothing else in the file changes.
    Without VALUE, --note records a status update ("no data yet") and nothing else changes.
    Check-ins are accepted up to `checkin_grace_days` (okrctl.yaml, default 14) after the
    period's end.
    With --from-issue-form FILE --author HANDLE, the check-in is the form's (GitHub's rendering
    of the issue form), recorded only when HANDLE may check in that key result.

    Exit code 1 when the file cannot be changed validly, 2 for a bad value, date or name.
    """
    root = workspace.find_root(Path.cwd())
    date = day or dt.date.today()
    if form is not None or author is not None:
        given = (objective, kr_id, value, confidence, note, by)
        if form is None or author is None or any(g is not None for g in given):
            raise UsageError(
                "--from-issue-form FILE and --author HANDLE go together, and take everything "
                "else from the form: give no OBJECTIVE, KEY_RESULT, VALUE, --confidence, --note "
                "or --by with them"
            )
        return _from_form(root, form, author, date)
    if objective is None or kr_id is None:
        raise UsageError("name the OBJECTIVE and the KEY_RESULT to check in (see --help)")
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


def _from_form(root: Path, form: Path, handle: str, date: dt.date) -> int:
    """The check-in an issue form asks for, by the person `handle` is."""
    asked = issue_form.parse(issue_form.read(form))
    with locked(root):
        repo = open_repository(root)
        entry = repo.objective(asked.objective)
        key_result(entry, asked.key_result)  # an unknown key result: its own message
        _, by = issue_form.author(repo.cascade, entry, asked.key_result, handle)
        change, problems = check_in(
            repo,
            asked.objective,
            asked.key_result,
            asked.value,
            date,
            confidence=asked.confidence,
            note=asked.note,
            by=by,
        )
        if change is None:
            where = entry.file
            if problems:
                first = problems[0]
                where = f"{first.file}:{first.line}:{first.column}: {first.code} {first.message}"
            echo(f"okrctl: the check-in cannot be recorded: {where}", err=True)
            return EXIT_FINDINGS
        change.write(repo.root)
    _, old = key_result(entry, asked.key_result)
    new = updated(change, asked.key_result)
    echo(f"{change.file}: {asked.key_result} {describe(old)} -> {describe(new)} on {date}")
    return EXIT_OK
