"""`okrctl new objective`: write a new objective file, asking for what is missing on a terminal."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from okrctl import workspace
from okrctl.commands.options import EXIT_OK, date_option
from okrctl.console import echo
from okrctl.errors import UsageError
from okrctl.lifecycle.periods import plan_period
from okrctl.lifecycle.repo import Repository, open_repository
from okrctl.lifecycle.scaffold import Request, plan
from okrctl.transaction import Conflict, Write, commit, locked


@click.group()
def new() -> None:
    """Create OKR files."""


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(label: str, default: str | None = None, choices: list[str] | None = None) -> str:
    if choices:
        echo(f"{label} options: {', '.join(choices)}")
    value: str = click.prompt(label, default=default, show_default=default is not None)
    return value.strip()


def _current_period(repo: Repository, today: dt.date) -> str | None:
    open_ = sorted(
        (p for p in repo.cascade.periods.values() if not p.closed),
        key=lambda p: ((p.end - p.start).days, p.start),
    )
    inside = [p for p in open_ if p.start <= today <= p.end]
    chosen = inside or open_
    return chosen[0].id if chosen else None


def _fill(repo: Repository, given: dict[str, str | None]) -> dict[str, str | None]:
    """Prompt for the values that are missing (terminal only)."""
    cascade = repo.cascade
    if not given["unit"]:
        given["unit"] = _ask("Unit", choices=sorted(cascade.units))
    if not given["period"]:
        given["period"] = _ask("Period", _current_period(repo, dt.date.today()))
    if not given["title"]:
        given["title"] = _ask("Title (the qualitative goal)")
    unit = cascade.units.get(given["unit"] or "")
    if not given["owner"]:
        given["owner"] = _ask("Owner", unit.lead if unit else None, sorted(cascade.people))
    if not given["parent"] and unit is not None:
        lineage = {unit.id, *cascade.unit_ancestors(unit.id)}
        candidates = sorted(
            e.objective.id
            for e in cascade.objectives.values()
            if e.objective.unit in lineage and e.objective.period == given["period"]
        )
        if candidates:
            given["parent"] = _ask("Parent objective (empty: none)", "", candidates) or None
    return given


@new.command("objective")
@click.option("--unit", help="The unit that owns the objective (an id from the organisation).")
@click.option("--period", help="The period, e.g. 2026-Q4.")
@click.option("--title", help="The qualitative goal.")
@click.option(
    "--owner",
    help="The responsible person, or a unit (the team owns it). Default: the unit's lead.",
)
@click.option("--parent", help="The objective this one supports.")
@click.option(
    "--level",
    type=click.Choice(["strategic", "operational"]),
    help="Default: operational with --parent, else strategic.",
)
@click.option(
    "--type",
    "kind",
    type=click.Choice(["committed", "aspirational"]),
    default="committed",
    show_default=True,
)
@click.option("--id", "objective_id", help="The id (and file name). Default: from the title.")
@date_option(
    "--date",
    "day",
    help="The day the objective is set (default: today): when it falls inside the period, each "
    "key result gets a first check-in at its baseline on that day.",
)
@click.option(
    "--kr",
    "key_results",
    multiple=True,
    metavar="SPEC",
    help="A key result: 'TITLE' (a milestone) or 'TITLE; UNIT; BASELINE; TARGET'. Repeatable.",
)
def objective(
    unit: str | None,
    period: str | None,
    title: str | None,
    owner: str | None,
    parent: str | None,
    level: str | None,
    kind: str,
    objective_id: str | None,
    key_results: tuple[str, ...],
    day: dt.date | None,
) -> int:
    """Write okrs/PERIOD/UNIT/ID.yaml: a new objective, checked against the organisation.

    On a terminal, missing values are asked for; otherwise --unit, --period and --title are
    required. Never overwrites a file. Exit code 2 for an unknown name or a bad value.
    """
    repo = open_repository(workspace.find_root(Path.cwd()))
    given = {"unit": unit, "period": period, "title": title, "owner": owner, "parent": parent}
    if _interactive():
        given = _fill(repo, given)
        if not key_results:
            specs: list[str] = []
            while True:
                spec = _ask(
                    f"Key result {len(specs) + 1} ('TITLE' or 'TITLE; UNIT; BASELINE; TARGET'; "
                    "empty: done)",
                    "",
                )
                if not spec:
                    break
                specs.append(spec)
            key_results = tuple(specs)
    missing = [f"--{name}" for name in ("unit", "period", "title") if not given[name]]
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)} (no terminal to ask on)")
    request = Request(
        unit=given["unit"] or "",
        period=given["period"] or "",
        title=given["title"] or "",
        owner=given["owner"],
        level=level,
        type=kind,
        parent=given["parent"],
        id=objective_id,
        key_results=key_results,
        today=day or dt.date.today(),
    )
    planned = plan(repo, request)
    try:
        commit(repo.root, [Write(planned.file, planned.text.encode("utf-8"), None)])
    except Conflict:
        raise UsageError(f"{planned.file} already exists; okrctl never overwrites a file") from None
    echo(planned.file)
    if planned.todo:
        echo(
            f"next: replace the two TODO key results in {planned.file} with 2 to 5 measurable "
            "outcomes (title, metric, unit, baseline, target), then run `okrctl check`",
            err=True,
        )
    return EXIT_OK


@new.command("period")
@click.argument("period_id", metavar="ID")
@date_option("--start", "start", help="Its first day. Default: from the id or the periods there.")
@date_option("--end", "end", help="Its last day. Default: from the id or the periods there.")
@click.option("--dry-run", is_flag=True, help="Show the period; write nothing.")
def period(period_id: str, start: dt.date | None, end: dt.date | None, dry_run: bool) -> int:
    """Add the period ID to the organisation file: the next quarter, half, year or month.

    A calendar id (2027, 2027-H1, 2027-Q1, 2027-05) gets its calendar dates when they fit the
    periods there; any other id (FY27-Q2), or one whose calendar dates would overlap a period
    there, follows the latest period of the same length (the day after it ends, as long as it
    was). --start and --end set the dates. Exit code 2 for an id already used or dates that
    overlap a period without enclosing it.
    """
    root = workspace.find_root(Path.cwd())
    with locked(root, enabled=not dry_run):  # nobody edits org.yaml between reading and writing
        repo = open_repository(root)
        change, added = plan_period(repo, period_id, start, end)
        would = "would add" if dry_run else "added"
        if not dry_run:
            change.write(root)
    echo(f"{would} period {added.id} ({added.start} to {added.end}) to {change.file}")
    return EXIT_OK
