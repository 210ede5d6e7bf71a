"""The site as readers read it: which day its data is as of (also on a later day than the
build), closed periods as history, the Monday home page, one verdict per key-result row, the
Check in and Edit links, without JavaScript, in print and on a phone."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import REPO_URL, Watched, reader
from tests.browser.test_site import search

pytestmark = pytest.mark.browser

EVERY_KIND = [
    "index.html",
    "periods/2026-Q3.html",
    "objectives/win-emea-q4.html",
    "units/sales/2026-Q4.html",
    "tree/2026-Q4.html",
    "cascade/2026-Q4.html",
    "people.html",
    "health.html",
    "dependencies/2026-Q4.html",
    "dependencies/2026-Q4/sales.html",
    "scoring.html",
    "rules/OKR700.html",
]


def at(day: str) -> dt.datetime:
    """Noon of `day` in UTC: a reader's clock."""
    return dt.datetime.fromisoformat(f"{day}T12:00:00+00:00")


def test_every_page_says_which_day_its_data_is_as_of(
    watched: Watched, site_url: str, site_repo: Path
) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=site_repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    page = watched.page
    page.clock.set_fixed_time(at("2026-11-23"))  # the day after the build
    for path in EVERY_KIND:
        page.goto(site_url + path)
        stamp = page.locator(".okr-asof-line")
        assert stamp.is_visible(), path
        # The time is the commit's: the same commit built again gives the same pages.
        assert stamp.inner_text() == (
            f"Data as of 2026-11-22, built 2026-11-19 09:00 UTC from {commit[:10]}"
        ), path
        assert stamp.locator("a").get_attribute("href") == f"{REPO_URL}/commit/{commit}"
        assert not page.locator(".okr-banner").is_visible(), path
    assert watched.foreign(site_url) == []


def test_the_home_page_says_what_changed_in_the_week(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "index.html")
    assert page.locator("#what-changed").inner_text() == "What changed since 2026-11-15"
    moves = page.locator("li.okr-change[data-kind='score']")
    assert moves.first.inner_text() == (
        "Run a platform customers never notice (Engineering): 0.61 → 0.49"
    )
    assert page.locator("table.okr-checked-in tbody tr").all_inner_texts() == ["Engineering\t1\t1"]
    moves.first.locator("a").click()
    page.wait_for_url("**/objectives/reliable-platform-q4.html")
    assert watched.foreign(site_url) == []


def test_a_reader_on_a_later_day_is_told_the_page_may_be_out_of_date(
    browser: Any, site_url: str
) -> None:
    for day, days in (("2026-12-01", None), ("2026-12-06", None), ("2026-12-07", 15)):
        with reader(browser) as watched:
            page = watched.page
            page.clock.set_fixed_time(at(day))
            page.goto(site_url + "index.html")
            banner = page.locator(".okr-banner")
            if days is None:  # within the 14-day check-in rhythm
                assert not banner.is_visible(), day
                continue
            banner.wait_for(state="visible")
            assert banner.inner_text() == (
                "This page may be out of date. Its data is as of 2026-11-22, 15 days ago, "
                "longer than the 14-day check-in rhythm: statuses, what is due and what is "
                "stale have moved since."
            )
            assert banner.get_attribute("role") == "status"
            watched.screenshot("out-of-date")
            # Without JavaScript nobody can know the reader's day: the stamp still says it.
    with reader(browser, java_script_enabled=False) as watched:
        watched.page.goto(site_url + "index.html")
        assert not watched.page.locator(".okr-banner").is_visible()
        assert "Data as of 2026-11-22" in watched.page.locator(".okr-asof").inner_text()


