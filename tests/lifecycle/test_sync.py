"""`okrctl sync`: check-ins from metric sources, through the same edits as `okrctl checkin`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.lifecycle.conftest import Run, allow_command, read, snapshot

LEADS = "okrs/2026-Q4/sales/leads-q4.yaml"
GROW = "okrs/2026-Q4/acme/grow-q4.yaml"


@pytest.fixture
def sourced(repo: Path) -> Path:
    """The fixture with a CSV source, a command source and a source whose file is missing."""
    (repo / "metrics").mkdir()
    (repo / "metrics/leads.csv").write_text("week,leads\n2026-10-05,120\n2026-11-16,210\n")
    path = repo / LEADS
    path.write_text(
        path.read_text()
        .replace(
            "    confidence: 0.5\n    checkins:",
            "    confidence: 0.5\n    source:\n      path: metrics/leads.csv\n"
            "      column: leads\n      aggregate: max\n    checkins:",
        )
        .replace(
            "    target: 10\n    checkins: []",
            f'    target: 10\n    source:\n      command: ["{sys.executable}", -c, "print(12.5)"]\n'
            "    checkins: []",
        )
    )
    allow_command(repo, [sys.executable, "-c", "print(12.5)"])
    grow = repo / GROW
    grow.write_text(
        grow.read_text().replace(
            "    kind: milestone\n",
            "    kind: milestone\n    source: {path: metrics/pricing.json, column: live}\n",
        )
    )
    return repo


def test_sync_records_changed_values_and_reports_a_missing_source(
    sourced: Path, okrctl: Run
) -> None:
    before = read(sourced, LEADS)
    result = okrctl("sync", "--date", "2026-11-20", "--format", "text")
    assert result.code == 1
    assert result.out == (
        f"{LEADS}: qualified-leads 150 leads -> 210 leads\n"
        f"{LEADS}: demo-calls 20 days -> 12.5 days\n"
        "recorded 2 check-ins on 2026-11-20\n"
        f"{GROW}:25:20: error OKR810 metrics/pricing.json does not exist\n"
        "1 error, 0 warnings in 1 file\n"
    )
    assert read(sourced, LEADS) == before.replace(b"current: 150\n", b"current: 210\n").replace(
        b"    # end of checkins\n",
        b"      - date: 2026-11-20\n        value: 210\n    # end of checkins\n",
    ).replace(
        b"    checkins: []\n",
        b"    checkins:\n      - date: 2026-11-20\n        value: 12.5\n",
    ).replace(b"    target: 10\n", b"    target: 10\n    current: 12.5\n")


def test_a_second_run_changes_nothing(sourced: Path, okrctl: Run) -> None:
    (sourced / "metrics/pricing.json").write_text('[{"live": false}]')
    okrctl("sync", "--date", "2026-11-20")
    before = snapshot(sourced)
    result = okrctl("sync", "--date", "2026-11-27")
    assert result == (
        0,
        f"{GROW}: pricing-page unchanged (not done)\n"
        f"{LEADS}: qualified-leads unchanged (210 leads)\n"
        f"{LEADS}: demo-calls unchanged (12.5 days)\n"
        "recorded 0 check-ins on 2026-11-27\n",
        "",
    )
    assert snapshot(sourced) == before


def test_a_milestone_source_marks_it_done(sourced: Path, okrctl: Run) -> None:
    (sourced / "metrics/pricing.json").write_text('[{"live": false}, {"live": true}]')
    okrctl("sync", "--date", "2026-11-20")
    assert b"    done: true\n" in read(sourced, GROW)


def test_dry_run_and_days_outside_open_periods(sourced: Path, okrctl: Run) -> None:
    before = snapshot(sourced)
    assert "would record 1 check-in " in okrctl("sync", "--date", "2026-11-20", "--dry-run").out
    run = okrctl("sync", "--date", "2026-11-20", "--dry-run", "--run-commands")
    assert "would record 2 check-ins" in run.out
    assert okrctl("sync", "--date", "2027-02-01").out == "recorded 0 check-ins on 2027-02-01\n"
    assert snapshot(sourced) == before


def test_a_checkin_after_the_day_is_not_overwritten(sourced: Path, okrctl: Run) -> None:
    result = okrctl("sync", "--date", "2026-10-20", "--format", "text")
    assert (
        f"{LEADS}:25:5: warning OKR815 has a check-in of 2026-11-01, after 2026-10-20; "
        "sync records no earlier value\n"
    ) in result.out


def test_github_format_for_actions(sourced: Path, okrctl: Run) -> None:
    result = okrctl("sync", "--date", "2026-11-20", "--format", "github")
    assert f"::error file={GROW},line=25,col=20" in result.out


@pytest.mark.parametrize("day", ["2026-11-20", "2027-02-01"])
def test_json_format_prints_the_document_alone(sourced: Path, okrctl: Run, day: str) -> None:
    """With `--format json` stdout is one JSON document (findings or none), whatever was
    recorded; what was recorded goes to stderr."""
    result = okrctl("sync", "--date", day, "--format", "json")
    document = json.loads(result.out)
    found = [(f["file"], f["line"], f["code"]) for f in document["findings"]]
    if day == "2026-11-20":  # the pricing source's file is missing
        assert (result.code, found) == (1, [(GROW, 25, "OKR810")])
        assert "recorded 2 check-ins on 2026-11-20" in result.err
    else:  # no period open: nothing read, nothing found
        assert (result.code, found) == (0, [])
        assert "recorded 0 check-ins on 2027-02-01" in result.err
