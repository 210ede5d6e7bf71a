"""People: who leads which unit and owns which objectives and key results.

A large organisation gets people pages by unit (`okrctl.site.split`: more than 100 people
under a unit, and its sub-units get pages of their own), and `people.html` lists the company's
own people and links to the other pages, so that no page grows with the organisation. The page
filters by unit, person and status (stale included) like the goal tree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from okrctl import status
from okrctl.model import Objective, Person, Unit
from okrctl.site.links import people_page
from okrctl.site.ordering import natural
from okrctl.site.templates import Links, Page, Planned, TocEntry, renderer
from okrctl.site.view import KeyResult, SiteView

INDEX = "people.md"


@dataclass(frozen=True)
class _Directory:
    """Who answers for what, by person id: computed once for all the people pages."""

    people: tuple[Person, ...]
    """Everyone, by name."""
    leads: dict[str, list[Unit]]
    """The units each person leads, in the organisation's order."""
    krs: dict[str, list[tuple[Objective, KeyResult]]]
    """Key results each person owns in someone else's objective, newest period first."""
    owned: dict[str, list[tuple[Objective, Unit | None]]]
    """Objectives each person answers for, newest period first: their own (unit None) and
    those a unit they lead owns (with that unit)."""


def _directory(view: SiteView) -> _Directory:
    """Who leads which unit and owns which objectives and key results."""
    people = tuple(sorted(view.cascade.people.values(), key=lambda p: (natural(p.name), p.id)))
    rank = _period_rank(view)
    leads = _leads(view, people)
    return _Directory(
        people=people,
        leads=leads,
        krs=_delegated_key_results(view, people, rank),
        owned=_answers_for(view, people, leads, rank),
    )


def _render(
    view: SiteView,
    found: _Directory,
    groups: dict[str, list[Person]],
    above: dict[str, str],
    path: str,
) -> Page:
    shown = groups.get(path, [])
    links = Links(view, path)
    unit = _unit_of(path)
    below = [p for p in groups if above.get(p) == path]
    layout = view.people_split
    body = renderer("pages/people.html.j2")(
        view=view,
        links=links,
        people=shown,
        leads=found.leads,
        krs=found.krs,
        owned=found.owned,
        filters={
            "units": _units(view, shown, found.owned),
            "people": [(p.id, p.name) for p in shown],
            "statuses": status.STATUSES,
            "stale": True,
        },
        departments=[(view.page_name(layout, _unit_of(p) or ""), links.to(p)) for p in below],
        index=links.to(above[path]) if path in above else None,
        unit_name=None if unit is None else view.page_name(layout, unit),
        attributes=lambda person: _attributes(view, person, found),
    )
    toc = tuple(TocEntry(p.name, f"person-{p.id}") for p in shown)
    title = "People" if unit is None else f"People · {view.page_name(layout, unit)}"
    search = renderer("pages/people_index.html.j2")(people=shown)
    return Page(path, title, str(body), toc=toc, search_doc=str(search))


def plan(view: SiteView) -> Iterator[Planned]:
    found = _directory(view)
    groups: dict[str, list[Person]] = {INDEX: []}
    for person in found.people:
        groups.setdefault(people_page(view, person.id), []).append(person)
    position = {unit: i for i, unit in enumerate(view.unit_order)}
    paths = sorted(groups, key=lambda p: -1 if p == INDEX else position.get(_unit_of(p) or "", 0))
    groups = {path: groups[path] for path in paths}  # the organisation's order
    above = {p: _page_above(view, p) for p in paths if p != INDEX}
    for path in paths:
        yield Planned(path, partial(_render, view, found, groups, above, path))


def _unit_of(path: str) -> str | None:
    """The unit whose people a page `people/<unit>.md` lists (None: `people.md`)."""
    return None if path == INDEX else path[len("people/") : -len(".md")]


def _page_above(view: SiteView, path: str) -> str:
    """The people page above a people page."""
    above = view.people_split.parent.get(_unit_of(path) or "")
    return INDEX if above in (None, view.root) else f"people/{above}.md"


def _period_rank(view: SiteView) -> Callable[[str], int]:
    """A sort key for a period id: 0 for the newest period, unknown periods last."""
    rank = {p.id: i for i, p in enumerate(view.periods)}
    return lambda period_id: rank.get(period_id, len(rank))


def _leads(view: SiteView, people: Sequence[Person]) -> dict[str, list[Unit]]:
    leads: dict[str, list[Unit]] = {p.id: [] for p in people}
    for unit_id in view.unit_order:
        unit = view.unit(unit_id)
        if unit is not None and unit.lead in leads:
            leads[unit.lead].append(unit)
    return leads


def _delegated_key_results(
    view: SiteView, people: Sequence[Person], rank: Callable[[str], int]
) -> dict[str, list[tuple[Objective, KeyResult]]]:
    """Key results whose owner is not their objective's owner, by that owner."""
    krs: dict[str, list[tuple[Objective, KeyResult]]] = {p.id: [] for p in people}
    for entry in view.cascade.iter_objectives():
        objective = entry.objective
        for kr in objective.key_results:
            if kr.owner is not None and kr.owner != objective.owner and kr.owner in krs:
                krs[kr.owner].append((objective, kr))
    for found in krs.values():
        found.sort(key=lambda pair: (rank(pair[0].period), pair[0].id, pair[1].id))
    return krs


def _answers_for(
    view: SiteView,
    people: Sequence[Person],
    leads: dict[str, list[Unit]],
    rank: Callable[[str], int],
) -> dict[str, list[tuple[Objective, Unit | None]]]:
    owned: dict[str, list[tuple[Objective, Unit | None]]] = {}
    for person in people:
        mine: list[tuple[Objective, Unit | None]] = [
            (o, None) for o in view.owned.get(person.id, ())
        ]
        for unit in leads[person.id]:  # objectives a team owns: its lead answers for them
            mine += [(o, unit) for o in view.owned.get(unit.id, ())]
        mine.sort(key=lambda pair: (rank(pair[0].period), pair[0].id))
        owned[person.id] = mine
    return owned


def _units(
    view: SiteView, people: Sequence[Person], owned: dict[str, list[tuple[Objective, Unit | None]]]
) -> list[tuple[str, str]]:
    found = {p.unit for p in people if p.unit}
    found |= {o.unit for p in people for o, _ in owned[p.id]}
    return [
        (u, "\u00a0\u00a0" * view.depth[u] + view.unit_name(u))
        for u in view.unit_order
        if u in found
    ]


def _attributes(view: SiteView, person: Person, found: _Directory) -> dict[str, str]:
    """The person's card's filter attributes: their units, their id, their work's statuses."""
    units: list[str] = []
    if person.unit:
        units += [u.id for u in view.unit_chain(person.unit)] + [person.unit]
    statuses: list[str] = []
    for objective, _ in found.owned[person.id]:
        units.append(objective.unit)
        statuses.extend(view.status_words(objective).split())
    for objective, kr in found.krs[person.id]:
        statuses.append(view.kr_status(objective, kr).slug)
        fresh = view.fresh(objective, kr)
        if fresh is not None and fresh.stale:
            statuses.append("stale")
    return {
        "units": " ".join(dict.fromkeys(units)),
        "people": person.id,
        "status": " ".join(dict.fromkeys(statuses)),
    }
