"""The README is what a newcomer needs first: what okrctl is, the quick start, adopting okrctl,
and links into the documentation (docs/, see tests/test_docs.py), which holds the reference."""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_quick_start_is_the_two_make_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make site" in quick and "make test" in quick


def test_the_readme_is_short() -> None:
    assert len(README.splitlines()) <= 400


def _anchors(path: str) -> set[str]:
    text = (REPO / path).read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    headings = re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)
    return {slugify(re.sub(r"[`*]", "", h), "-") for h in headings}


def test_every_relative_link_leads_to_a_file_and_heading_of_the_repository() -> None:
    targets = [t for t in LINK.findall(README) if not re.match(r"[a-z]+:", t)]
    assert targets
    for target in targets:
        path, _, anchor = target.partition("#")
        assert (REPO / path).is_file(), target
        if anchor:
            assert anchor in _anchors(path), target


def test_the_readme_links_to_every_page_of_the_documentation() -> None:
    linked = {t.partition("#")[0] for t in LINK.findall(README)}
    pages = {f"docs/{p.name}" for p in (REPO / "docs").glob("*.md")}
    assert pages - linked == set()
