"""The template environment and the values every page module shares.

Every page is HTML written one way: jinja2 templates and macros with autoescaping on. Python
computes values and plain text (`okrctl.site.words`, `okrctl.site.chart`); only the templates
write tags, so a user's title, note or name reaches the page only as escaped text. The page's
HTML never passes through Markdown (see `mkdocs_build`), so Markdown syntax, `{{ }}` or a
`javascript:` link in a title stays literal text.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from okrctl import codes, scoring, status
from okrctl.linkify import to_html
from okrctl.site import chart, words
from okrctl.site.links import Links, html_path, kr_anchor, unit_page
from okrctl.site.view import SiteView

__all__ = ["Links", "Page", "Planned", "TocEntry", "html_path", "renderer", "unit_page"]


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


class Planned(NamedTuple):
    """A page the site will have: its path, known before anything is rendered, and how to
    render it. The page registry plans every page first, so a build knows how many there are
    (for its progress) from the same list it renders."""

    path: str
    render: Callable[[], Page]


def percent(value: float) -> str:
    return f"{round(scoring.clamp(value) * 100)}%"


def day(value: dt.date) -> str:
    return value.isoformat()


def linkify(text: str | None) -> Markup:
    """User text, escaped, with its `http://` and `https://` addresses as links:
    `okrctl.linkify`, the one place that decides it."""
    return Markup(to_html(text)) if text else Markup("")


def fresh_text(found: status.Freshness) -> str:
    if found.last is None:
        return "no check-in yet"
    return f"last check-in {found.last.isoformat()}, {found.age}"


def parts_of(view: SiteView, objective_id: str) -> str:
    made = view.made.get(objective_id)
    return words.parts(made) if made is not None else ""


PIECES = ("score", "grade", "judged_score", "score_label", "bar", "pill", "fresh", "ack")
"""The macros of `_pieces.html.j2`, called from every template as globals."""
MEMO_SIZE = 200_000


def memoized(macro: Callable[..., Markup]) -> Callable[..., Markup]:
    """`macro` (a pure function of its arguments) called once per distinct arguments: an
    objective's status shows on five pages and is written once. Still the macro's HTML."""
    memo: dict[tuple[Any, ...], Markup] = {}

    def call(*args: Any) -> Markup:
        try:
            return memo[args]
        except KeyError:
            pass
        except TypeError:  # an unhashable argument: no memo
            return macro(*args)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        found = memo[args] = macro(*args)
        return found

    return call


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("okrctl.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # the package's templates never change while a build runs
    )
    env.filters.update(
        score=words.score,
        percent=percent,
        number=words.number,
        band=lambda value: "not measured" if value is None else scoring.band(value),
        day=day,
        linkify=linkify,
        host=words.host,
        confidence=words.confidence,
        lowered=words.lowered,
        plural=words.plural,
        clamp=scoring.clamp,
    )
    env.globals.update(
        codes=codes,
        statuses=status.STATUSES,
        icons=words.ICONS,
        band_words=words.BAND_WORDS,
        kr_anchor=kr_anchor,
        kr_score=scoring.kr_score,
        latest_value=scoring.latest_value,
        milestone_done=scoring.milestone_done,
        isnumeric=lambda kr: kr.kind == "numeric",
        chart=chart.chart,
        sparkline=chart.sparkline,
        chart_summary=chart.summary,
        standing=words.standing,
        due_text=words.due,
        measure=words.measure,
        fresh_text=fresh_text,
        parts_of=parts_of,
        code_split=words.code_split,
    )
    pieces = env.get_template("_pieces.html.j2").module
    env.globals.update({name: memoized(getattr(pieces, name)) for name in PIECES})
    return env


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """The shared template environment (templates are compiled once per process)."""
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    return _ENV


@functools.cache
def renderer(name: str) -> Callable[..., Markup]:
    """A function rendering template `name` with keyword arguments, as safe HTML."""
    template = environment().get_template(name)

    def render(**context: Any) -> Markup:
        return Markup(template.render(**context))

    return render
