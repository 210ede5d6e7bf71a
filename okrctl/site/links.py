"""URLs between the site's pages, relative to the page that links (the site uses `.html` URLs
and relative links, so it works from any folder of a web server and opened from disk)."""

from __future__ import annotations

from okrctl.model import Objective, Period
from okrctl.site.view import SiteView


def html_path(path: str) -> str:
    """The built file of a docs page (the site uses `.html` URLs, so it opens from disk too)."""
    return path[: -len(".md")] + ".html" if path.endswith(".md") else path


class Links:
    """URLs between pages, relative to the page being rendered."""

    def __init__(self, view: SiteView, page: str) -> None:
        self.view = view
        self.root = "../" * page.count("/")
        """The way from this page up to the site's root folder."""

    def to(self, path: str, anchor: str | None = None) -> str:
        url = self.root + html_path(path)
        return f"{url}#{anchor}" if anchor else url

    def home(self, period: Period | None = None) -> str:
        if period is None or period.id == self.view.current.id:
            return self.to("index.md")
        return self.to(f"periods/{period.id}.md")

    def cascade(self, period: Period, anchor: str | None = None) -> str:
        return self.to(f"cascade/{period.id}.md", anchor)

    def dependencies(self, period: Period, anchor: str | None = None) -> str:
        return self.to(f"dependencies/{period.id}.md", anchor)

    def tree(self, period: Period, anchor: str | None = None) -> str:
        return self.to(f"tree/{period.id}.md", anchor)

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
        return self.to(unit_page(objective.unit, objective.period), objective.id)

    def key_result(self, objective: Objective, kr_id: str) -> str:
        return self.to(unit_page(objective.unit, objective.period), kr_anchor(objective, kr_id))

    def person(self, person_id: str) -> str:
        return self.to(people_page(self.view, person_id), f"person-{person_id}")

    def units(self, anchor: str | None = None) -> str:
        return self.to("units/index.md", anchor)


def unit_page(unit_id: str, period_id: str) -> str:
    return f"units/{unit_id}/{period_id}.md"


def kr_anchor(objective: Objective, kr_id: str) -> str:
    # Slugs never hold "--", so this cannot collide with an objective's id.
    return f"{objective.id}--{kr_id}"


PEOPLE_SPLIT_AT = 100
"""An organisation with more people than this gets a people page per department."""


def people_page(view: SiteView, person_id: str, split_at: int = PEOPLE_SPLIT_AT) -> str:
    """The page that holds a person's entry: `people.md`, or their department's page in a
    large organisation."""
    person = view.cascade.people.get(person_id)
    if len(view.cascade.people) <= split_at or person is None or person.unit is None:
        return "people.md"
    department = view.department_of(person.unit)
    return "people.md" if department is None else f"people/{department}.md"
