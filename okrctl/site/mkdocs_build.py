"""Running mkdocs-material on the rendered pages: configuration, the page plugin, strict mode.

The configuration is layered: okrctl's defaults (`templates/mkdocs.yml`), then the organisation's
`site/mkdocs.yml` (what it sets wins), then what the site needs to be correct, offline and
reproducible (the navigation, `.html` URLs, strict mode, no web fonts). Settings that would make
the site fetch from another host are refused with a message saying which and why.

User text never goes through Markdown. Each generated page's Markdown holds a marker; after
Markdown ran, the `okrctl` plugin replaces the marker with the page's HTML, rendered by jinja2
with autoescaping. So Markdown syntax, `{{ }}` for a macros plugin, or a `--8<--` snippet line in a
title or a note can never be interpreted, whichever Markdown extensions an organisation enables;
and large pages skip Markdown's raw-HTML parsing, which would dominate the build time.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup
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

from okrctl import paths
from okrctl.errors import UsageError
from okrctl.safetext import terminal
from okrctl.site.templates import Page

MARKER = "<!-- okrctl:page -->"
"""Where a generated page's HTML goes; Markdown passes an HTML comment through untouched."""

SITE_DIR = "site"
CONFIG_NAME = "mkdocs.yml"
ROBOTS = "noindex, nofollow"
"""The pages are internal: search engines are asked not to index them, unless the
organisation's site/mkdocs.yml sets `extra: {robots: "index, follow"}`."""
LAZY_SEARCH = "assets/okrctl/lazy-search.js"
DESCRIPTION_LENGTH = 160
_SOURCE_MAP = re.compile(rb"\n?(//|/\*)# sourceMappingURL=[^\n]*?(\*/)?\s*$")
# Search language packs mkdocs-material copies whatever the configured languages; what each
# language needs besides lunr itself.
_LUNR = "assets/javascripts/lunr"
_LUNR_SHARED = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"}
_LUNR_EXTRA = {"ja": {"tinyseg.js"}, "jp": {"tinyseg.js"}, "th": {"wordcut.js"}}

# Plugins and settings that fetch from, or send readers to load from, another host.
DENIED_PLUGINS = {
    "privacy": "downloads external assets at build time",
    "social": "downloads fonts to draw social cards",
    "offline": "adds a script from unpkg.com",
    "git-revision-date": "reads git history, so two builds of one input differ",
    "git-revision-date-localized": "reads git history, so two builds of one input differ",
    "git-committers": "calls the GitHub API",
    "git-authors": "reads git history, so two builds of one input differ",
}


class SiteError(Exception):
    """mkdocs refused to build the site; the message lists why."""


def default_config() -> dict[str, Any]:
    text = resources.files("okrctl.site").joinpath("templates", CONFIG_NAME).read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


PYTHON_NAMES = ("material.", "pymdownx.")
"""`!!python/name:` may name a function of these packages only (mkdocs-material's documented
emoji and fence settings): never a module of the repository, never `os.system`."""
DENIED_EXTENSIONS = {
    "pymdownx.snippets": "includes any file of the repository, `.git/config` too, into a page",
}


class _SiteLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML for site/mkdocs.yml: safe (no `!!python/object`, which runs code as the file is
    read), plus the one tag mkdocs-material's documentation uses, `!!python/name:`, limited to
    `PYTHON_NAMES`. `!ENV` is refused: it copies environment variables (tokens) into pages."""


def _python_name(loader: Any, suffix: str, node: yaml.Node) -> Any:
    if not suffix.startswith(PYTHON_NAMES) or not all(
        part.isidentifier() for part in suffix.split(".")
    ):
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"`!!python/name:{suffix}` is refused: only functions of "
            f"{', '.join(p.rstrip('.') for p in PYTHON_NAMES)} may be named",
            node.start_mark,
        )
    module, _, attribute = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError):
        raise yaml.constructor.ConstructorError(
            None, None, f"`{suffix}` does not exist", node.start_mark
        ) from None


def _refuse_env(loader: Any, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(
        None,
        None,
        "`!ENV` is refused: it copies environment variables (a CI job's tokens among them) into "
        "the published pages; write the value itself",
        node.start_mark,
    )


_SiteLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_SiteLoader.add_constructor("!ENV", _refuse_env)


def organisation_config(root: Path) -> dict[str, Any]:
    """The organisation's `site/mkdocs.yml`, read safely (see `_SiteLoader`), or nothing."""
    path = root / SITE_DIR / CONFIG_NAME
    where = f"{SITE_DIR}/{CONFIG_NAME}"
    if not path.is_file() and not path.is_symlink():
        return {}
    real = paths.confined(root, path)
    if isinstance(real, str):
        raise UsageError(f"{where} {real}")
    try:
        with real.open("rb") as stream:
            data = yaml.load(stream, Loader=_SiteLoader)
    except yaml.YAMLError as exc:
        raise UsageError(f"{where}: {terminal(str(exc))}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{where}: expected a mapping of settings")
    refuse_code(root, data)
    return data


