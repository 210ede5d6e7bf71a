"""The shape of a key result's title (`okrctl.checks.shape`), on synthetic edge cases beside the
real-world measurement (`tests/adopt/test_okr440_realworld.py`): what OKR440 reports, through
`classify` as `okrctl check` calls it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrctl.checks.activity_key_result import Options, Words, classify
from okrctl.checks.shape import Vocabulary, read
from okrctl.checks.shape.words import MEASURE

TASKS = [
    "Map key use cases",
    "Specify the requirements for the GPU cluster",
    "Remediate/Document exceptions for all vulnerabilities 90-180 days old",
    "Setup the metrics to measure the current quality",
    "Blog on how developers can use the templates",
    "The onboarding flow will be documented",
    "Search filter usage is tracked in pings.",
    "Admins can force the refresh of permissions",
    "100% of all critical and high vulnerabilities are remediated",
    "Review and assess 100% of the procurement requests",
    "There is a prototype of the importer",
    "Lead hired",
    "AWS QuickStart guide published",
    "Import documentation for all platforms. Five new import docs shipped.",
    "Increase adoption. 3 issues shipped.",
    "Get the readme template PR merged",
    "Once we have statistics on usage, establish new OKRs on growth",
    "Handbook describes the lifecycle of a feature",
    "Maintain a log of committed and actual delivery dates",
    "Technical decision document",
]
OUTCOMES = [
    "Increase EE trials 21% QoQ",
    "Reduce the p95 of page loads to < 1 s",
    "Unique contributors grow 10% QoQ",
    "Checkout takes under 2 minutes",
    "Fix all new P1 bugs within one release",
    "Maintain 30 seconds or less average wait time at the service desk",
    "Keep sales efficient. Sales efficiency ratio > 1.8",
    "10 CFPs from the team accepted at conferences",
    "3 citations of our dataset in research papers",
    "Identify potential members and invite them, get 20 to join",
    "Get 100 subscribers",
    "10 daily active users",
    "Users understand how the product works from the web page",
    "Peerpad is used at the all-hands meeting",
    "Open source projects in GitLab use Sourcegraph for code intelligence",
    "No client inquiry takes more than one business day to receive a response",
    "Ensure that no technical issue blocks a deal",
    "Have the press publish at least 3 articles explaining the category",
    "Respond to 100% of queries from users within an hour",
    "Rule-Based System Accuracy",
    "ITSM maturity level of 3.4",
    "Improve the speed of the hiring process",
    "Launch referrals so that referred sign-ups rise from 5% to 12%",
]


@pytest.mark.parametrize("title", TASKS)
def test_tasks_are_reported(title: str) -> None:
    assert classify(title, True, False, Words.of(Options())) is not None


@pytest.mark.parametrize("title", OUTCOMES)
def test_outcomes_are_not(title: str) -> None:
    assert classify(title, True, False, Words.of(Options())) is None


@pytest.mark.parametrize(
    ("title", "counted", "reported"),
    [
        ("Publish 5 blog posts", True, True),  # counts the team's own output
        ("Qualified leads from trade fairs", True, False),  # a metric's name
        ("Lite demos held per rep per week rise from 2 to 6", True, False),
        ("Remediate 100% of the critical vulnerabilities", False, True),  # coverage, in %
        ("Ship the new onboarding", False, False),  # measured in % or money: judged by its unit
    ],
)
def test_numeric_key_results(title: str, counted: bool, reported: bool) -> None:
    assert (classify(title, False, counted, Words.of(Options())) is not None) is reported


def test_house_style_words() -> None:
    words = Words.of(Options(remove_words=["Define", "support"], add_words=["dogfood"]))
    assert classify("Define the pricing tiers", True, False, words) is None
    assert classify("Support the kit in the targeted languages", True, False, words) is None
    assert classify("Dogfood kits with the sales team", False, True, words) is not None
    assert classify("Dogfood kits with the sales team", False, True, Words.of(Options())) is None
    states = Words.of(Options(state_words=["live"], noun_phrases=False))
    assert classify("The pricing page is live", True, False, states) is not None
    assert classify("Technical decision document", True, False, states) is None


def test_reasons_name_the_shape() -> None:
    vocabulary = Vocabulary()
    assert read("Map key use cases", vocabulary).why == "the title starts with 'map', work to do"
    assert "coverage" in read("100% of the services are documented", vocabulary).why
    assert read("Increase trials by 20%", vocabulary).kind == "outcome"
    assert read("Pipeline metrics", vocabulary).strong is False  # a bare noun phrase


def _every_line_of_the_real_pages() -> list[str]:
    """Every line of the real-world OKR pages under tests/adopt/realworld (titles, notes,
    tables): text no one here wrote, in every house style the corpus has."""
    root = Path(__file__).resolve().parents[1] / "adopt" / "realworld"
    lines: list[str] = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".md", ".yaml", ".csv", ".txt"):
            lines += path.read_text(encoding="utf-8", errors="replace").splitlines()
    return lines


def test_measures_are_found_where_the_pattern_without_its_fast_start_finds_them() -> None:
    """MEASURE starts with a look-ahead for where a measure can begin (a digit, a currency or
    comparison sign, a word's start): it must find exactly what the pattern without it finds."""
    prefix = r"(?ix)(?=[\d$€£¥+<>≤≥~-]|\b[a-z])(?:"
    assert MEASURE.pattern.startswith(prefix) and MEASURE.pattern.endswith(")")
    plain = re.compile("(?ix)" + MEASURE.pattern[len(prefix) : -1])
    lines = _every_line_of_the_real_pages()
    assert len(lines) > 5_000
    extra = ["<2 s", "≤ 5 min", "~3 days", "-20%", "+5 %", "€ X", "¥100", "P95 under 200ms"]
    for text in [*lines, *extra, *(line.upper() for line in lines[:2_000])]:
        fast = [(m.span(), m.lastgroup) for m in MEASURE.finditer(text)]
        assert fast == [(m.span(), m.lastgroup) for m in plain.finditer(text)], text
