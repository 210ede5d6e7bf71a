"""Alignment health on the fixture organisation."""

from __future__ import annotations

import datetime as dt

from okrctl import index
from okrctl.load import SourceMap
from okrctl.model import Objective, Organization
from okrctl.site.alignment import health
from okrctl.site.view import SiteView, gather


def test_health_of_the_current_period(acme_view: SiteView) -> None:
    found = health(acme_view, "2026-Q4")
    assert [o.id for o in found.orphans] == []
    assert [o.id for o in found.unsupported] == ["data-strategy-q4"]
    assert [(d.dependent.id, d.needed.id) for d in found.unacknowledged] == [
        ("hostile-q4", "win-emea-q4")
    ]
    assert [(o.unit.id, o.objectives) for o in found.overloaded] == [("engineering", 2)]
    assert found.findings == 3


def test_closed_period(acme_view: SiteView) -> None:
    found = health(acme_view, "2026-Q3")
    assert [o.id for o in found.unsupported] == ["win-emea-q3"]
    assert found.orphans == [] and found.unacknowledged == [] and found.overloaded == []


def test_an_operational_objective_whose_chain_reaches_no_strategic_one() -> None:
    # The check refuses such a repository (a parent that does not exist); the health page
    # still reports the case for an index built without it.
    org = Organization.model_validate(
        {
            "apiVersion": "okrctl/v1",
            "kind": "Organization",
            "name": "o",
            "units": [{"id": "u", "name": "U"}],
            "periods": [{"id": "p", "start": "2026-01-01", "end": "2026-03-31"}],
        }
    )

    def operational(oid: str, parent: str) -> Objective:
        return Objective.model_validate(
            {
                "apiVersion": "okrctl/v1",
                "kind": "Objective",
                "id": oid,
                "title": "t",
                "level": "operational",
                "unit": "u",
                "owner": "x",
                "period": "p",
                "parent": parent,
                "key_results": [{"id": "k", "title": "t", "kind": "milestone"}],
            }
        )

    cascade = index.build(
        [(org, "org.yaml", SourceMap())],
        [
            (operational("a", "b"), "a.yaml", SourceMap()),
            (operational("b", "gone"), "b.yaml", SourceMap()),
        ],
    )
    found = health(gather(cascade, dt.date(2026, 2, 1)), "p")
    assert [o.id for o in found.orphans] == ["a", "b"]
