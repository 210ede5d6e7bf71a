"""The goal tree, the one status on every page, freshness and the health page's attention lists."""

from __future__ import annotations

import re

import pytest

from okrctl.site import pages
from okrctl.site.alignment import attention
from okrctl.site.ordering import natural
from okrctl.site.pages import tree
from okrctl.site.templates import Page
from okrctl.site.view import SiteView, gather
from tests.site.html_tree import parse


@pytest.fixture(scope="module")
def rendered(acme_view: SiteView) -> dict[str, Page]:
    return {page.path: page for page in pages.render_all(acme_view)}


def test_objectives_nest_under_the_objectives_they_support(rendered: dict[str, Page]) -> None:
    doc = parse(rendered["tree/2026-Q4.md"].body)
    roots = doc.find("ul", class_="okr-tree").children
    top = [n.attrs["id"] for n in roots if getattr(n, "tag", None) == "li"]
    assert top == ["goal-grow-revenue-q4", "goal-ship-platform-q4"]
    grow = doc.find("li", id="goal-grow-revenue-q4")
    emea = grow.find("li", id="goal-win-emea-q4").find("li", id="goal-emea-pipeline-q4")
    assert "Fill the European pipeline" in emea.find("summary").words()
    # Each row: unit and owner, score, status in words, freshness.
    words = emea.find("summary").words()
    assert "Sales EMEA · Emma Emea" in words
    assert "on track" in words and "last check-in 2026-11-20, 2 days ago" in words
    assert emea.attrs["data-units"] == "acme sales sales-emea"
    assert emea.attrs["data-status"] == "on-track"
    assert "emma" in (emea.attrs["data-people"] or "").split()


def test_every_status_and_figure_agrees_across_pages(
    acme_view: SiteView, rendered: dict[str, Page]
) -> None:
    # The company's headline figure: the same number on the home page, the tree, the org chart.
    expected = f"{acme_view.headline(acme_view.current):.2f}"
    for path in ("index.md", "tree/2026-Q4.md", "cascade/2026-Q4.md"):
        headline = parse(rendered[path].body).find("p", class_="okr-headline")
        assert headline.find("span", class_="okr-score").words() == expected, path
    # One objective's status reads the same wherever it is shown.
    for oid, verdict in acme_view.verdicts.items():
        for path, page in rendered.items():
            for pill in re.findall(
                rf'id="(?:goal-|obj-)?{oid}"[^>]*>.*?okr-status okr-s-([a-z-]+)', page.body, re.S
            )[:1]:
                assert pill == verdict.slug, (path, oid)


@pytest.fixture(scope="module")
def small_pages(acme_view: SiteView) -> SiteView:
    """The acme organisation with pages that hold 3 objectives and 2 people at most."""
    return gather(acme_view.cascade, acme_view.today, split_at=3, people_split_at=2)


def test_a_large_period_splits_by_unit(small_pages: SiteView) -> None:
    split = {p.path: p.render() for p in tree.plan(small_pages)}
    # 8 objectives: the company's 2 stay, the departments get pages; Engineering's 4 keep its
    # own and Red Team's 1 on its page, and Platform's 2 go on a page of their own.
    assert sorted(p for p in split if p.startswith("tree/2026-Q4")) == [
        "tree/2026-Q4.md",
        "tree/2026-Q4/engineering.md",
        "tree/2026-Q4/platform.md",
        "tree/2026-Q4/sales.md",
    ]
    main = parse(split["tree/2026-Q4.md"].body)
    assert [li.attrs["id"] for li in main.find_all("li", class_="okr-filterable")] == [
        "goal-grow-revenue-q4",
        "goal-ship-platform-q4",
    ]
    # What supports a company objective from another page: counted, by status, and linked.
    (stub,) = main.find("li", id="goal-grow-revenue-q4").find_all("li", class_="okr-stub")
    assert stub.find("a").attrs["href"] == "../tree/2026-Q4/sales.html#goal-win-emea-q4"
    assert stub.words() == "1 objective of Sales supports it, on its own page: ✔1 on track"
    sales = parse(split["tree/2026-Q4/sales.md"].body)
    assert sales.find_all("li", id="goal-emea-pipeline-q4")
    assert not sales.find_all("li", id="goal-ship-platform-q4")
    assert "This page: 2 objectives" in sales.find("p", class_="okr-page-count").words()
    # The sub-pages' table counts each unit's objectives with its units, by status.
    rows = main.find("table", class_="okr-sub-pages").find_all("tr")[1:]
    assert [r.find("td").words() for r in rows] == ["Engineering", "Sales"]
    assert rows[0].find_all("td")[1].words() == "4"
    link = rows[0].find("a", class_="okr-status")
    assert link.attrs["href"] == "../tree/2026-Q4/engineering.html?status=on-track"


