"""Settings of the organisation's `site/mkdocs.yml` that okrctl refuses, each with why.

Two kinds, each a table of named checks run in order; the first that finds something stops the
build with a message naming the setting:

- code: settings that would run code from the repository while the site builds, or read files
  beyond the site's own (`refuse_code`, on the organisation's settings alone);
- network: settings that would make the site, or its build, reach another host
  (`refuse_network`, on okrctl's defaults merged with the organisation's settings).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from okrctl import paths
from okrctl.errors import UsageError
from okrctl.site import allowed_extensions, allowed_plugins
from okrctl.site.setting_kinds import external, placeholders_only
from okrctl.site.site_config import SITE_DIR, WHERE

DENIED_EXTENSIONS = {
    "pymdownx.snippets": "includes any file of the repository, `.git/config` too, into a page",
}

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

# Plugins of mkdocs-material that run code or read files the refusals never see.
CODE_PLUGINS = {
    "projects": "builds every projects/*/mkdocs.yml with mkdocs' own loader (`hooks`, `!ENV`)",
    "group": "enables plugins listed under it, out of these checks' sight",
    "info": "zips the repository, calls the GitHub API and exits the build",
    "optimize": "runs pngquant and writes its copies of images wherever `cache_dir` says",
}

Settings = Mapping[str, Any]


def _section(config: Settings, key: str) -> Settings:
    """A mapping of the settings (`theme`, `extra`); empty when absent or not a mapping."""
    value = config.get(key)
    return value if isinstance(value, Mapping) else {}


def _items(value: object) -> list[Any]:
    """The entries of a list setting (the keys of a mapping: mkdocs takes `plugins` as one);
    none for a value of another type, which mkdocs' own validation then reports."""
    return list(value) if isinstance(value, list | tuple | Mapping) else []


def _name(entry: object) -> str:
    """The name of a plugin or Markdown extension, listed alone or with its options."""
    return str(next(iter(entry), "")) if isinstance(entry, Mapping) else str(entry)


def _with_options(listed: object) -> list[tuple[str, object]]:
    """Each plugin's or extension's name and options, from mkdocs' list or mapping form; a name
    that is not text is left to mkdocs' own validation, which reports it."""
    if isinstance(listed, Mapping):
        pairs = list(listed.items())
    else:
        pairs = [
            next(iter(e.items()), (None, None)) if isinstance(e, Mapping) else (e, None)
            for e in _items(listed)
        ]
    return [(name, options) for name, options in pairs if isinstance(name, str)]


# --------------------------------------------------------------------------- code


def _hooks(root: Path, config: Settings) -> str | None:
    if "hooks" in config:
        return (
            "`hooks` run Python files from the repository while the site builds; "
            "okrctl refuses them (a pull request could change what they do)"
        )
    return None


def _inherit(root: Path, config: Settings) -> str | None:
    if "INHERIT" in config:
        return "`INHERIT` reads another file; put its settings here instead"
    return None


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


def _not_an_extension(module: str, attribute: str) -> bool:
    """True unless `module.attribute` is a class of Markdown extensions. Python-Markdown calls
    whatever `module:attribute` names with the extension's options as keyword arguments, so
    `subprocess:run` with `{args: ..., shell: true}` would run a command."""
    if not attribute.isidentifier():
        return True
    try:
        found = getattr(importlib.import_module(module), attribute, None)
        extension = importlib.import_module("markdown.extensions").Extension
    except Exception:  # a module that fails to import is refused, never a crash
        return True
    return not (isinstance(found, type) and issubclass(found, extension))


def _extension(root: Path, name: str) -> str | None:
    """Why the Markdown extension `name` is refused, or None. Python-Markdown reads
    `module:Class` as well as `module`, so the checks apply to the module it names."""
    module, colon, attribute = name.partition(":")
    if module in DENIED_EXTENSIONS:
        return f"the {module!r} extension {DENIED_EXTENSIONS[module]}"
    if _module_in(root, module):
        return (
            f"the Markdown extension {name!r} would be imported from the "
            "repository (code a pull request can change); install it as a package"
        )
    if colon and _not_an_extension(module, attribute):
        return (
            f"the Markdown extension {name!r} does not name a class of Markdown extensions "
            "(Python-Markdown would call it with the options); name the module instead"
        )
    return None


def _extensions(root: Path, config: Settings) -> str | None:
    for entry in _items(config.get("markdown_extensions")):
        why = _extension(root, _name(entry))
        if why is not None:
            return why
    return None


def _extension_options(root: Path, config: Settings) -> str | None:
    """Every Markdown extension, and each of its options, on the allow-list with its kind."""
    for name, options in _with_options(config.get("markdown_extensions")):
        why = allowed_extensions.refuse(root, str(name), options)
        if why is not None:
            return why
    return None


def _custom_dir(root: Path, config: Settings) -> str | None:
    custom = _section(config, "theme").get("custom_dir")
    if custom is None:
        return None
    why = paths.refused(root, root / SITE_DIR / str(custom))
    return None if why is None else f"`theme.custom_dir` {why}"


