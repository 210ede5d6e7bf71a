"""The mkdocs plugins okrctl supports, and every option of each, with its kind.

An allow-list, not a rule about names: a plugin that is not listed is refused, and so is an
option of a listed plugin that is not listed. Each option has a kind (`setting_kinds`): a path
inside the site's folders, the pattern of a page's address (which is also where its file is
written), text that goes into file names, or a plain value. So no option can make a plugin read
or write outside the site's folders, whatever it is called (the blog's `post_url_format:
"../../../{slug}"` wrote pages outside the repository).

The option names are those of the versions okrctl is tested with (mkdocs 1.6, mkdocs-material 9);
a test holds the table to the plugins' own configuration schemas, so an option added by a new
release is refused until someone decides its kind here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from okrctl.site.setting_kinds import (
    Kind,
    Table,
    only,
    refused,
    refused_option,
    separator,
    site_path,
    url_date_format,
    url_pattern,
    value,
)


def _values(*names: str) -> dict[str, Kind]:
    return dict.fromkeys(names, value)


_SLUGIFY = refused_option(
    "takes a function that decides the file names of pages; okrctl keeps the default "
    "(`!!python/object/apply` is refused, so it could not be configured anyway)"
)
_PROFILES = (
    "an author's page is written where the authors file's ids say, which okrctl cannot check"
)

BLOG: Table = {
    **_values("enabled", "blog_toc", "post_date_format", "post_url_max_categories"),
    "blog_dir": site_path(),
    "post_dir": site_path("blog"),
    "post_url_date_format": url_date_format,
    "post_url_format": url_pattern("categories", "date", "file", "slug"),
    "post_slugify": _SLUGIFY,
    "post_slugify_separator": separator,
    **_values("post_excerpt", "post_excerpt_max_authors", "post_excerpt_max_categories"),
    **_values("post_excerpt_separator", "post_readtime", "post_readtime_words_per_minute"),
    **_values("archive", "archive_name", "archive_date_format"),
    "archive_url_date_format": url_date_format,
    "archive_url_format": url_pattern("date"),
    **_values("archive_pagination", "archive_pagination_per_page", "archive_toc"),
    **_values("categories", "categories_name"),
    "categories_url_format": url_pattern("slug"),
    "categories_slugify": _SLUGIFY,
    "categories_slugify_separator": separator,
    **_values("categories_sort_by", "categories_sort_reverse", "categories_allowed"),
    **_values("categories_pagination", "categories_pagination_per_page", "categories_toc"),
    "authors": value,
    "authors_file": site_path("blog"),
    "authors_profiles": only(False, _PROFILES),
    **_values("pagination", "pagination_per_page"),
    "pagination_url_format": url_pattern("page"),
    **_values("pagination_format", "pagination_if_single_page", "pagination_keep_content"),
    **_values("draft", "draft_on_serve", "draft_if_future_date"),
}
"""mkdocs-material's blog (`material/plugins/blog/config.py`)."""

TAGS: Table = {
    **_values("enabled", "filters", "tags"),
    "tags_slugify": _SLUGIFY,
    "tags_slugify_separator": separator,
    **_values("tags_slugify_format", "tags_hierarchy", "tags_hierarchy_separator"),
    **_values("tags_sort_by", "tags_sort_reverse", "tags_name_property", "tags_name_variable"),
    **_values("tags_allowed", "listings", "listings_map", "listings_sort_by"),
    **_values("listings_sort_reverse", "listings_tags_sort_by", "listings_tags_sort_reverse"),
    **_values("listings_directive", "listings_layout", "listings_toc"),
    **_values("shadow", "shadow_on_serve", "shadow_tags", "shadow_tags_prefix"),
    **_values("shadow_tags_suffix", "export", "export_only"),
    "export_file": site_path(),
}
"""mkdocs-material's tags (`material/plugins/tags/config.py`)."""

MATERIAL_SEARCH: Table = _values("enabled", "lang", "separator", "pipeline", "fields")
"""mkdocs-material's search. `jieba_dict` and `jieba_dict_user` read a file from wherever the
build runs, so they are left out (refused)."""

MKDOCS_SEARCH: Table = {
    **_values("enabled", "lang", "separator", "min_search_length", "indexing"),
    "prebuild_index": only(False, "it runs Node.js or lunr.py while the site builds"),
}
"""mkdocs' own search (named `/search` under mkdocs-material)."""

PLUGINS: Mapping[str, Table] = {
    "material/search": MATERIAL_SEARCH,
    "search": MKDOCS_SEARCH,
    "material/blog": BLOG,
    "material/tags": TAGS,
    "material/meta": {"enabled": value, "meta_file": site_path()},
    "material/typeset": {"enabled": value},
}
"""The plugins okrctl supports, by the name mkdocs loads them under, with their options."""

MATERIAL = frozenset(name.removeprefix("material/") for name in PLUGINS if "/" in name) | {
    "group",
    "info",
    "offline",
    "optimize",
    "privacy",
    "projects",
    "social",
}
"""Plugins mkdocs-material ships: a plain name (`blog`) loads `material/blog` under its theme."""


def loaded_name(name: str) -> str:
    """The plugin mkdocs loads for `name` with the mkdocs-material theme: `blog` is
    `material/blog`, `/search` is mkdocs' own `search`."""
    if "/" in name:
        return name.removeprefix("/")
    return f"material/{name}" if name in MATERIAL else name


def refuse(root: Path, name: str, options: object, skip: frozenset[str]) -> str | None:
    """Why the plugin `name` (as written) with `options` is refused, or None. Plugins in `skip`
    (by the name `refused_settings` lists them under) are left to their own refusals."""
    loaded = loaded_name(name)
    if loaded.removeprefix("material/") in skip:
        return None
    table = PLUGINS.get(loaded)
    if table is None:
        supported = ", ".join(sorted({n.removeprefix("material/") for n in PLUGINS}))
        return (
            f"the {name!r} plugin is not one okrctl supports (it supports {supported}, and "
            "checks every option of each); remove it"
        )
    found = refused(root, table, options)
    if found is None:
        return None
    option, why = found
    return f"the {name!r} plugin's `{option}` {why}"
