"""`okrctl build`: check the OKRs and publish them as a static site (refused on errors)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from okrctl import config as configuration
from okrctl import workspace
from okrctl.commands.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    config_option,
    format_option,
    write_report,
)
from okrctl.commands.options import today_option as shared_today_option
from okrctl.console import echo
from okrctl.errors import UsageError
from okrctl.site.build import BuildResult, Progress, build_site
from okrctl.site.mkdocs_build import SiteError
from okrctl.site.progress import Bars, Lines

DEFAULT_OUT = "public"

today_option = shared_today_option(
    "The date the site is built for: picks the current period. Default: today."
)


def repository_root() -> Path:
    root = workspace.find_root(Path.cwd())
    if not (root / workspace.DEFAULT_DIR).is_dir():
        raise UsageError(
            f"there is no {workspace.DEFAULT_DIR}/ folder in {root}; run okrctl in a repository of "
            "OKRs, or run `okrctl init` to start one"
        )
    return root


def progress() -> Progress:
    return Bars() if sys.stderr.isatty() else Lines()


def shown_path(path: Path) -> str:
    """The output folder as the summary line names it: relative to here when inside."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix() + "/"
    except ValueError:
        return f"{resolved}/"


def report(result: BuildResult, fmt: str | None = None) -> int:
    """Print the check's findings and the summary line; the exit code."""
    if result.check.diagnostics:
        write_report(result.check.diagnostics, len(result.check.files), fmt)
    if not result.built:
        errors, warnings = result.check.errors, result.check.warnings
        why = f"{errors} error{'s' * (errors != 1)}" if errors else f"{warnings} warnings"
        echo(f"okrctl: the site was not built: the check found {why}; fix them first", err=True)
        return EXIT_FINDINGS
    for warning in result.warnings:
        echo(f"okrctl: warning: {warning}", err=True)
    echo(
        f"built {result.pages} pages ({result.objectives} objectives) into "
        f"{shown_path(result.out)} in {result.seconds:.2f} s"
    )
    return EXIT_OK


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder to write the site to (replaced whole). Default: {DEFAULT_OUT}/ at the root.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Treat mkdocs warnings (a broken link or missing file in your site/ pages) as errors.",
)
@click.option(
    "--site-url",
    envvar="OKRCTL_SITE_URL",
    default=None,
    metavar="URL",
    help="Where the site will be served, e.g. https://acme.github.io/okrs/ (or $OKRCTL_SITE_URL): "
    "makes the 404 page and the sitemap work under that path.",
)
@format_option("Format of the check's findings. Default: github under GitHub Actions, else text.")
@today_option
@config_option()
def build(
    out: Path | None,
    strict: bool,
    site_url: str | None,
    today: dt.date | None,
    config_file: Path | None,
    fmt: str | None = None,
) -> int:
    """Check the OKRs and build the site: the cascade, one page per unit, people, health.

    Exit code 0 when the site was built, 1 when the check found errors (nothing is written) or
    mkdocs reported a problem, 2 for a usage or configuration error. Warnings of the check are
    printed and shown on the site's health page; they never stop a build.
    """
    root = repository_root()
    target = out if out is not None else root / DEFAULT_OUT
    day = today or dt.date.today()
    config = configuration.load(root, config_file)
    try:
        result = build_site(
            root,
            target,
            today=day,
            strict=strict,
            config=config,
            progress=progress(),
            site_url=site_url or None,
        )
    except SiteError as exc:
        echo(f"okrctl: {exc}", err=True, newlines=True)
        return EXIT_FINDINGS
    return report(result, fmt)
