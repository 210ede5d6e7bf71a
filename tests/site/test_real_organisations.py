"""The site shows what real organisations write (issue 10's model): roll-up objectives, dropped
work, not measured work, team owners, shared objectives and links. The fixture is a handbook-style
organisation (tests/site/repos/handbook), not the example one."""

from __future__ import annotations

import datetime as dt

import pytest

from okrctl import engine, scoring
from okrctl.config import Config
from okrctl.site import pages
from okrctl.site.templates import Page
from okrctl.site.view import SiteView, gather
from tests.site.conftest import REPOS
from tests.site.html_tree import parse

HANDBOOK = REPOS / "handbook"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def view() -> SiteView:
    result = engine.check_repository(HANDBOOK, config=Config(), today=TODAY)
    assert result.errors == 0
    return gather(result.cascade, TODAY)


@pytest.fixture(scope="module")
def rendered(view: SiteView) -> dict[str, Page]:
    return {page.path: page for page in pages.render_all(view)}


def test_dropped_work_is_struck_through_with_its_reason(
    view: SiteView, rendered: dict[str, Page]
) -> None:
    doc = parse(rendered["objectives/warehouse.md"].body)
    heading = doc.find("h3", id="warehouse--legacy-etl")
    assert heading.find("s").words() == "Retire the legacy ETL jobs"
    kr = heading.parent
    assert kr is not None
    assert "Dropped: De-prioritised in favour of the failover work" in kr.words()
    assert kr.find("span", class_="okr-status").words().endswith("dropped")
    warehouse = view.objective("warehouse")
    assert warehouse is not None
    assert view.kr_status(warehouse, warehouse.key_results[1]).status == "dropped"
    # Left out of the objective's score: only the freshness key result counts.
    assert view.values["warehouse"] == pytest.approx((24 - 8) / (24 - 2))
    # The unit page's row strikes it through too.
    unit = parse(rendered["units/data/FY27-Q1.md"].body)
    assert unit.find("li", id="warehouse--legacy-etl").find("s").words() == (
        "Retire the legacy ETL jobs"
    )


def test_not_measured_is_grey_and_never_zero(view: SiteView, rendered: dict[str, Page]) -> None:
    doc = parse(rendered["objectives/disaster-recovery.md"].body)
    kr = doc.find("h3", id="disaster-recovery--backups-restored").parent
    assert kr is not None
    status = kr.find("span", class_="okr-status")
    assert "okr-s-not-measured" in (status.attrs["class"] or "")
    assert (
        "okr-red"
        not in str(rendered["objectives/disaster-recovery.md"].body).split("backups-restored")[1]
    )
    assert kr.find("span", class_="okr-score").words() == "not measured"


def test_team_owner_is_the_unit_with_its_lead(rendered: dict[str, Page]) -> None:
    doc = parse(rendered["objectives/disaster-recovery.md"].body)
    badges = doc.find("p", class_="okr-badges")
    assert "Owner: Infrastructure (team; lead: Kai Moreau)" in badges.words()
    people = parse(rendered["people.md"].body)
    kai = people.find("h2", id="person-kai").parent
    assert kai is not None
    assert "(owned by Infrastructure, which Kai Moreau leads)" in kai.words()


def test_a_shared_objective_shows_on_each_contributors_page(rendered: dict[str, Page]) -> None:
    doc = parse(rendered["units/data/FY27-Q1.md"].body)
    assert doc.find("h2", id="shared-objectives").words() == "Shared with Data Platform"
    shared = doc.find("h2", id="shared-objectives").parent
    assert shared is not None
    assert "Recover from losing a region within an hour" in [
        a.words() for a in shared.find_all("a", class_="okr-row-title")
    ]
    page = parse(rendered["objectives/disaster-recovery.md"].body)
    assert "Shared with Data Platform" in page.find("p", class_="okr-badges").words()


def test_links_and_addresses_in_text_become_safe_links(rendered: dict[str, Page]) -> None:
    company = parse(rendered["objectives/reliable.md"].body)
    memo = company.find("ul", class_="okr-extlinks").find("a")
    assert memo.attrs["href"] == "https://handbook.example.com/strategy/fy27"
    assert memo.attrs["rel"] == "noopener noreferrer"
    text = company.find("p", class_="okr-text").find("a")
    assert text.attrs["href"] == "https://handbook.example.com/okrs/fy27"
    assert text.attrs["rel"] == "noopener noreferrer"
    infra = parse(rendered["objectives/disaster-recovery.md"].body)
    note = infra.find("td", class_="okr-text").find("a")
    assert note.attrs["href"] == "https://wiki.example.com/dr-runbook"  # the full stop stays text


def test_the_home_page_lists_top_level_objectives_of_every_unit(
    rendered: dict[str, Page],
) -> None:
    home = parse(rendered["index.md"].body)
    groups = [h.words() for h in home.find_all("h3", class_="okr-group-title")]
    assert groups == ["Handbook Labs"]
    assert [h.words() for h in home.find_all("h4")] == ["Customers trust us with their data"]


def test_roll_up_objectives_show_the_one_effective_score(
    view: SiteView, rendered: dict[str, Page]
) -> None:
    scores = scoring.effective_scores(view.cascade)
    assert view.values == scores
    reliable = scores["reliable"]
    assert reliable is not None  # measured through the objectives supporting it
    home = parse(rendered["index.md"].body)
    assert home.find("article").find("span", class_="okr-score").words() == f"{reliable:.2f}"
    tree = parse(rendered["tree/FY27-Q1.md"].body)
    row = tree.find("li", id="goal-reliable").find("summary")
    assert row.find("span", class_="okr-score").words() == f"{reliable:.2f}"
