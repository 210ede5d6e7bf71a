"""`okrctl close`: mark a graded period closed, optionally carrying unfinished objectives on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from okrctl import codes, workspace
from okrctl.commands.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    date_option,
    today_option,
    write_report,
)
from okrctl.console import echo
from okrctl.lifecycle.carry import NewFile
from okrctl.lifecycle.close import Closing, When, write
from okrctl.lifecycle.close import close as close_period
from okrctl.lifecycle.repo import open_repository
from okrctl.transaction import locked

RETROSPECTIVE = codes.RETROSPECTIVE.code
"""The rule asking for a retrospective of a committed objective that missed 1.0."""


@click.command()
@click.argument("period")
@click.option(
    "--carry",
    "carry",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[NEXT]",
    help="Copy objectives that fell short of their type's expectation (committed: 1.0, "
    "aspirational: 0.7) into NEXT (default: the following period).",
)
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="OBJECTIVE",
    help="Carry only these objectives (repeatable, or comma-separated), met or not.",
)
@click.option(
    "--except",
    "exclude",
    multiple=True,
    metavar="OBJECTIVE",
    help="Leave these objectives behind (repeatable, or comma-separated).",
)
@date_option(
    "--date",
    "day",
    help="Day the rules of `okrctl check` are applied for. Default: the period's end plus "
    "`checkin_grace_days`.",
)
@today_option(
    "The day it is: a period that has not ended by then is still running. Default: today."
)
@click.option(
    "--early",
    is_flag=True,
    help="Close the period although it has not ended: its check-ins are refused from then on.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def close(
    period: str,
    carry: str | None,
    only: tuple[str, ...],
    exclude: tuple[str, ...],
    day: dt.date | None,
    today: dt.date | None,
    early: bool,
    dry_run: bool,
) -> int:
    """Mark PERIOD closed in the organisation file; its objectives become read-only history.

    The period must be graded first (`okrctl grade PERIOD`). With --carry, objectives whose
    score fell short of their type's expectation (committed below 1.0, aspirational below 0.7)
    continue in the next period as new files (`carried_from`), with the key results not yet
    met, starting from their last values; --only and --except name objectives to carry or to
    leave behind. Dropped work is never carried. Carried titles that still name the old period
    are reported.

    A period is closed only when `okrctl check` (with the repository's okrctl.yaml) reports no
    error in its files, as on its last day plus the grace days (or --date): fix them first, for
    example write the `retrospective` of a committed objective that missed 1.0. A period that
    has not ended is closed only with --early. Exit code 1 when the period is still running, a
    file of the period has an error or a carried file would not pass `okrctl check`; nothing is
    changed then.
    """
    root = workspace.find_root(Path.cwd())
    chosen = (_names(only), _names(exclude))
    when = When(today or dt.date.today(), day, early)
    with locked(
        root, enabled=not dry_run
    ):  # no other okrctl command edits the files between reading and writing
        return _close(root, period, carry, when, dry_run, chosen)


def _close(
    root: Path,
    period: str,
    carry: str | None,
    when: When,
    dry_run: bool,
    chosen: tuple[list[str], list[str]],
) -> int:
    repo = open_repository(root)
    closing = close_period(
        repo,
        period,
        carry,
        when,
        only=chosen[0],
        exclude=chosen[1],
    )
    if closing.running_until is not None:
        echo(
            f"okrctl: {period} is still running (it ends on {closing.running_until}); closing "
            "it now would refuse its check-ins until then. Close it after it ends, or now with "
            f"--early; nothing was changed, {period} stays open",
            err=True,
        )
        return EXIT_FINDINGS
    if closing.problems:
        _report_problems(closing, period)
        return EXIT_FINDINGS
    if not dry_run:
        write(repo, closing)
    would = "would " if dry_run else ""
    if closing.org_change is not None:
        echo(f"{would}close {period} in {closing.org_change.file}")
    if closing.carry_into is not None:
        _report_carry(closing, closing.carry_into, would)
    return EXIT_OK


def _report_problems(closing: Closing, period: str) -> None:
    """The errors that stop the closing, and what to do about them."""
    files = len({d.file for d in closing.problems})
    write_report(closing.problems, files, None)
    if closing.checked:
        hint = (
            "; write the `retrospective` of each objective listed"
            if any(d.code == RETROSPECTIVE for d in closing.problems)
            else ""
        )
        echo(
            f"okrctl: fix the errors above before closing {period}: once closed, its files "
            f"are history and cannot be edited{hint}",
            err=True,
        )
    echo(f"okrctl: nothing was changed; {period} stays as it is", err=True)


def _report_carry(closing: Closing, into: str, would: str) -> None:
    """Each carried objective with its notes, then those left behind and why."""
    if closing.carried:
        echo(f"{would}carry into {into}:")
    for new in closing.carried:
        _report_carried(new)
    for objective_id, reason in closing.skipped:
        echo(f"  {objective_id}: not carried, {reason}")
    if not closing.carried and not closing.skipped:
        echo(f"no objective fell short: nothing to carry into {into}")


def _report_carried(new: NewFile) -> None:
    """One carried objective: old and new id, its file, what stayed behind, what to fix."""
    echo(f"  {new.carried_from} -> {new.objective.id}  {new.file}")
    if new.dropped:
        echo(f"    met, not carried: {', '.join(new.dropped)}")
    for note in new.notes:
        echo(f"    note: {note}")
    for warning in new.warnings:
        echo(f"    warning: {warning}")


def _names(given: tuple[str, ...]) -> list[str]:
    return [name.strip() for item in given for name in item.split(",") if name.strip()]
