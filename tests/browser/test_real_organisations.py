"""Issue 10's model as a reader sees it, in Chromium: dropped work struck through, not measured in
grey, team owners, a shared objective on its contributor's page, safe links, and a period that
has ended but is not closed. The fixture is the handbook-style organisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from okrctl.site.build import build_site
from tests.browser.conftest import Watched, serve_folder
from tests.site.conftest import REPOS, copy_repo

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def handbook_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_repo(REPOS / "handbook", tmp_path_factory.mktemp("handbook") / "handbook")
    # After the period's end (and its check-in grace): it awaits its grades.
    assert build_site(root, root / "public", today=dt.date(2027, 1, 20), history=False).built
    with serve_folder(root / "public") as url:
        yield url


def style(locator: Any, prop: str) -> str:
    return str(locator.evaluate(f"e => getComputedStyle(e).{prop}"))


def test_dropped_not_measured_team_owned_and_shared_work(
    watched: Watched, handbook_url: str
) -> None:
    page = watched.page
    page.goto(handbook_url + "units/data/FY27-Q1.html")
    dropped = page.locator("#warehouse--legacy-etl s")
    assert dropped.inner_text() == "Retire the legacy ETL jobs"
    assert "line-through" in style(dropped, "textDecorationLine")
    # The shared objective of Infrastructure shows on Data Platform's page.
    assert page.locator("#shared-objectives").inner_text() == "Shared with Data Platform"
    page.get_by_role("link", name="Recover from losing a region within an hour").click()
    page.wait_for_url("**/objectives/disaster-recovery.html")
    assert (
        "Owner: Infrastructure (team; lead: Kai Moreau)" in page.locator(".okr-badges").inner_text()
    )
    # Not measured: grey, in words, never red.
    status = page.locator("section.okr-kr").nth(1).locator(".okr-status").first
    assert status.inner_text().endswith("not measured")
    assert style(status, "color") == "rgb(74, 74, 74)"
    # A link in a check-in note and a titled link: safe links to another host.
    page.locator("details.okr-checkins-more > summary").first.click()
    note_link = page.locator("td.okr-text a").first
    assert note_link.get_attribute("href") == "https://wiki.example.com/dr-runbook"
    assert note_link.get_attribute("rel") == "noopener noreferrer"
    titled = page.get_by_role("link", name="Restore dashboard")
    assert titled.get_attribute("rel") == "noopener noreferrer"
    # The dropped key result, on its objective's page, with its reason.
    page.goto(handbook_url + "objectives/warehouse.html")
    block = page.locator("section.okr-kr", has=page.locator("#warehouse--legacy-etl"))
    assert "Dropped: De-prioritised in favour of the failover work" in block.inner_text()
    assert watched.foreign(handbook_url) == []


def test_an_ended_period_awaits_its_grades(watched: Watched, handbook_url: str) -> None:
    page = watched.page
    page.goto(handbook_url + "index.html")
    state = page.locator(".okr-period-state").inner_text()
    assert "ended on 2026-12-31, awaiting grades" in state
    assert "elapsed" not in state
    # The roll-up company objective is measured through the work below it.
    card = page.locator("article.okr-card").first
    assert card.locator("h4").inner_text() == "Customers trust us with their data"
    assert card.locator(".okr-score").inner_text() != "not measured"
    assert watched.foreign(handbook_url) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "units/data/FY27-Q1.html",
        "tree/FY27-Q1.html",
        "objectives/disaster-recovery.html",
    ],
)
def test_no_axe_violations(browser: Any, handbook_url: str, path: str, scheme: str) -> None:
    from tests.browser.test_accessibility import violations

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        watched = Watched(context.new_page())
        watched.page.goto(handbook_url + path)
        assert violations(watched.page) == []
    finally:
        context.close()
