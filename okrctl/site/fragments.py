"""Small HTML pieces used thousands of times per build, in Python rather than jinja macros (a
macro call costs more than the page around it). Only the person's name is user text here, and it
is escaped; scores, bands and verdicts are numbers and fixed words."""

from __future__ import annotations

from markupsafe import Markup, escape

from okrctl import scoring
from okrctl.model import Objective, Period
from okrctl.site.links import Links
from okrctl.site.view import SiteView

NOT_MEASURED = Markup(
    '<span class="okr-score okr-unmeasured" title="not measured yet">not measured</span>'
)


def score(value: float | None, label: str = "score") -> Markup:
    if value is None:
        return NOT_MEASURED
    band = scoring.band(value)
    text = f"{value:.2f}"
    return Markup(
        f'<span class="okr-score okr-{band}" title="{escape(label)} {text} ({band})">{text}</span>'
    )


def bar(value: float | None) -> Markup:
    if value is None:
        return Markup("")
    percent = round(scoring.clamp(value) * 100)
    return Markup(
        f'<span class="okr-bar okr-{scoring.band(value)}" role="progressbar" aria-valuemin="0" '
        f'aria-valuemax="100" aria-valuenow="{percent}"><span style="width: {percent}%">'
        "</span></span>"
    )


def verdict(view: SiteView, objective: Objective, value: float | None, period: Period) -> Markup:
    if value is None:
        return Markup("")
    r = scoring.reading(objective, value, view.elapsed(period))
    article = "an" if objective.type == "aspirational" else "a"
    return Markup(
        f'<span class="okr-verdict okr-v-{r.verdict.replace(" ", "-")}" '
        f'title="{round(r.ratio * 100)}% of the {r.expected:.2f} {article} {objective.type} '
        f'objective is expected to reach">{r.verdict}</span>'
    )


def person(view: SiteView, links: Links, person_id: str) -> Markup:
    """A person's name, linked to their entry on the people page."""
    if person_id not in view.cascade.people:
        return Markup(f'<span class="okr-person">{escape(person_id)}</span>')
    return Markup(
        f'<a class="okr-person" href="{links.root}people.html#person-{escape(person_id)}">'
        f"{escape(view.person_name(person_id))}</a>"
    )
