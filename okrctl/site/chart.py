"""A key result's check-in history as an inline SVG chart, drawn at build time.

The chart plots the check-ins against the expected line: a steady pace from the baseline at the
start of the period to the target at its end. This module computes the picture's geometry and
its texts (plain strings); `templates/_chart.html.j2` draws it, escaping every text. Colours
come from CSS classes (`okr-chart-*`) so that light and dark palettes both read well.

The chart has a fixed size in pixels, small enough to fit a phone's 390-pixel screen with the
end of the period in view, so its labels keep one font size at every width; a legend and a
sentence saying where the key result stands go beside it (`summary`), and a small trend line
(`sparkline`) stands for it in compact rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from okrctl import scoring
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Period
from okrctl.site import words

WIDTH, HEIGHT = 320.0, 180.0
LEFT, RIGHT, TOP, BOTTOM = 56.0, 8.0, 22.0, 24.0
SPARK_WIDTH, SPARK_HEIGHT = 64.0, 18.0


class Text(NamedTuple):
    x: str
    y: str
    text: str
    css: str = "okr-chart-label"
    anchor: str = "end"


class Dot(NamedTuple):
    x: str
    y: str
    title: str


class Line(NamedTuple):
    x1: str
    y1: str
    x2: str
    y2: str
    title: str


class Chart(NamedTuple):
    """What `_chart.html.j2` draws."""

    label: str
    """The chart in words, for assistive technology."""
    start: str
    end: str
    axis_y: str
    today: Line | None
    expected: Line | None
    due: Dot | None
    """A milestone's due date."""
    points: str
    """The check-in line's points."""
    dots: tuple[Dot, ...]
    labels: tuple[Text, ...]
    width: str = f"{WIDTH:g}"
    height: str = f"{HEIGHT:g}"
    left: str = f"{LEFT:g}"
    right: str = f"{WIDTH - RIGHT:g}"
    top: str = f"{TOP:g}"
    bottom: str = f"{HEIGHT - BOTTOM:g}"
    foot: str = f"{HEIGHT - 6:g}"


class Sparkline(NamedTuple):
    points: str
    """Empty: fewer than two values, nothing to draw."""
    width: str = f"{SPARK_WIDTH:g}"
    height: str = f"{SPARK_HEIGHT:g}"


number = words.number


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _x(day: dt.date, period: Period, left: float = LEFT) -> float:
    days = max((period.end - period.start).days, 1)
    fraction = scoring.clamp((day - period.start).days / days)
    return left + fraction * (WIDTH - left - RIGHT)


LABEL_CHARACTER = 7.5
"""The width of a label's character at 12 px (bold digits and separators), in pixels."""


def _left(labels: Sequence[str]) -> float:
    """Room on the left for the longest value label: "120,000" needs more than "12"."""
    longest = max((len(label) for label in labels), default=0)
    return max(LEFT, min(8 + LABEL_CHARACTER * longest, WIDTH / 3))


def _count(checkins: int) -> str:
    return words.plural(checkins, "check-in")


def _today(period: Period, today: dt.date | None, left: float = LEFT) -> Line | None:
    if today is None or not period.start <= today <= period.end:
        return None
    x = _fmt(_x(today, period, left))
    return Line(x, f"{TOP:g}", x, f"{HEIGHT - BOTTOM:g}", f"today, {today}")


def numeric_chart(kr: NumericKeyResult, period: Period, today: dt.date | None) -> Chart:
    """Check-ins (a line from the baseline at the period's start) against the expected line."""
    measured = [
        (c.date, float(c.value))
        for c in kr.checkins
        if c.value is not None and not isinstance(c.value, bool)
    ]
    # An unknown baseline is set by the first measured check-in; with none yet, the target alone.
    baseline = kr.known_baseline if kr.known_baseline is not None else kr.target
    if kr.baseline is not None or not measured:
        points = [(period.start, baseline), *measured]
    else:
        points = measured
    values = [baseline, kr.target, *(v for _, v in points)]
    if kr.current is not None:
        values.append(kr.current)
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or 1.0
    low, high = low - pad, high + pad
    bottom = HEIGHT - BOTTOM

    def y(value: float) -> str:
        return _fmt(bottom - (value - low) / (high - low) * (bottom - TOP))

    shown = words.number(baseline, words.decimals(kr)), words.number(kr.target, words.decimals(kr))
    left = _left(shown)
    labels = (
        Text(f"{left - 4:g}", y(baseline), shown[0]),
        Text(f"{left - 4:g}", y(kr.target), shown[1], "okr-chart-label okr-chart-target"),
        Text("4", f"{TOP - 8:g}", kr.unit, "okr-chart-label okr-chart-unit", "start"),
    )
    unit = f" {kr.unit}" if kr.unit else ""
    expected = Line(
        _fmt(_x(period.start, period, left)),
        y(baseline),
        _fmt(_x(period.end, period, left)),
        y(kr.target),
        f"expected: {number(baseline)} to {number(kr.target)}{unit} at a steady pace",
    )
    dots = tuple(
        Dot(_fmt(_x(day, period, left)), y(value), f"{day}: {words.measure(kr, value)}")
        for day, value in points[1:]
    )
    return Chart(
        label=(
            f"{_count(len(points) - 1)} from {number(baseline)} towards {number(kr.target)}"
            f"{unit}, against the expected line"
        ),
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        axis_y=f"{bottom:g}",
        today=_today(period, today, left),
        expected=expected,
        due=None,
        points=" ".join(f"{_fmt(_x(day, period, left))},{y(value)}" for day, value in points),
        dots=dots,
        labels=labels,
        left=f"{left:g}",
    )


