"""The dependency map: units, arrows to what they need, unacknowledged and opposite metrics."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from okrctl import engine
from okrctl.config import Config
from okrctl.site import depmap
from okrctl.site.pages import dependencies
from okrctl.site.templates import Page
from okrctl.site.view import SiteView, gather
from tests.site.conftest import TODAY
from tests.site.html_tree import parse

OPPOSITE = """
  - id: slower-releases
    title: Lead time for changes grows from 3 to 5 days while the sales demo is frozen
    metric: lead-time
    unit: days
    baseline: 3
    target: 5
"""


def rendered(view: SiteView) -> dict[str, Page]:
    return {p.path: p.render() for p in dependencies.plan(view)}


def pairs(view: SiteView, period: str = "2026-Q4") -> list[depmap.Pair]:
    return list(depmap.aggregate(view, view.dependencies[period]).pairs)


def test_edges_and_picture(acme_view: SiteView) -> None:
    found = pairs(acme_view)
    assert [(p.source, p.target, p.unacknowledged) for p in found] == [
        ("red-team", "sales", 1),
        ("sales-emea", "platform", 0),
    ]
    pages = rendered(acme_view)
    doc = parse(pages["dependencies/2026-Q4.md"].body)
    svg = doc.find("svg", class_="okr-depmap")
    lines = svg.find_all("line")
    assert [line.parent.attrs["href"] for line in lines] == [  # type: ignore[union-attr]
        "#dep-red-team-sales",
        "#dep-sales-emea-platform",
    ]
    assert "okr-dep-unack" in (lines[0].attrs["class"] or "")
    label = lines[0].parent.attrs["aria-label"] or ""  # type: ignore[union-attr]
    assert "1 not acknowledged" in label
    # The status of the work depended on, in the line's words and on the node.
    assert label.endswith("the work depended on: 1 on track")
    sales = next(g for g in svg.find_all("g") if "Sales:" in g.find("title").words())
    assert "okr-s-on-track" in (sales.attrs["class"] or "")
    assert sales.find("text", class_="okr-dep-score").words() == "0.65"
    section = doc.find("section", id="dep-sales-emea-platform")
    hrefs = [a.attrs["href"] for a in section.find_all("a")]
    assert hrefs == [
        "../objectives/emea-pipeline-q4.html",
        "../objectives/faster-deploys-q4.html",
    ]
    needed = section.find("li")
    assert needed.find("span", class_="okr-score").words() == "0.76"
    assert "on track" in needed.find("span", class_="okr-status").words()
    # A page per unit lists its dependencies one by one, with the needed work's status.
    unit = parse(pages["dependencies/2026-Q4/red-team.md"].body)
    (item,) = unit.find("ul", class_="okr-dep-list").find_all("li")
    assert "Win the European warehouse market" in item.words()
    assert "0.65" in item.words() and "not acknowledged" in item.words()
    assert set(pages) == {
        "dependencies/2026-Q3.md",
        "dependencies/2026-Q4.md",
        *(f"dependencies/2026-Q4/{u}.md" for u in ("red-team", "platform", "sales", "sales-emea")),
    }


def test_opposite_metrics_are_listed_per_metric(acme: Path) -> None:
    path = acme / "okrs" / "2026-Q4" / "sales" / "win-emea-q4.yaml"
    path.write_text(path.read_text() + OPPOSITE)
    result = engine.check_repository(acme, config=Config(), today=TODAY)
    assert result.errors == 0
    view = gather(result.cascade, TODAY)
    pulling = [p for p in pairs(view) if p.metrics]
    assert [(p.source, p.target, p.metrics) for p in pulling] == [
        ("platform", "sales", {"lead-time"})
    ]
    doc = parse(rendered(view)["dependencies/2026-Q4.md"].body)
    line = doc.find("svg", class_="okr-depmap").find_all("line")[1]
    assert line.parent.attrs["href"] == "#dep-platform-sales"  # type: ignore[union-attr]
    assert "okr-dep-opposite" in (line.attrs["class"] or "")
    assert (
        "pull lead-time in opposite directions"
        in doc.find("section", id="dep-platform-sales").words()
    )
    metric = doc.find("section", id="metric-lead-time")
    raised, lowered = metric.find_all("ul")
    assert [a.words() for a in raised.find_all("a")] == [
        "Lead time for changes grows from 3 to 5 days while the sales demo is frozen"
    ]
    assert len(lowered.find_all("a")) == 1


def test_units_that_need_each_other_get_two_lines_apart(acme: Path) -> None:
    """Red Team needs Sales and Sales needs Red Team: two arrows, side by side, not one over the
    other (which would hide one of them and its link)."""
    path = acme / "okrs" / "2026-Q4" / "sales" / "win-emea-q4.yaml"
    path.write_text(
        path.read_text().replace("key_results:", "depends_on: [hostile-q4]\nkey_results:", 1)
    )
    result = engine.check_repository(acme, config=Config(), today=TODAY)
    assert result.errors == 0
    view = gather(result.cascade, TODAY)
    assert {(p.source, p.target) for p in pairs(view)} >= {
        ("red-team", "sales"),
        ("sales", "red-team"),
    }
    svg = parse(rendered(view)["dependencies/2026-Q4.md"].body).find("svg", class_="okr-depmap")
    lines = {
        line.parent.attrs["href"]: [float(line.attrs[k]) for k in ("x1", "y1", "x2", "y2")]  # type: ignore[union-attr]
        for line in svg.find_all("line")
    }
    there, back = lines["#dep-red-team-sales"], lines["#dep-sales-red-team"]
    # Each runs from its own unit towards the other ...
    assert abs(there[0] - back[2]) < 20 and abs(there[1] - back[3]) < 20
    # ... and the two are 12 units apart (6 to each side), never drawn on top of each other.
    gap = math.dist(there[:2], back[2:])
    assert 11.9 < gap < 12.1
    # A one-way edge stays on the line between the two centres.
    alone = lines["#dep-sales-emea-platform"]
    assert alone != there and alone != back


def everyone_depends_on_everyone(root: Path, units: int, departments: int = 0) -> None:
    """`units` teams (under `departments` departments, or the company), each with one objective
    that depends on every other team's, on one metric half of them raise and half lower."""
    okrs = root / "okrs"
    (root / ".git").mkdir()
    okrs.mkdir()
    parent = (lambda i: f"d{i % departments}") if departments else (lambda i: "c")
    tree = "".join(f"  - id: d{i}\n    name: D{i}\n    parent: c\n" for i in range(departments))
    tree += "".join(
        f"  - id: u{i}\n    name: U{i}\n    parent: {parent(i)}\n" for i in range(units)
    )
    (okrs / "org.yaml").write_text(
        f"apiVersion: okrctl/v1\nkind: Organization\nname: D\nunits:\n"
        f"  - id: c\n    name: C\n    lead: p\n{tree}"
        "people:\n  - id: p\n    name: P\n    unit: c\n"
        "periods:\n  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31\n"
    )
    for i in range(units):
        low, high = (1, 2) if i % 2 else (2, 1)
        others = "".join(f"  - o{j}\n" for j in range(units) if j != i)
        folder = okrs / "2026-Q4" / f"u{i}"
        folder.mkdir(parents=True)
        (folder / f"o{i}.yaml").write_text(
            f"apiVersion: okrctl/v1\nkind: Objective\nid: o{i}\ntitle: Objective {i}\n"
            f"level: strategic\ntype: aspirational\nunit: u{i}\nowner: p\nperiod: 2026-Q4\n"
            f"depends_on:\n{others}acknowledges:\n{others}"
            f"key_results:\n  - id: kr\n    title: Cost moves from {low} to {high}\n"
            f"    metric: cost\n    unit: x\n    baseline: {low}\n    target: {high}\n"
            f"    current: {low}\n"
        )