def _plugin(name: str) -> str:
    """A plugin's name as the denied lists spell it: mkdocs loads `privacy` as
    `material/privacy` under mkdocs-material, and `/name` as `name`."""
    return name.removeprefix("/").removeprefix("material/")


def _code_plugins(root: Path, config: Settings) -> str | None:
    for plugin in _items(config.get("plugins")):
        name = _plugin(_name(plugin))
        if name in CODE_PLUGINS:
            return f"the {_name(plugin)!r} plugin {CODE_PLUGINS[name]}; okrctl refuses it"
    return None


def _plugin_options(root: Path, config: Settings) -> str | None:
    """Every plugin, and each of its options, on the allow-list with its kind (a path or an
    address pattern confined to the site's folders). The plugins refused by name are left to
    their own messages, which say why."""
    named = frozenset(DENIED_PLUGINS) | frozenset(CODE_PLUGINS)
    for name, options in _with_options(config.get("plugins")):
        why = allowed_plugins.refuse(root, str(name), options, named)
        if why is not None:
            return why
    return None


def _extra_templates(root: Path, config: Settings) -> str | None:
    if "extra_templates" in config:
        return (
            "`extra_templates` renders files of site/ as Jinja templates with no sandbox (a pull "
            "request could run code while the site builds); okrctl refuses it: template "
            "overrides go in site/overrides, which is reviewed as code"
        )
    return None


def _edit_uri_template(root: Path, config: Settings) -> str | None:
    """mkdocs fills `edit_uri_template` with str.format, which reads attributes and items."""
    given = config.get("edit_uri_template")
    if given is None:
        return None
    if not isinstance(given, str) or not placeholders_only(given, {"path", "path_noext"}):
        return (
            "`edit_uri_template` may only use the placeholders `{path}` and `{path_noext}` "
            "(mkdocs fills it with Python's str.format, which would read attributes and items)"
        )
    return None


CODE: tuple[Callable[[Path, Settings], str | None], ...] = (
    _hooks,
    _inherit,
    _extra_templates,
    _edit_uri_template,
    _extensions,
    _code_plugins,
    _plugin_options,
    _extension_options,
    _custom_dir,
)
"""The checks of `refuse_code`, in the order they run."""


def refuse_code(root: Path, config: Settings) -> None:
    """Refuse settings that would run code from the repository while the site builds, or read
    or write files beyond the site's own: `hooks` (Python files run by mkdocs), `INHERIT`
    (another configuration file), `extra_templates` (files rendered as unsandboxed Jinja),
    an `edit_uri_template` that reads attributes, a Markdown extension imported from the
    repository or one that includes files, a plugin that does either (`CODE_PLUGINS`), a plugin
    or extension (or an option of one) that is not on okrctl's allow-lists (`allowed_plugins`,
    `allowed_extensions`, which confine every path and address pattern), and a
    `theme.custom_dir` that breaks the path rule. (Templates in site/overrides are code as
    well: they are reviewed as code, by the root's CODEOWNERS.)"""
    for check in CODE:
        why = check(root, config)
        if why is not None:
            raise UsageError(f"{WHERE}: {why}")


# --------------------------------------------------------------------------- network


def _plugins(config: Settings) -> str | None:
    for plugin in _items(config.get("plugins")):
        name = _plugin(_name(plugin))
        if name in DENIED_PLUGINS:
            return (
                f"the {_name(plugin)!r} plugin {DENIED_PLUGINS[name]}; the site must build "
                "and work offline: remove it"
            )
    return None


def _assets(config: Settings) -> str | None:
    for key in ("extra_css", "extra_javascript"):
        for entry in _items(config.get(key)):
            if external(entry):
                return (
                    f"`{key}` loads {entry!r} from another host; copy the file into "
                    f"{SITE_DIR}/ and list its path instead"
                )
    return None


def _analytics(config: Settings) -> str | None:
    if _section(config, "extra").get("analytics"):
        return "`extra.analytics` loads a tracker from another host"
    return None


def _polyfills(config: Settings) -> str | None:
    if any(external(p) for p in _items(_section(config, "extra").get("polyfills"))):
        return "`extra.polyfills` loads scripts from another host"
    return None


def _theme_images(config: Settings) -> str | None:
    theme = _section(config, "theme")
    for key in ("logo", "favicon"):
        if external(theme.get(key)):
            return f"`theme.{key}` points to another host"
    return None


NETWORK: tuple[Callable[[Settings], str | None], ...] = (
    _plugins,
    _assets,
    _analytics,
    _polyfills,
    _theme_images,
)
"""The checks of `refuse_network`, in the order they run."""


def refuse_network(config: Settings) -> None:
    """Refuse settings that would make the site (or its build) reach another host."""
    for check in NETWORK:
        why = check(config)
        if why is not None:
            raise UsageError(f"{WHERE}: {why}")
