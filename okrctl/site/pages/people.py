"""People: who leads which unit and owns which objectives and key results.

A large organisation (more than `SPLIT_AT` people) gets one people page per department, and
`people.html` lists the company's own people and links to the departments' pages, so that no
page grows with the organisation. The page filters by unit, person and status like the goal
tree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from okrctl.model import Objective, Person, Unit
from okrctl.site.links import PEOPLE_SPLIT_AT, people_page
from okrctl.site.ordering import natural
from okrctl.site.templates import Links, Page, TocEntry, renderer
from okrctl.site.view import KeyResult, SiteView

SPLIT_AT = PEOPLE_SPLIT_AT
INDEX = "people.md"


def count(view: SiteView, split_at: int = SPLIT_AT) -> int:
    if len(view.cascade.people) <= split_at:
        return 1
    return 1 + len(
        {people_page(view, p.id, split_at) for p in view.cascade.people.values()} - {INDEX}
    )


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


def pages(view: SiteView, split_at: int = SPLIT_AT) -> Iterator[Page]:
    found = _directory(view)
    groups = _by_page(view, found.people, split_at)
    departments = [
        (view.unit_name(_department(path)), path)
        for path in sorted(groups, key=lambda p: natural(p))
        if path != INDEX
    ]
    render = renderer("pages/people.html.j2")
    index = renderer("pages/people_index.html.j2")
    for path in [INDEX, *(p for _, p in departments)]:
        shown = groups.get(path, [])
        links = Links(view, path)
        body = render(
            view=view,
            links=links,
            people=shown,
            leads=found.leads,
            krs=found.krs,
            owned=found.owned,
            units=_units(view, shown, found.owned),
            departments=[(name, links.to(p)) for name, p in departments] if path == INDEX else [],
            index=None if path == INDEX else links.to(INDEX),
            attributes=lambda person: _attributes(view, person, found),
            people_choices=lambda shown: [(p.id, p.name) for p in shown],
        )
        toc = tuple(TocEntry(p.name, f"person-{p.id}") for p in shown)
        title = "People" if path == INDEX else f"People · {view.unit_name(_department(path))}"
        yield Page(path, title, body, toc=toc, search_doc=index(people=shown))


def _by_page(view: SiteView, people: Sequence[Person], split_at: int) -> dict[str, list[Person]]:
    """Page path -> the people it lists, by name."""
    groups: dict[str, list[Person]] = {}
    for person in people:
        groups.setdefault(people_page(view, person.id, split_at), []).append(person)
    return groups


def _department(path: str) -> str:
    """The department whose people a page `people/<department>.md` lists."""
    return path[len("people/") : -len(".md")]


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
        statuses.append(view.verdicts[objective.id].slug)
    for objective, kr in found.krs[person.id]:
        statuses.append(view.kr_status(objective, kr).slug)
    return {
        "units": " ".join(dict.fromkeys(units)),
        "people": person.id,
        "status": " ".join(dict.fromkeys(statuses)),
    }
