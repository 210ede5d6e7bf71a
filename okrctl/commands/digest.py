"""`okrctl digest`: what changed in the OKRs since a day, from git history."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from okrctl import config as configuration
from okrctl import engine
from okrctl.checks import stale_key_result
from okrctl.commands.check import resolve_targets
from okrctl.commands.options import EXIT_OK, config_option, today_option
from okrctl.config import Config
from okrctl.errors import UsageError
from okrctl.git_history.digest import digest
from okrctl.lifecycle.digest_formats import FORMATS

_DAYS = re.compile(r"([1-9][0-9]{0,3})d\Z")


def since_day(text: str, today: dt.date) -> dt.date:
    """`7d` (seven days before `today`) or a day written YYYY-MM-DD, before `today`."""
    days = _DAYS.match(text)
    if days:
        if (today - dt.date.min).days < int(days[1]):
            raise UsageError(f"--since {text}: there is no day {days[1]} days before {today}")
        return today - dt.timedelta(days=int(days[1]))
    try:
        day = dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise UsageError(f"--since {text!r} is neither a day written YYYY-MM-DD nor days like 7d")
    if day >= today:
        raise UsageError(f"--since {day} is not before today ({today}): nothing can have changed")
    return day


def stale_days(config: Config) -> int | None:
    """OKR700's `max_days` as configured; None when the rule is off."""
    setting = config.rules.get(stale_key_result.RULE.code)
    if setting is None or not setting.enabled:
        return None
    options = setting.options
    assert isinstance(options, stale_key_result.Options)
    return options.max_days


@click.command()
@click.option(
    "--since",
    "since_text",
    required=True,
    metavar="YYYY-MM-DD|Nd",
    help="The baseline: what the OKRs were at the end of this day (or N days before today).",
)
@today_option("The day the digest is for (statuses, freshness). Default: today.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="markdown",
    show_default=True,
    help="markdown for an issue or a chat, json for tools, html for a page of its own.",
)
@config_option()
def digest_command(
    since_text: str, today: dt.date | None, fmt: str, config_file: Path | None
) -> int:
    """What changed in the OKRs since a day, from git history: objectives added, dropped and
    graded, status changes, the largest score moves, moved goalposts, check-ins recorded per
    unit, and what is stale now.

    Only changes after that day count: what the OKR files held then (the last commit on or
    before it) is the baseline; now is the work tree. Exit code 0, 2 for a usage or
    configuration error.
    """
    root, targets = resolve_targets(())
    day = today or dt.date.today()
    since = since_day(since_text, day)
    config = configuration.load(root, config_file)
    result = engine.check_repository(root, targets, config=config, today=day)
    found = digest(
        root,
        since,
        day,
        current=result.cascade,
        rollup=config.settings.rollup,
        stale_days=stale_days(config),
    )
    click.echo(FORMATS[fmt](found), nl=False)
    return EXIT_OK
