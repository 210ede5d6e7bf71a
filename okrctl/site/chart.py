"""A key result's check-in history as an inline SVG chart, drawn at build time.

The chart plots the check-ins against the expected line: a steady pace from the baseline at the
start of the period to the target at its end. Colours come from CSS classes (`okr-chart-*`) so
that light and dark palettes both read well; the only text is numbers, dates and the key result's
unit, escaped here.

The chart has a fixed size in pixels (it scrolls sideways on a narrow screen rather than
shrinking), so its labels keep one font size at every width; a legend and a sentence saying
where the key result stands go beside it (`legend`, `summary`), and a small trend line
(`sparkline`) stands for it in the compact row.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from markupsafe import Markup

from okrctl import scoring
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Period

WIDTH, HEIGHT = 480.0, 190.0
LEFT, RIGHT, TOP, BOTTOM = 64.0, 12.0, 22.0, 24.0
SPARK_WIDTH, SPARK_HEIGHT = 64.0, 18.0


def number(value: float | None) -> str:
    """A measurement for people: thousands separated, at most two decimals, no trailing zeros."""
    if value is None:
        return "not measured"
    if value != value or value in (float("inf"), float("-inf")):  # refused by the model
        return str(value)
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _x(day: dt.date, period: Period) -> float:
    days = max((period.end - period.start).days, 1)
    fraction = scoring.clamp((day - period.start).days / days)
    return LEFT + fraction * (WIDTH - LEFT - RIGHT)


def _count(checkins: int) -> str:
    return f"{checkins} check-in{'s' * (checkins != 1)}"


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _frame(period: Period, lines: list[str], today: dt.date | None, label: str) -> Markup:
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<svg class="okr-chart" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" width="{WIDTH:g}" '
        f'height="{HEIGHT:g}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
        f'<line class="okr-chart-axis" x1="{LEFT:g}" y1="{bottom:g}" x2="{WIDTH - RIGHT:g}" '
        f'y2="{bottom:g}"/>',
        f'<text class="okr-chart-label" x="{LEFT:g}" y="{HEIGHT - 6:g}" text-anchor="start">'
        f"{period.start}</text>",
        f'<text class="okr-chart-label" x="{WIDTH - RIGHT:g}" y="{HEIGHT - 6:g}" '
        f'text-anchor="end">{period.end}</text>',
    ]
    if today is not None and period.start <= today <= period.end:
        x = _fmt(_x(today, period))
        parts.append(
            f'<line class="okr-chart-today" x1="{x}" y1="{TOP:g}" x2="{x}" y2="{bottom:g}">'
            f"<title>today, {today}</title></line>"
        )
    parts.extend(lines)
    parts.append("</svg>")
    return Markup("".join(parts))


def numeric_chart(kr: NumericKeyResult, period: Period, today: dt.date | None) -> Markup:
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

    unit = escape(kr.unit)
    lines_unit = [
        f'<text class="okr-chart-label okr-chart-unit" x="4" y="{TOP - 8:g}">{unit}</text>',
    ]
    x0, x1 = _fmt(_x(period.start, period)), _fmt(_x(period.end, period))
    lines = [
        f'<text class="okr-chart-label" x="{LEFT - 4:g}" y="{y(baseline)}" '
        f'text-anchor="end" dominant-baseline="middle">{number(baseline)}</text>',
        f'<text class="okr-chart-label okr-chart-target" x="{LEFT - 4:g}" y="{y(kr.target)}" '
        f'text-anchor="end" dominant-baseline="middle">{number(kr.target)}</text>',
        f'<line class="okr-chart-expected" x1="{x0}" y1="{y(baseline)}" x2="{x1}" '
        f'y2="{y(kr.target)}"><title>expected: {number(baseline)} to {number(kr.target)} '
        f"{unit} at a steady pace</title></line>",
    ]
    polyline = " ".join(f"{_fmt(_x(day, period))},{y(value)}" for day, value in points)
    lines.append(f'<polyline class="okr-chart-actual" points="{polyline}"/>')
    lines.extend(lines_unit)
    for day, value in points[1:]:
        lines.append(
            f'<circle class="okr-chart-point" cx="{_fmt(_x(day, period))}" cy="{y(value)}" '
            f'r="2.5"><title>{day}: {number(value)} {unit}</title></circle>'
        )
    label = (
        f"{_count(len(points) - 1)} from {number(baseline)} towards {number(kr.target)} "
        f"{kr.unit}, against the expected line"
    )
    return _frame(period, lines, today, label)


def milestone_chart(kr: MilestoneKeyResult, period: Period, today: dt.date | None) -> Markup:
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
    polyline = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in steps)
    x_end = _fmt(_x(period.end, period))
    lines = [
        f'<text class="okr-chart-label" x="{LEFT - 4:g}" y="{_fmt(low_y)}" text-anchor="end" '
        f'dominant-baseline="middle">open</text>',
        f'<text class="okr-chart-label okr-chart-target" x="{LEFT - 4:g}" y="{_fmt(high_y)}" '
        f'text-anchor="end" dominant-baseline="middle">done</text>',
        f'<circle class="okr-chart-due" cx="{x_end}" cy="{_fmt(high_y)}" r="3">'
        f"<title>expected done by {period.end}</title></circle>",
        f'<polyline class="okr-chart-actual" points="{polyline}"/>',
    ]
    for day, done in points[1:]:
        lines.append(
            f'<circle class="okr-chart-point" cx="{_fmt(_x(day, period))}" '
            f'cy="{_fmt(high_y if done else low_y)}" r="2.5"><title>{day}: '
            f"{'done' if done else 'not yet'}</title></circle>"
        )
    label = f"{_count(len(points) - 1)}; the milestone is expected by {period.end}"
    return _frame(period, lines, today, label)


def sparkline(kr: NumericKeyResult | MilestoneKeyResult, period: Period) -> Markup:
    """A small trend line of the check-ins, decorative: the row's text says the same."""
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
        return Markup(
            f'<svg class="okr-spark" width="{SPARK_WIDTH:g}" height="{SPARK_HEIGHT:g}" '
            'aria-hidden="true"></svg>'
        )
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

    points = " ".join(point(day, value) for day, value in values)
    return Markup(
        f'<svg class="okr-spark" width="{SPARK_WIDTH:g}" height="{SPARK_HEIGHT:g}" '
        f'viewBox="0 0 {SPARK_WIDTH:g} {SPARK_HEIGHT:g}" aria-hidden="true">'
        f'<polyline class="okr-chart-actual" points="{points}"/></svg>'
    )


