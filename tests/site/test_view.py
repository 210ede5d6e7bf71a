"""The site's view: the current period, groupings and scores computed once."""

from __future__ import annotations

import datetime as dt

import pytest

from okrctl import scoring
from okrctl.model import Period
from okrctl.site.ordering import current_period
from okrctl.site.view import SiteView


def period(pid: str, start: str, end: str, closed: bool = False) -> Period:
    return Period(
        id=pid, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end), closed=closed
    )


Q3 = period("2026-Q3", "2026-07-01", "2026-09-30", closed=True)
Q4 = period("2026-Q4", "2026-10-01", "2026-12-31")
H2 = period("2026-H2", "2026-07-01", "2026-12-31")
Q1 = period("2027-Q1", "2027-01-01", "2027-03-31")


@pytest.mark.parametrize(
    ("periods", "today", "expected"),
    [
        ([Q3, Q4], "2026-11-22", "2026-Q4"),  # the open period containing today
        ([Q3, Q4, H2], "2026-11-22", "2026-Q4"),  # nested: the shortest one
        ([Q3, Q4, Q1], "2027-06-01", "2027-Q1"),  # none contains today: the latest open
        ([Q3, Q4, Q1], "2026-08-01", "2027-Q1"),  # a closed period is never current
        ([Q3], "2026-11-22", "2026-Q3"),  # everything closed: the latest period
    ],
)
def test_current_period(periods: list[Period], today: str, expected: str) -> None:
    assert current_period(periods, dt.date.fromisoformat(today)).id == expected


def test_periods_newest_first(acme_view: SiteView) -> None:
    assert [p.id for p in acme_view.periods] == ["2026-Q4", "2026-Q3"]
    assert acme_view.current.id == "2026-Q4"


def test_units_depth_first_children_by_name(acme_view: SiteView) -> None:
    assert acme_view.unit_order == (
        "acme",
        "engineering",
        "red-team",  # its name starts with "<", which sorts before "Platform"
        "platform",
        "sales",
        "sales-emea",
    )
    assert acme_view.depth["acme"] == 0
    assert acme_view.depth["engineering"] == 1
    assert acme_view.depth["platform"] == 2


def test_objectives_grouped_by_unit_and_period(acme_view: SiteView) -> None:
    assert [o.id for o in acme_view.of("acme", "2026-Q4")] == [
        "grow-revenue-q4",
        "ship-platform-q4",
    ]
    assert [o.id for o in acme_view.of("acme", "2026-Q3")] == ["grow-revenue-q3"]
    assert acme_view.of("sales-emea", "2026-Q3") == ()
    assert [p.id for p in acme_view.unit_periods("sales")] == ["2026-Q4", "2026-Q3"]
    assert [p.id for p in acme_view.unit_periods("platform")] == ["2026-Q4"]


def test_scores_match_the_scoring_module(acme_view: SiteView) -> None:
    cascade = acme_view.cascade
    for entry in cascade.iter_objectives():
        oid = entry.objective.id
        assert acme_view.score[oid] == scoring.effective_score(cascade, oid)
        assert acme_view.made[oid].score == acme_view.score[oid]
    for (unit, period_id), value in acme_view.unit_score.items():
        assert value == pytest.approx(scoring.unit_score(cascade, unit, period_id))


def test_subtree_counts(acme_view: SiteView) -> None:
    assert acme_view.subtree_count[("acme", "2026-Q4")] == 8
    assert acme_view.subtree_count[("engineering", "2026-Q4")] == 4
    assert acme_view.subtree_count[("sales-emea", "2026-Q3")] == 0


def test_links_between_objectives(acme_view: SiteView) -> None:
    win = acme_view.objective("win-emea-q4")
    assert win is not None
    supports = acme_view.supports(win)
    assert supports is not None and supports.id == "grow-revenue-q4"
    assert [o.id for o in acme_view.supported_by(win)] == ["emea-pipeline-q4"]
    assert [o.id for o in acme_view.needed_by(win)] == ["hostile-q4"]
    pipeline = acme_view.objective("emea-pipeline-q4")
    deploys = acme_view.objective("faster-deploys-q4")
    assert pipeline is not None and deploys is not None
    assert acme_view.acknowledged(pipeline, deploys)
    hostile = acme_view.objective("hostile-q4")
    assert hostile is not None and not acme_view.acknowledged(hostile, win)
