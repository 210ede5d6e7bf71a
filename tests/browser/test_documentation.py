"""okrctl's own documentation site (docs/, the root mkdocs.yml) in headless Chromium: every page
opens from the navigation, search finds the reference, and nothing loads from another host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import Watched, serve_folder
from tests.browser.test_site import search
from tests.test_docs import build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def docs_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out: Path = tmp_path_factory.mktemp("documentation") / "docs"
    done = build(out)
    assert done.returncode == 0, done.stderr
    with serve_folder(out) as url:
        yield url


def test_every_page_opens_from_the_navigation_offline(watched: Watched, docs_url: str) -> None:
    page = watched.page
    page.goto(docs_url + "index.html")
    assert page.locator("article h1").first.inner_text().startswith("okrctl")
    links = page.locator("nav.md-nav--primary a.md-nav__link[href$='.html']")
    targets = sorted(set(links.evaluate_all("as => as.map(a => a.href)")))
    assert len(targets) == len(list((Path(__file__).parents[2] / "docs").glob("*.md")))
    for target in targets:
        response = page.goto(target)
        assert response is not None and response.status == 200, target
        assert page.locator("article h1").count() == 1, target
    assert watched.dialogs == []
    assert watched.foreign(docs_url) == []


def test_search_finds_a_diagnostic_code_and_a_field(watched: Watched, docs_url: str) -> None:
    page = watched.page
    page.goto(docs_url + "index.html")
    results = search(page, "OKR820")
    assert "okrctl check" in " ".join(results.all_inner_texts())
    page.locator(".md-search-result__item", has_text="okrctl check").first.click()
    page.wait_for_url("**/check.html*")
    search(page, "dropped_reason")
    watched.screenshot("documentation-search")
    assert watched.foreign(docs_url) == []
