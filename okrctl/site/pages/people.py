"""People: who leads which unit and owns which objectives and key results."""

from __future__ import annotations

from collections.abc import Iterator

from okrctl.model import Objective, Unit
from okrctl.site.render import Links, Page, TocEntry, renderer
from okrctl.site.view import KeyResult, SiteView


def pages(view: SiteView) -> Iterator[Page]:
    people = sorted(view.cascade.people.values(), key=lambda p: (p.name.casefold(), p.id))
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
    path = "people.md"
    body = renderer("pages/people.html.j2")(
        view=view, links=Links(view, path), people=people, leads=leads, krs=krs
    )
    index = renderer("pages/people_index.html.j2")(people=people)
    toc = tuple(TocEntry(p.name, f"person-{p.id}") for p in people)
    yield Page(path, "People", body, toc=toc, search_doc=index)
