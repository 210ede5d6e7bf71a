"""The dependency map: units, arrows to what they need, unacknowledged and opposite metrics."""

from __future__ import annotations

import math
import time
from pathlib import Path

from okrctl import engine
from okrctl.config import Config
from okrctl.site.pages import dependencies
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


def test_edges_and_picture(acme_view: SiteView) -> None:
    period = acme_view.cascade.periods["2026-Q4"]
    found = dependencies.edges(acme_view, period)
    assert [(e.source, e.target, e.unacknowledged) for e in found] == [
        ("red-team", "sales", 1),
        ("sales-emea", "platform", 0),
    ]
    page = next(p for p in dependencies.pages(acme_view) if p.path.endswith("2026-Q4.md"))
    doc = parse(page.body)
    svg = doc.find("svg", class_="okr-depmap")
    lines = svg.find_all("line")
    assert [line.parent.attrs["href"] for line in lines] == [  # type: ignore[union-attr]
        "#dep-red-team-sales",
        "#dep-sales-emea-platform",
    ]
    assert "okr-dep-unack" in (lines[0].attrs["class"] or "")
    assert "1 not acknowledged" in (lines[0].parent.attrs["aria-label"] or "")  # type: ignore[union-attr]
    section = doc.find("section", id="dep-sales-emea-platform")
    hrefs = [a.attrs["href"] for a in section.find_all("a")]
    assert hrefs == [
        "../units/sales-emea/2026-Q4.html#emea-pipeline-q4",
        "../units/platform/2026-Q4.html#faster-deploys-q4",
    ]


def test_opposite_metrics_are_highlighted(acme: Path) -> None:
    path = acme / "okrs" / "2026-Q4" / "sales" / "win-emea-q4.yaml"
    path.write_text(path.read_text() + OPPOSITE)
    result = engine.check_repository(acme, config=Config(), today=TODAY)
    assert result.errors == 0
    view = gather(result.cascade, TODAY)
    found = dependencies.edges(view, view.cascade.periods["2026-Q4"])
    pulling = [e for e in found if e.opposite]
    assert [(e.source, e.target) for e in pulling] == [("platform", "sales")]
    page = next(p for p in dependencies.pages(view) if p.path.endswith("2026-Q4.md"))
    doc = parse(page.body)
    line = doc.find("svg", class_="okr-depmap").find_all("line")[1]
    assert line.parent.attrs["href"] == "#dep-platform-sales"  # type: ignore[union-attr]
    assert "okr-dep-opposite" in (line.attrs["class"] or "")
    assert (
        "pull lead-time in opposite directions"
        in doc.find("section", id="dep-platform-sales").words()
    )


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
    found = dependencies.edges(view, view.cascade.periods["2026-Q4"])
    assert {(e.source, e.target) for e in found} >= {("red-team", "sales"), ("sales", "red-team")}
    page = next(p for p in dependencies.pages(view) if p.path.endswith("2026-Q4.md"))
    svg = parse(page.body).find("svg", class_="okr-depmap")
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


def test_thousands_of_edges_are_drawn_in_linear_time(tmp_path: Path) -> None:
    # 300 units, one key result each on one metric, every other one lowering it: 22,500 edges.
    # Each line looked for its opposite edge among all the others: 18 s for this picture.
    units = 300
    okrs = tmp_path / "okrs"
    (tmp_path / ".git").mkdir()
    okrs.mkdir()
    tree = "".join(f"  - id: u{i}\n    name: U{i}\n    parent: u0\n" for i in range(1, units))
    (okrs / "org.yaml").write_text(
        f"apiVersion: okrctl/v1\nkind: Organization\nname: D\nunits:\n"
        f"  - id: u0\n    name: U0\n    lead: p\n{tree}"
        "people:\n  - id: p\n    name: P\n    unit: u0\n"
        "periods:\n  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31\n"
    )
    for i in range(units):
        low, high = (1, 2) if i % 2 else (2, 1)
        folder = okrs / "2026-Q4" / f"u{i}"
        folder.mkdir(parents=True)
        (folder / f"o{i}.yaml").write_text(
            f"apiVersion: okrctl/v1\nkind: Objective\nid: o{i}\ntitle: Objective {i}\n"
            f"level: strategic\ntype: aspirational\nunit: u{i}\nowner: p\nperiod: 2026-Q4\n"
            f"key_results:\n  - id: kr\n    title: Cost moves from {low} to {high}\n"
            f"    metric: cost\n    unit: x\n    baseline: {low}\n    target: {high}\n"
        )
    result = engine.check_repository(tmp_path, config=Config(), today=TODAY)
    assert result.errors == 0
    view = gather(result.cascade, TODAY)
    found = dependencies.edges(view, view.cascade.periods["2026-Q4"])
    assert len(found) == (units // 2) ** 2
    started = time.perf_counter()
    page = next(p for p in dependencies.pages(view) if p.path.endswith("2026-Q4.md"))
    assert time.perf_counter() - started < 5.0
    assert page.body.count("<line ") == len(found)
