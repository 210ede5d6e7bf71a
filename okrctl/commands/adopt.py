"""`okrctl import markdown|table`: bring existing OKRs into the repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from okrctl.adopt.records import Category, Note, ordered
from okrctl.adopt.session import Outcome, execute
from okrctl.commands.options import EXIT_FINDINGS, EXIT_OK, today_option
from okrctl.errors import UsageError
from okrctl.safetext import file_name, terminal

F = TypeVar("F", bound=Callable[..., Any])


def _shared(command: F) -> F:
    for option in reversed(
        [
            click.option(
                "--into",
                type=click.Path(file_okay=False, path_type=Path),
                default=Path(),
                show_default=True,
                help="The repository to write into: a new folder, or an existing repository "
                "(new units, people and periods are added to its okrs/org.yaml).",
            ),
            click.option(
                "--period",
                help="The period of objectives the source puts under no "
                "period (2026-Q3, 2026-H2, 2026, 2026-05).",
            ),
            click.option(
                "--name",
                help="The organisation's name, for a new repository. Default: the name "
                "the document's title holds ('Acme OKRs Q3 2026' gives Acme; a title of "
                "only OKR words and a period names no one: 'Our Organisation').",
            ),
            click.option(
                "--fiscal-year-start",
                metavar="MONTH",
                help="The month your fiscal year starts (2, feb or february), for periods "
                "written FY21-Q1; a fiscal year is named after the year it ends in. Default: "
                "January.",
            ),
            click.option(
                "--dry-run",
                is_flag=True,
                help="Print the outline of what would be written, a summary and the report; "
                "write nothing.",
            ),
            today_option(
                "The day check-in notes are dated (kept inside the period). Default: today."
            ),
        ]
    ):
        command = option(command)
    return command


def _period(period: str | None) -> str | None:
    """--period as a period id (UsageError when it names none)."""
    if period is None:
        return None
    from okrctl.adopt.periods import normalise

    identifier = normalise(period)
    if identifier is None:
        raise UsageError(
            f"--period {period!r} is not a period; write 2026-Q3, Q3 2026, 2026-H2, 2026, "
            "2026-05 or FY26-Q1"
        )
    return identifier


def _fiscal_start(month: str | None) -> int:
    """--fiscal-year-start as a month number (UsageError when it names none)."""
    if month is None:
        return 1
    from okrctl.adopt.periods import MONTH_NAMES

    text = month.strip().lower()
    number = int(text) if text.isdigit() else MONTH_NAMES.get(text, 0)
    if not 1 <= number <= 12:
        raise UsageError(f"--fiscal-year-start {month!r} is not a month; write 2, feb or february")
    return number


def report(outcome: Outcome, into: Path, dry_run: bool) -> int:
    """Print the import report; the exit code (1 when anything stopped the import). A dry run
    prints the outline of what would be written first, then the summary, then the report."""
    from okrctl.adopt.outline import outline_lines, summary_lines

    plan = outcome.plan
    notes: list[Note] = ordered(plan.notes)
    if dry_run and not plan.failed:
        for line in outline_lines(plan):
            click.echo(terminal(line))
    if plan.written:
        for line in summary_lines(plan):
            click.echo(terminal(line))
    for file, reading in plan.readings:
        click.echo(f"{terminal(file)}: reading: {terminal(reading)}")
    for note in notes:
        click.echo(f"{terminal(note.file)}:{note.line}: {note.category}: {terminal(note.message)}")
    counts = {c: sum(1 for n in notes if n.category == c) for c in Category}
    summary = (
        f"{plan.objectives} objective(s), {plan.key_results} key result(s); "
        f"{counts[Category.GUESSED]} guessed, {counts[Category.UNREAD]} not read, "
        f"{counts[Category.ERROR]} error(s)"
    )
    if plan.failed:
        click.echo(f"{summary}: nothing written", err=True)
        return EXIT_FINDINGS
    if dry_run:
        click.echo(
            f"{summary}; dry run: nothing written ({len(plan.files)} file(s) planned)", err=True
        )
        return EXIT_OK
    click.echo(f"{summary}; wrote {len(outcome.written)} file(s) into {file_name(into)}", err=True)
    return EXIT_OK


@click.group(name="import")
def import_group() -> None:
    """Bring existing OKRs into git: from Markdown pages, or from a spreadsheet (CSV or XLSX).

    Writes okrs/org.yaml (units, people, periods) and one file per objective, never over an
    existing file, and prints a report of what was mapped, guessed and not read, with the
    source's file and line or row. Exit code 1 when the source cannot be imported; then
    nothing is written.
    """


@import_group.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--objectives",
    metavar="MARKER",
    help="What an objective is on your page: labels ('Objective:'), bold (bold items or "
    "paragraphs), headings or headings:N (level-N headings), list (top-level items), "
    "paragraphs (a paragraph followed by a list). Default: detected from the page.",
)
@click.option(
    "--key-results",
    type=click.Choice(["labels", "items", "boxes", "tables"]),
    help="How key results are marked: labels ('KR:'), items (the items under an objective), "
    "boxes (task boxes), tables (table rows). Default: detected.",
)
@click.option(
    "--owners",
    type=click.Choice(["holders", "handles", "labels", "none"]),
    help="Where owners come from: holders ('CEO: ...' prefixes), handles (@name), labels "
    "('Owner: ...'), none. Default: detected.",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A YAML file choosing the reading: `objectives:`, `key_results:` and `owners:` (the "
    "values of the options above).",
)
@_shared
def markdown(
    files: tuple[Path, ...],
    objectives: str | None,
    key_results: str | None,
    owners: str | None,
    mapping: Path | None,
    into: Path,
    period: str | None,
    name: str | None,
    fiscal_year_start: str | None,
    dry_run: bool,
    today: dt.date | None,
) -> int:
    """Import OKR documents written in Markdown (headings, labels, bold items, nested lists,
    task lists, tables), read by the markers each page uses."""
    from okrctl.adopt.inputs import markdown_sources, reading_file

    choice: tuple[str | None, str | None, str | None] = (None, None, None)
    problems: list[Note] = []
    if mapping is not None:
        choice, problems = reading_file(mapping)
    choice = (objectives or choice[0], key_results or choice[1], owners or choice[2])
    _check_objectives(choice[0])
    day, chosen = today or dt.date.today(), _period(period)
    year = chosen[:4] if chosen is not None and chosen[:4].isdigit() else str(day.year)
    sources = markdown_sources(files, choice, year)
    if sources:
        sources[0].notes[:0] = problems
    outcome = execute(
        sources,
        into,
        period=chosen,
        name=name,
        today=day,
        dry_run=dry_run,
        fiscal_start=_fiscal_start(fiscal_year_start),
    )
    return report(outcome, into, dry_run)


def _check_objectives(marker: str | None) -> None:
    if marker is None:
        return
    name, _, level = marker.partition(":")
    valid = ("labels", "bold", "headings", "list", "paragraphs")
    if name not in valid or (level and (name != "headings" or not level.isdigit())):
        raise UsageError(
            f"--objectives {marker!r}: write one of {', '.join(valid)} (or headings:N for "
            "level-N headings)"
        )


@import_group.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--preset",
    type=click.Choice(["allyio", "viva-goals", "okrctl"]),
    help="A known layout: allyio and viva-goals (the same export), or okrctl (what "
    "`okrctl export --format csv` writes). Default: allyio.",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A YAML file mapping okrctl's fields to your columns (see 'Adopting okrctl' in "
    "okrctl's documentation).",
)
@click.option(
    "--sheet",
    metavar="NAME",
    help="The sheet of an XLSX workbook to read. Default: the first visible sheet (hidden "
    "sheets are skipped and reported).",
)
@_shared
def table(
    file: Path,
    preset: str | None,
    mapping: Path | None,
    sheet: str | None,
    into: Path,
    period: str | None,
    name: str | None,
    fiscal_year_start: str | None,
    dry_run: bool,
    today: dt.date | None,
) -> int:
    """Import a spreadsheet (.csv or .xlsx) with one row per objective or key result, or one
    row per key result with its objective repeated in an Objective column."""
    from okrctl.adopt.inputs import table_source

    if preset and mapping:
        raise UsageError("give --preset or --mapping, not both")
    day, chosen = today or dt.date.today(), _period(period)
    source = table_source(file, preset, mapping, sheet)
    outcome = execute(
        [source],
        into,
        period=chosen,
        name=name,
        today=day,
        dry_run=dry_run,
        fiscal_start=_fiscal_start(fiscal_year_start),
    )
    return report(outcome, into, dry_run)
