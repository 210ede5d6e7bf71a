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
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from okrctl import paths
from okrctl.errors import UsageError
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


READ_OPTIONS = ("base_path", "custom_icons")
"""Options of Markdown extensions that name folders whose files go into the pages:
pymdownx.b64's `base_path` (images inlined), material's emoji `options.custom_icons` (SVGs)."""


def _option_paths(options: object) -> list[tuple[str, str]]:
    """Every (option, path) of `READ_OPTIONS` in an extension's options, at any depth."""
    found: list[tuple[str, str]] = []
    stack = [options]
    while stack:
        value = stack.pop()
        items = value.items() if isinstance(value, Mapping) else ()
        for key, inner in items:
            if key in READ_OPTIONS:
                listed = inner if isinstance(inner, list) else [inner]
                found += [(str(key), str(path)) for path in listed]
            else:
                stack.append(inner)
    return found


def _extension_options(config: Settings) -> list[tuple[str, object]]:
    """Each Markdown extension's name and options, from mkdocs' list or mapping form."""
    listed = config.get("markdown_extensions")
    if isinstance(listed, Mapping):
        return [(str(name), options) for name, options in listed.items()]
    return [(_name(e), e.get(_name(e)) if isinstance(e, Mapping) else None) for e in _items(listed)]


def _extension_paths(root: Path, config: Settings) -> str | None:
    for name, options in _extension_options(config):
        for key, path in _option_paths(options):
            why = "leads out of the repository" if _leaves(path) else None
            if why is None and (root / path).exists():
                why = paths.refused(root, root / path)
            if why is not None:
                return f"the {name!r} extension's `{key}` {path!r} {why}"
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


_PATH_OPTIONS = ("_dir", "_file", "_path")
"""How the options of a plugin that name a folder or a file end (`blog_dir`, `tags_file`)."""


def _leaves(value: object) -> bool:
    """True when a path option leads out of the folder it is relative to: absolute, or up."""
    return isinstance(value, str) and (
        value.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", value)
    )


def _plugin_paths(root: Path, config: Settings) -> str | None:
    plugins = config.get("plugins")
    entries = (
        plugins.items()
        if isinstance(plugins, Mapping)
        else (next(iter(e.items()), ("", None)) for e in _items(plugins) if isinstance(e, Mapping))
    )
    for name, options in entries:
        for key, value in options.items() if isinstance(options, Mapping) else ():
            if str(key).endswith(_PATH_OPTIONS) and _leaves(value):
                return (
                    f"the {name!r} plugin's `{key}` {value!r} leads out of the site's folders, "
                    "and the plugin reads or writes files there; give a path inside them"
                )
    return None


CODE: tuple[Callable[[Path, Settings], str | None], ...] = (
    _hooks,
    _inherit,
    _extensions,
    _extension_paths,
    _code_plugins,
    _plugin_paths,
    _custom_dir,
)
"""The checks of `refuse_code`, in the order they run."""


def refuse_code(root: Path, config: Settings) -> None:
    """Refuse settings that would run code from the repository while the site builds, or read
    files beyond the site's own: `hooks` (Python files run by mkdocs), `INHERIT` (another
    configuration file), a Markdown extension imported from the repository or one that
    includes files, a plugin that does either (`CODE_PLUGINS`), and a `theme.custom_dir` that
    breaks the path rule. (Templates in site/overrides are code as well: they are reviewed as
    code, by the root's CODEOWNERS.)"""
    for check in CODE:
        why = check(root, config)
        if why is not None:
            raise UsageError(f"{WHERE}: {why}")


# --------------------------------------------------------------------------- network


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def _external(value: object) -> bool:
    r"""True when a browser (or mkdocs) reads the address as another host's: browsers drop tabs
    and line breaks anywhere, leading and trailing control characters and spaces, and read `\`
    as `/`, so `" //host/x.js"` and `"/\t/host"` are `//host`; `https:/host` (one slash) is
    another host from a page of another scheme, and any scheme is refused with it."""
    path = value.get("path") if isinstance(value, Mapping) else value
    if not isinstance(path, str):
        return False
    url = re.sub(r"[\t\n\r]", "", path).strip(_C0_OR_SPACE).replace("\\", "/")
    return url.startswith("//") or _SCHEME.match(url) is not None


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
            if _external(entry):
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
    if any(_external(p) for p in _items(_section(config, "extra").get("polyfills"))):
        return "`extra.polyfills` loads scripts from another host"
    return None


def _theme_images(config: Settings) -> str | None:
    theme = _section(config, "theme")
    for key in ("logo", "favicon"):
        if _external(theme.get(key)):
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