def test_a_closed_period_reads_as_history(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "periods/2026-Q3.html")
    counts = page.locator(".okr-home-counts .okr-counts")
    assert counts.inner_text().split() == ["▲1", "fell", "short", "✔1", "delivered"]
    assert not page.locator("#needs-attention").count()
    text = page.locator("article.md-content__inner").inner_text()
    for pace in ("on track", "at risk", "off track", "due by", "days ago", "elapsed"):
        assert pace not in text, pace
    page.goto(site_url + "objectives/win-emea-q3.html")
    line = page.locator(".okr-objective-score")
    assert line.locator(".okr-score").inner_text() == "0.70"
    assert line.locator(".okr-status").inner_text().endswith("green: delivered")
    assert page.locator(".okr-why").first.inner_text() == "final grade 0.70: green, delivered"
    text = page.locator("article.md-content__inner").inner_text()
    for pace in ("on track", "due by", "days ago", "elapsed"):
        assert pace not in text, pace
    assert watched.foreign(site_url) == []


def test_the_home_page_counts_lead_to_the_goal_tree_showing_them(
    watched: Watched, site_url: str
) -> None:
    page = watched.page
    page.goto(site_url + "index.html")
    counts = page.locator(".okr-home-counts .okr-counts a")
    words = counts.all_inner_texts()
    assert words == ["▲2 at risk", "✔5 on track", "–1 not measured", "◔4 stale"]
    # Each count is a link to the goal tree showing that status, and the tree agrees.
    for text, status in (
        ("2 at risk", "at-risk"),
        ("5 on track", "on-track"),
        ("4 stale", "stale"),
    ):
        page.goto(site_url + "index.html")
        page.locator(".okr-home-counts a.okr-status", has_text=text).click()
        page.wait_for_url(f"**/tree/2026-Q4.html?status={status}")
        assert page.get_by_label("Status").input_value() == status
        number = text.split()[0]
        assert page.locator(".okr-filter-count").inner_text() == (
            f"{number} of 8 objectives on this page match"
        )
    assert watched.foreign(site_url) == []


def test_the_home_page_names_the_work_that_needs_attention_with_its_owners(
    watched: Watched, site_url: str
) -> None:
    page = watched.page
    page.goto(site_url + "index.html")
    items = page.locator(".okr-attention-item")
    assert items.count() == 5
    # At risk before stale only, the company's work before its units'.
    first, second, third = items.all()[:3]
    assert first.locator("a").first.inner_text() == "Make the platform a reason to buy"
    assert first.locator(".okr-person").inner_text() == "Casey Chief"
    assert first.locator(".okr-status").inner_text().endswith("at risk")
    assert second.locator("a").first.inner_text() == "Run a platform customers never notice"
    assert third.locator("a").first.inner_text() == "Grow revenue with a product warehouses love"
    assert "stale" in third.inner_text()  # a key result of it is stale
    # Bars take their status's colour, and the status is in words beside them.
    bar = page.locator(".okr-card .okr-bar").first
    fill = bar.locator("span").evaluate("s => getComputedStyle(s).backgroundColor")
    pill = page.locator(".okr-card .okr-status").first
    assert fill == pill.evaluate("s => getComputedStyle(s).color") != "rgb(0, 0, 0)"
    assert bar.get_attribute("aria-valuetext") == "0.58 of 1.00, on track"
    assert pill.inner_text().endswith("on track")
    assert watched.foreign(site_url) == []


def test_one_verdict_per_key_result_row(watched: Watched, example_url: str) -> None:
    page = watched.page
    page.goto(example_url + "objectives/lite-sales-motion-q4.html")
    falling = page.locator("section.okr-kr", has=page.locator("h3", has_text="sales cycle falls"))
    plan = falling.locator(".okr-plan").first.inner_text()
    # A falling target reads as one: 13 days now, 10 aimed for; never "13 of 10 days".
    assert plan == "13 days, aiming for 10 days · 15 days due by today"
    page.goto(example_url + "objectives/repeat-business-q4.html")
    orders = page.locator("section.okr-kr").first
    # What is due, in the key result's own precision; and the confidence step, in words.
    assert orders.locator(".okr-plan").inner_text() == (
        "46,000 EUR, aiming for 60,000 EUR · 50,674 EUR due by today"
    )
    line = orders.locator(".okr-scoreline")
    assert line.locator(".okr-status").inner_text().endswith("off track")
    assert line.locator(".okr-lowered").inner_text() == ("lowered from at risk by confidence 45%")
    assert (
        orders.locator(".okr-why")
        .inner_text()
        .endswith(
            "at risk (60% to 89% of what is due); owner's confidence 45%, which lowers it to off track"
        )
    )
    assert watched.foreign(example_url) == []