def _module_in(root: Path, name: str) -> bool:
    """True when the Python module `name` would be imported from the repository itself."""
    try:
        spec = importlib.util.find_spec(name.split(".")[0])
    except (ImportError, ValueError):
        return False
    origin = spec.origin if spec is not None else None
    locations = [origin] if origin else list(spec.submodule_search_locations or []) if spec else []
    top = root.resolve()
    return any(Path(place).resolve().is_relative_to(top) for place in locations)


def refuse_code(root: Path, config: Mapping[str, Any]) -> None:
    """Refuse settings that would run code from the repository while the site builds, or read
    files beyond the site's own: `hooks` (Python files run by mkdocs), `INHERIT` (another
    configuration file), a Markdown extension imported from the repository or one that
    includes files, and a `theme.custom_dir` that breaks the path rule. (Templates in
    site/overrides are code as well: they are reviewed as code, by the root's CODEOWNERS.)"""
    where = f"{SITE_DIR}/{CONFIG_NAME}"
    if "hooks" in config:
        raise UsageError(
            f"{where}: `hooks` run Python files from the repository while the site builds; "
            "okrctl refuses them (a pull request could change what they do)"
        )
    if "INHERIT" in config:
        raise UsageError(f"{where}: `INHERIT` reads another file; put its settings here instead")
    for entry in config.get("markdown_extensions") or []:
        name = next(iter(entry), "") if isinstance(entry, Mapping) else str(entry)
        if name in DENIED_EXTENSIONS:
            raise UsageError(f"{where}: the {name!r} extension {DENIED_EXTENSIONS[name]}")
        if _module_in(root, name):
            raise UsageError(
                f"{where}: the Markdown extension {name!r} would be imported from the "
                "repository (code a pull request can change); install it as a package"
            )
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    if custom is not None:
        folder = root / SITE_DIR / str(custom)
        why = paths.refused(root, folder)
        if why is not None:
            raise UsageError(f"{where}: `theme.custom_dir` {why}")


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`: mappings merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _external(value: object) -> bool:
    path = value.get("path") if isinstance(value, Mapping) else value
    return isinstance(path, str) and ("://" in path or path.startswith("//"))


def refuse_network(config: Mapping[str, Any]) -> None:
    """Refuse settings that would make the site (or its build) reach another host."""
    where = f"{SITE_DIR}/{CONFIG_NAME}"
    for plugin in config.get("plugins") or []:
        name = next(iter(plugin), "") if isinstance(plugin, Mapping) else str(plugin)
        if name in DENIED_PLUGINS:
            raise UsageError(
                f"{where}: the {name!r} plugin {DENIED_PLUGINS[name]}; the site must build and "
                "work offline: remove it"
            )
    for key in ("extra_css", "extra_javascript"):
        for entry in config.get(key) or []:
            if _external(entry):
                raise UsageError(
                    f"{where}: `{key}` loads {entry!r} from another host; copy the file into "
                    f"{SITE_DIR}/ and list its path instead"
                )
    extra = config.get("extra") or {}
    if isinstance(extra, Mapping):
        if extra.get("analytics"):
            raise UsageError(f"{where}: `extra.analytics` loads a tracker from another host")
        if any(_external(p) for p in extra.get("polyfills") or []):
            raise UsageError(f"{where}: `extra.polyfills` loads scripts from another host")
    theme = config.get("theme") or {}
    if isinstance(theme, Mapping):
        for key in ("logo", "favicon"):
            if _external(theme.get(key)):
                raise UsageError(f"{where}: `theme.{key}` points to another host")
    if config.get("repo_url"):
        raise UsageError(
            f"{where}: `repo_url` makes every page call the GitHub API; link the repository "
            "from a page or the footer (`copyright`) instead"
        )


def site_settings(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """okrctl's defaults merged with the organisation's settings (refused when they would reach
    another host), and the organisation's settings alone."""
    organisation = organisation_config(root)
    merged = merge(default_config(), organisation)
    refuse_network(merged)
    return merged, organisation


def compose(
    root: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    site_name: str,
    site_description: str | None = None,
    nav: Sequence[Mapping[str, str] | str],
    not_in_nav: Sequence[str],
    settings: tuple[dict[str, Any], dict[str, Any]] | None = None,
    strict: bool = True,
    site_url: str | None = None,
) -> dict[str, Any]:
    """The merged settings: defaults < the organisation's site/mkdocs.yml < what okrctl needs.

    `strict`: mkdocs' warnings (a broken link or a missing file in the organisation's own pages)
    stop the build. okrctl's own pages never cause one.
    """
    merged, organisation = settings if settings is not None else site_settings(root)
    theme = merge(merged.get("theme") or {}, {"name": "material", "font": False})
    overrides = root / SITE_DIR / "overrides"
    if "custom_dir" not in theme and overrides.is_dir():
        theme["custom_dir"] = str(overrides)
    if "custom_dir" in theme:  # templates: every file in the folder obeys the path rule
        custom = Path(root / SITE_DIR / str(theme["custom_dir"]))
        paths.confined_tree(root, custom)
        theme["custom_dir"] = str(custom)
    required: dict[str, Any] = {
        # The organisation's name is user text. mkdocs-material prints site_name unescaped in
        # most places and escapes it (`| e`) in the logo's tooltip: escaped text marked as
        # Markup is right in both (`e` leaves Markup alone, so `R&D` is never `R&amp;amp;D`).
        "site_name": Markup(escape(str(organisation.get("site_name") or site_name))),
        # material prints the description unescaped into a <meta> attribute, as site_name.
        "site_description": escape(
            str(organisation.get("site_description") or description(site_description, site_name))
        ),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": False,  # `.html` links: the site also opens from disk
        "strict": strict,
        "nav": list(nav),
        "not_in_nav": "\n".join(not_in_nav),
        "theme": theme,
        "extra_css": ["assets/okrctl/okrctl.css", *(merged.get("extra_css") or [])],
        "extra_javascript": ["assets/okrctl/okrctl.js", *(merged.get("extra_javascript") or [])],
    }
    if site_url:  # where the site is served: the 404 page and the sitemap need the full path
        required["site_url"] = site_url if site_url.endswith("/") else site_url + "/"
    return merge(merged, required)


class PagePlugin(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Puts each generated page's HTML in place of its marker, sets its table of contents and
    counts the pages mkdocs writes."""

    def __init__(
        self, pages: Mapping[str, Page], tick: Callable[[], None], robots: str = ROBOTS
    ) -> None:
        super().__init__()
        self.pages = pages
        self.robots = robots
        self.tick = tick
        self.written = 0
        self._converted: dict[str, str] = {}
        """Markdown's output of pages whose search document stands in for them until indexed."""

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
        return output.replace("</head>", head + "</head>", 1)


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
) -> int:
    """Build the site with mkdocs; the number of pages written."""
    with _mkdocs_log() as log:
        try:
            config = load_config(
                io.BytesIO(b"{}"), config_file_path=str(config_path), **dict(settings)
            )
        except (Abort, MkDocsException) as exc:
            raise UsageError(_explain(f"{SITE_DIR}/{CONFIG_NAME} is not valid", exc, log)) from None
        extra = settings.get("extra") or {}
        robots = extra.get("robots") if isinstance(extra, Mapping) else None
        plugin = PagePlugin(pages, tick, str(robots) if robots else ROBOTS)
        config.plugins["okrctl"] = plugin
        try:
            mkdocs_build(config)
        except (Abort, MkDocsException, SiteError) as exc:
            raise SiteError(_explain("mkdocs could not build the site", exc, log)) from None
    return plugin.written


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
    for path in sorted(site.rglob("*.map")):
        path.unlink()
    for path in sorted([*site.rglob("*.js"), *site.rglob("*.css")]):
        data = path.read_bytes()
        if b"sourceMappingURL=" in data[-300:]:
            path.write_bytes(_SOURCE_MAP.sub(b"", data))
    keep: set[str] = set()
    for lang in languages:
        if lang != "en":
            keep |= {f"min/lunr.{lang}.min.js", *_LUNR_SHARED, *_LUNR_EXTRA.get(lang, set())}
    lunr = site / _LUNR
    if lunr.is_dir():
        for path in sorted(lunr.rglob("*")):
            if path.is_file() and path.relative_to(lunr).as_posix() not in keep:
                path.unlink()
        for folder in sorted((p for p in lunr.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        if not any(lunr.iterdir()):
            lunr.rmdir()


def description(text: str | None, name: str) -> str:
    """The pages' meta description: the organisation's own first sentence or two."""
    words = " ".join((text or "").split())
    if not words:
        return f"The objectives and key results of {name}"
    if len(words) <= DESCRIPTION_LENGTH:
        return words
    return words[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "\u2026"


def _explain(headline: str, exc: Exception, log: _Collect) -> str:
    lines = [terminal(f"{headline}: {exc}"), *(f"  {terminal(m)}" for m in log.messages)]
    return "\n".join(lines)
