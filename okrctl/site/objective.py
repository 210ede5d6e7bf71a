"""An objective's section on its unit's page: title, the chain it supports, owner, score and
status, description, links, what supports it and its dependencies, its retrospective, and its
key results (`keyresult.py`).

In Python rather than a jinja macro, like the key results, because a large organisation renders
thousands of them; every user text is escaped here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup, escape

from okrctl.model import Objective, Period
from okrctl.site import fragments, keyresult
from okrctl.site.links import Links
from okrctl.site.view import SiteView

ACK_YES = (
    '<span class="okr-ack okr-ack-yes" title="the other unit has acknowledged this dependency">'
    "acknowledged</span>"
)
ACK_NO = (
    '<span class="okr-ack okr-ack-no" title="the needed objective does not list this one in '
    '`acknowledges`">not acknowledged</span>'
)


def reference(view: SiteView, links: Links, objective: Objective) -> str:
    """A link to an objective, with its unit (and its period when not the current one)."""
    where = escape(view.unit_name(objective.unit))
    if objective.period != view.current.id:
        where += f", {escape(objective.period)}"
    return (
        f'<a href="{escape(links.objective(objective))}">{escape(objective.title)}</a> '
        f'<span class="okr-muted">({where})</span>'
    )


def chain(view: SiteView, links: Links, objective: Objective) -> str:
    found = view.chain(objective)
    if not found:
        return '<p class="okr-breadcrumb okr-muted">A top-level objective</p>'
    steps = " › ".join(
        f'<a href="{escape(links.objective(o))}">{escape(o.title)}</a> '
        f'<span class="okr-muted">({escape(view.unit_name(o.unit))})</span>'
        for o in found
    )
    return (
        f'<nav class="okr-breadcrumb" aria-label="What {escape(objective.title)} supports">'
        f"Supports: {steps}</nav>"
    )


def connections(view: SiteView, links: Links, objective: Objective) -> str:
    """What supports the objective, and the objectives it depends on and that depend on it."""
    below = view.supported_by(objective)
    if below:
        items = "".join(
            f"<li>{reference(view, links, o)} {fragments.figure(view, o)} "
            f"{fragments.pill(view.verdicts[o.id])}</li>"
            for o in below
        )
        supported = f"<ul>{items}</ul>"
    else:
        supported = '<span class="okr-muted">no objective yet</span>'
    needs = [(o, view.acknowledged(objective, o)) for o in view.depends_on(objective)]
    needed = [(o, view.acknowledged(o, objective)) for o in view.needed_by(objective)]
    return (
        f'<dl class="okr-links"><dt>Supported by</dt><dd>{supported}</dd>'
        f"{_dependencies(view, links, 'Depends on', needs)}"
        f"{_dependencies(view, links, 'Needed by', needed)}</dl>"
    )


def _dependencies(
    view: SiteView, links: Links, term: str, found: Sequence[tuple[Objective, bool]]
) -> str:
    """A term of the objective's links listing dependencies, each marked acknowledged or not
    (nothing when there are none)."""
    if not found:
        return ""
    items = "".join(
        f"<li>{reference(view, links, o)} {ACK_YES if acknowledged else ACK_NO}</li>"
        for o, acknowledged in found
    )
    return f"<dt>{term}</dt><dd><ul>{items}</ul></dd>"


def link_list(objective: Objective) -> str:
    if not objective.links:
        return ""
    items = "".join(
        f'<li><a href="{escape(link.url)}" rel="noopener noreferrer">{escape(link.title)}</a> '
        f'<span class="okr-muted">({escape(fragments.host(link.url))})</span></li>'
        for link in objective.links
    )
    return f'<ul class="okr-extlinks" aria-label="Links">{items}</ul>'


def section(
    view: SiteView, links: Links, objective: Objective, period: Period, today: dt.date | None
) -> Markup:
    verdict = view.verdicts[objective.id]
    dropped = verdict.status == "dropped"
    title = f"<s>{escape(objective.title)}</s>" if dropped else escape(objective.title)
    continues = ""
    earlier = view.objective(objective.carried_from) if objective.carried_from else None
    if earlier is not None:
        continues = (
            f'· Continues <a href="{escape(links.objective(earlier))}">{escape(earlier.title)}</a>'
        )
    note = ""
    if dropped:
        reason = f": {escape(objective.dropped_reason)}" if objective.dropped_reason else ""
        note = f'<p class="okr-dropped-reason"><strong>Dropped</strong>{reason}</p>'
    description = (
        f'<p class="okr-text">{fragments.linkify(objective.description)}</p>'
        if objective.description
        else ""
    )
    retrospective = (
        '<div class="admonition note"><p class="admonition-title">Retrospective</p>'
        f'<p class="okr-text">{fragments.linkify(objective.retrospective)}</p></div>'
        if objective.retrospective
        else ""
    )
    removed = view.history.removed.get(objective.id)
    gone = (
        '<p class="okr-removed">Key results in the plan that are gone now: '
        + ", ".join(f"<code>{escape(kr_id)}</code>" for kr_id in removed)
        + "</p>"
        if removed
        else ""
    )
    krs = "".join(
        keyresult.key_result(view, links, objective, kr, period, today)
        for kr in objective.key_results
    )
    label = "Final grade" if objective.score is not None else "Score"
    return Markup(
        f'<section class="okr-objective okr-card{" okr-dropped" if dropped else ""}">'
        f'<h2 id="{escape(objective.id)}">{title}</h2>{chain(view, links, objective)}'
        f'<p class="okr-badges"><span class="okr-chip">{objective.level}</span> '
        f'<span class="okr-chip">{objective.type}</span> '
        f"Owner: {fragments.owner(view, links, objective.owner)} {continues}</p>{note}"
        f'<div class="okr-scoreline"><span>{label}: {fragments.figure(view, objective)}</span> '
        f"{fragments.bar(view.values.get(objective.id), 'objective score')} "
        f"{fragments.pill(verdict)} {fragments.fresh(view.objective_fresh(objective))}</div>"
        f'<p class="okr-why">{escape(verdict.sentence)}</p>{description}'
        f"{link_list(objective)}{connections(view, links, objective)}{retrospective}{gone}"
        f"{krs}</section>"
    )