def milestone_chart(kr: MilestoneKeyResult, period: Period, today: dt.date | None) -> Chart:
    """Not done (low) or done (high) at each check-in; the milestone is expected by the end."""
    bottom = HEIGHT - BOTTOM
    low_y, high_y = bottom - 12, TOP + 12
    points = [(period.start, False)] + [(c.date, bool(c.value)) for c in kr.checkins]
    steps: list[tuple[float, float]] = []
    for day, done in points:
        x = _x(day, period)
        if steps:  # hold the previous state until this check-in: a step line
            steps.append((x, steps[-1][1]))
        steps.append((x, high_y if done else low_y))
    return Chart(
        label=f"{_count(len(points) - 1)}; the milestone is expected by {period.end}",
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        axis_y=f"{bottom:g}",
        today=_today(period, today),
        expected=None,
        due=Dot(_fmt(_x(period.end, period)), _fmt(high_y), f"expected done by {period.end}"),
        points=" ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in steps),
        dots=tuple(
            Dot(
                _fmt(_x(day, period)),
                _fmt(high_y if done else low_y),
                f"{day}: {'done' if done else 'not yet'}",
            )
            for day, done in points[1:]
        ),
        labels=(
            Text(f"{LEFT - 4:g}", _fmt(low_y), "open"),
            Text(f"{LEFT - 4:g}", _fmt(high_y), "done", "okr-chart-label okr-chart-target"),
        ),
    )


def chart(
    kr: NumericKeyResult | MilestoneKeyResult, period: Period, today: dt.date | None
) -> Chart:
    if isinstance(kr, MilestoneKeyResult):
        return milestone_chart(kr, period, today)
    return numeric_chart(kr, period, today)


def sparkline(kr: NumericKeyResult | MilestoneKeyResult, period: Period) -> Sparkline:
    """A small trend line of the check-ins, decorative: the row's text says the same."""
    values: list[tuple[dt.date, float]]
    if isinstance(kr, MilestoneKeyResult):
        values = [
            (c.date, 1.0 if c.value is True else 0.0) for c in kr.checkins if c.value is not None
        ]
    else:
        values = [
            (c.date, float(c.value))
            for c in kr.checkins
            if c.value is not None and not isinstance(c.value, bool)
        ]
        if kr.baseline is not None:
            values.insert(0, (period.start, kr.baseline))
    if len(values) < 2:
        return Sparkline("")
    return Sparkline(_spark_points(kr, period, values))


def _spark_points(
    kr: NumericKeyResult | MilestoneKeyResult,
    period: Period,
    values: Sequence[tuple[dt.date, float]],
) -> str:
    low = min(v for _, v in values)
    high = max(v for _, v in values)
    if isinstance(kr, NumericKeyResult):
        low, high = min(low, kr.target), max(high, kr.target)
    span = (high - low) or 1.0
    days = max((period.end - period.start).days, 1)

    def point(day: dt.date, value: float) -> str:
        x = 1 + scoring.clamp((day - period.start).days / days) * (SPARK_WIDTH - 2)
        y = SPARK_HEIGHT - 2 - (value - low) / span * (SPARK_HEIGHT - 4)
        return f"{_fmt(x)},{_fmt(y)}"

    return " ".join(point(day, value) for day, value in values)


def summary(kr: NumericKeyResult | MilestoneKeyResult, period: Period) -> str:
    """The chart in a sentence, for everyone who does not read the picture."""
    checkins = len(kr.checkins)
    stand = words.standing(kr, period)
    if isinstance(kr, MilestoneKeyResult):
        return f"{_count(checkins)}; the milestone is {stand}."
    latest = next((c for c in reversed(kr.checkins) if not isinstance(c.value, bool)), None)
    when = f" (latest check-in {latest.date.isoformat()})" if latest is not None else ""
    baseline = kr.known_baseline
    start = f"from {words.measure(kr, baseline)} " if baseline is not None else ""
    return (
        f"{_count(checkins)}{when}: {stand}; the plan runs {start}to "
        f"{words.measure(kr, kr.target)} by {period.end.isoformat()}."
    )
