"""Reading one title: prefixes, owners, tags, periods, and numbers only where unambiguous."""

from __future__ import annotations

import pytest

from okrctl.adopt.periods import normalise, period_label
from okrctl.adopt.records import Measure
from okrctl.adopt.text import read_numbers, read_title


@pytest.mark.parametrize(
    ("raw", "text", "role", "owner", "team", "who", "tags"),
    [
        ("O1: Launch it [P0]", "Launch it", "objective", None, None, None, ("P0",)),
        ("Objective: Grow revenue", "Grow revenue", "objective", None, None, None, ()),
        ("KR1.2: Ship the app (@tom)", "Ship the app", "key_result", "tom", None, None, ()),
        ("Key Result 3: Fewer tickets", "Fewer tickets", "key_result", None, None, None, ()),
        ("Anna Keller (Platform): Cut deploy time", "Cut deploy time", None, "Anna Keller", "Platform", None, ()),
        ("Ops KR: Fewer pages", "Fewer pages", "key_result", None, "Ops", None, ()),
        ("Lena Wu: Better rating", "Better rating", None, None, None, "Lena Wu", ()),
        ("Ship the mobile app (Mobile)", "Ship the mobile app", None, None, "Mobile", None, ()),
        ("[INFRA] [P1] Harden the edge", "Harden the edge", None, None, None, None, ("INFRA", "P1")),
        ("Reduce latency: p95 under 200ms", "Reduce latency: p95 under 200ms", None, None, None, None, ()),
        ("Onboard: faster", "faster", None, None, None, "Onboard", ()),
    ],
)  # fmt: skip
def test_read_title(raw: str, text: str, role: str | None, owner: str | None, team: str | None,
                    who: str | None, tags: tuple[str, ...]) -> None:  # fmt: skip
    title = read_title(raw)
    assert (title.text, title.role, title.owner, title.team, title.who, title.tags) == (
        text, role, owner, team, who, tags,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("title", "measure"),
    [
        ("Trial-to-paid conversion from 12% to 18%", Measure(18, "%", 12)),
        ("Deploy time from 40 to 10 minutes", Measure(10, "minutes", 40)),
        ("NPS 30 -> 45", Measure(45, "count", 30)),
        ("Revenue from $1.2M to $2M", Measure(2_000_000, "USD", 1_200_000)),
        ("Cloud spend from €120k to €90k", Measure(90_000, "EUR", 120_000)),
        ("Grow MQLs by 3x", Measure(3, "x", 1, "increase")),
        ("70% of tickets answered within a day", Measure(70, "%", None, "increase")),
        ("Failed deploys below 2%", Measure(2, "%", None, "decrease")),
        ("Keep uptime at least 99.9%", Measure(99.9, "%", None, "increase")),
        ("Reduce p95 latency to 200ms", Measure(200, "ms", None, "decrease")),
        ("Sign 40 new customers", Measure(40, "customers", None, "increase")),
    ],
)
def test_numbers_that_say_what_they_are(title: str, measure: Measure) -> None:
    assert read_numbers(title).measure == measure


@pytest.mark.parametrize(
    "title",
    [
        "Increase retention by 20%",  # a change: the level it starts from is unknown
        "Cut costs by 2x",  # halving or a factor? not said
        "Churn from 5% to 3 customers",  # two units
        "Deploy time 40 - 10 minutes",  # a range or a change
        "Ship v2 by 2026-10-01",  # a version and a date are not measures
        "Close the 40 oldest crash reports",
        "Reduce turnover 5%",
        "Launch in 3 countries and 12 cities",
    ],
)
def test_ambiguous_numbers_invent_nothing(title: str) -> None:
    assert read_numbers(title).measure is None


@pytest.mark.parametrize(
    ("text", "period"),
    [("Q3 2026", "2026-Q3"), ("2026 Q3 OKRs", "2026-Q3"), ("2026-H2", "2026-H2"),
     ("H2 2026", "2026-H2"), ("2026", "2026"), ("May 2026", "2026-05"), ("Objectives for Q1/2027", "2027-Q1"),
     ("Engineering", None), ("Acme OKRs", None), ("Q3 2026 - Engineering", None), ("H3 2026", None)],
)  # fmt: skip
def test_period_headings(text: str, period: str | None) -> None:
    assert period_label(text) == period


def test_period_labels_from_tables() -> None:
    assert normalise("Q3 2026") == "2026-Q3"
    assert normalise("FY26 planning") is None
