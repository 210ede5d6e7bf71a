"""`okrctl grade`: write final scores into a period's key results and objectives."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from okrctl import engine
from okrctl.console import echo
from okrctl.lifecycle.grade import Graded
from okrctl.lifecycle.grade import grade as grade_period
from okrctl.lifecycle.repo import open_repository
from okrctl.report import reporter_for
from okrctl.scoring import band
from okrctl.transaction import commit, locked


@click.command()
@click.argument("period")
@click.option("--dry-run", is_flag=True, help="Show the grades; write nothing.")
@click.option(
    "--regrade", is_flag=True, help="Recompute scores already in the files from the measurements."
)
def grade(period: str, dry_run: bool, regrade: bool) -> int:
    """Grade PERIOD: write `score` (0.0-1.0) into every key result and objective.

    A key result's score is its progress from baseline to target (a milestone: 1 or 0); an
    objective's is the weighted mean of its key results'. Scores already in a file are kept
    unless --regrade. Exit code 1 when a file of the period is invalid.
    """
    root = engine.find_root(Path.cwd())
    with locked(root, enabled=not dry_run):
        return _grade(root, period, dry_run, regrade)


def _grade(root: Path, period: str, dry_run: bool, regrade: bool) -> int:
    repo = open_repository(root)
    outcome = grade_period(repo, period, regrade=regrade)
    if outcome.problems:
        reporter_for(None, sys.stdout).write(outcome.problems, len(outcome.problems), sys.stdout)
        echo(f"okrctl: fix these first; nothing was graded in {period}", err=True)
        return 1
    ends = repo.period(period).end
    if dt.date.today() < ends:
        echo(f"note: {period} runs until {ends}; these grades are early", err=True)
    echo(table(outcome), nl=False, newlines=True)
    if not dry_run:  # every file, or none
        commit(repo.root, [change.as_write() for change in outcome.changes])
    verb = "would write" if dry_run else "wrote"
    files = len(outcome.changes)
    echo(f"{verb} {files} file{'s' * (files != 1)}")
    if outcome.retrospective_missing:
        echo("committed objectives below 1.0 need a `retrospective` (what was learned):")
        for entry in outcome.retrospective_missing:
            echo(f"  {entry.objective.id}  {entry.file}")
    return 0


def table(outcome: Graded) -> str:
    rows = [("objective / key result", "score", "band", "")]
    for g in outcome.grades:
        name = g.objective if g.key_result is None else f"  {g.key_result}"
        rows.append(
            (
                name,
                f"{g.score:.2f}",
                band(g.score) if g.key_result is None else "",
                "kept" if g.kept else "",
            )
        )
    width = max(len(r[0]) for r in rows)
    lines = [f"{r[0]:<{width}}  {r[1]:>5}  {r[2]:<6}  {r[3]}".rstrip() for r in rows]
    return "\n".join(lines) + "\n"
