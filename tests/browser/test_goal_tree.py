"""The goal tree, filters, deep links and the lazy search index, driven as a reader would."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Watched, reader

pytestmark = pytest.mark.browser


def open_nodes(page: Any) -> int:
    return int(page.evaluate("document.querySelectorAll('.okr-tree details[open]').length"))


def test_expand_all_collapse_all_and_arrow_keys(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "tree/2026-Q4.html")
    emea = page.locator("#goal-emea-pipeline-q4 > details > summary")
    assert not emea.is_visible()
    page.get_by_role("button", name="Expand all").click()
    emea.wait_for(state="visible")
    assert open_nodes(page) == page.locator(".okr-tree details").count()
    page.get_by_role("button", name="Collapse all").click()
    assert open_nodes(page) == 0
    # Keyboard: focus the first row, open it with the right arrow, move down into its branch.
    first = page.locator("#goal-grow-revenue-q4 > details > summary")
    first.focus()
    page.keyboard.press("ArrowRight")
    assert first.evaluate("s => s.parentElement.open")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('li').id")
    assert focused == "goal-win-emea-q4"
    page.keyboard.press("ArrowLeft")  # closed: the first press closes nothing, goes up
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.closest('li').id") == "goal-grow-revenue-q4"
    page.keyboard.press("ArrowLeft")
    assert not first.evaluate("s => s.parentElement.open")
    assert watched.foreign(site_url) == []


def test_a_deep_link_opens_and_highlights_its_target(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "tree/2026-Q4.html#goal-emea-pipeline-q4")
    target = page.locator("#goal-emea-pipeline-q4")
    target.locator(":scope > details > summary").wait_for(state="visible")
    assert "okr-target" in (target.get_attribute("class") or "")
    # Its chain up to the company's goal is open, nothing else is.
    assert page.locator("#goal-grow-revenue-q4 > details").evaluate("d => d.open")
    assert not page.locator("#goal-ship-platform-q4 > details").evaluate("d => d.open")
    # From the home page's card to the tree.
    page.goto(site_url + "index.html")
    page.get_by_role("link", name="1 supporting objective in the goal tree").click()
    page.wait_for_url("**/tree/2026-Q4.html#goal-grow-revenue-q4")
    assert "okr-target" in (page.locator("#goal-grow-revenue-q4").get_attribute("class") or "")
    watched.screenshot("goal-tree")
    assert watched.foreign(site_url) == []


def test_filters_by_unit_person_and_status_keep_state_in_the_url(
    watched: Watched, site_url: str
) -> None:
    page = watched.page
    page.goto(site_url + "tree/2026-Q4.html")
    page.get_by_label("Unit").select_option("sales-emea")
    assert page.url.endswith("tree/2026-Q4.html?unit=sales-emea")
    visible = page.evaluate(
        "[...document.querySelectorAll('.okr-tree li.okr-node')]"
        ".filter(li => !li.hidden).map(li => li.id)"
    )
    # The match and the chain above it, nothing else.
    assert visible == ["goal-grow-revenue-q4", "goal-win-emea-q4", "goal-emea-pipeline-q4"]
    assert page.locator("#goal-emea-pipeline-q4 > details > summary").is_visible()
    # Bookmarked: the same view when the address is opened again (offline: no request).
    before = len(watched.requests)
    page.goto(site_url + "tree/2026-Q4.html?status=not-measured&person=erin")
    assert page.get_by_label("Status").input_value() == "not-measured"
    visible = page.evaluate(
        "[...document.querySelectorAll('.okr-tree li.okr-node')]"
        ".filter(li => !li.hidden).map(li => li.id)"
    )
    assert visible == ["goal-ship-platform-q4", "goal-data-strategy-q4"]
    assert "1 of" in page.locator(".okr-filter-count").inner_text()
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function("!location.search")
    assert page.locator(".okr-tree li.okr-node[hidden]").count() == 0
    assert all(u.startswith(site_url) for u in watched.requests[before:])
    # The people page filters the same way.
    page.goto(site_url + "people.html?unit=engineering")
    shown = page.evaluate(
        "[...document.querySelectorAll('.okr-person-card')].filter(c => !c.hidden)"
        ".map(c => c.querySelector('h2').id)"
    )
    assert "person-erin" in shown and "person-pat" in shown
    assert "person-sam" not in shown and "person-emma" not in shown
    assert watched.foreign(site_url) == []


def test_the_search_index_loads_only_when_search_is_used(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "units/sales/2026-Q4.html")
    page.wait_for_load_state("networkidle")
    assert not [u for u in watched.requests if "search_index" in u]
    page.locator("input.md-search__input").click()
    page.keyboard.type("European")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=30_000)
    assert [u for u in watched.requests if "search_index" in u]
    assert watched.foreign(site_url) == []


def test_a_key_result_is_one_row_and_its_chart_fits_a_phone(browser: Any, site_url: str) -> None:
    for width in (1280, 390):
        with reader(browser, width) as watched:
            page = watched.page
            page.goto(site_url + "units/sales/2026-Q4.html")
            row = page.locator("li#win-emea-q4--emea-deals")
            assert "9 deals, aiming for 12 deals · 9 deals due by today" in row.inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.goto(site_url + "objectives/win-emea-q4.html")
            kr = page.locator("section.okr-kr").first
            chart = kr.locator("svg.okr-chart")
            chart.wait_for(state="visible")
            # One font size at every width, and the whole chart in view on a phone: the end
            # of the period too, without scrolling sideways.
            label = chart.locator("text.okr-chart-label").first
            assert label.evaluate("t => getComputedStyle(t).fontSize") == "12px"
            box = chart.bounding_box()
            end = chart.locator("text.okr-chart-end")
            assert end.text_content() == "2026-12-31"
            end_box = end.bounding_box()
            assert box is not None and end_box is not None
            assert end_box["x"] + end_box["width"] <= width
            assert box["x"] + box["width"] <= width
            assert kr.locator(".okr-legend").inner_text().split("\n") == [
                "check-ins",
                "expected at a steady pace",
                "today",
            ]
            assert chart.locator("text.okr-chart-unit").text_content() == "deals"
            assert "9 deals, aiming for 12 deals" in kr.locator(".okr-chart-summary").inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert watched.foreign(site_url) == []


def test_the_dependency_map_links_each_edge_to_its_objectives(
    watched: Watched, site_url: str
) -> None:
    page = watched.page
    page.goto(site_url + "dependencies/2026-Q4.html")
    edge = page.locator("svg.okr-depmap a").first
    assert "not acknowledged" in (edge.get_attribute("aria-label") or "")
    edge.focus()  # a keyboard reader: the edge is a link in the tab order
    page.keyboard.press("Enter")
    page.wait_for_url("**/dependencies/2026-Q4.html#dep-red-team-sales")
    section = page.locator("#dep-red-team-sales")
    assert "on track" in section.locator("li").first.inner_text()  # how the work is going
    section.get_by_role("link", name="Win the European warehouse market").click()
    page.wait_for_url("**/objectives/win-emea-q4.html")
    assert watched.foreign(site_url) == []