@pytest.mark.parametrize("departments", [0, 6])
def test_the_pages_grow_with_the_dependencies_not_units_x_units(
    tmp_path: Path, departments: int
) -> None:
    # 120 units, each depending on every other one and pulling one metric against half of
    # them: 14,280 dependencies. Listing units x units made a 10.7 MB page.
    units = 120
    everyone_depends_on_everyone(tmp_path, units, departments)
    result = engine.check_repository(tmp_path, config=Config(), today=TODAY)
    assert result.errors == 0
    view = gather(result.cascade, TODAY)
    pages = rendered(view)
    period = pages["dependencies/2026-Q4.md"].body
    # The period's page: a table row per unit and each key result once on the metric's list.
    assert len(period) < 150_000
    assert period.count("<tr>") == units + 1
    assert period.count("Cost moves from") == units
    doc = parse(period)
    if departments:  # too many units to draw: the picture joins the departments
        svg = doc.find("svg", class_="okr-depmap")
        assert len(svg.find_all("g")) == departments
        assert len(svg.find_all("line")) == departments * (departments - 1)
    else:  # too many units and no departments to join them: no picture, only the tables
        assert doc.find_all("svg", class_="okr-depmap") == []
    # A unit's page lists its own dependencies, both ways: linear in them.
    unit = pages["dependencies/2026-Q4/u7.md"].body
    assert unit.count("<li>") == 2 * (units - 1) + 1
    assert len(unit) < 1_000_000
