"""The organisation's own pages (`site/**/*.md`): small enough, and plain enough, that Markdown
reads them quickly.

okrctl's own pages never go through Markdown, but the organisation's do, with the extensions it
enables, and Python-Markdown is not linear on every text: its raw-HTML parser slows down more than
in proportion on a large page (a megabyte of `<script>` lines took ten seconds of processor time),
and its inline patterns scan a paragraph forward from every `[` to its `]` (to the paragraph's
end when there is none) and from every `<` to the next `>` (10,000 `[` in one paragraph took 11 s;
Python-Markdown issue 798). A pull request could make every build in CI that slow, so before
anything is built a page over `MAX_PAGE` is refused, and so are pages whose brackets would make
those scans cover more than `MAX_SCANNED` characters in all; each message names the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from okrctl.errors import UsageError
from okrctl.site.site_config import SITE_DIR

MAX_PAGE = 256 * 1024
"""The largest Markdown page of the site folder, in bytes: a long handbook page is 50 KiB."""
MAX_SCANNED = 10_000_000
"""The most characters the link and HTML scans may cover over all pages: about two seconds of
Python-Markdown at worst; ordinary pages (a link closes a few characters after it opens) cover a
few thousand."""

_BLANK = re.compile(r"\n[ \t]*\n")


def scanned(text: str) -> int:
    """The characters Python-Markdown's link and HTML patterns scan in `text`: from each `[` to
    its `]` (or the paragraph's end), from each `<` to the next `>` (or the paragraph's end),
    paragraph by paragraph. Linear in the text."""
    total = 0
    for block in _BLANK.split(text):
        opened: list[int] = []
        angles: list[int] = []
        for position, character in enumerate(block):
            if character == "[":
                opened.append(position)
            elif character == "]" and opened:
                total += position - opened.pop()
            elif character == "<":
                angles.append(position)
            elif character == ">" and angles:
                total += sum(position - start for start in angles)
                angles.clear()
        total += sum(len(block) - start for start in opened + angles)
    return total


def _pages(root: Path) -> list[Path]:
    folder = root / SITE_DIR
    return sorted(folder.rglob("*.md")) if folder.is_dir() else []


def refuse_oversized(root: Path) -> None:
    """A UsageError naming the first Markdown page under site/ larger than `MAX_PAGE`, or the
    page whose brackets take the pages' scans past `MAX_SCANNED`."""
    total, heaviest, most = 0, "", 0
    for page in _pages(root):
        shown = page.relative_to(root).as_posix()
        try:
            size = page.stat().st_size
            text = page.read_text(encoding="utf-8", errors="replace") if size <= MAX_PAGE else ""
        except OSError:
            continue  # a dangling link: the path rule reports it when the pages are copied
        if size > MAX_PAGE:
            raise UsageError(
                f"{shown} is {size // 1024} KiB, larger than the {MAX_PAGE // 1024} KiB a page of "
                "the site may be (Markdown reads a large page slowly); split it into several pages"
            )
        work = scanned(text)
        total += work
        if work > most:
            heaviest, most = shown, work
    if total > MAX_SCANNED:
        raise UsageError(
            f"{heaviest} has so many `[` or `<` without their `]` or `>` in long paragraphs that "
            f"Markdown would scan {total:,} characters for links and HTML (at most "
            f"{MAX_SCANNED:,}): close the brackets, write them as `\\[` and `&lt;`, or break the "
            "paragraphs up with blank lines"
        )
