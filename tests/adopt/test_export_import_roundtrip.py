"""`okrctl export --format csv`, then `okrctl import table --preset okrctl` into an empty folder:
the objectives come back as they were."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest

from okrctl.lifecycle.repo import open_repository
from okrctl.model import NumericKeyResult
from okrctl.scoring import effective_scores, kr_score
from tests.adopt.conftest import Run
from tests.lifecycle.conftest import FIXTURE

TODAY = "2026-11-22"


def export_and_import(
    source: Path, target: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Export the repository at `source` as CSV and import it into `target`; the CSV."""
    monkeypatch.chdir(source)
    exported = okrctl("export", "--format", "csv", "--today", TODAY)
    assert exported.code == 0, exported.err
    table = source.parent / "export.csv"
    table.write_text(exported.out, "utf-8")
    done = okrctl("import", "table", str(table), "--preset", "okrctl", "--into", str(target),
                  "--today", TODAY)  # fmt: skip
    assert done.code == 0, done.out + done.err
    return exported.out


def test_a_title_guarded_against_formulas_comes_back_as_written(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export writes `'` before a cell that starts like a formula; the import takes it off."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    path = repo / "okrs/2026-Q4/acme/grow-q4.yaml"
    text = path.read_text("utf-8")
    text = text.replace("title: Grow the customer base", "title: '=Grow the customer base'")
    text = text.replace("title: New pricing page is live", "title: -New pricing page is live")
    path.write_text(text, "utf-8")
    exported = export_and_import(repo, tmp_path / "again", okrctl, monkeypatch)
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {r["title"] for r in rows} >= {"'=Grow the customer base", "'-New pricing page is live"}
    cascade = open_repository(tmp_path / "again").cascade
    grow = cascade.objectives["grow-q4"].objective
    assert grow.title == "=Grow the customer base"
    assert [kr.title for kr in grow.key_results] == [
        "Paying customers rise from 40 to 60",
        "-New pricing page is live",
    ]


# A repository in another house style than okrctl's own: four-space indents, quoted strings,
# links in flow style, descriptions as literal blocks over several paragraphs, and link titles
# holding the links cell's separator, commas, quotes, a backslash and a leading `=`.
HOUSE_ORG = """\
# Nordlicht Logistics -- maintained by the PMO, reviewed every Monday
apiVersion: "okrctl/v1"
kind: "Organization"
name: "Nordlicht Logistics"
units:
    - {id: nordlicht, name: "Nordlicht Logistics", lead: ines-berg}
    - {id: platform, name: "Platform", parent: nordlicht, lead: omar-haddad}
    - {id: growth, name: "Growth", parent: nordlicht, lead: yuki-tanaka}
people:
    - {id: ines-berg, name: "Ines Berg", unit: nordlicht}
    - {id: omar-haddad, name: "Omar Haddad", unit: platform}
    - {id: yuki-tanaka, name: "Yuki Tanaka", unit: growth}
    - {id: lena-vogt, name: "Lena Vogt", unit: platform}
periods:
    - {id: "2026-Q3", start: 2026-07-01, end: 2026-09-30}
    - {id: "2026-Q4", name: "Q4 2026", start: 2026-10-01, end: 2026-12-31}
"""

HOUSE_DELIVERIES = r"""# Company objective. Owner: Ines.
apiVersion: "okrctl/v1"
kind: "Objective"
id: "reliable-deliveries-q4"
title: "Deliver every parcel on the promised day"
description: |-
    - Late parcels cost us two key accounts in Q3; this is the one thing we fix first.
    - Measured by the dispatch system, not by hand; see C:\ops\reports for the raw exports.

    Second paragraph: "on time" means before 18:00; weekends count.
level: "strategic"
type: "committed"
unit: "nordlicht"
owner: "ines-berg"
period: "2026-Q4"
links:
    - {title: "Runbook; on-call <v2>", url: "https://wiki.example.com/runbook;v=2"}
    - {title: "=HYPERLINK(\"https://evil.example.com\")", url: "https://dash.example.com/d/1?a=1&b=2"}
    - {title: "Post-mortem, \"March\" outage \\ notes", url: "https://docs.example.com/pm/3"}
key_results:
    -   id: "late-share"
        title: "Late parcels fall from 8% to 2%"
        description: "Share of parcels delivered after the promised day; weekly."
        metric: "late-parcel-share"
        unit: "%"
        baseline: 8
        target: 2
        direction: "decrease"
        owner: "lena-vogt"
        weight: 2
        confidence: 0.6
        links: [{title: "Late parcels; weekly", url: "https://dash.example.com/d/late"}]
        checkins:
            - {date: 2026-10-09, value: 7, confidence: 0.6}
            - {date: 2026-11-06, value: 5, note: "Hub B rerouted"}
    -   id: "p95-delay"
        title: "P95 delivery delay under 2 hours"
        metric: "p95-delay"
        unit: "hours"
        target: 2
        direction: "decrease"
    -   id: "tracking-page"
        title: "Live tracking page for every parcel"
        kind: "milestone"
        done: true
        links: [{title: "+ Launch notes, v1", url: "https://docs.example.com/launch"}]
    -   id: "courier-app"
        title: "Couriers scan with the new app"
        kind: "milestone"
        status: "dropped"
        dropped_reason: "=moved to 2027-Q1; the vendor slipped"
"""

HOUSE_ONBOARDING = """\
apiVersion: "okrctl/v1"
kind: "Objective"
id: "self-serve-onboarding-q4"
title: "+15% self-serve sign-ups: onboarding without a call"
description: |-
    Ünïcödé and “typographic quotes” stay as they are.

    Tabs\tand a trailing backslash \\\\
level: "operational"
type: "aspirational"
unit: "growth"
owner: "yuki-tanaka"
contributors: ["platform"]
period: "2026-Q4"
parent: "reliable-deliveries-q4"
key_results:
    -   id: "days-to-first-shipment"
        title: "New customers ship within 14 days instead of 30"
        metric: "days-to-first-shipment"
        unit: "days"
        baseline: 30
        target: 14
        current: 21
"""

HOUSE_GRADED = """\
apiVersion: "okrctl/v1"
kind: "Objective"
id: "cheaper-routes-q3"
title: "Cut the cost per route"
level: "strategic"
unit: "platform"
owner: "omar-haddad"
period: "2026-Q3"
score: 0.7
key_results:
    -   {id: "cost-per-route", title: "Cost per route from 40 to 30 EUR", metric: "route-cost",
         unit: "EUR", baseline: 40, target: 30, current: 33, score: 0.7}
"""


def house_repository(root: Path) -> Path:
    """The Nordlicht repository, written in its own house style."""
    files = {
        "okrs/org.yaml": HOUSE_ORG,
        "okrs/2026-Q4/nordlicht/reliable-deliveries-q4.yaml": HOUSE_DELIVERIES,
        "okrs/2026-Q4/growth/self-serve-onboarding-q4.yaml": HOUSE_ONBOARDING,
        "okrs/2026-Q3/platform/cheaper-routes-q3.yaml": HOUSE_GRADED,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root


def _key_result_view(kr: Any, owner: str) -> dict[str, Any]:
    view = {
        "id": kr.id,
        "title": kr.title,
        "description": kr.description,
        "links": [(link.title, link.url) for link in kr.links],
        "owner": kr.owner or owner,
        "kind": kr.kind,
        "status": kr.status,
        "dropped_reason": kr.dropped_reason,
        "score": kr_score(kr),
        "weight": kr.weight,
    }
    if isinstance(kr, NumericKeyResult):
        view |= {"target": kr.target, "baseline": kr.baseline, "unit": kr.unit,
                 "direction": kr.effective_direction, "metric": kr.metric}  # fmt: skip
    else:
        view["done"] = kr.done
    return view


def view(root: Path) -> dict[str, dict[str, Any]]:
    """What a reader of the repository sees of each objective (check-ins aside: CSV has none)."""
    repository = open_repository(root)
    assert repository.file_errors() == []
    scores = effective_scores(repository.cascade)
    found = {}
    for entry in repository.cascade.objectives.values():
        objective = entry.objective
        found[objective.id] = {
            "title": objective.title,
            "description": objective.description,
            "links": [(link.title, link.url) for link in objective.links],
            "owner": objective.owner,
            "unit": objective.unit,
            "period": objective.period,
            "parent": objective.parent,
            "contributors": list(objective.contributors),
            "level": objective.level,
            "type": objective.type,
            "score": scores[objective.id],
            "key_results": [_key_result_view(kr, objective.owner) for kr in objective.key_results],
        }
    return found


def test_a_repository_in_another_house_style_comes_back_whole(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = house_repository(tmp_path / "nordlicht")
    target = tmp_path / "imported"
    exported = export_and_import(source, target, okrctl, monkeypatch)
    assert exported == okrctl("export", "--format", "csv", "--today", TODAY).out  # the same bytes
    before, after = view(source), view(target)
    assert before == after
    deliveries = after["reliable-deliveries-q4"]
    assert [title for title, _ in deliveries["links"]] == [
        "Runbook; on-call <v2>",
        '=HYPERLINK("https://evil.example.com")',
        'Post-mortem, "March" outage \\ notes',
    ]
    assert deliveries["description"] is not None and "\n\n" in deliveries["description"]
    assert deliveries["key_results"][1]["direction"] == "decrease"  # no baseline: given
    # The CSV of the imported repository is the CSV it came from, but for the check-ins
    monkeypatch.chdir(target)
    again = okrctl("export", "--format", "csv", "--today", TODAY).out
    unmoved = ("checkins", "last_checkin", "pace", "pace_note")
    assert [{k: v for k, v in row.items() if k not in unmoved} for row in rows(exported)] == [
        {k: v for k, v in row.items() if k not in unmoved} for row in rows(again)
    ]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_links_and_a_description_edited_in_a_spreadsheet(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person adds links and a description to the export before importing it; what is not a
    link is reported with its row and left out."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    monkeypatch.chdir(repo)
    table = rows(okrctl("export", "--format", "csv", "--today", TODAY).out)
    grow = next(i for i, r in enumerate(table) if r["objective"] == "grow-q4")
    table[grow]["links"] = (
        "Dashboard <https://grafana.example.com/d/1>; https://bare.example.com/x; "
        "a note, not a link; Files <ftp://files.example.com/x>"
    )
    table[grow]["description"] = "'=Why: the board asked.\\nSee the dashboard."
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    (tmp_path / "edited.csv").write_text(stream.getvalue(), "utf-8")
    target = tmp_path / "imported"
    done = okrctl("import", "table", str(tmp_path / "edited.csv"), "--preset", "okrctl",
                  "--into", str(target), "--today", TODAY)  # fmt: skip
    assert done.code == 0, done.out
    row = grow + 2  # the header is row 1
    name = (tmp_path / "edited.csv").as_posix()
    assert f"{name}:1: mapped: column 'links' read as links" in done.out
    assert f"{name}:{row}: unread: link 'a note, not a link' not read" in done.out
    assert f"{name}:{row}: unread: link 'ftp://files.example.com/x' not read" in done.out
    imported = open_repository(target).cascade.objectives["grow-q4"].objective
    assert [(link.title, link.url) for link in imported.links] == [
        ("Dashboard", "https://grafana.example.com/d/1"),
        ("https://bare.example.com/x", "https://bare.example.com/x"),
    ]
    assert imported.description == "=Why: the board asked.\nSee the dashboard."
