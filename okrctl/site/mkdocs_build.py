"""Running mkdocs-material on the rendered pages: the page plugin, mkdocs' messages, strict mode.

The settings come from `mkdocs_settings` (okrctl's defaults, the organisation's site/mkdocs.yml,
what okrctl needs); this module runs mkdocs with them and trims what readers never load.

User text never goes through Markdown. Each generated page's Markdown holds a marker; after
Markdown ran, the `okrctl` plugin replaces the marker with the page's HTML, rendered by jinja2
with autoescaping. So Markdown syntax, `{{ }}` for a macros plugin, or a `--8<--` snippet line in a
title or a note can never be interpreted, whichever Markdown extensions an organisation enables;
and large pages skip Markdown's raw-HTML parsing, which would dominate the build time.
"""

from __future__ import annotations

import io
import logging
import re
import traceback
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils.templates import TemplateContext

from okrctl.errors import UsageError
from okrctl.safetext import terminal
from okrctl.site.confined_output import ConfinedOutput

# where docs_folder and the serve command find them
from okrctl.site.site_config import CONFIG_NAME as CONFIG_NAME
from okrctl.site.site_config import SITE_DIR as SITE_DIR
from okrctl.site.site_config import WHERE
from okrctl.site.templates import Page

MARKER = "<!-- okrctl:page -->"
"""Where a generated page's HTML goes; Markdown passes an HTML comment through untouched."""

ROBOTS = "noindex, nofollow"
"""The pages are internal: search engines are asked not to index them, unless the
organisation's site/mkdocs.yml sets `extra: {robots: "index, follow"}`."""
LAZY_SEARCH = "assets/okrctl/lazy-search.js"
_SOURCE_MAP = re.compile(rb"\n?(//|/\*)# sourceMappingURL=[^\n]*?(\*/)?\s*$")
# Search language packs mkdocs-material copies whatever the configured languages; what each
# language needs besides lunr itself.
_LUNR = "assets/javascripts/lunr"
_LUNR_SHARED = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"}
_LUNR_EXTRA = {"ja": {"tinyseg.js"}, "jp": {"tinyseg.js"}, "th": {"wordcut.js"}}


class SiteError(Exception):
    """mkdocs refused to build the site; the message lists why."""


