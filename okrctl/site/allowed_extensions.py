"""The Markdown extensions okrctl supports, and every option of each, with its kind.

An allow-list, as for plugins (`allowed_plugins`): Python-Markdown's own extensions, those of
pymdown-extensions that read nothing and load nothing from another host, and mkdocs-material's
preview. An extension that is not listed is refused, and so is an option that is not listed.
The options that name files (pymdownx.b64's `base_path`, the emoji icons' `custom_icons`) must
stay inside the repository; an option that would send readers to another host for images (the
emoji generators' `image_path`) must be a local address.

Extensions are named by module, as Python-Markdown imports them: `toc` is
`markdown.extensions.toc` (an entry point), `module:Class` is `module`. A test holds the table to
the extensions' own `config` (options added by a new release are refused until given a kind).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path

from okrctl.site.setting_kinds import (
    Kind,
    Table,
    external,
    only,
    refused,
    repository_path,
    value,
)

EMOJI_GENERATORS = frozenset(
    {
        "material.extensions.emoji.to_svg",  # icons inlined from the installed theme
        "pymdownx.emoji.to_alt",  # the emoji as text
        "pymdownx.emoji.to_png_sprite",  # CSS classes: the organisation's own stylesheet
        "pymdownx.emoji.to_svg_sprite",
    }
)
"""Emoji generators that load no image from another host whatever their options."""
IMAGE_GENERATORS = frozenset({"pymdownx.emoji.to_png", "pymdownx.emoji.to_svg"})
"""Generators of `<img>` tags, local only when `options.image_path` is a local address (their
default is a CDN)."""


def _values(*names: str) -> dict[str, Kind]:
    return dict.fromkeys(names, value)


def _local_address(root: Path, given: object) -> str | None:
    return "points to another host; copy the images into site/" if external(given) else None


EMOJI_OPTIONS: Table = {
    "custom_icons": repository_path,
    "image_path": _local_address,
    "non_standard_image_path": _local_address,
    **_values("attributes", "classes"),
}
"""The emoji `options` mapping: material's `custom_icons` (folders of SVGs read into pages) and
the generators' image addresses."""


def _emoji_options(root: Path, given: object) -> str | None:
    found = refused(root, EMOJI_OPTIONS, given)
    return None if found is None else f"`{found[0]}` {found[1]}"


def _extensions(root: Path, given: object) -> str | None:
    """The options of `extra`: a mapping of the extensions it enables to their options."""
    if not isinstance(given, Mapping):
        return None
    for name, options in given.items():
        why = refuse(root, str(name), options)
        if why is not None:
            return why
    return None


_MARKDOWN: dict[str, Table] = {
    "abbr": {"glossary": value},
    "admonition": {},
    "attr_list": {},
    "codehilite": _values(
        "linenums", "guess_lang", "css_class", "pygments_style", "noclasses", "use_pygments"
    )
    | _values("lang_prefix", "pygments_formatter"),
    "def_list": {},
    "extra": {},  # its options are those of the extensions it enables: see `refuse`
    "fenced_code": {"lang_prefix": value},
    "footnotes": _values("PLACE_MARKER", "UNIQUE_IDS", "BACKLINK_TEXT", "SUPERSCRIPT_TEXT")
    | _values("BACKLINK_TITLE", "SEPARATOR", "USE_DEFINITION_ORDER"),
    "legacy_attrs": {},
    "legacy_em": {},
    "md_in_html": {},
    "meta": {},
    "nl2br": {},
    "sane_lists": {},
    "smarty": _values(
        "smart_quotes", "smart_angled_quotes", "smart_dashes", "smart_ellipses", "substitutions"
    ),
    "tables": {"use_align_attribute": value},
    "toc": _values("marker", "title", "title_class", "toc_class", "anchorlink")
    | _values("anchorlink_class", "permalink", "permalink_class", "permalink_title")
    | _values("permalink_leading", "baselevel", "slugify", "separator", "toc_depth"),
    "wikilinks": _values("base_url", "end_url", "html_class", "build_url"),
}

