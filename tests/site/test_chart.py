"""Key result charts: inline SVG drawn at build time against the expected line."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from okrctl.model import MilestoneKeyResult, NumericKeyResult, Period
from okrctl.site import chart
from okrctl.site.templates import environment

PERIOD = Period(id="q", start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))


def drawn(made: chart.Chart) -> str:
    """The chart as the pages draw it (`templates/_chart.html.j2`)."""
    return str(environment().get_template("_chart.html.j2").module.chart(made))  # type: ignore[attr-defined]


def parse(made: chart.Chart) -> ET.Element:
    return ET.fromstring(drawn(made))


def test_expected_line_runs_from_baseline_at_start_to_target_at_end() -> None:
    kr = NumericKeyResult.model_validate(
        {
            "id": "k",
            "title": "t",
            "metric": "m",
            "unit": "days",
            "baseline": 14,
            "target": 5,
            "checkins": [{"date": "2026-10-16", "value": 9}, {"date": "2026-11-13", "value": 6}],
        }
    )
    svg = parse(chart.numeric_chart(kr, PERIOD, dt.date(2026, 11, 22)))
    expected = svg.find("{*}line[@class='okr-chart-expected']")
    if expected is None:
        expected = next(e for e in svg if e.get("class") == "okr-chart-expected")
    assert float(expected.get("x1", "")) == chart.LEFT
    assert float(expected.get("x2", "")) == chart.WIDTH - chart.RIGHT
    # A decrease: the line falls, so its end is lower on the page (a larger y).
    assert float(expected.get("y2", "")) > float(expected.get("y1", ""))
    points = next(e for e in svg if e.get("class") == "okr-chart-actual").get("points", "")
    pairs = [tuple(map(float, p.split(","))) for p in points.split()]
    assert len(pairs) == 3  # the baseline at the start, then each check-in
    assert pairs[0] == (chart.LEFT, float(expected.get("y1", "")))
    assert [p[0] for p in pairs] == sorted(p[0] for p in pairs)
    circles = [e for e in svg if e.get("class") == "okr-chart-point"]
    assert [c.findtext("title") for c in circles] == ["2026-10-16: 9 days", "2026-11-13: 6 days"]
    today = next(e for e in svg if e.get("class") == "okr-chart-today")
    assert today.findtext("title") == "today, 2026-11-22"


def test_no_today_marker_outside_the_period() -> None:
    kr = NumericKeyResult.model_validate(
        {"id": "k", "title": "t", "metric": "m", "unit": "x", "baseline": 0, "target": 1}
    )
    assert "okr-chart-today" not in drawn(chart.numeric_chart(kr, PERIOD, dt.date(2027, 2, 1)))
    assert "okr-chart-today" not in drawn(chart.numeric_chart(kr, PERIOD, None))


def test_the_unit_is_escaped() -> None:
    kr = NumericKeyResult.model_validate(
        {
            "id": "k",
            "title": "t",
            "metric": "m",
            "unit": "<script>",
            "baseline": 0,
            "target": 1,
            "checkins": [{"date": "2026-10-02", "value": 0.5}],
        }
    )
    svg = drawn(chart.numeric_chart(kr, PERIOD, None))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    ET.fromstring(svg)  # still well-formed


def test_milestone_steps_up_when_done() -> None:
    kr = MilestoneKeyResult.model_validate(
        {
            "id": "m",
            "title": "t",
            "kind": "milestone",
            "checkins": [
                {"date": "2026-10-15", "value": False},
                {"date": "2026-11-15", "value": True},
            ],
        }
    )
    svg = parse(chart.milestone_chart(kr, PERIOD, None))
    points = next(e for e in svg if e.get("class") == "okr-chart-actual").get("points", "")
    ys = [float(p.split(",")[1]) for p in points.split()]
    assert ys[0] == ys[1] == ys[2] > ys[-1]  # open until the last check-in, then done
    assert [c.findtext("title") for c in svg if c.get("class") == "okr-chart-point"] == [
        "2026-10-15: not yet",
        "2026-11-15: done",
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (-0.0, "0"),
        (5.0, "5"),
        (99.9, "99.9"),
        (1234.5, "1,234.5"),
        (0.125, "0.12"),
        (-3.5, "-3.5"),
    ],
)
def test_number(value: float, text: str) -> None:
    assert chart.number(value) == text


def test_labels_count_checkins() -> None:
    kr = NumericKeyResult.model_validate(
        {
            "id": "k",
            "title": "t",
            "metric": "m",
            "unit": "x",
            "baseline": 0,
            "target": 1,
            "checkins": [{"date": "2026-10-02", "value": 0.5}],
        }
    )
    label = re.search(r'aria-label="([^"]*)"', drawn(chart.numeric_chart(kr, PERIOD, None)))
    assert label is not None
    assert label.group(1) == "1 check-in from 0 towards 1 x, against the expected line"


def test_the_chart_fits_a_phone_with_the_end_of_the_period_in_view() -> None:
    kr = NumericKeyResult.model_validate(
        {"id": "k", "title": "t", "metric": "m", "unit": "EUR", "baseline": 50000, "target": 70000}
    )
    svg = parse(chart.numeric_chart(kr, PERIOD, dt.date(2026, 11, 22)))
    # 390 pixels of phone, less the page's margins: the whole chart fits, its last label is
    # the period's end, right-aligned at the chart's right edge.
    assert float(svg.get("width", "")) <= 330
    end = next(e for e in svg if e.get("class") == "okr-chart-label okr-chart-end")
    assert (end.text, end.get("text-anchor")) == ("2026-12-31", "end")
    assert float(end.get("x", "")) <= float(svg.get("width", ""))
    labels = [e.text for e in svg if (e.get("class") or "").startswith("okr-chart-label")]
    assert "50,000" in labels and "70,000" in labels  # in the key result's precision
