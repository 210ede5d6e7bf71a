"""A key result on its unit's page: one compact row (trend line, where it stands against the
plan, score, status, confidence, freshness) and, behind a disclosure, its facts, its chart with
legend and summary, and its check-ins.

In Python rather than a jinja macro: a large organisation has tens of thousands of key results,
and a macro call costs more than the HTML it writes. Every user text is escaped here (titles,
units, notes, names); addresses in descriptions and notes become links through `linkify`.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from okrctl import scoring, status
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective, Period
from okrctl.site import chart, fragments
from okrctl.site.history import Goalpost
from okrctl.site.links import Links, kr_anchor
from okrctl.site.view import KeyResult, SiteView


def _percent(value: float | None, missing: str) -> str:
    return missing if value is None else f"{round(scoring.clamp(value) * 100)}%"


def _goal(value: float | None, unit: str) -> str:
    return "none" if value is None else f"{chart.number(value)}{f' {unit}' if unit else ''}"


def planned_vs_now(goalpost: Goalpost, kr: KeyResult) -> Markup:
    unit = kr.unit if isinstance(kr, NumericKeyResult) else ""
    change = goalpost.change
    if goalpost.at_start:
        when = "Planned at period start"
    else:
        since = f" ({goalpost.since.isoformat()})" if goalpost.since else ""
        when = f"Planned when first committed{since}"
    return Markup(
        f'<p class="okr-planned"><span class="okr-planned-label">{when}:</span> baseline '
        f"{escape(_goal(change.planned_baseline, unit))}, target "
        f"{escape(_goal(change.planned_target, unit))}; "
        f'<span class="okr-planned-label">now:</span> baseline '
        f"{escape(_goal(change.baseline, unit))}, target {escape(_goal(change.target, unit))}</p>"
    )


def _facts(
    view: SiteView, links: Links, objective: Objective, kr: KeyResult, kv: status.Verdict
) -> Markup:
    rows: list[tuple[str, Markup | str]] = []
    if isinstance(kr, NumericKeyResult):
        unit = kr.unit
        baseline = "unknown" if kr.baseline is None else f"{chart.number(kr.baseline)} {unit}"
        latest = scoring.latest_value(kr)
        current = "not measured" if kv.now is None else f"{chart.number(latest)} {unit}"
        rows += [
            ("Baseline", baseline),
            ("Current", current),
            ("Target", f"{chart.number(kr.target)} {unit}"),
            ("Direction", kr.effective_direction),
        ]
    else:
        rows.append(("Milestone", "done" if scoring.milestone_done(kr) else "not done yet"))
    rows.append(("Confidence", _percent(kv.confidence, "not given")))
    rows.append(("Indicator", kr.indicator))
    if kr.weight != 1:
        rows.append(("Weight", f"weight {chart.number(kr.weight)}"))
    rows.append(("Owner", fragments.owner(view, links, kr.owner or objective.owner)))
    items = "".join(f"<div><dt>{name}</dt><dd>{escape(value)}</dd></div>" for name, value in rows)
    return Markup(f'<dl class="okr-facts">{items}</dl>')


def _checkins(view: SiteView, links: Links, kr: KeyResult) -> Markup:
    if not kr.checkins:
        return Markup('<p class="okr-muted">No check-ins yet.</p>')
    rows = []
    for c in kr.checkins:
        if c.value is True:
            value: Markup | str = "done"
        elif c.value is False:
            value = "not yet"
        elif c.value is None:
            value = Markup('<span class="okr-muted">no value</span>')
        else:
            value = chart.number(float(c.value))
        by = fragments.person(view, links, c.by) if c.by else ""
        rows.append(
            f"<tr><td>{c.date.isoformat()}</td><td>{escape(value)}</td>"
            f"<td>{_percent(c.confidence, '')}</td><td>{by}</td>"
            f'<td class="okr-text">{fragments.linkify(c.note)}</td></tr>'
        )
    return Markup(
        '<div class="okr-scroll"><table class="okr-table okr-checkins"><caption>Check-ins'
        '</caption><thead><tr><th scope="col">Date</th><th scope="col">Value</th>'
        '<th scope="col">Confidence</th><th scope="col">By</th><th scope="col">Note</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _links(kr: KeyResult) -> Markup:
    if not kr.links:
        return Markup("")
    items = "".join(
        f'<li><a href="{escape(link.url)}" rel="noopener noreferrer">{escape(link.title)}</a> '
        f'<span class="okr-muted">({escape(fragments.host(link.url))})</span></li>'
        for link in kr.links
    )
    return Markup(f'<ul class="okr-extlinks" aria-label="Links">{items}</ul>')


def key_result(
    view: SiteView,
    links: Links,
    objective: Objective,
    kr: KeyResult,
    period: Period,
    today: dt.date | None,
) -> Markup:
    """The key result's block on its unit's page (`today`: None once the period is closed)."""
    kv = view.kr_status(objective, kr)
    dropped = kv.status == "dropped"
    goalpost = view.history.goalpost(objective.id, kr.id)
    title = Markup("<s>{}</s>").format(kr.title) if dropped else escape(kr.title)
    note = Markup("")
    if dropped:
        reason = Markup(": {}").format(kr.dropped_reason) if kr.dropped_reason else ""
        note = Markup('<p class="okr-dropped-reason"><strong>Dropped</strong>{}</p>').format(reason)
    marks = Markup("")
    if goalpost:
        marks += Markup(
            '<span class="okr-moved" title="the baseline or the target differs from the plan">'
            "goalpost moved</span>"
        )
    if view.history.was_added(objective.id, kr.id):
        marks += Markup(
            '<span class="okr-chip" title="not in the plan: added during the period">added '
            "after the plan</span>"
        )
    drawn = (
        chart.numeric_chart(kr, period, today)
        if isinstance(kr, NumericKeyResult)
        else chart.milestone_chart(kr, period, today)
    )
    assert isinstance(kr, NumericKeyResult | MilestoneKeyResult)
    score = "" if dropped else fragments.score(kv.now, "key result score")
    description = (
        f'<p class="okr-text">{fragments.linkify(kr.description)}</p>' if kr.description else ""
    )
    return Markup(
        f'<div class="okr-kr{" okr-dropped" if dropped else ""}">'
        f'<h3 id="{kr_anchor(objective, kr.id)}">{title}</h3>{note}{_links(kr)}'
        f'<div class="okr-scoreline">{chart.sparkline(kr, period)} '
        f'<span class="okr-plan">{escape(chart.plan(kr, period, view.today))}</span> {score} '
        f"{fragments.pill(kv)} "
        f'<span class="okr-confidence">confidence {_percent(kv.confidence, "not given")}</span> '
        f"{fragments.fresh(view.fresh(objective, kr))} {marks}</div>"
        '<details class="okr-kr-more"><summary>Chart, facts and check-ins</summary>'
        f"{_facts(view, links, objective, kr, kv)}"
        f'<p class="okr-why">{escape(kv.sentence)}</p>'
        f"{planned_vs_now(goalpost, kr) if goalpost else ''}{description}"
        f'<div class="okr-scroll">{drawn}</div>{chart.legend(kr, today)}'
        f'<p class="okr-chart-summary">{escape(chart.summary(kr, period, view.today))}</p>'
        f"{_checkins(view, links, kr)}</details></div>"
    )
