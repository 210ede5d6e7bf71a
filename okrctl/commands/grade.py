"""`okrctl grade`: write final scores into a period's key results and objectives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from okrctl import workspace
from okrctl.commands.options import EXIT_FINDINGS, EXIT_OK, write_report
from okrctl.console import echo
from okrctl.errors import UsageError
from okrctl.lifecycle.grade import Graded
from okrctl.lifecycle.grade import grade as grade_period
from okrctl.lifecycle.repo import open_repository
from okrctl.scoring import band
from okrctl.transaction import commit, locked


@click.command()
@click.argument("period")
@click.option("--dry-run", is_flag=True, help="Show the grades; write nothing.")
@click.option(
    "--regrade", is_flag=True, help="Recompute scores already in the files from the measurements."
)
@click.option(
    "--score",
    "scores",
    multiple=True,
    metavar="OBJECTIVE[/KEY_RESULT]=SCORE",
    help="Give a score (0.0-1.0) by hand: for a key result nothing measured, or to override "
    "a computed grade. Repeatable.",
)
def grade(period: str, dry_run: bool, regrade: bool, scores: tuple[str, ...]) -> int:
    """Grade PERIOD: write `score` (0.0-1.0) into every key result and objective.

    A key result's score is its progress from baseline to target (a milestone: 1 or 0); an
    objective's is its effective score: the weighted mean of its key results', rolled up from
    the objectives supporting it when it has none. A key result nothing measured is not graded
    0: give its score with --score OBJECTIVE/KEY_RESULT=SCORE (or record a check-in). Dropped
    work is not graded. Scores already in a file are kept unless --regrade. Exit code 1 when a
    file of the period is invalid or a score is missing; nothing is written then.
    """
    explicit = _explicit(scores)
    root = workspace.find_root(Path.cwd())
    with locked(root, enabled=not dry_run):
        return _grade(root, period, dry_run, regrade, explicit)


def _grade(
    root: Path, period: str, dry_run: bool, regrade: bool, explicit: dict[str, float]
) -> int:
    repo = open_repository(root)
    outcome = grade_period(repo, period, regrade=regrade, explicit=explicit)
    if outcome.problems:
        write_report(outcome.problems, len(outcome.problems), None)
        echo(f"okrctl: fix these first; nothing was graded in {period}", err=True)
        return EXIT_FINDINGS
    if outcome.unmeasured:
        echo(f"not measured, so not graded 0 (nothing was written in {period}):")
        for name in outcome.unmeasured:
            echo(f"  {name}")
        echo(
            "give each a score, e.g. `okrctl grade "
            f"{period} --score {outcome.unmeasured[0]}=0.3`, or record a "
            "check-in with its value first",
            err=True,
        )
        return EXIT_FINDINGS
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
    return EXIT_OK


def _explicit(given: tuple[str, ...]) -> dict[str, float]:
    found: dict[str, float] = {}
    for item in given:
        name, sep, value = item.rpartition("=")
        try:
            score = float(value)
        except ValueError:
            score = float("nan")
        if not sep or not name or score != score:
            raise UsageError(
                f"--score {item!r}: write OBJECTIVE=SCORE or OBJECTIVE/KEY_RESULT=SCORE, "
                "e.g. grow/revenue=0.4"
            )
        found[name.strip()] = score
    return found


def table(outcome: Graded) -> str:
    rows = [("objective / key result", "score", "band", "")]
    for g in outcome.grades:
        name = g.objective if g.key_result is None else f"  {g.key_result}"
        if g.score is None:
            rows.append((name, "", "", "dropped"))
            continue
        note = "kept" if g.kept else "given" if g.given else ""
        rows.append((name, f"{g.score:.2f}", band(g.score) if g.key_result is None else "", note))
    width = max(len(r[0]) for r in rows)
    lines = [f"{r[0]:<{width}}  {r[1]:>5}  {r[2]:<6}  {r[3]}".rstrip() for r in rows]
    return "\n".join(lines) + "\n"
