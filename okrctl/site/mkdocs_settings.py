"""The mkdocs settings of the site, in layers: okrctl's defaults < the organisation's < okrctl's.

First okrctl's defaults (`templates/mkdocs.yml`), then the organisation's `site/mkdocs.yml`
(what it sets wins; read by `site_config`, checked by `refused_settings`), then what the site
needs to be correct, offline and reproducible (the navigation, `.html` URLs, strict mode, no web
fonts, okrctl's stylesheet and script).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from okrctl import paths
from okrctl.errors import UsageError
from okrctl.site.own_pages import refuse_oversized
from okrctl.site.refused_settings import refuse_code, refuse_network
from okrctl.site.site_config import CONFIG_NAME, SITE_DIR, WHERE, organisation_config

DESCRIPTION_LENGTH = 160

Layers = tuple[dict[str, Any], dict[str, Any]]
"""okrctl's defaults merged with the organisation's settings, and the organisation's alone."""


def default_config() -> dict[str, Any]:
    """okrctl's default settings (`templates/mkdocs.yml`)."""
    text = resources.files("okrctl.site").joinpath("templates", CONFIG_NAME).read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`: mappings merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def site_settings(root: Path) -> Layers:
    """okrctl's defaults merged with the organisation's settings (refused when they would run
    code from the repository or reach another host, or when one of its pages is too large to
    build quickly: `own_pages`), and the organisation's settings alone."""
    organisation = organisation_config(root)
    refuse_code(root, organisation)
    refuse_oversized(root)
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
    settings: Layers | None = None,
    strict: bool = True,
    site_url: str | None = None,
) -> dict[str, Any]:
    """The merged settings: defaults < the organisation's site/mkdocs.yml < what okrctl needs.

    `strict`: mkdocs' warnings (a broken link or a missing file in the organisation's own pages)
    stop the build. okrctl's own pages never cause one.
    """
    merged, organisation = settings if settings is not None else site_settings(root)
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
        "theme": _theme(root, merged),
        "extra_css": _first("assets/okrctl/okrctl.css", merged.get("extra_css")),
        "extra_javascript": _first("assets/okrctl/okrctl.js", merged.get("extra_javascript")),
    }
    if site_url:  # where the site is served: the 404 page and the sitemap need the full path
        required["site_url"] = site_url if site_url.endswith("/") else site_url + "/"
    # okrctl links to the repository itself (`okrctl.site.repository`): given to the theme,
    # `repo_url` would make every page call the GitHub API, and `edit_uri` would put an edit
    # button on generated pages that have no source file.
    kept = {k: v for k, v in merged.items() if k not in ("repo_url", "repo_name", "edit_uri")}
    return merge(kept, required)


def _theme(root: Path, merged: Mapping[str, Any]) -> dict[str, Any]:
    """mkdocs-material without web fonts, with the organisation's template overrides
    (`site/overrides`, or its `theme.custom_dir`) as an absolute path, every file in it
    obeying the path rule."""
    theme = merge(_theme_settings(merged.get("theme")), {"name": "material", "font": False})
    overrides = root / SITE_DIR / "overrides"
    if "custom_dir" not in theme and overrides.is_dir():
        theme["custom_dir"] = str(overrides)
    if "custom_dir" in theme:
        custom = Path(root / SITE_DIR / str(theme["custom_dir"]))
        paths.confined_tree(root, custom, follow_links=True)  # Jinja follows linked folders
        theme["custom_dir"] = str(custom)
    return theme


def _theme_settings(value: object) -> Mapping[str, Any]:
    """The organisation's `theme` as a mapping: mkdocs also takes a theme's name alone
    (`theme: material`); a value of another type is a configuration error."""
    if not value:
        return {}
    if isinstance(value, str):
        return {"name": value}
    if not isinstance(value, Mapping):
        raise UsageError(f"{WHERE} is not valid: `theme` must be a theme's name or its settings")
    return value


def _first(asset: str, listed: object) -> object:
    """okrctl's `asset` before the organisation's `listed` ones; a value that is not a list is
    left as it is, for mkdocs' validation to report."""
    if not listed:
        return [asset]
    return [asset, *listed] if isinstance(listed, list) else listed


def description(text: str | None, name: str) -> str:
    """The pages' meta description: the organisation's own first sentence or two."""
    words = " ".join((text or "").split())
    if not words:
        return f"The objectives and key results of {name}"
    if len(words) <= DESCRIPTION_LENGTH:
        return words
    return words[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "\u2026"
