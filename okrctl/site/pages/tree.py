"""The goal tree, one page per period: every objective nested under the objective it supports,
whichever unit owns it, so that a reader traces a team's work up to the company's goals.

The tree is a nest of `<details>` (it opens and closes without JavaScript); `okrctl.js` adds
expand all and collapse all, arrow keys, filters by unit, person and status kept in the URL, and
opens and highlights a deep link's target. A large period (more than `SPLIT_AT` objectives)
gets one page per department below the company's page, so that no page's DOM grows with the
organisation.

Built in Python rather than a recursive jinja macro: a period holds thousands of nodes, and the
walk is iterative (a 10,000-deep chain of objectives is a finding, never a RecursionError).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markupsafe import Markup, escape

from okrctl.model import Objective, Period
from okrctl.site import fragments
from okrctl.site.ordering import natural
from okrctl.site.templates import Links, Page, renderer
from okrctl.site.view import SiteView

SPLIT_AT = 400
"""A period with more objectives than this gets a page per department."""


def tree_page(period_id: str, department: str | None = None) -> str:
    return f"tree/{period_id}.md" if department is None else f"tree/{period_id}/{department}.md"


def department_of(view: SiteView, unit_id: str) -> str | None:
    return view.department_of(unit_id)


def split(view: SiteView, period: Period, split_at: int) -> bool:
    return sum(len(view.of(unit, period.id)) for unit in view.unit_order) > split_at


def departments(view: SiteView, period: Period) -> list[str]:
    """Departments with objectives in the period, in the organisation's order."""
    return [
        unit
        for unit in view.children.get(view.root or "", ())
        if view.subtree_count.get((unit, period.id), 0)
    ]


def count(view: SiteView, split_at: int = SPLIT_AT) -> int:
    return sum(
        1 + (len(departments(view, p)) if split(view, p, split_at) else 0) for p in view.periods
    )


class _Tree:
    """Renders the nodes of one tree page."""

    def __init__(
        self, view: SiteView, links: Links, period: Period, department: str | None, cut: bool
    ) -> None:
        self.view, self.links, self.period = view, links, period
        self.department = department
        self.cut = cut
        """True when objectives of other departments are shown as links to their pages."""
        self.units: set[str] = set()
        self.people: set[str] = set()

    def here(self, objective: Objective) -> bool:
        return not self.cut or department_of(self.view, objective.unit) == self.department

    def render(self, roots: Sequence[str]) -> str:
        parts: list[str] = []
        stack: list[tuple[str, str]] = [("node", oid) for oid in reversed(roots)]
        while stack:
            kind, oid = stack.pop()
            if kind == "close":
                parts.append("</ul></details></li>")
                continue
            objective = self.view.objective(oid)
            if objective is None:
                continue
            if not self.here(objective):
                parts.append(self.stub(objective))
                continue
            children = self.view.goal_children.get(oid, ())
            parts.append(self.node(objective))
            parts.append('<ul class="okr-branch">')
            stack.append(("close", oid))
            stack.extend(("node", child) for child in reversed(children))
        return "".join(parts)

    def attributes(self, objective: Objective, people: Sequence[str]) -> str:
        view = self.view
        units = [u.id for u in view.unit_chain(objective.unit)] + [objective.unit]
        contributors = getattr(objective, "contributors", None) or []
        units += [c for c in contributors if c not in units]
        self.units.update(units)
        self.people.update(people)
        return (
            f'id="goal-{escape(objective.id)}" data-units="{escape(" ".join(units))}" '
            f'data-people="{escape(" ".join(people))}" '
            f'data-status="{view.verdicts[objective.id].slug}"'
        )

    def owners(self, objective: Objective) -> list[str]:
        found = [objective.owner]
        unit = self.view.unit(objective.owner)
        if unit is not None and unit.lead:
            found.append(unit.lead)
        for kr in objective.key_results:
            if kr.owner and kr.owner not in found:
                found.append(kr.owner)
        return found

    def summary(self, objective: Objective) -> str:
        return f"<summary>{self.line(objective)}</summary>"

    def line(self, objective: Objective) -> str:
        """The objective in one line: title, unit and owner, score, status, freshness."""
        view = self.view
        unit = view.unit(objective.unit)
        dropped = objective.id in view.verdicts and view.verdicts[objective.id].status == "dropped"
        title = escape(objective.title)
        shown = f"<s>{title}</s>" if dropped else str(title)
        owner = fragments.owner_name(view, objective.owner)
        if objective.owner == objective.unit and unit is not None:
            owner = f"the team (lead: {view.person_name(unit.lead)})" if unit.lead else "the team"
        return (
            f'<span class="okr-node-title">{shown}</span> '
            f'<span class="okr-node-meta">{escape(unit.name if unit else objective.unit)} · '
            f"{escape(owner)}</span> "
            f"{fragments.figure(view, objective)} {fragments.pill(view.verdicts[objective.id])} "
            f"{fragments.fresh(view.objective_fresh(objective))}"
        )

    def node(self, objective: Objective) -> str:
        view, links = self.view, self.links
        verdict = view.verdicts[objective.id]
        unit = view.unit(objective.unit)
        rows = []
        for kr in objective.key_results:
            kr_verdict = view.kr_status(objective, kr)
            title = escape(kr.title)
            if kr_verdict.status == "dropped":
                title = Markup(f"<s>{title}</s>")
            value = kr_verdict.now
            dropped_kr = kr_verdict.status == "dropped"
            figure = "" if dropped_kr else fragments.score(value, "key result score")
            rows.append(
                f'<li class="okr-kr-row"><a href="{links.key_result(objective, kr.id)}">'
                f"{title}</a> "
                f"{figure} "
                f"{fragments.pill(kr_verdict)} {fragments.fresh(view.fresh(objective, kr))}</li>"
            )
        krs = f'<ul class="okr-krs">{"".join(rows)}</ul>' if rows else ""
        return (
            f'<li class="okr-node okr-filterable" '
            f"{self.attributes(objective, self.owners(objective))}>"
            f"<details>{self.summary(objective)}"
            f'<div class="okr-node-body"><p class="okr-why">{escape(verdict.sentence)}</p>'
            f'<p><a href="{links.objective(objective)}">Details on the page of '
            f"{escape(unit.name if unit else objective.unit)}</a></p>{krs}</div>"
        )

    def stub(self, objective: Objective) -> str:
        """An objective of another department: its summary and a link to its department's
        tree (where it is shown with everything below it)."""
        view = self.view
        department = department_of(view, objective.unit)
        below = self.descendants(objective.id)
        href = self.links.to(tree_page(self.period.id, department), f"goal-{objective.id}")
        name = view.unit_name(department) if department else ""
        more = f" and the {below} objective{'s' * (below != 1)} below it" if below else ""
        return (
            f'<li class="okr-node okr-stub okr-filterable" '
            f"{self.attributes(objective, self.owners(objective))}>"
            f'<div class="okr-stub-line">{self.line(objective)}</div>'
            f'<p class="okr-stub-link"><a href="{href}">{escape(name)} goal tree: this objective'
            f"{more}</a></p></li>"
        )

    def descendants(self, objective_id: str) -> int:
        total, stack = 0, list(self.view.goal_children.get(objective_id, ()))
        while stack:
            total += 1
            stack.extend(self.view.goal_children.get(stack.pop(), ()))
        return total