class PagePlugin(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Puts each generated page's HTML in place of its marker, sets its table of contents and
    counts the pages mkdocs writes."""

    def __init__(
        self,
        pages: Mapping[str, Page],
        tick: Callable[[], None],
        robots: str = ROBOTS,
        header: str = "",
    ) -> None:
        super().__init__()
        self.pages = pages
        self.robots = robots
        self.header = header
        """HTML put at the top of every page's content: the stamp saying which day the data is
        as of (`okrctl.site.stamp`)."""
        self.tick = tick
        self.written = 0
        self._converted: dict[str, str] = {}
        """Markdown's output of pages whose search document stands in for them until indexed."""

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """The theme's templates do not change while the site builds: no check of their files
        on each of the thousands of times a page includes one."""
        env.auto_reload = False
        return env

    def on_pre_page(self, page: MkPage, /, *, config: MkDocsConfig, files: Files) -> MkPage:
        """A generated page without Markdown of its own is its marker alone: it skips Markdown
        (a parser per page, with every extension, for one HTML comment), which is most of
        mkdocs' work on each of thousands of objective pages."""
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and generated.body and not generated.markdown:
            page.render = types.MethodType(_marker_only, page)  # type: ignore[method-assign]
        return page

    @event_priority(-100)  # last: no other plugin transforms the escaped user text
    def on_page_content(
        self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is None or not generated.body:
            return html
        if MARKER not in html:
            raise SiteError(f"{page.file.src_uri}: the page lost its okrctl marker")
        if generated.toc:
            page.toc = TableOfContents(
                [AnchorLink(escape(e.title), e.anchor, e.level) for e in generated.toc]
            )
        # The search plugin indexes `page.content` in `on_page_context`; it reads the page's
        # search document and `on_page_context` below puts the full page back before the theme.
        if generated.search and generated.search_doc:
            self._converted[page.file.src_uri] = html
            return html.replace(MARKER, generated.search_doc, 1)
        return html.replace(MARKER, generated.body, 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        lighten(Path(config.site_dir), search_languages(config))

    @event_priority(-100)  # after the search plugin indexed the search document
    def on_page_context(
        self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        converted = self._converted.pop(page.file.src_uri, None)
        if converted is not None:
            page.content = converted.replace(MARKER, self.pages[page.file.src_uri].body, 1)
        return None

    def on_post_page(self, output: str, /, *, page: MkPage, config: MkDocsConfig) -> str | None:
        self.written += 1
        self.tick()
        root = "../" * page.url.count("/")
        head = (
            f'<meta name="robots" content="{escape(self.robots)}">'
            f'<script src="{root}{LAZY_SEARCH}"></script>'
        )
        return with_header(output.replace("</head>", head + "</head>", 1), self.header)


def _marker_only(page: MkPage, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` for a generated page whose Markdown is its marker: the marker as HTML."""
    page.content = MARKER
    page.toc = TableOfContents([])
    page.present_anchor_ids = set()


_ARTICLE = re.compile(r"<article\b[^>]*>")
_BODY = re.compile(r"<body\b[^>]*>")


def with_header(output: str, header: str) -> str:
    """`header` at the top of the page's content (the theme's `<article>`), else at the top
    of its body (a theme override without one)."""
    if not header:
        return output
    found = _ARTICLE.search(output) or _BODY.search(output)
    if found is None:
        return header + output
    return output[: found.end()] + header + output[found.end() :]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextmanager
def _mkdocs_log() -> Iterator[_Collect]:
    """Collect mkdocs' warnings and errors to report them ourselves."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def build(
    settings: Mapping[str, Any],
    config_path: Path,
    pages: Mapping[str, Page],
    tick: Callable[[], None] = lambda: None,
    header: str = "",
) -> int:
    """Build the site with mkdocs; the number of pages written. `header` goes on top of every
    page's content."""
    with _mkdocs_log() as log:
        try:
            config = load_config(
                io.BytesIO(b"{}"), config_file_path=str(config_path), **dict(settings)
            )
        except (Abort, MkDocsException) as exc:
            raise UsageError(_explain(f"{WHERE} is not valid", exc, log)) from None
        extra = settings.get("extra") or {}
        robots = extra.get("robots") if isinstance(extra, Mapping) else None
        plugin = PagePlugin(pages, tick, str(robots) if robots else ROBOTS, header)
        config.plugins["okrctl"] = plugin
        config.plugins["okrctl/confined"] = ConfinedOutput()  # no file written outside the site
        try:
            mkdocs_build(config)
        except (Abort, MkDocsException, SiteError) as exc:
            raise SiteError(_explain("mkdocs could not build the site", exc, log)) from None
        except Exception as exc:
            template = _template_at(exc)
            if template is None:
                raise
            raise UsageError(_theme_failed(template, exc, log)) from None
    return plugin.written


def _template_at(exc: BaseException) -> str | None:
    """The theme template (`name:line`) the error was raised in, when a template raised it.

    A value of the wrong type in `site/mkdocs.yml` (`extra: {polyfills: 5}`, which the theme
    loops over) fails inside the theme's Jinja templates, not in okrctl: that is the
    configuration's fault, so it is reported as one, not as a crash."""
    where = None
    for frame, line in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if name.endswith(".html"):
            where = f"{Path(name).name}:{line}"
    return where


def _theme_failed(template: str, exc: Exception, log: _Collect) -> str:
    return _explain(
        f"{WHERE} is not valid: the theme's template {template} cannot use its settings "
        f"({type(exc).__name__}); check the values under `extra` and `theme` have the type "
        "mkdocs-material documents",
        exc,
        log,
    )


def search_languages(config: MkDocsConfig) -> list[str]:
    """The languages the search plugin was configured with (none without search)."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            lang = plugin.config.get("lang") or []
            return [lang] if isinstance(lang, str) else [str(x) for x in lang]
    return []


def lighten(site: Path, languages: Sequence[str]) -> None:
    """Drop what readers never load: source maps (and the comments pointing to them) and the
    search language packs of languages the search is not configured for."""
    _drop_source_maps(site)
    lunr = site / _LUNR
    if lunr.is_dir():
        _drop_search_packs(lunr, _kept_packs(languages))


def _drop_source_maps(site: Path) -> None:
    """Delete the `.map` files, and the comments pointing to them in scripts and stylesheets."""
    for path in sorted(site.rglob("*.map")):
        path.unlink()
    for path in sorted([*site.rglob("*.js"), *site.rglob("*.css")]):
        data = path.read_bytes()
        if b"sourceMappingURL=" in data[-300:]:
            path.write_bytes(_SOURCE_MAP.sub(b"", data))


def _kept_packs(languages: Sequence[str]) -> set[str]:
    """The files of the search language packs the configured languages need, relative to the
    lunr folder (English needs none)."""
    keep: set[str] = set()
    for lang in languages:
        if lang != "en":
            keep |= {f"min/lunr.{lang}.min.js", *_LUNR_SHARED, *_LUNR_EXTRA.get(lang, set())}
    return keep


def _drop_search_packs(lunr: Path, keep: set[str]) -> None:
    """Delete every file of the lunr folder but `keep`, then the folders left empty."""
    for path in sorted(lunr.rglob("*")):
        if path.is_file() and path.relative_to(lunr).as_posix() not in keep:
            path.unlink()
    for folder in sorted((p for p in lunr.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(lunr.iterdir()):
        lunr.rmdir()


def _explain(headline: str, exc: Exception, log: _Collect) -> str:
    lines = [terminal(f"{headline}: {exc}"), *(f"  {terminal(m)}" for m in log.messages)]
    return "\n".join(lines)
