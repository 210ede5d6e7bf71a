"""Reading one title: prefixes, owners, tags, periods, and numbers only where unambiguous."""

from __future__ import annotations

import datetime as dt

import pytest

from okrctl.adopt.numbers import read_numbers
from okrctl.adopt.periods import dates, normalise, period_label
from okrctl.adopt.records import Measure
from okrctl.adopt.text import read_title


@pytest.mark.parametrize(
    ("raw", "text", "role", "holder", "handles", "paren", "tags"),
    [
        ("O1: Launch it [P0]", "Launch it", "objective", None, (), None, ("P0",)),
        ("Objective: Grow revenue", "Grow revenue", "objective", None, (), None, ()),
        ("Objective 2: get IF into production", "get IF into production", "objective", None, (), None, ()),
        ("KR1.2: Ship the app (@tom)", "Ship the app", "key_result", None, ("tom",), None, ()),
        ("Key Result 3: Fewer tickets", "Fewer tickets", "key_result", None, (), None, ()),
        ("Anna Keller (Platform): Cut deploy time", "Cut deploy time", None, "Anna Keller (Platform)", (), None, ()),
        ("Ops KR: Fewer pages", "Fewer pages", "key_result", "Ops", (), None, ()),
        ("Sales (Closing Deals) KR: Get 70% to convert", "Get 70% to convert", "key_result", "Sales (Closing Deals)", (), None, ()),
        ("Lena Wu: Better rating", "Better rating", None, "Lena Wu", (), None, ()),
        ("Ship the mobile app (Mobile)", "Ship the mobile app", None, None, (), "Mobile", ()),
        ("[INFRA] [P1] Harden the edge", "Harden the edge", None, None, (), None, ("INFRA", "P1")),
        ("Reduce latency: p95 under 200ms", "Reduce latency: p95 under 200ms", None, None, (), None, ()),
        ("Onboard: faster", "faster", None, "Onboard", (), None, ()),
        ("PX @magik6k - The Core API is finalized", "The Core API is finalized", None, None, ("magik6k",), None, ("PX",)),
        ("P0 - @kevina - base32 is supported", "base32 is supported", None, None, ("kevina",), None, ("P0",)),
        ("A Daemon runs for 10 days - @alanshaw", "A Daemon runs for 10 days", None, None, ("alanshaw",), None, ()),
        ("Existing: Average 700 signups per week", "Average 700 signups per week", None, None, (), None, ("Existing",)),
        ("Peerpad is private ⭐", "Peerpad is private", None, None, (), None, ("⭐",)),
        ("👥 Prove the pipeline works", "Prove the pipeline works", None, None, (), None, ()),
    ],
)  # fmt: skip
def test_read_title(raw: str, text: str, role: str | None, holder: str | None,
                    handles: tuple[str, ...], paren: str | None, tags: tuple[str, ...]) -> None:  # fmt: skip
    title = read_title(raw)
    assert (title.text, title.role, title.holder, title.handles, title.paren, title.tags) == (
        text, role, holder, handles, paren, tags,
    )  # fmt: skip


def test_loose_holders_read_any_short_name_before_a_colon() -> None:
    assert read_title("SDR lead: Generate 25% of quota").holder is None
    assert read_title("SDR lead: Generate 25% of quota", loose=True).holder == "SDR lead"
    assert read_title("Technical writing: Create a page", loose=True).holder == "Technical writing"


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
        ("Bundle size not more than 1.5 MB", Measure(1.5, "mb", None, "decrease")),
        ("No more than 3 incidents", Measure(3, "incidents", None, "decrease")),
        ("Pages at most 4 per week", Measure(4, "count", None, "decrease")),
        ("Reduce false positives to <10% of outputs", Measure(10, "%", None, "decrease")),
        ("Cut hosting costs to $5k", Measure(5000, "USD", None, "decrease")),
        ("500+ records stored", Measure(500, "records", None, "increase")),
        ("Achieve ≥90% precision", Measure(90, "%", None, "increase")),
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
     ("CY19-Q4 OKRs", "2019-Q4"), ("FY21-Q1", "FY21-Q1"), ("Q1 FY2021", "FY21-Q1"), ("Q2-19", "2019-Q2"),
     ("Q1-19 OKR Archive", "2019-Q1"), ("2018 Q3", "2018-Q3"), ("1Q2018", "2018-Q1"),
     ("Calendar Year 2017 Q3 OKRs", "2017-Q3"), ("2017 OKRs WEVOLVER", "2017"),
     ("OKRs (2020 Set 1):", "2020-set-1"),
     ("Engineering", None), ("Acme OKRs", None), ("Q3 2026 - Engineering", None), ("H3 2026", None),
     ("Q3", None)],
)  # fmt: skip
def test_period_headings(text: str, period: str | None) -> None:
    found = period_label(text)
    assert (found.identifier if found else None) == period


def test_a_quarter_without_a_year_takes_the_pages_year() -> None:
    found = period_label("Q2 OKRs WEVOLVER", year="2017")
    assert found is not None and found.identifier == "2017-Q2"


def test_period_labels_from_tables() -> None:
    assert normalise("Q3 2026") == "2026-Q3"
    assert normalise("FY26 planning") is None
    assert normalise("2020 Set 1") == "2020-set-1"


def test_fiscal_periods_are_named_after_the_year_they_end_in() -> None:
    assert dates("FY21-Q1", fiscal_start=2) == (dt.date(2020, 2, 1), dt.date(2020, 4, 30))
    assert dates("FY21", fiscal_start=2) == (dt.date(2020, 2, 1), dt.date(2021, 1, 31))
    assert dates("FY21-Q4", fiscal_start=7) == (dt.date(2021, 4, 1), dt.date(2021, 6, 30))
    assert dates("FY21-H1") == (dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    assert dates("2020-set-1") == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
