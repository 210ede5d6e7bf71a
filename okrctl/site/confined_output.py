"""Every file mkdocs writes stays inside the site being built.

The settings' allow-lists confine every option that is a path or an address pattern, but a
page's own front matter fills the patterns in: a blog post's `slug: ../../../x` made the blog
plugin write `x.html` outside the output folder and the repository. This plugin checks where
every file will be written after the plugins that decide it (the blog sets its posts' addresses
when the files are gathered and adds its archive and category pages with the navigation), and
stops the build before anything is written when a file would land outside the site.
"""

from __future__ import annotations

import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from okrctl.site.setting_kinds import leaves
from okrctl.site.site_config import SITE_DIR


def outside(files: Files) -> list[tuple[str, str]]:
    """(source, destination) of each file that would be written outside the site: its address
    (the path from the site's folder) absolute or up out of it once normalised."""
    return [(f.src_uri, f.dest_uri) for f in files if leaves(posixpath.normpath(f.dest_uri))]


def check(files: Files, config: MkDocsConfig) -> None:
    """Stop the build (a mkdocs `PluginError`) when a file would be written outside the site."""
    escaping = outside(files)
    if escaping:
        source, destination = escaping[0]
        raise PluginError(
            f"{SITE_DIR}/{source} would be written outside the site, to {destination!r}: a "
            "page's `slug`, date or categories may not lead out of it (no `/`, `..` or "
            "absolute path); fix its front matter"
        )


class ConfinedOutput(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Checks where every file goes after the plugins that decide it, before any is written."""

    @event_priority(-100)  # after the blog set its posts' addresses (at -50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        check(files, config)
        return None

    @event_priority(-100)  # after the blog added its archive, category and pagination pages
    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        check(files, config)
        return None
