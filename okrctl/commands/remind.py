"""`okrctl remind`: for each person, what they must do now (check in, grade, acknowledge)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from okrctl import config as configuration
from okrctl import engine
from okrctl.commands.check import resolve_targets
from okrctl.commands.options import EXIT_OK, config_option, today_option
from okrctl.errors import UsageError
from okrctl.lifecycle.remind import UrlFor, reminders
from okrctl.lifecycle.remind_formats import FORMATS
from okrctl.model import Objective
from okrctl.site.links import html_path, kr_anchor, unit_page

_SITE_URL = re.compile(r"https?://[^\s\"'<>()\\`\x00-\x1f\x7f]+\Z")


def site_links(site_url: str | None) -> UrlFor | None:
    """The address of an objective's (or key result's) place on the published site."""
    if not site_url:
        return None
    if not _SITE_URL.match(site_url):
        raise UsageError(
            f"--site-url {site_url!r} is not an http(s) address without spaces, quotes or "
            "brackets, e.g. https://acme.github.io/okrs/"
        )
    base = site_url if site_url.endswith("/") else site_url + "/"

    def url(objective: Objective, kr_id: str | None) -> str:
        anchor = objective.id if kr_id is None else kr_anchor(objective, kr_id)
        return f"{base}{html_path(unit_page(objective.unit, objective.period))}#{anchor}"

    return url


@click.command()
@click.option("--period", help="Only what concerns objectives of this period. Default: all.")
@today_option("The day the reminders are for (freshness, grace days). Default: today.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for an issue, json for tools.",
)
@click.option(
    "--site-url",
    envvar="OKRCTL_SITE_URL",
    default=None,
    metavar="URL",
    help="Where the site is published (or $OKRCTL_SITE_URL): each reminder links to its page.",
)
@config_option()
def remind(
    period: str | None,
    today: dt.date | None,
    fmt: str,
    site_url: str | None,
    config_file: Path | None,
) -> int:
    """For each person, what they must do now: key results to check in (OKR700), dependencies
    to acknowledge (OKR510), ended periods to grade (OKR705), retrospectives to write (OKR710).

    Each reminder is a finding `okrctl check` reports, at the same file and line; it goes to the
    key result's owner, else the objective's owner, else the unit's lead. Exit code 0 (also when
    something is due), 2 for a usage or configuration error.
    """
    root, targets = resolve_targets(())
    day = today or dt.date.today()
    links = site_links(site_url)
    config = configuration.load(root, config_file)
    result = engine.check_repository(root, targets, config=config, today=day)
    if period is not None and period not in result.cascade.periods:
        known = ", ".join(sorted(result.cascade.periods)) or "none"
        raise UsageError(f"unknown period {period!r}; periods: {known}")
    found = reminders(result.cascade, result.diagnostics, day, period=period, url=links)
    click.echo(FORMATS[fmt](found), nl=False)
    return EXIT_OK