_PYMDOWNX: dict[str, Table] = {
    "arithmatex": _values("tex_inline_wrap", "tex_block_wrap", "smart_dollar", "block_syntax")
    | _values("inline_syntax", "generic", "preview", "block_tag", "inline_tag"),
    "b64": {
        "base_path": repository_path,
        "root_path": repository_path,
        "restrict_path": only(True, "images from anywhere on the disk would be inlined"),
    },
    "betterem": _values("smart_enable", "punctuation"),
    "blocks.admonition": {"types": value},
    "blocks.caption": _values("types", "auto_level", "auto", "prepend"),
    "blocks.definition": {},
    "blocks.details": {"types": value},
    "blocks.html": {"custom": value},
    "blocks.tab": _values("alternate_style", "slugify", "combine_header_slug", "separator"),
    "bracketspan": {},
    "caret": _values("smart_insert", "insert", "superscript", "no_space", "punctuation"),
    "critic": _values("mode", "raw_view"),
    "details": {},
    "emoji": {
        **_values("emoji_index", "emoji_generator", "title", "alt"),
        **_values("remove_variation_selector", "strict"),
        "options": _emoji_options,
    },
    "escapeall": _values("hardbreak", "nbsp"),
    "extra": {},  # as Python-Markdown's `extra`
    "fancylists": _values("additional_ordered_styles", "inject_style", "inject_class"),
    "highlight": _values("use_pygments", "guess_lang", "css_class", "pygments_style")
    | _values("noclasses", "linenums", "linenums_style", "linenums_special", "linenums_class")
    | _values("extend_pygments_lang", "language_prefix", "code_attr_on_pre", "auto_title")
    | _values("auto_title_map", "line_spans", "anchor_linenums", "line_anchors")
    | _values("pygments_lang_class", "stripnl", "default_lang"),
    "inlinehilite": _values("style_plain_text", "css_class", "custom_inline"),
    "keys": _values("separator", "strict", "class", "camel_case", "key_map"),
    "magiclink": _values("hide_protocol", "repo_url_shortener", "social_url_shortener")
    | _values("shortener_user_exclude", "repo_url_shorthand", "social_url_shorthand")
    | _values("provider", "labels", "normalize_issue_symbols", "user", "repo", "custom"),
    "mark": {"smart_mark": value},
    "progressbar": _values("level_class", "progress_increment", "add_classes"),
    "quotes": {"callouts": value},
    "saneheaders": {},
    "smartsymbols": _values("trademark", "copyright", "registered", "plusminus", "arrows")
    | _values("notequal", "fractions", "ordinal_numbers", "care_of"),
    "striphtml": _values("strip_comments", "strip_attributes", "strip_js_on_attributes"),
    "superfences": _values("disable_indented_code_blocks", "custom_fences", "css_class")
    | _values("preserve_tabs", "relaxed_headers"),
    "tabbed": _values("alternate_style", "slugify", "combine_header_slug", "separator"),
    "tasklist": _values("custom_checkbox", "clickable_checkbox", "delete", "subscript"),
    "tilde": _values("smart_delete", "delete", "subscript", "no_space", "punctuation"),
}

EXTENSIONS: Mapping[str, Table] = {
    **{f"markdown.extensions.{name}": table for name, table in _MARKDOWN.items()},
    **{f"pymdownx.{name}": table for name, table in _PYMDOWNX.items()},
    "material.extensions.preview": _values("configurations", "sources", "targets"),
}
"""The extensions okrctl supports, by module, with their options."""

EXTRA = frozenset({"markdown.extensions.extra", "pymdownx.extra"})
"""Extensions whose options are the options of the extensions they enable, by name."""


@cache
def _short_names() -> dict[str, str]:
    """Python-Markdown's short names (`toc`), registered as entry points, and their modules."""
    found = entry_points(group="markdown.extensions")
    return {point.name: point.value.partition(":")[0] for point in found}


def module_of(name: str) -> str:
    """The module Python-Markdown imports for the extension `name`."""
    module, colon, _ = name.partition(":")
    return _short_names().get(name, module) if not colon else module


def refuse(root: Path, name: str, options: object) -> str | None:
    """Why the Markdown extension `name` with `options` is refused, or None."""
    module = module_of(name)
    table = EXTENSIONS.get(module)
    if table is None:
        return (
            f"the Markdown extension {name!r} is not one okrctl supports (Python-Markdown's own, "
            "pymdown-extensions but snippets and pathconverter, and material's preview are); "
            "remove it"
        )
    if module in EXTRA:
        return _extensions(root, options)
    found = refused(root, table, options)
    if found is not None:
        return f"the {name!r} extension's `{found[0]}` {found[1]}"
    if module == "pymdownx.emoji":
        return _emoji_offline(name, options)
    return None


def _qualified(function: object) -> str:
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__name__', '')}"


def _emoji_offline(name: str, options: object) -> str | None:
    """pymdownx.emoji's default generator draws `<img>` tags from a CDN: an emoji generator
    that loads nothing from another host is required."""
    given = options if isinstance(options, Mapping) else {}
    generator = _qualified(given.get("emoji_generator"))
    if generator in EMOJI_GENERATORS:
        return None
    emoji = given.get("options")
    if generator in IMAGE_GENERATORS and isinstance(emoji, Mapping) and emoji.get("image_path"):
        return None  # `_local_address` checked it
    return (
        f"the {name!r} extension draws emoji as images from another host (cdn.jsdelivr.net) "
        "unless told otherwise: set `emoji_generator: "
        "!!python/name:material.extensions.emoji.to_svg` (with `emoji_index: "
        "!!python/name:material.extensions.emoji.twemoji`), as mkdocs-material documents"
    )
