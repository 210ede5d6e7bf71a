"""Writing the docs folder mkdocs reads: one Markdown file per page, okrctl's stylesheet and the
organisation's own files from `site/` (stylesheets, images, extra pages)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from html import escape
from importlib import resources
from pathlib import Path

from okrctl import paths
from okrctl.errors import UsageError
from okrctl.site.mkdocs_build import CONFIG_NAME, MARKER, SITE_DIR
from okrctl.site.templates import Page

ASSETS = "assets/okrctl"
# Folders of site/ that configure the site rather than hold its files.
NOT_COPIED = {CONFIG_NAME, "overrides"}


def front_matter(page: Page) -> str:
    lines = ["---"]
    if page.title is not None:
        # mkdocs-material prints a page's title unescaped: give it escaped text. JSON strings
        # are YAML strings, so any character survives the front matter.
        lines.append(f"title: {json.dumps(escape(page.title))}")
    if not page.search:
        lines += ["search:", "  exclude: true"]
    if page.body and not page.toc:
        lines += ["hide:", "  - toc"]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def page_source(page: Page) -> str:
    text = front_matter(page) + page.markdown
    if page.body:
        text += f"\n{MARKER}\n"
    return text


def organisation_files(root: Path) -> list[tuple[Path, str]]:
    """Files under site/ that belong in the docs folder, with their docs-relative paths."""
    folder = root / SITE_DIR
    if not folder.is_dir():
        return []
    found: list[tuple[Path, str]] = []
    for path in paths.confined_tree(root, folder):
        relative = path.relative_to(folder)
        if not path.is_file() or relative.parts[0] in NOT_COPIED:
            continue
        if any(part.startswith(".") for part in relative.parts):
            continue
        found.append((path, relative.as_posix()))
    return found


def write(root: Path, docs: Path, pages: Sequence[Page]) -> list[str]:
    """Fill `docs` and return the organisation's own Markdown pages (for the navigation)."""
    generated = {page.path for page in pages}
    extra_pages: list[str] = []
    for source, relative in organisation_files(root):
        if relative in generated or relative.startswith(ASSETS + "/"):
            raise UsageError(
                f"{SITE_DIR}/{relative} has the name of a page okrctl generates; rename it"
            )
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        if relative.endswith(".md"):
            extra_pages.append(relative)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_source(page), encoding="utf-8", newline="\n")  # also on Windows
    assets = resources.files("okrctl.site").joinpath("assets")
    (docs / ASSETS).mkdir(parents=True, exist_ok=True)
    for asset in sorted(assets.iterdir(), key=lambda a: a.name):
        if asset.is_file():
            (docs / ASSETS / asset.name).write_bytes(asset.read_bytes())
    return extra_pages
