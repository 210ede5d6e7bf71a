"""URLs between the site's pages, relative to the page that links (the site uses `.html` URLs
and relative links, so it works from any folder of a web server and opened from disk).

Every objective has its own page (`objectives/<id>.html`): search, the trees and every list
link there. The unit pages keep an anchor for each objective and key result they list
(`units/<unit>/<period>.html#<id>`), so links into them from before keep working.
"""

from __future__ import annotations

from okrctl.model import Objective, Period
from okrctl.site.view import SiteView


def html_path(path: str) -> str:
    """The built file of a docs page (the site uses `.html` URLs, so it opens from disk too)."""
    return path[: -len(".md")] + ".html" if path.endswith(".md") else path


def objective_page(objective_id: str) -> str:
    return f"objectives/{objective_id}.md"


def unit_page(unit_id: str, period_id: str) -> str:
    return f"units/{unit_id}/{period_id}.md"


def tree_page(view: SiteView, period_id: str, unit: str | None = None) -> str:
    """The goal tree page of the period that lists `unit`'s objectives (default: the company's
    page)."""
    page = view.page_key(period_id, unit) if unit else view.root
    return f"tree/{period_id}.md" if page in (None, view.root) else f"tree/{period_id}/{page}.md"


def chart_page(view: SiteView, period_id: str, unit: str | None = None) -> str:
    """The org chart page of the period that lists `unit` (default: the company's page)."""
    page = view.page_key(period_id, unit) if unit else view.root
    return (
        f"cascade/{period_id}.md" if page in (None, view.root) else f"cascade/{period_id}/{page}.md"
    )


def people_page_of_unit(view: SiteView, unit: str | None) -> str:
    """The people page that lists the people of `unit` (default: the company's)."""
    page = view.people_split.page_of.get(unit or "", view.root) if unit else view.root
    return "people.md" if page in (None, view.root) else f"people/{page}.md"


def people_page(view: SiteView, person_id: str) -> str:
    """The page that holds a person's entry: `people.md`, or a page of units' people in a
    large organisation."""
    person = view.cascade.people.get(person_id)
    unit = person.unit if person is not None and person.unit in view.cascade.units else None
    return people_page_of_unit(view, unit)


def kr_anchor(objective: Objective, kr_id: str) -> str:
    # Slugs never hold "--", so this cannot collide with an objective's id.
    return f"{objective.id}--{kr_id}"


class Links:
    """URLs between pages, relative to the page being rendered."""

    def __init__(self, view: SiteView, page: str) -> None:
        self.view = view
        self.page = page
        self.root = "../" * page.count("/")
        """The way from this page up to the site's root folder."""

    def to(self, path: str, anchor: str | None = None) -> str:
        url = self.root + html_path(path)
        return f"{url}#{anchor}" if anchor else url

    def home(self, period: Period | None = None) -> str:
        if period is None or period.id == self.view.current.id:
            return self.to("index.md")
        return self.to(f"periods/{period.id}.md")

    def cascade(self, period: Period, unit: str | None = None, anchor: str | None = None) -> str:
        return self.to(chart_page(self.view, period.id, unit), anchor)

    def dependencies(self, period: Period, anchor: str | None = None) -> str:
        return self.to(f"dependencies/{period.id}.md", anchor)

    def unit_dependencies(self, period: Period, unit_id: str) -> str:
        return self.to(f"dependencies/{period.id}/{unit_id}.md")

    def tree(self, period: Period, unit: str | None = None, anchor: str | None = None) -> str:
        return self.to(tree_page(self.view, period.id, unit), anchor)

    def tree_node(self, objective: Objective) -> str:
        """The objective in the goal tree (on the page that lists it)."""
        period = self.view.period(objective.period)
        if period is None:
            return self.objective(objective)
        return self.tree(period, objective.unit, f"goal-{objective.id}")

    def filtered(self, period: Period, status: str, unit: str | None = None) -> str:
        """The goal tree page of `unit` (default: the company's) showing one status."""
        return self.to(tree_page(self.view, period.id, unit)) + f"?status={status}"

    def unit(self, unit_id: str, period_id: str | None = None) -> str | None:
        """The unit's page for the period (default: its newest); None when it has none."""
        if period_id is None:
            periods = self.view.unit_periods(unit_id)
            if not periods:
                return None
            period_id = periods[0].id
        if not self.view.has_page(unit_id, period_id):
            return None
        return self.to(unit_page(unit_id, period_id))

    def objective(self, objective: Objective) -> str:
        return self.to(objective_page(objective.id))

    def key_result(self, objective: Objective, kr_id: str) -> str:
        return self.to(objective_page(objective.id), kr_anchor(objective, kr_id))

    def person(self, person_id: str) -> str:
        return self.to(people_page(self.view, person_id), f"person-{person_id}")

    def units(self, anchor: str | None = None) -> str:
        return self.to("units/index.md", anchor)
