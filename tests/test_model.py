"""The model's shapes for real organisations' OKRs: roll-ups, dropped work, unknown baselines,
note-only check-ins, team owners, contributors and links."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from okrctl.model import Objective


def _objective(**fields: Any) -> dict[str, Any]:
    return {
        "apiVersion": "okrctl/v1",
        "kind": "Objective",
        "id": "grow",
        "title": "Grow",
        "level": "strategic",
        "unit": "company",
        "owner": "ana",
        "period": "2026-Q4",
        **fields,
    }


def test_a_roll_up_objective_has_no_key_results() -> None:
    assert Objective.model_validate(_objective()).key_results == []
    assert Objective.model_validate(_objective(key_results=[])).key_results == []


def test_weight_zero_and_dropped_work() -> None:
    objective = Objective.model_validate(
        _objective(
            weight=0.0,
            status="dropped",
            dropped_reason="De-prioritised in week 3.",
            key_results=[
                {
                    "id": "a",
                    "title": "A",
                    "metric": "a",
                    "unit": "%",
                    "baseline": 0.0,
                    "target": 1.0,
                    "weight": 0.0,
                    "status": "dropped",
                }
            ],
        )
    )
    assert objective.weight == 0 and objective.status == "dropped"
    assert objective.key_results[0].weight == 0 and objective.key_results[0].status == "dropped"
    with pytest.raises(ValidationError):
        Objective.model_validate(_objective(status="paused"))
    with pytest.raises(ValidationError):
        Objective.model_validate(_objective(weight=-1.0))


def test_unknown_baseline_takes_the_first_measured_check_in() -> None:
    objective = Objective.model_validate(
        _objective(
            key_results=[
                {
                    "id": "wau",
                    "title": "Weekly active users grow by a quarter",
                    "metric": "wau",
                    "unit": "users",
                    "direction": "increase",
                    "target": 1250.0,
                    "checkins": [
                        {"date": "2026-10-02", "note": "No data yet."},
                        {"date": "2026-10-16", "value": 1000.0},
                        {"date": "2026-10-30", "value": 1100.0},
                    ],
                }
            ]
        )
    )
    kr = objective.key_results[0]
    assert kr.kind == "numeric"
    assert kr.baseline is None and kr.known_baseline == 1000.0
    assert kr.effective_direction == "increase"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.com/x",
        "https://",
        "https:///path",
        'https://example.com/"onmouseover="x',
        "https://exa mple.com",
        "https://example.com/<script>",
    ],
)
def test_links_are_http_urls_with_a_host(url: str) -> None:
    with pytest.raises(ValidationError):
        Objective.model_validate(_objective(links=[{"title": "x", "url": url}]))


def test_team_owner_contributors_and_links_are_kept() -> None:
    objective = Objective.model_validate(
        _objective(
            owner="platform",
            contributors=["infra", "dr"],
            links=[{"title": "RFC 12", "url": "https://example.com/rfc/12?x=1#top"}],
        )
    )
    assert objective.owner == "platform"
    assert objective.contributors == ["infra", "dr"]
    assert objective.links[0].url == "https://example.com/rfc/12?x=1#top"
