"""The pure core: items in, files and report out, with no file system."""

from __future__ import annotations

import datetime as dt

import yaml

from okrctl.adopt.assemble import Options, assemble
from okrctl.adopt.records import Category, Item, Measure, Source


def objective(key: int, title: str, unit: str | None, parent: int | None = None,
              period: str = "2026-Q3") -> Item:  # fmt: skip
    return Item(key=key, kind="objective", title=title, file="s.md", line=key + 1,
                parent=parent, period=period, unit=unit)  # fmt: skip


def key_result(key: int, parent: int, title: str = "Revenue from 1 to 2") -> Item:
    return Item(key=key, kind="key_result", title=title, file="s.md", line=key + 1,
                parent=parent, measure=Measure(2, "EUR", 1))  # fmt: skip


def test_ids_are_unique_and_stable() -> None:
    items = [
        objective(0, "Grow revenue", "Sales"), key_result(1, 0),
        objective(2, "Grow revenue", "Marketing"), key_result(3, 2),
        objective(4, "Grow revenue", "Support"), key_result(5, 4),
    ]  # fmt: skip
    plan = assemble([Source(items=items)], Options(name="Acme"))
    assert sorted(f for f in plan.files if f.count("/") == 3) == [
        "okrs/2026-Q3/marketing/grow-revenue-2026-q3.yaml",
        "okrs/2026-Q3/sales/grow-revenue.yaml",
        "okrs/2026-Q3/support/grow-revenue-2.yaml",
    ]
    assert assemble([Source(items=items)], Options(name="Acme")).files == plan.files


def test_units_nest_as_their_objectives_support_each_other() -> None:
    items = [
        objective(0, "Win the market", None), key_result(1, 0),
        objective(2, "Sell more", "Sales", parent=0), key_result(3, 2),
        objective(4, "Book demos", "Field Sales", parent=6), key_result(5, 4),
        objective(6, "Faster deals", "Sales", parent=2), key_result(7, 6),
    ]  # fmt: skip
    plan = assemble([Source(items=items)], Options(name="Acme"))
    org = yaml.safe_load(plan.files["okrs/org.yaml"])
    assert [(u["id"], u.get("parent")) for u in org["units"]] == [
        ("acme", None), ("sales", "acme"), ("field-sales", "sales"),
    ]  # fmt: skip
    demos = yaml.safe_load(plan.files["okrs/2026-Q3/field-sales/book-demos.yaml"])
    assert (demos["parent"], demos["level"], demos["owner"]) == (
        "faster-deals",
        "operational",
        "field-sales",
    )


def test_a_parent_in_a_period_that_does_not_enclose_is_kept_as_text() -> None:
    items = [
        objective(0, "Win the market", None, period="2026-Q4"), key_result(1, 0),
        objective(2, "Sell more", "Sales", parent=0, period="2026-Q3"), key_result(3, 2),
    ]  # fmt: skip
    plan = assemble([Source(items=items)], Options(name="Acme", today=dt.date(2026, 8, 1)))
    sell = yaml.safe_load(plan.files["okrs/2026-Q3/sales/sell-more.yaml"])
    assert "parent" not in sell and sell["description"] == "Supports: Win the market"
    assert any(n.category == Category.GUESSED and n.line == 3 and "period does not enclose" in n.message
               for n in plan.notes)  # fmt: skip


def test_an_objective_without_key_results_is_measured_by_a_stand_in_milestone() -> None:
    # Real pages state objectives with no key results ("several objectives are missing key
    # results"): they are kept, each measured by a milestone of its own title, and reported.
    items = [objective(0, "Someday", "Ops"), objective(1, "Also someday", "Ops", parent=0)]
    plan = assemble([Source(items=items)], Options(name="Acme"))
    assert plan.objectives == 2 and plan.key_results == 1
    someday = yaml.safe_load(plan.files["okrs/2026-Q3/ops/someday.yaml"])
    assert someday["key_results"] == []  # a roll-up: "Also someday" supports it
    also = yaml.safe_load(plan.files["okrs/2026-Q3/ops/also-someday.yaml"])
    assert also["parent"] == "someday"
    assert [(kr["id"], kr["kind"], kr["title"]) for kr in also["key_results"]] == [
        ("objective-met", "milestone", "Also someday")
    ]
    assert [(n.line, n.topic) for n in plan.notes if n.topic == "stand-in"] == [(2, "stand-in")]
