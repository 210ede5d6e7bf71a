"""Small HTML pieces used thousands of times per build, in Python rather than jinja macros (a
macro call costs more than the page around it). Only the person's name is user text here, and it
is escaped; scores, statuses and dates are numbers and fixed words.

Colour is never the only signal: a status always carries its words (and a symbol), a grade its
band's name, a progress bar its value as text for assistive technology.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup, escape

from okrctl import scoring, status
from okrctl.linkify import to_html
from okrctl.model import Objective, Period
from okrctl.site.links import Links
from okrctl.site.view import SiteView

ICONS = {
    "on track": "\u2714",  # heavy check mark
    "at risk": "\u25b2",  # triangle
    "off track": "\u2716",  # heavy multiplication x
    "not measured": "\u2013",  # en dash
    "done": "\u2605",  # star
    "dropped": "\u2298",  # circled division slash
    "delivered": "\u2714",  # heavy check mark
    "fell short": "\u25b2",  # triangle
    "failed": "\u2716",  # heavy multiplication x
}
BAND_WORDS = {"green": "delivered", "yellow": "fell short", "red": "failed"}


def score(value: float | None, label: str = "score") -> Markup:
    """A score as a neutral figure (None: not measured)."""
    if value is None:
        return Markup(
            f'<span class="okr-score okr-none" title="{escape(label)}: not measured yet">'
            "not measured</span>"
        )
    text = f"{value:.2f}"
    return Markup(f'<span class="okr-score" title="{escape(label)} {text}">{text}</span>')


def grade(value: float | None) -> Markup:
    """A final grade in Google's grading colours, with the band's name."""
    if value is None:
        return score(None, "final grade")
    band = scoring.band(value)
    text = f"{value:.2f}"
    return Markup(
        f'<span class="okr-score okr-{band}" title="final grade {text}">{text}</span> '
        f'<span class="okr-band okr-{band}">{band}: {BAND_WORDS[band]}</span>'
    )


def figure(view: SiteView, objective: Objective) -> Markup:
    """The objective's score as every page shows it: its grade in grading colours once graded
    in a closed period, else the neutral score."""
    value = view.values.get(objective.id)
    period = view.period(objective.period)
    if period is not None and period.closed and objective.score is not None:
        return grade(value)
    return score(value)


def bar(value: float | None, label: str = "score") -> Markup:
    """A progress bar named for assistive technology, its value the score's figure."""
    if value is None:
        return Markup("")
    shown = scoring.clamp(value)
    percent = round(shown * 100)
    return Markup(
        f'<span class="okr-bar" role="progressbar" aria-label="{escape(label)}" '
        f'aria-valuemin="0" aria-valuemax="1" aria-valuenow="{shown:.2f}" '
        f'aria-valuetext="{value:.2f} of 1.00"><span style="width: {percent}%"></span></span>'
    )


def pill(verdict: status.Verdict) -> Markup:
    """The status in words with a symbol; its sentence as a tooltip."""
    return Markup(
        f'<span class="okr-status okr-s-{verdict.slug}" title="{escape(verdict.sentence)}">'
        f'<span class="okr-icon" aria-hidden="true">{ICONS[verdict.status]}</span>'
        f"{verdict.status}</span>"
    )


def explained(verdict: status.Verdict) -> Markup:
    """The status and its one-sentence explanation, for where there is room."""
    return Markup(f'{pill(verdict)} <span class="okr-why">{escape(verdict.sentence)}</span>')


def fresh(freshness: status.Freshness | None) -> Markup:
    """When the work was last checked in, and how long ago; "stale" in words when it is."""
    if freshness is None:
        return Markup("")
    if freshness.last is None:
        text = "no check-in yet"
    else:
        text = f"last check-in {freshness.last.isoformat()}, {freshness.age}"
    if freshness.stale:
        return Markup(f'<span class="okr-fresh okr-stale"><strong>stale</strong>: {text}</span>')
    return Markup(f'<span class="okr-fresh">{text}</span>')


def verdict(view: SiteView, objective: Objective, value: float | None, period: Period) -> Markup:
    """The objective's status pill (kept for templates that pass a score)."""
    return pill(view.verdicts[objective.id])


def owner(view: SiteView, links: Links, owner_id: str) -> Markup:
    """An owner: a person, or a unit (a team owns the work) shown with the lead who answers for
    it."""
    unit = view.unit(owner_id) if owner_id not in view.cascade.people else None
    if unit is None:
        return person(view, links, owner_id)
    shown = Markup(
        f'<a class="okr-owner-unit" href="{links.root}units/index.html#unit-{escape(unit.id)}">'
        f"{escape(unit.name)}</a>"
    )
    if unit.lead:
        shown += Markup(" (team; lead: ") + person(view, links, unit.lead) + Markup(")")
    else:
        shown += Markup(" (team)")
    return shown


def owner_name(view: SiteView, owner_id: str) -> str:
    """An owner's name as plain text: the person's, or the team's with its lead's."""
    unit = view.unit(owner_id) if owner_id not in view.cascade.people else None
    if unit is None:
        return view.person_name(owner_id)
    return f"{unit.name} (lead: {view.person_name(unit.lead)})" if unit.lead else unit.name


def person(view: SiteView, links: Links, person_id: str) -> Markup:
    """A person's name, linked to their entry on the people page."""
    if person_id not in view.cascade.people:
        return Markup(f'<span class="okr-person">{escape(person_id)}</span>')
    return Markup(
        f'<a class="okr-person" href="{escape(links.person(person_id))}">'
        f"{escape(view.person_name(person_id))}</a>"
    )


def linkify(text: str | None) -> Markup:
    """User text, escaped, with its `http://` and `https://` addresses as links (opened with
    `rel="noopener noreferrer"`): `okrctl.linkify`, the one place that decides it."""
    return Markup(to_html(text)) if text else Markup("")


def host(url: str) -> str:
    """The host an address leads to, shown beside a titled link."""
    return urlsplit(url).hostname or url