def test_check_in_and_edit_open_the_repository_on_github(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "objectives/win-emea-q4.html")
    kr = page.locator("section.okr-kr").first
    checkin = kr.get_by_role("link", name="Check in").get_attribute("href") or ""
    parts = urllib.parse.urlsplit(checkin)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/issues/new"
    assert urllib.parse.parse_qs(parts.query) == {
        "template": ["checkin.yml"],
        "objective": ["win-emea-q4"],
        "key_result": ["emea-deals"],
    }
    edit = kr.get_by_role("link", name="Edit").get_attribute("href")
    assert edit == f"{REPO_URL}/edit/trunk/okrs/2026-Q4/sales/win-emea-q4.yaml"
    # A closed period's work is history: nothing to check in.
    page.goto(site_url + "objectives/win-emea-q3.html")
    assert page.get_by_role("link", name="Check in").count() == 0
    assert page.get_by_role("link", name="Edit").count() == 0
    assert watched.foreign(site_url) == []


def test_search_results_say_how_the_work_goes_and_lead_to_its_page(
    watched: Watched, site_url: str
) -> None:
    page = watched.page
    page.goto(site_url + "index.html")
    results = search(page, "European warehouse")
    found = page.locator(".md-search-result__item", has_text="Win the European warehouse market")
    assert "on track · 0.65 · Sales · Q4 2026" in found.first.inner_text()
    assert results.count() >= 1
    found.first.locator("a").first.click()
    page.wait_for_url(re.compile(r".*/objectives/win-emea-q4\.html(\?[^#]*)?(#.*)?$"))
    assert watched.foreign(site_url) == []


def test_links_into_unit_pages_from_before_still_land(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "units/sales/2026-Q4.html#win-emea-q4--emea-deals")
    row = page.locator("li#win-emea-q4--emea-deals")
    assert row.is_visible()
    assert "okr-target" in (row.get_attribute("class") or "")
    row.get_by_role("link", name="Closed deals in Europe grow from 4 to 12").click()
    page.wait_for_url("**/objectives/win-emea-q4.html#win-emea-q4--emea-deals")
    assert page.locator("h3#win-emea-q4--emea-deals").is_visible()
    assert watched.foreign(site_url) == []


def test_stale_is_a_status_filter(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "tree/2026-Q4.html")
    page.get_by_label("Status").select_option("stale")
    assert page.url.endswith("tree/2026-Q4.html?status=stale")
    visible = page.evaluate(
        "[...document.querySelectorAll('.okr-tree li.okr-filterable')]"
        ".filter(li => !li.hidden && li.dataset.status.split(' ').includes('stale'))"
        ".map(li => li.id)"
    )
    assert sorted(visible) == [
        "goal-data-strategy-q4",
        "goal-grow-revenue-q4",
        "goal-hostile-q4",
        "goal-reliable-platform-q4",
    ]
    # Each says so in words on its row.
    assert "stale" in page.locator("#goal-data-strategy-q4 > details > summary").inner_text()
    assert page.locator(".okr-filter-count").inner_text() == "4 of 8 objectives on this page match"
    page.reload()  # kept in the address
    assert page.get_by_label("Status").input_value() == "stale"
    assert watched.foreign(site_url) == []


def test_without_javascript_no_control_shows_that_would_do_nothing(
    browser: Any, site_url: str
) -> None:
    with reader(browser, java_script_enabled=False) as watched:
        page = watched.page
        for path in ("tree/2026-Q4.html", "cascade/2026-Q4.html", "people.html"):
            page.goto(site_url + path)
            for control in ("form.okr-filter", ".okr-tree-tools", "button"):
                shown = [e.is_visible() for e in page.locator(f"article {control}").all()]
                assert not any(shown), (path, control)
        # The tree still opens and closes: it is made of <details>.
        page.goto(site_url + "tree/2026-Q4.html")
        row = page.locator("#goal-win-emea-q4 > details > summary")
        page.locator("#goal-grow-revenue-q4 > details > summary").click()
        assert row.is_visible()
        assert watched.foreign(site_url) == []


