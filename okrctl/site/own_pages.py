"""The organisation's own pages (`site/**/*.md`): small enough that Markdown reads them quickly.

okrctl's own pages never go through Markdown, but the organisation's do, with the extensions it
enables; Python-Markdown's raw-HTML parser slows down more than in proportion on a large page (a
megabyte of `<script>` lines took ten seconds of processor time). A pull request could make every
build in CI that slow, so a page over `MAX_PAGE` is refused before anything is built, naming it.
"""

from __future__ import annotations

from pathlib import Path

from okrctl.errors import UsageError
from okrctl.site.site_config import SITE_DIR

MAX_PAGE = 256 * 1024
"""The largest Markdown page of the site folder, in bytes: a long handbook page is 50 KiB."""


def refuse_oversized(root: Path) -> None:
    """A UsageError naming the first Markdown page under site/ larger than `MAX_PAGE`."""
    folder = root / SITE_DIR
    if not folder.is_dir():
        return
    for page in sorted(folder.rglob("*.md")):
        try:
            size = page.stat().st_size
        except OSError:
            continue  # a dangling link: the path rule reports it when the pages are copied
        if size > MAX_PAGE:
            raise UsageError(
                f"{page.relative_to(root).as_posix()} is {size // 1024} KiB, larger than the "
                f"{MAX_PAGE // 1024} KiB a page of the site may be (Markdown reads a large page "
                "slowly); split it into several pages"
            )
