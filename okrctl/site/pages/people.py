"""People: who leads which unit and owns which objectives and key results.

A large organisation (more than `SPLIT_AT` people) gets one people page per department, and
`people.html` lists the company's own people and links to the departments' pages, so that no
page grows with the organisation. The page filters by unit, person and status like the goal
tree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

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


def pages(view: SiteView, split_at: int = SPLIT_AT) -> Iterator[Page]:
    people = sorted(view.cascade.people.values(), key=lambda p: (natural(p.name), p.id))
    leads: dict[str, list[Unit]] = {p.id: [] for p in people}
    for unit_id in view.unit_order:
        unit = view.unit(unit_id)
        if unit is not None and unit.lead in leads:
            leads[unit.lead].append(unit)
    rank = {p.id: i for i, p in enumerate(view.periods)}
    krs: dict[str, list[tuple[Objective, KeyResult]]] = {p.id: [] for p in people}
    for entry in view.cascade.iter_objectives():
        objective = entry.objective
        for kr in objective.key_results:
            if kr.owner is not None and kr.owner != objective.owner and kr.owner in krs:
                krs[kr.owner].append((objective, kr))
    for found in krs.values():
        found.sort(key=lambda pair: (rank.get(pair[0].period, len(rank)), pair[0].id, pair[1].id))
    owned: dict[str, list[tuple[Objective, Unit | None]]] = {}
    for person in people:
        mine: list[tuple[Objective, Unit | None]] = [
            (o, None) for o in view.owned.get(person.id, ())
        ]
        for unit in leads[person.id]:  # objectives a team owns: its lead answers for them
            mine += [(o, unit) for o in view.owned.get(unit.id, ())]
        mine.sort(key=lambda pair: (rank.get(pair[0].period, len(rank)), pair[0].id))
        owned[person.id] = mine
    groups: dict[str, list[Person]] = {}
    for person in people:
        groups.setdefault(people_page(view, person.id, split_at), []).append(person)
    render = renderer("pages/people.html.j2")
    index = renderer("pages/people_index.html.j2")
    others = [
        (view.unit_name(path.split("/")[1][: -len(".md")]), path)
        for path in sorted(groups, key=lambda p: natural(p))
        if path != INDEX
    ]
    for path in [INDEX, *(p for _, p in others)]:
        shown = groups.get(path, [])
        links = Links(view, path)
        body = render(
            view=view,
            links=links,
            people=shown,
            leads=leads,
            krs=krs,
            owned=owned,
            units=_units(view, shown, owned),
            departments=[(name, links.to(p)) for name, p in others] if path == INDEX else [],
            index=None if path == INDEX else links.to(INDEX),
            attributes=lambda person: _attributes(view, person, owned, krs),
            people_choices=lambda shown: [(p.id, p.name) for p in shown],
        )
        toc = tuple(TocEntry(p.name, f"person-{p.id}") for p in shown)
        title = "People" if path == INDEX else f"People · {view.unit_name(path[7:-3])}"
        yield Page(path, title, body, toc=toc, search_doc=index(people=shown))


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


def _attributes(
    view: SiteView,
    person: Person,
    owned: dict[str, list[tuple[Objective, Unit | None]]],
    krs: dict[str, list[tuple[Objective, KeyResult]]],
) -> dict[str, str]:
    units: list[str] = []
    if person.unit:
        units += [u.id for u in view.unit_chain(person.unit)] + [person.unit]
    statuses: list[str] = []
    for objective, _ in owned[person.id]:
        units.append(objective.unit)
        statuses.append(view.verdicts[objective.id].slug)
    for objective, kr in krs[person.id]:
        statuses.append(view.kr_status(objective, kr).slug)
    return {
        "units": " ".join(dict.fromkeys(units)),
        "people": person.id,
        "status": " ".join(dict.fromkeys(statuses)),
    }