def pdf_pages(page: Any) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def test_print_has_the_date_no_controls_and_few_pages(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "tree/2026-Q4.html")
    page.emulate_media(media="print")
    assert page.locator(".okr-asof-line").is_visible()
    for control in (".okr-filter", ".okr-tree-tools", ".md-header", ".md-sidebar--primary"):
        assert not page.locator(control).first.is_visible(), control
    # Printing opens the whole tree (okrctl.js on beforeprint), without controls or blank pages.
    assert pdf_pages(page) <= 3
    page.goto(site_url + "units/sales/2026-Q4.html")
    assert pdf_pages(page) <= 2
    page.goto(site_url + "objectives/win-emea-q4.html")
    assert pdf_pages(page) <= 4
    assert watched.foreign(site_url) == []


def test_the_dependency_map_scrolls_on_a_phone_and_shows_how_work_goes(
    browser: Any, site_url: str
) -> None:
    with reader(browser, 390) as watched:
        page = watched.page
        page.goto(site_url + "dependencies/2026-Q4.html")
        scroller = page.locator(".okr-depmap-scroll")
        wide = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert wide[0] > wide[1]  # wider than the phone: it scrolls, it is not cut off
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        scroller.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        platform = page.locator("svg.okr-depmap g", has_text="Platform")
        box, frame = platform.bounding_box(), scroller.bounding_box()
        assert box is not None and frame is not None
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
        assert platform.locator(".okr-dep-score").text_content() == "0.76"
        assert "the work others depend on it for: 1 on track" in (
            platform.locator("title").text_content() or ""
        )
        # The objective's own page lists what it depends on, with status and score.
        page.goto(site_url + "objectives/emea-pipeline-q4.html")
        needed = page.locator("dl.okr-links li").first
        assert "Ship changes to customers the same day" in needed.inner_text()
        assert needed.locator(".okr-score").inner_text() == "0.76"
        assert needed.locator(".okr-status").inner_text().endswith("on track")
        assert watched.foreign(site_url) == []


def test_a_reader_can_redo_a_score_from_the_parts_shown(watched: Watched, example_url: str) -> None:
    page = watched.page
    page.goto(example_url + "objectives/lite-package-revenue-q4.html")
    line = page.locator(".okr-objective-score")
    score = float(line.locator(".okr-score").inner_text())
    parts = line.locator(".okr-parts").inner_text()
    found = re.match(
        r"= ([\d.]+) × ([\d.]+) own key results \+ ([\d.]+) × ([\d.]+) from (\d+) supporting",
        parts,
    )
    assert found, parts
    own_weight, own, rest, below, count = found.groups()
    assert score == pytest.approx(
        float(own_weight) * float(own) + float(rest) * float(below), abs=0.0101
    )
    # The parts are on the page too: each supporting objective's score ...
    supporters = page.locator("ul.okr-supporters > li .okr-score").all_inner_texts()
    assert len(supporters) == int(count)
    assert float(below) == pytest.approx(sum(map(float, supporters)) / len(supporters), abs=0.0101)
    # ... and each key result's score and weight.
    pairs = []
    for kr in page.locator("section.okr-kr").all():
        value = float(kr.locator(".okr-scoreline .okr-score").first.inner_text())
        facts = dict(
            zip(
                kr.locator("dl.okr-facts dt").all_inner_texts(),
                kr.locator("dl.okr-facts dd").all_inner_texts(),
                strict=True,
            )
        )
        pairs.append((value, float(facts.get("Weight", "1"))))
    mean = sum(v * w for v, w in pairs) / sum(w for _, w in pairs)
    assert float(own) == pytest.approx(mean, abs=0.0101)
    assert watched.foreign(example_url) == []