def pages(view: SiteView, split_at: int = SPLIT_AT) -> Iterator[Page]:
    render = renderer("pages/tree.html.j2")
    for period in view.periods:
        cut = split(view, period, split_at)
        path = tree_page(period.id)
        links = Links(view, path)
        tree = _Tree(view, links, period, None, cut)
        nodes = Markup(tree.render(view.goal_roots.get(period.id, ())))
        yield Page(
            path,
            f"Goal tree · {period.name or period.id}",
            render(
                view=view,
                links=links,
                period=period,
                nodes=nodes,
                department=None,
                departments=[
                    (d, links.to(tree_page(period.id, d))) for d in departments(view, period)
                ]
                if cut
                else [],
                filters=_filters(view, tree),
            ),
            search=False,
        )
        if not cut:
            continue
        roots_of = _department_roots(view, period)
        for department in departments(view, period):
            path = tree_page(period.id, department)
            links = Links(view, path)
            tree = _Tree(view, links, period, department, cut)
            roots = roots_of.get(department, [])
            yield Page(
                path,
                f"Goal tree · {view.unit_name(department)} · {period.name or period.id}",
                render(
                    view=view,
                    links=links,
                    period=period,
                    nodes=Markup(tree.render(roots)),
                    department=view.unit(department),
                    departments=[],
                    filters=_filters(view, tree),
                    up=links.to(tree_page(period.id)),
                ),
                search=False,
            )


def _department_roots(view: SiteView, period: Period) -> dict[str, list[str]]:
    """Each department's objectives whose parent is outside it (or outside the period), in
    the goal tree's order: one walk of the period's tree."""
    found: dict[str, list[str]] = {}
    stack: list[tuple[str, str | None]] = [
        (oid, None) for oid in reversed(view.goal_roots.get(period.id, ()))
    ]
    while stack:
        oid, above = stack.pop()
        objective = view.objective(oid)
        if objective is None:
            continue
        department = department_of(view, objective.unit)
        if department is not None and department != above:
            found.setdefault(department, []).append(oid)
        stack.extend((child, department) for child in reversed(view.goal_children.get(oid, ())))
    return found


def _filters(view: SiteView, tree: _Tree) -> dict[str, list[tuple[str, str]]]:
    """The choices of the page's filters: the units and people it shows, in reading order."""
    units = [
        (u, "\u00a0\u00a0" * view.depth[u] + view.unit_name(u))
        for u in view.unit_order
        if u in tree.units
    ]
    people = sorted(
        ((p, view.person_name(p)) for p in tree.people if p in view.cascade.people),
        key=lambda pair: (natural(pair[1]), pair[0]),
    )
    return {"units": units, "people": people}
