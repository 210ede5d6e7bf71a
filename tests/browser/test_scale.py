"""A large organisation the tests did not write by hand: bench/synth.py's deep shape (a company
of five departments with dozens of teams each, every objective in the current period), read in
Chromium. No page is heavy, the home page summarises by department, and every count agrees
with the pages it counts. (bench/site_shapes.py measures the same at 5,000 objectives.)"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from okrctl.site.build import build_site
from tests.browser.conftest import Watched, serve_folder
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
from synth import TODAY, generate

pytestmark = pytest.mark.browser

OBJECTIVES = 1100
"""Departments of 220 objectives: more than a page holds (200), so teams get pages too."""
MAX_BYTES = 1_000_000
MAX_ELEMENTS = 20_000


@pytest.fixture(scope="module")
def scale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("scale") / "deep"
    generate(root, OBJECTIVES, shape="deep", one_period=True)
    assert build_site(root, root / "public", today=TODAY, history=False).built
    with serve_folder(root / "public") as url:
        yield url, root / "public"


def elements(page: Any) -> int:
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    return int(page.evaluate("document.getElementsByTagName('*').length"))


def test_no_page_is_heavy(watched: Watched, scale: tuple[str, Path]) -> None:
    url, site = scale
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert max(sizes.values()) < MAX_BYTES, max(sizes, key=sizes.__getitem__)
    # The largest page of each kind, opened in full.
    largest: dict[str, tuple[int, str]] = {}
    for path, size in sizes.items():
        kind = path.split("/")[0]
        largest[kind] = max(largest.get(kind, (0, "")), (size, path))
    page = watched.page
    for _, path in largest.values():
        page.goto(url + path)
        assert elements(page) < MAX_ELEMENTS, path
    assert watched.foreign(url) == []


def test_the_home_page_summarises_by_department(watched: Watched, scale: tuple[str, Path]) -> None:
    url, _ = scale
    page = watched.page
    page.goto(url + "index.html")
    total = page.locator(".okr-home-counts > span").first.inner_text()
    assert total.startswith(f"{OBJECTIVES} objectives in ")
    # The company's own top-level objectives as cards (the departments' support them).
    assert page.locator(".okr-grid .okr-card").count() == 4
    # The attention list names the most urgent and senior work first, and counts the rest.
    items = page.locator(".okr-attention-item")
    assert items.count() == 25
    assert re.match(r"And \d+ more", page.locator(".okr-attention-more").inner_text())
    # At one urgency, a department's objective before a team's.
    listed = [
        (item.get_attribute("data-status") or "", item.locator("a").first.get_attribute("href"))
        for item in items.all()
    ]
    for urgency in ("off-track", "at-risk"):
        teams = [
            re.search(r"-t\d+-", href or "") is not None
            for s, href in listed
            if s.startswith(urgency)
        ]
        assert teams == sorted(teams), urgency
    rows = page.locator("table.okr-departments tbody tr")
    assert rows.count() == 5
    counted = [int(r.locator("td").nth(2).locator("a").inner_text()) for r in rows.all()]
    assert sum(counted) + 4 == OBJECTIVES  # the company's own 4, and each department's
    assert watched.foreign(url) == []


def test_the_tree_and_the_home_page_count_the_same_objectives(
    watched: Watched, scale: tuple[str, Path]
) -> None:
    url, site = scale
    page = watched.page
    on_pages = 0
    for path in sorted(site.glob("tree/2026-Q4*.html")) + sorted(site.glob("tree/2026-Q4/*.html")):
        text = path.read_text(encoding="utf-8")
        on_pages += int(re.search(r"This page: (\d+) objective", text)[1])  # type: ignore[index]
    assert on_pages == OBJECTIVES
    # A department on the home page: its count leads to its pages, which hold that many.
    page.goto(url + "index.html")
    first = page.locator("table.okr-departments tbody tr").first
    department = int(first.locator("td").nth(2).locator("a").inner_text())
    first.locator("td").nth(2).locator("a").click()
    page.wait_for_url("**/tree/2026-Q4/d001.html")
    here = int(re.search(r"This page: (\d+)", page.locator(".okr-page-count").inner_text())[1])  # type: ignore[index]
    below = [
        int(r.locator("td").nth(1).inner_text())
        for r in page.locator("table.okr-sub-pages tbody tr").all()
    ]
    assert below and here + sum(below) == department
    # A status count of a page of teams leads to that page, filtered, showing that many.
    row = page.locator("table.okr-sub-pages tbody tr").first
    link = row.locator("a.okr-status").first
    shown = int(link.inner_text().strip("✔▲✖–★⊘◔ ").split()[0])
    link.click()
    page.wait_for_url(re.compile(r".*/tree/2026-Q4/[^?]+\.html\?status=.*"))
    count = page.locator(".okr-filter-count").inner_text()
    assert count.startswith(f"{shown} of "), count
    assert watched.foreign(url) == []