def test_the_tree_and_home_count_the_same_objectives(small_pages: SiteView) -> None:
    split = {p.path: p.render() for p in tree.plan(small_pages)}
    on_pages = 0
    for path, page in split.items():
        if path.startswith("tree/2026-Q4"):
            doc = parse(page.body)
            count = doc.find("p", class_="okr-page-count").words()
            found = int(re.search(r"This page: (\d+)", count)[1])  # type: ignore[index]
            assert found == len(doc.find_all("li", class_="okr-filterable")), path
            on_pages += found
    home = parse(
        next(p for p in pages.home.plan(small_pages) if p.path == "index.md").render().body
    )
    total = home.find("div", class_="okr-home-counts").find("span").words()
    assert total == f"{on_pages} objectives in 6 units"
    # Each department's count on the home page is what its tree pages hold.
    rows = {
        r.find("td").words(): r
        for r in home.find("table", class_="okr-departments").find_all("tr")[1:]
    }
    assert rows["Engineering"].find_all("td")[2].find("a").words() == "4"


def test_an_ended_period_awaits_its_grades(acme_view: SiteView) -> None:
    import dataclasses
    import datetime as dt

    later = dataclasses.replace(acme_view, today=dt.date(2027, 1, 10))
    page = next(p for p in pages.home.plan(later) if p.path == "periods/2026-Q4.md").render()
    state = parse(page.body).find("p", class_="okr-period-state").words()
    assert "ended on 2026-12-31, awaiting grades" in state
    assert "elapsed" not in state


def test_a_large_org_chart_and_health_page_split_by_unit(small_pages: SiteView) -> None:
    from okrctl.site.pages import cascade, health

    charts = {p.path: p.render() for p in cascade.plan(small_pages)}
    assert "cascade/2026-Q4/sales.md" in charts
    main = parse(charts["cascade/2026-Q4.md"].body)
    sales = main.find("li", id="unit-sales")
    assert "okr-stub" in (sales.attrs["class"] or "")
    assert sales.find("a").attrs["href"] == "../cascade/2026-Q4/sales.html#unit-sales"
    assert not main.find_all("li", id="obj-win-emea-q4")
    department = parse(charts["cascade/2026-Q4/sales.md"].body)
    assert department.find_all("li", id="obj-emea-pipeline-q4")

    reports = {p.path: p.render() for p in health.plan(small_pages, split_at=3)}
    assert "health/2026-Q4/engineering.md" in reports
    main = parse(reports["health.md"].body)
    assert not main.find_all("h4", id="attention-2026-Q4-engineering")
    rows = [r.words() for r in main.find("table").find_all("tr")[1:]]
    assert rows == ["Engineering7", "Sales1"]
    assert [h.words() for h in main.find_all("h4")] == ["Acme Widgets"]  # the company's own
    # Engineering's 7 items: its own on its page, its teams' on theirs, each counted once.
    engineering = parse(reports["health/2026-Q4/engineering.md"].body)
    assert [h.words() for h in engineering.find_all("h4")] == ["Engineering"]
    own = len(engineering.find("ul", class_="okr-attention").find_all("li"))
    rows = [r.find_all("td") for r in engineering.find("table").find_all("tr")[1:]]
    # Its two teams' 3 items fit one page, named by its first and last unit.
    assert [r[0].words() for r in rows] == ["<img src=x onerror=alert(1)> Red Team to Platform"]
    assert own + sum(int(r[1].words()) for r in rows) == 7


def test_a_large_people_page_splits_by_unit(small_pages: SiteView) -> None:
    from okrctl.site.pages import people

    found = {p.path: p.render() for p in people.plan(small_pages)}
    assert sorted(found) == [
        "people.md",
        "people/engineering.md",
        "people/platform.md",
        "people/sales.md",
    ]
    index = parse(found["people.md"].body)
    assert [h.attrs["id"] for h in index.find_all("h2")] == ["person-ceo"]
    assert "People of each unit, on their own pages: Engineering · Sales" in index.words()
    sales = parse(found["people/sales.md"].body)
    assert [h.attrs["id"] for h in sales.find_all("h2")] == ["person-emma", "person-sam"]


def test_natural_sort() -> None:
    names = ["Team 1.10", "Team 1.2", "team 1.1", "Team 10", "Team 2"]
    assert sorted(names, key=natural) == ["team 1.1", "Team 1.2", "Team 1.10", "Team 2", "Team 10"]


def test_unit_scores_include_their_sub_units(acme_view: SiteView) -> None:
    sales = acme_view.branch_score[("sales", "2026-Q4")]
    own = acme_view.values["win-emea-q4"]
    below = acme_view.values["emea-pipeline-q4"]
    assert own is not None and below is not None
    assert sales == pytest.approx((own + below) / 2)


def test_health_lists_stale_low_confidence_and_behind_work_by_unit(
    acme_view: SiteView, rendered: dict[str, Page]
) -> None:
    found = {unit.id: items for unit, items in attention(acme_view, "2026-Q4")}
    reasons = {
        (c.objective.id, c.key_result.id if c.key_result else None): c.reasons
        for items in found.values()
        for c in items
    }
    assert reasons[("reliable-platform-q4", "uptime")] == ("stale: 21 days ago",)
    assert reasons[("ship-platform-q4", "self-service")] == ("off track",)
    assert reasons[("data-strategy-q4", "data-pilots")] == ("stale: no check-in yet",)
    doc = parse(rendered["health.md"].body)
    assert doc.find("h4", id="attention-2026-Q4-engineering").words() == "Engineering"