def legend(kr: NumericKeyResult | MilestoneKeyResult, today: dt.date | None) -> Markup:
    """What the chart's lines mean."""
    items = [
        '<li><span class="okr-key okr-key-actual" aria-hidden="true"></span>check-ins</li>',
        '<li><span class="okr-key okr-key-expected" aria-hidden="true"></span>'
        + ("expected at a steady pace" if isinstance(kr, NumericKeyResult) else "due date")
        + "</li>",
    ]
    if today is not None:
        items.append('<li><span class="okr-key okr-key-today" aria-hidden="true"></span>today</li>')
    return Markup(f'<ul class="okr-legend">{"".join(items)}</ul>')


def plan(kr: NumericKeyResult | MilestoneKeyResult, period: Period, today: dt.date) -> str:
    """Where the key result stands in words: "13.4 of 14.4 %, ahead of plan"."""
    if isinstance(kr, MilestoneKeyResult):
        if scoring.milestone_done(kr):
            return "done"
        return f"not done yet, due by {period.end.isoformat()}"
    value = scoring.measured_value(kr)
    target = f"{number(kr.target)} {kr.unit}"
    if value is None:
        return f"no value yet; target {target}"
    text = f"{number(value)} of {target}"
    baseline = kr.known_baseline
    if baseline is None or period.closed or today < period.start:
        return text
    due = scoring.expected_value(kr, period, min(today, period.end))
    ahead = value >= due if kr.effective_direction == "increase" else value <= due
    if abs(value - due) <= abs(kr.target - baseline) * 0.02:
        return f"{text}, on plan"
    return f"{text}, {'ahead of' if ahead else 'behind'} plan ({number(due)} due today)"


def summary(kr: NumericKeyResult | MilestoneKeyResult, period: Period, today: dt.date) -> str:
    """The chart in a sentence, for everyone who does not read the picture."""
    checkins = len(kr.checkins)
    if isinstance(kr, MilestoneKeyResult):
        state = plan(kr, period, today)
        return f"{_count(checkins)}; the milestone is {state}."
    stand = plan(kr, period, today)
    latest = next((c for c in reversed(kr.checkins) if not isinstance(c.value, bool)), None)
    when = f" (latest check-in {latest.date.isoformat()})" if latest is not None else ""
    baseline = kr.known_baseline
    start = f"from {number(baseline)} {kr.unit} " if baseline is not None else ""
    return (
        f"{_count(checkins)}{when}: {stand}; the plan runs {start}to {number(kr.target)} "
        f"{kr.unit} by {period.end.isoformat()}."
    )
