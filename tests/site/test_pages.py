"""Rendering the fixture organisation's pages (before mkdocs): what each page shows and links."""

from __future__ import annotations

import pytest

from okrctl.checks.documentation import rule_docs
from okrctl.site import pages
from okrctl.site.templates import Page
from okrctl.site.view import SiteView
from tests.site.html_tree import Node, parse


@pytest.fixture(scope="module")
def rendered(acme_view: SiteView) -> dict[str, Page]:
    return {page.path: page for page in pages.render_all(acme_view)}


def body(rendered: dict[str, Page], path: str) -> Node:
    return parse(rendered[path].body)


def test_one_page_per_unit_and_period_plus_the_fixed_pages(
    acme_view: SiteView, rendered: dict[str, Page]
) -> None:
    assert sorted(rendered) == sorted(
        [
            "cascade/2026-Q3.md",
            "cascade/2026-Q4.md",
            *(f"objectives/{oid}.md" for oid in acme_view.cascade.objectives),
            *(
                f"dependencies/2026-Q4/{unit}.md"
                for unit in ("platform", "red-team", "sales", "sales-emea")
            ),
            "tree/2026-Q3.md",
            "tree/2026-Q4.md",
            "dependencies/2026-Q3.md",
            "dependencies/2026-Q4.md",
            "health.md",
            "index.md",
            "people.md",
            "periods/2026-Q3.md",
            "periods/2026-Q4.md",
            "scoring.md",
            "units/acme/2026-Q3.md",
            "units/acme/2026-Q4.md",
            "units/engineering/2026-Q4.md",
            "units/index.md",
            "units/platform/2026-Q4.md",
            "units/red-team/2026-Q4.md",
            "units/sales-emea/2026-Q4.md",
            "units/sales/2026-Q3.md",
            "units/sales/2026-Q4.md",
            "rules/index.md",
            *(f"rules/{rule.code}.md" for rule in rule_docs()),
        ]
    )
    assert pages.count(acme_view) == len(rendered)


def test_objective_page_key_results_and_links(rendered: dict[str, Page]) -> None:
    page = rendered["objectives/win-emea-q4.md"]
    assert page.title == "Win the European warehouse market"
    assert [(e.title, e.anchor) for e in page.toc] == [
        ("Supported by", "supported-by"),
        ("Dependencies", "dependencies"),
        ("Key results", "key-results"),
        ("Closed deals in Europe grow from 4 to 12", "win-emea-q4--emea-deals"),
        ("Demos booked in Europe grow from 10 to 40", "win-emea-q4--emea-demos"),
    ]
    doc = parse(page.body)
    assert doc.find("h1", id="win-emea-q4").words() == "Win the European warehouse market"
    assert [h.attrs["id"] for h in doc.find_all("h3")] == [
        "win-emea-q4--emea-deals",
        "win-emea-q4--emea-demos",
    ]
    facts = doc.find_all("dl", class_="okr-facts")[0]
    pairs = [(d.find("dt").words(), d.find("dd").words()) for d in facts.find_all("div")]
    assert pairs == [
        ("Baseline", "4 deals"),
        ("Current", "9 deals"),
        ("Target", "12 deals"),
        ("Direction", "increase"),
        ("Confidence", "70%"),
        ("Indicator", "lagging"),
        ("Owner", "Emma Emea"),
    ]
    # Its own key results: (9 - 4) / 8 = 0.625 with weight 1 and (25 - 10) / 30 = 0.5 with
    # weight 2, 0.54; blended half and half with emea-pipeline-q4 below it (0.76): 0.65.
    scoreline = doc.find("div", class_="okr-objective-score")
    assert scoreline.find("span", class_="okr-score").words() == "0.65"
    assert scoreline.find("span", class_="okr-parts").words() == (
        "= 0.5 × 0.54 own key results + 0.5 × 0.76 from 1 supporting objective"
    )
    # In an open period the score is neutral: the status, in words, says how it is going.
    assert scoreline.find("span", class_="okr-score").attrs["class"] == "okr-score"
    pill = scoreline.find("span", class_="okr-status")
    assert pill.words().endswith("on track") and "okr-s-on-track" in (pill.attrs["class"] or "")
    assert doc.find("p", class_="okr-why").words() == (
        "0.65 now, ahead of the 0.58 due by today: on track; owner's confidence 70%"
    )
    deals = doc.find("h3", id="win-emea-q4--emea-deals").parent
    assert deals.find("span", class_="okr-plan").words() == (
        "9 deals, aiming for 12 deals · 9 deals due by today"
    )
    demos = doc.find("h3", id="win-emea-q4--emea-demos").parent.find("dl", class_="okr-facts")
    assert ("Weight", "2") in [
        (d.find("dt").words(), d.find("dd").words()) for d in demos.find_all("div")
    ]
    units, chain = doc.find_all("nav", class_="okr-breadcrumb")
    assert units.words() == "Acme Widgets › Sales · Q4 2026"
    assert [a.attrs["href"] for a in chain.find_all("a")] == ["../objectives/grow-revenue-q4.html"]
    below = doc.find("ul", class_="okr-supporters")
    assert [a.attrs["href"] for a in below.find_all("a")] == ["../objectives/emea-pipeline-q4.html"]
    # What depends on it, with how that work is going.
    needed = doc.find("dl", class_="okr-links")
    assert [a.attrs["href"] for a in needed.find_all("a")] == ["../objectives/hostile-q4.html"]
    assert "not acknowledged" in needed.words() and "on track" in needed.words()
    assert len(doc.find_all("svg", class_="okr-chart")) == 2
    assert doc.find("a", class_="okr-person").attrs["href"] == "../people.html#person-sam"


