"""The template environment and the values every page module shares.

Every page is HTML rendered by jinja2 with autoescaping on: a user's title, note or name reaches
the page only as escaped text. The page's HTML never passes through Markdown (see `mkdocs_build`),
so Markdown syntax, `{{ }}` or a `javascript:` link in a title stays literal text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from okrctl import codes, scoring, status
from okrctl.site import chart, fragments, keyresult, objective
from okrctl.site.links import Links, html_path, kr_anchor, unit_page

__all__ = ["Links", "Page", "TocEntry", "html_path", "renderer", "unit_page"]


class TocEntry(NamedTuple):
    """An entry of a page's table of contents: plain text, escaped when shown."""

    title: str
    anchor: str
    level: int = 2


class Page(NamedTuple):
    """A page of the site, before mkdocs turns it into HTML."""

    path: str
    """Where the page's Markdown goes in the docs folder, e.g. `units/sales/2026-Q4.md`."""
    title: str | None
    """The page's title, plain text (None: the site's name, for the home page)."""
    body: str
    """The page's HTML, escaped already: it replaces the page's marker after Markdown ran."""
    search: bool = True
    """Whether the search index includes the page."""
    search_doc: str = ""
    """What the search index reads instead of the body (headings with their ids and short
    text): indexing the full body of thousands of pages would dominate the build time."""
    toc: tuple[TocEntry, ...] = ()
    markdown: str = ""
    """Markdown written above the marker: static prose okrctl ships, never user text."""


latest_confidence = status.latest_confidence


def score_text(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.2f}"


def band_of(value: float | None) -> str:
    return "not measured" if value is None else scoring.band(value)


def percent(value: float) -> str:
    return f"{round(scoring.clamp(value) * 100)}%"


def day(value: dt.date) -> str:
    return value.isoformat()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("okrctl.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        score=score_text,
        percent=percent,
        number=chart.number,
        band=band_of,
        day=day,
        linkify=fragments.linkify,
        host=fragments.host,
    )
    env.globals.update(
        codes=codes,
        key_result_block=keyresult.key_result,
        objective_section=objective.section,
        numeric_chart=chart.numeric_chart,
        sparkline=chart.sparkline,
        legend=chart.legend,
        plan=chart.plan,
        chart_summary=chart.summary,
        milestone_chart=chart.milestone_chart,
        kr_score=scoring.kr_score,
        reading=scoring.reading,
        latest_value=scoring.latest_value,
        expected=scoring.EXPECTED,
        kr_anchor=kr_anchor,
        score=fragments.score,
        bar=fragments.bar,
        verdict=fragments.verdict,
        pill=fragments.pill,
        explained=fragments.explained,
        fresh=fragments.fresh,
        figure=fragments.figure,
        grade=fragments.grade,
        owner=fragments.owner,
        person=fragments.person,
        statuses=status.STATUSES,
        milestone_done=scoring.milestone_done,
        latest_confidence=latest_confidence,
        isnumeric=lambda kr: kr.kind == "numeric",
    )
    return env


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """The shared template environment (templates are compiled once per process)."""
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    return _ENV


def renderer(name: str) -> Callable[..., Markup]:
    """A function rendering template `name` with keyword arguments, as safe HTML."""
    template = environment().get_template(name)

    def render(**context: Any) -> Markup:
        return Markup(template.render(**context))

    return render
