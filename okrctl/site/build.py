"""`build_site`: check the OKRs, gather the view, render every page, run mkdocs, publish.

Gather all data first, then write: the check and the view are complete before a single page is
rendered, and the output folder is only replaced once mkdocs has built the whole new site.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from okrctl import engine, gitcmd, workspace
from okrctl.checks.documentation import rule_docs
from okrctl.config import Config
from okrctl.errors import UsageError
from okrctl.git_history.as_planned import planned_vs_now
from okrctl.git_history.digest import digest
from okrctl.site import (
    docs_folder,
    mkdocs_build,
    mkdocs_settings,
    pages,
    palette,
    publish,
    repository,
    stamp,
)
from okrctl.site.changes import Changes, week_before
from okrctl.site.history import SiteHistory, site_history
from okrctl.site.templates import Page, renderer
from okrctl.site.view import SiteView, gather, stale_days

NOT_IN_NAV = (
    "/units/",
    "/periods/",
    "/cascade/",
    "/tree/",
    "/people/",
    "/dependencies/",
    "/health/",
    "/rules/",
)


class Progress(Protocol):
    """Where a build reports its phases and steps (the command draws a bar or prints lines)."""

    def phase(self, name: str, total: int = 0) -> None: ...

    def advance(self, steps: int = 1) -> None: ...

    def finish(self) -> None: ...


class Silent:
    """Progress that shows nothing."""

    def phase(self, name: str, total: int = 0) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass(frozen=True)
class BuildResult:
    """What a build did. `built` is False when the check found errors (nothing was written)."""

    check: engine.CheckResult
    out: Path
    built: bool = False
    pages: int = 0
    objectives: int = 0
    seconds: float = 0.0
    warnings: tuple[str, ...] = ()
    """What the build found wrong with the site's settings (a palette below WCAG AA)."""


def nav(view: SiteView, extra_pages: Sequence[str]) -> list[dict[str, str] | str]:
    """A small, fixed navigation: it does not grow with the organisation (unit pages are reached
    from the index pages), which keeps mkdocs-material fast on thousands of pages."""
    return [
        {"Home": "index.md"},
        {"Goal tree": f"tree/{view.current.id}.md"},
        {"Org chart": f"cascade/{view.current.id}.md"},
        {"Units": "units/index.md"},
        {"People": "people.md"},
        {"Alignment health": "health.md"},
        {"Dependencies": f"dependencies/{view.current.id}.md"},
        {"How scores work": "scoring.md"},
        {"Rules": "rules/index.md"},
        *extra_pages,
    ]


@contextmanager
def _source_date(epoch: int) -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if previous is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def build_site(
    root: Path,
    out: Path,
    *,
    today: dt.date,
    strict: bool = False,
    config: Config | None = None,
    progress: Progress | None = None,
    history: bool = True,
    fetch: bool = False,
    site_url: str | None = None,
) -> BuildResult:
    """Check `root`'s OKRs and, when they pass, build the site into `out` (replaced atomically).

    The check is `okrctl check`'s: the built-in checks and the rules `config` enables (default:
    the default configuration), for `today`. The site documents the rules as `config` sets them.

    `history`: read the plans (each key result's baseline and target at its period's start) from
    git history; `fetch`: deepen a shallow clone from its remote when that history is missing.
    Without git, the site says that history is unavailable.

    Raises UsageError for a bad output folder or site configuration, and
    `mkdocs_build.SiteError` when mkdocs reports a problem (strict mode); `out` is untouched then.
    """
    shown = progress or Silent()
    started = time.perf_counter()
    root, out = root.resolve(), out.resolve()  # mkdocs reads relative paths from site/
    shown.phase("checking the OKRs")
    check = engine.check_repository(root, config=config or Config(), today=today)
    if check.errors:
        shown.finish()
        return BuildResult(check, out)
    if root == out or root.is_relative_to(out):
        raise UsageError(f"cannot build into {out}: it holds the repository; choose another --out")
    publish.check_target(out, [root / workspace.DEFAULT_DIR, root / mkdocs_build.SITE_DIR])
    settings = mkdocs_settings.site_settings(root)  # a bad site/mkdocs.yml fails before rendering
    repo = repository.from_settings(
        settings[1], _prefix(root) if settings[1].get("repo_url") else ""
    )
    warned = tuple(palette.warnings(settings[0]))
    shown.phase("reading the plans from git history")
    plans = (
        site_history(planned_vs_now(root, check.cascade, fetch=fetch), check.cascade, root)
        if history
        else SiteHistory()
    )
    docs = rule_docs(config or Config())
    rollup = (config or Config()).settings.rollup
    changes = Changes()
    if history:
        shown.phase("reading what changed in the last week")
        since = week_before(today)
        found = digest(
            root, since, today, current=check.cascade, rollup=rollup, stale_days=stale_days(docs)
        )
        changes = Changes(found)
    view = gather(
        check.cascade,
        today,
        rules=docs,
        history=plans,
        rollup=rollup,
        repository=repo,
        changes=changes,
        stamp=stamp.read(root, check.cascade, today, stale_days(docs)),
        findings=check.diagnostics,
    )
    rendered = _render(view, shown)
    staged = publish.stage(out)
    try:
        with tempfile.TemporaryDirectory(prefix="okrctl-docs-") as work:
            written = _mkdocs(
                root, Path(work), staged, view, rendered, settings, shown, strict, site_url
            )
        shown.phase("publishing")
        publish.swap(staged, out)
    except BaseException:
        publish.discard(staged)
        raise
    finally:
        shown.finish()
    return BuildResult(
        check,
        out,
        built=True,
        pages=written,
        objectives=len(check.cascade.objectives),
        seconds=time.perf_counter() - started,
        warnings=warned,
    )


def _prefix(root: Path) -> str:
    """Where the OKR repository sits inside its git repository ('' at its top)."""
    try:
        top = gitcmd.toplevel(root)
    except gitcmd.GitError:
        return ""
    relative = root.resolve().relative_to(top.resolve()).as_posix()
    return "" if relative == "." else relative


def _render(view: SiteView, shown: Progress) -> list[Page]:
    planned = pages.planned(view)
    shown.phase("rendering pages", len(planned))
    rendered: list[Page] = []
    for page in planned:
        rendered.append(page.render())
        shown.advance()
    return rendered


def _mkdocs(
    root: Path,
    work: Path,
    staged: Path,
    view: SiteView,
    rendered: list[Page],
    settings: tuple[dict[str, Any], dict[str, Any]],
    shown: Progress,
    strict: bool,
    site_url: str | None = None,
) -> int:
    docs_dir = work / "docs"
    extra_pages = docs_folder.write(root, docs_dir, rendered)
    composed = mkdocs_settings.compose(
        root,
        docs_dir,
        staged,
        site_name=view.name,
        site_description=view.organization.description,
        nav=nav(view, extra_pages),
        not_in_nav=NOT_IN_NAV,
        settings=settings,
        strict=strict,
        site_url=site_url,
    )
    shown.phase("building the site with mkdocs", len(rendered) + len(extra_pages))
    config_path = root / mkdocs_build.SITE_DIR / mkdocs_build.CONFIG_NAME
    made = view.stamp or stamp.Stamp(view.today, stamp.fallback_epoch(view.cascade), "check-ins")
    header = str(renderer("_stamp.html.j2")(view=view, stamp=made))
    with _source_date(made.epoch):
        return mkdocs_build.build(
            composed, config_path, {p.path: p for p in rendered}, shown.advance, header
        )