def test_unit_page_lists_compact_rows_that_keep_the_old_anchors(rendered: dict[str, Page]) -> None:
    page = rendered["units/sales/2026-Q4.md"]
    assert page.title == "Sales · Q4 2026"
    doc = parse(page.body)
    row = doc.find("li", id="win-emea-q4")
    assert (
        row.find("a", class_="okr-row-title").attrs["href"] == "../../objectives/win-emea-q4.html"
    )
    assert row.find("span", class_="okr-parts").words().startswith("= 0.5 × 0.54 own key results")
    kr = row.find("li", id="win-emea-q4--emea-deals")
    assert kr.find("a").attrs["href"] == (
        "../../objectives/win-emea-q4.html#win-emea-q4--emea-deals"
    )
    assert doc.find_all("svg", class_="okr-chart") == []  # charts are on the objective's page


def test_home_shows_the_company_strategy_of_the_current_period(
    rendered: dict[str, Page],
) -> None:
    doc = body(rendered, "index.md")
    titles = [h.words() for h in doc.find("div", class_="okr-grid").find_all("h4")]
    assert titles == [
        "Grow revenue with a product warehouses love",
        "Make the platform a reason to buy",
    ]
    switcher = doc.find("nav", class_="okr-periods")
    assert switcher.find("strong").words() == "Q4 2026"
    assert [a.attrs["href"] for a in switcher.find_all("a")] == ["periods/2026-Q3.html"]
    assert rendered["index.md"].title is None  # the site's name
    assert [r.find("td").words() for r in doc.find("tbody").find_all("tr")] == [
        "Engineering",
        "Sales",
    ]


def test_cascade_is_a_tree_of_details(rendered: dict[str, Page]) -> None:
    doc = body(rendered, "cascade/2026-Q4.md")
    tree = doc.find("ul", class_="okr-tree")
    company = tree.find("li", id="unit-acme")
    assert "open" in company.find("details").attrs  # the company starts open
    sales = company.find("li", id="unit-sales")
    assert "open" not in sales.find("details").attrs
    emea = sales.find("li", id="unit-sales-emea")
    objective = emea.find("li", id="obj-emea-pipeline-q4")
    assert "Fill the European pipeline with qualified leads" in objective.words()
    assert "Emma Emea" in objective.words()
    assert objective.find("a").attrs["href"] == "../objectives/emea-pipeline-q4.html"
    closed = body(rendered, "cascade/2026-Q3.md")
    assert "no objectives in Q3 2026" in closed.find("li", id="unit-engineering").words()


def test_people_page(rendered: dict[str, Page]) -> None:
    doc = body(rendered, "people.md")
    emma = doc.find("h2", id="person-emma").parent
    assert emma is not None
    assert "Leads Sales EMEA." in emma.words()
    assert "Fill the European pipeline with qualified leads" in emma.words()
    assert "Closed deals in Europe grow from 4 to 12 for Win the European warehouse market" in (
        emma.words()
    )
    pat = doc.find("h2", id="person-pat").parent
    assert pat is not None and pat.find("a", href="mailto:pat%40example.com")


def test_health_page(rendered: dict[str, Page]) -> None:
    doc = body(rendered, "health.md")
    assert [h.attrs["id"] for h in doc.find_all("h2")] == [
        "period-2026-Q4",
        "findings",
        "moved-goalposts",
    ]
    unsupported = doc.find("h3", id="unsupported-2026-Q4")
    following = unsupported.parent.children  # type: ignore[union-attr]
    after = following[following.index(unsupported) + 1 :]
    first_list = next(n for n in after if isinstance(n, Node) and n.tag in ("ul", "p"))
    assert "Turn sensor data into a product" in first_list.words()
    assert "Engineering: 2 objectives for a headcount of 1" in doc.words()


def test_scoring_page_says_exactly_what_is_computed(acme_view: SiteView) -> None:
    import dataclasses

    from okrctl import scoring as score_model

    page = next(iter(pages.scoring.plan(acme_view))).render()
    assert page.body == ""
    text = page.markdown
    assert "expected to reach **1.0**" in text
    assert "about **0.7** for an aspirational one" in text
    assert "| **at risk** | at least 60% of what is due, but less than 90% |" in text
    assert "0.5 x its key results' mean + 0.5 x its supporting\n   objectives' mean" in text
    assert "more than **14 days**" in text
    # The page follows the build's configuration: another roll-up weight, another sentence.
    quarter = dataclasses.replace(acme_view, rollup=score_model.Rollup(own_weight=0.25))
    other = next(iter(pages.scoring.plan(quarter))).render().markdown
    assert "0.25 x its key results' mean + 0.75 x its supporting" in other


def test_every_generated_link_points_to_a_page_and_anchor(rendered: dict[str, Page]) -> None:
    anchors = {
        path: {n.attrs.get("id") for n in parse(page.body).iter()}
        for path, page in rendered.items()
    }
    for path, page in rendered.items():
        depth = path.count("/")
        for a in parse(page.body).find_all("a"):
            href = a.attrs["href"] or ""
            if href.startswith("mailto:"):
                continue
            target, _, anchor = href.partition("#")
            target = target.partition("?")[0]  # a filter kept in the address
            if not target:  # within the page
                assert anchor in anchors[path], f"{path}: {href}"
                continue
            resolved = target.removeprefix("../" * depth)
            source = resolved.removesuffix(".html") + ".md"
            assert source in rendered, f"{path}: {href}"
            if anchor:
                assert anchor in anchors[source], f"{path}: {href}"
