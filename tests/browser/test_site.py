"""The built site in headless Chromium: pages, the cascade tree, search, trust and offline."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Watched
from tests.site.conftest import HOSTILE_TITLE

pytestmark = pytest.mark.browser


def test_home_page(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "index.html")
    assert page.locator("article h1").first.inner_text() == "Acme Widgets"
    cards = page.locator(".okr-grid .okr-card h4")
    assert cards.all_inner_texts() == [
        "Grow revenue with a product warehouses love",
        "Make the platform a reason to buy",
    ]
    page.get_by_role("link", name="Q3 2026 (closed)").first.click()
    page.wait_for_url("**/periods/2026-Q3.html")
    assert "the scores are final" in page.locator(".okr-period-state").first.inner_text()
    watched.screenshot("home")
    assert watched.dialogs == []
    assert watched.foreign(site_url) == []


def test_cascade_tree_expands(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "cascade/2026-Q4.html")
    objective = page.locator("#obj-emea-pipeline-q4")
    sales = page.locator("#unit-sales > details > summary")
    assert sales.is_visible()
    assert not objective.is_visible()
    sales.click()
    page.locator("#unit-sales-emea > details > summary").click()
    objective.wait_for(state="visible")
    assert "Fill the European pipeline with qualified leads" in objective.inner_text()
    objective.get_by_role("link", name="Fill the European pipeline with qualified leads").click()
    page.wait_for_url("**/objectives/emea-pipeline-q4.html")
    assert page.locator("#emea-pipeline-q4--qualified-leads").inner_text() == (
        "Qualified leads per month grow from 20 to 50"
    )
    watched.screenshot("cascade")
    assert watched.dialogs == []
    assert watched.foreign(site_url) == []


def test_unit_page_rows_lead_to_objective_pages_with_charts(
    watched: Watched, site_url: str
) -> None:
    page = watched.page
    page.goto(site_url + "units/sales/2026-Q4.html")
    row = page.locator("li#win-emea-q4")
    assert row.locator(".okr-row-title").inner_text() == "Win the European warehouse market"
    assert page.locator("svg.okr-chart").count() == 0
    row.locator(".okr-row-title").click()
    page.wait_for_url("**/objectives/win-emea-q4.html")
    assert page.locator("svg.okr-chart").count() == 2
    box = page.locator("svg.okr-chart").first.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 60
    page.locator(".okr-breadcrumb a", has_text="Grow revenue with a product").click()
    page.wait_for_url("**/objectives/grow-revenue-q4.html")
    watched.screenshot("unit")
    assert watched.foreign(site_url) == []


def search(page: Any, words: str) -> Any:
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("")
    page.keyboard.type(words)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=30_000)  # the index loads in a web worker
    return results


def test_search_finds_objectives_and_key_results(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "index.html")
    results = search(page, "European warehouse")
    assert "Win the European warehouse market" in " ".join(results.all_inner_texts())
    search(page, "qualified leads")
    page.locator(".md-search-result__item", has_text="Qualified leads per month").first.wait_for()
    watched.screenshot("search")
    assert watched.foreign(site_url) == []


def test_hostile_strings_run_nothing(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "objectives/hostile-q4.html")
    page.wait_for_load_state("load")
    assert page.locator("h1#hostile-q4").inner_text() == HOSTILE_TITLE
    assert page.locator("h1#hostile-q4 a, h1#hostile-q4 img, h1#hostile-q4 script").count() == 0
    page.locator("details.okr-checkins-more > summary").first.click()
    assert "Mallory <script>alert(2)</script>" in page.locator("article").inner_text()
    assert page.title() == f"{HOSTILE_TITLE} - Acme Widgets"
    page.goto(site_url + "units/red-team/2026-Q4.html")
    assert page.title() == "<img src=x onerror=alert(1)> Red Team · Q4 2026 - Acme Widgets"
    results = search(page, "Quarantine payloads")
    assert "Quarantine <b onmouseover=alert(1)>payloads</b>" in " ".join(results.all_inner_texts())
    results.first.hover()
    page.goto(site_url + "cascade/2026-Q4.html")
    page.locator("#unit-engineering > details > summary").click()
    page.locator("#unit-red-team > details > summary").click()
    page.locator("#obj-hostile-q4").wait_for(state="visible")
    watched.screenshot("hostile")
    assert watched.dialogs == []
    assert watched.foreign(site_url) == []


def test_dark_palette_and_a_phone(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    try:
        watched = Watched(context.new_page())
        page = watched.page
        page.goto(site_url + "objectives/faster-deploys-q4.html")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390  # nothing forces sideways scrolling
        page.get_by_title("Switch to the light palette").click()
        assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
        watched.screenshot("phone")
        assert watched.foreign(site_url) == []
    finally:
        context.close()
