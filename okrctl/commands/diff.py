"""`okrctl diff`: what a change does to the OKRs, in words a reviewer reads."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import get_args

import click

from okrctl import config as configuration
from okrctl import workspace
from okrctl.commands.options import EXIT_OK, config_option, today_option
from okrctl.gitops.diff import Scope, diff
from okrctl.gitops.formats import RENDERERS


@click.command("diff")
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RENDERERS)),
    default="text",
    show_default=True,
    help="markdown for a job summary or a pull-request comment; json for tools.",
)
@click.option(
    "--scope",
    "scope_mode",
    type=click.Choice(get_args(Scope)),
    default="auto",
    show_default=True,
    help="Which files' findings to compare: full checks every file on both sides; nearby only "
    "the changed files and those related to them (fast in large repositories); auto picks "
    "nearby from 1,000 files on.",
)
@today_option("The day time-based rules check for, on both sides. Default: today.")
@config_option(
    "Configuration file, as for `okrctl check`; the working tree's applies to both sides."
)
def diff_command(
    base: str | None,
    head: str | None,
    fmt: str,
    scope_mode: Scope,
    today: dt.date | None,
    config_file: Path | None,
) -> int:
    """Show what changed in the OKRs between BASE and HEAD.

    Objectives added, removed, renamed or moved; key results added or removed; goalposts moved
    (targets and baselines, flagged louder in a closed period); progress and confidence; the
    findings the change introduces and fixes; and, on top, changes to the code `okrctl sync`
    runs: commands added to or removed from okrctl.yaml's allow-list, and the files its
    commands name (their scripts) added, removed or changed.

    BASE defaults to the merge base of HEAD with main (in a pull request on GitHub Actions, with
    the branch it targets); HEAD defaults to the working tree. Exit code 0 when the diff was
    printed, 2 for an unknown revision or history missing from a shallow clone.
    """
    root = workspace.find_root(Path.cwd())
    config = configuration.load(root, config_file)
    report = diff(root, base, head, scope_mode=scope_mode, config=config, today=today)
    RENDERERS[fmt]().write(report, sys.stdout)
    return EXIT_OK
