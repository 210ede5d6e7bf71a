"""Reading the organisation's `site/mkdocs.yml` safely.

The file is read with a safe YAML loader: no `!!python/object` (which runs code as the file is
read), no `!ENV` (which copies environment variables, a CI job's tokens among them, into the
pages), and `!!python/name:` only for the functions of mkdocs-material and pymdownx its
documentation names. What the settings themselves may not do is `refused_settings`' part.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import yaml

from okrctl import paths
from okrctl.errors import UsageError
from okrctl.safetext import terminal

SITE_DIR = "site"
"""The organisation's site folder at the root of the repository."""
CONFIG_NAME = "mkdocs.yml"
WHERE = f"{SITE_DIR}/{CONFIG_NAME}"
"""The organisation's site configuration, as messages name it."""

PYTHON_NAMES = ("material.", "pymdownx.")
"""`!!python/name:` may name a public function defined in a module of these packages only
(mkdocs-material's documented emoji, fence and slug settings): never a module of the
repository, never `os.system`, never a function such a module imported from elsewhere."""


class _SiteLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML for site/mkdocs.yml: safe (no `!!python/object`, which runs code as the file is
    read), plus the one tag mkdocs-material's documentation uses, `!!python/name:`, limited to
    `PYTHON_NAMES`. `!ENV` is refused: it copies environment variables (tokens) into pages."""


def _python_name(loader: Any, suffix: str, node: yaml.Node) -> Any:
    if not suffix.startswith(PYTHON_NAMES) or not all(
        part.isidentifier() and not part.startswith("_") for part in suffix.split(".")
    ):
        raise _refused(suffix, node)
    module, _, attribute = suffix.rpartition(".")
    try:
        found = getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError):
        raise yaml.constructor.ConstructorError(
            None, None, f"`{suffix}` does not exist", node.start_mark
        ) from None
    # A module's attributes include what it imported: `material.plugins.blog.plugin.rmtree` is
    # shutil.rmtree, which Python-Markdown's toc would call on every heading's text as `slugify`.
    if not inspect.isfunction(found) or found.__module__ != module:
        raise _refused(suffix, node)
    return found


def _refused(suffix: str, node: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(
        None,
        None,
        f"`!!python/name:{suffix}` is refused: only functions of "
        f"{', '.join(p.rstrip('.') for p in PYTHON_NAMES)} may be named",
        node.start_mark,
    )


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
    """The organisation's `site/mkdocs.yml`, read safely (see `_SiteLoader`), or nothing.
    Its settings are not checked yet: `refused_settings.refuse_code` does that."""
    path = root / SITE_DIR / CONFIG_NAME
    if not path.is_file() and not path.is_symlink():
        return {}
    real = paths.confined(root, path)
    if isinstance(real, str):
        raise UsageError(f"{WHERE} {real}")
    try:
        with real.open("rb") as stream:
            data = yaml.load(stream, Loader=_SiteLoader)
    except yaml.YAMLError as exc:
        raise UsageError(f"{WHERE}: {terminal(str(exc))}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{WHERE}: expected a mapping of settings")
    return data
