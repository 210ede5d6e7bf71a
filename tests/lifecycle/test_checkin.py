"""`okrctl checkin`: only the lines that change differ; a bad value, date or file changes nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.lifecycle.conftest import OKRCTL, Run, read, snapshot

LEADS = "okrs/2026-Q4/sales/leads-q4.yaml"
GROW = "okrs/2026-Q4/acme/grow-q4.yaml"


def test_numeric_checkin_changes_only_current_and_appends(repo: Path, okrctl: Run) -> None:
    before = read(repo, LEADS)
    result = okrctl(
        "checkin", "leads-q4", "qualified-leads", "180",
        "--confidence", "0.6", "--note", "Webinar: 30 more", "--date", "2026-11-20",
    )  # fmt: skip
    assert result == (
        0,
        f"{LEADS}: qualified-leads 150 leads -> 180 leads on 2026-11-20\n",
        "",
    )
    expected = before.replace(b"    current: 150\n", b"    current: 180\n").replace(
        b'        note: "Conference: 30 leads"\n',
        b'        note: "Conference: 30 leads"\n'
        b"      - date: 2026-11-20\n"
        b"        value: 180\n"
        b"        confidence: 0.6\n"
        b'        note: "Webinar: 30 more"\n',
    )
    assert read(repo, LEADS) == expected


def test_flow_empty_list_and_missing_current(repo: Path, okrctl: Run) -> None:
    before = read(repo, LEADS)
    assert okrctl("checkin", "leads-q4", "demo-calls", "15.5", "--date", "2026-11-02").code == 0
    assert read(repo, LEADS) == before.replace(
        b"    target: 10\n    checkins: []\n",
        b"    target: 10\n    current: 15.5\n    checkins:\n"
        b"      - date: 2026-11-02\n        value: 15.5\n",
    )


def test_milestone_sets_done_and_creates_checkins(repo: Path, okrctl: Run) -> None:
    before = read(repo, GROW)
    result = okrctl(
        "checkin", "grow-q4", "pricing-page", "true", "--date", "2026-11-20", "--by", "bo"
    )
    assert result.out == f"{GROW}: pricing-page not done -> done on 2026-11-20\n"
    assert read(repo, GROW) == before + (
        b"    done: true\n"
        b"    checkins:\n"
        b"      - date: 2026-11-20\n"
        b"        value: true\n"
        b"        by: bo\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("leads-q4", "qualified-leads", "12k"), "its value must be a number such as 300"),
        (("leads-q4", "qualified-leads", "nan"), "must be a finite number"),
        (("grow-q4", "pricing-page", "maybe"), "is a milestone"),
        (("leads-q4", "qualified-leads", "1", "--date", "2027-01-15"), "outside period 2026-Q4"),
        (("leads-q4", "qualified-leads", "1", "--date", "2026-10-31"), "already has a check-in of 2026-11-01"),
        (("leads-q4", "qualified-leads", "1", "--date", "2026-13-01"), "not a date written YYYY-MM-DD"),
        (("leads-q4", "nope", "1", "--date", "2026-11-20"), "no key result 'nope'"),
        (("nope", "x", "1", "--date", "2026-11-20"), "no objective 'nope'"),
        (("leads-q4", "qualified-leads", "1", "--by", "zed", "--date", "2026-11-20"), "unknown person 'zed'"),
        (("leads-q4", "qualified-leads", "1", "--confidence", "2"), "not in the range"),
    ],
)  # fmt: skip
def test_bad_input_is_a_usage_error_and_changes_nothing(
    repo: Path, okrctl: Run, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(repo)
    result = okrctl("checkin", *args)
    assert result.code == 2
    assert message in result.err
    assert snapshot(repo) == before


def test_a_closed_period_takes_no_checkins(repo: Path, okrctl: Run) -> None:
    org = repo / "okrs/org.yaml"
    org.write_text(
        org.read_text().replace("    end: 2026-09-30\n", "    end: 2026-09-30\n    closed: true\n")
    )
    before = snapshot(repo)
    result = okrctl("checkin", "leads-q3", "qualified-leads", "90", "--date", "2026-09-01")
    assert (result.code, result.err) == (
        2,
        "okrctl: period '2026-Q3' is closed: its objectives are graded history and take no check-ins\n",
    )
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("dropped", "message"),
    [
        ("  - id: qualified-leads\n", "key result 'qualified-leads' is dropped"),
        ("parent: grow-q4\n", "objective 'leads-q4' is dropped"),
    ],
)
def test_dropped_work_takes_no_checkins(
    repo: Path, okrctl: Run, dropped: str, message: str
) -> None:
    path = repo / LEADS
    indent = "    " if dropped.startswith("  -") else ""
    path.write_text(
        path.read_text().replace(
            dropped, f"{dropped}{indent}status: dropped\n{indent}dropped_reason: Merged into B\n"
        )
    )
    assert okrctl("check", "--today", "2026-11-20").code == 0
    before = snapshot(repo)
    result = okrctl("checkin", "leads-q4", "qualified-leads", "180", "--date", "2026-11-20")
    assert result.code == 2 and message in result.err, result
    assert snapshot(repo) == before


def test_a_note_the_model_refuses_is_reported_and_nothing_is_written(
    repo: Path, okrctl: Run
) -> None:
    before = snapshot(repo)
    result = okrctl(
        "checkin",
        "leads-q4",
        "qualified-leads",
        "190",
        "--date",
        "2026-11-21",
        "--note",
        "x" * 20_001,
    )
    assert result.code == 1
    assert result.out == (
        f"{LEADS}:36:15: error OKR204 `key_results[0].checkins[2].note` is too long: at most "
        "20000 characters\n1 error, 0 warnings in 1 file\n"
    )
    assert snapshot(repo) == before


def test_an_invalid_objective_file_is_reported_not_edited(repo: Path, okrctl: Run) -> None:
    path = repo / LEADS
    path.write_text(path.read_text().replace("level: operational", "level: operationl"))
    before = snapshot(repo)
    result = okrctl("checkin", "leads-q4", "qualified-leads", "190", "--date", "2026-11-21")
    assert result.code == 1
    assert f"{LEADS}:7:8: error OKR204" in result.out
    assert snapshot(repo) == before


def test_crlf_and_byte_order_mark_survive(repo: Path, okrctl: Run) -> None:
    path = repo / LEADS
    original = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    assert okrctl("checkin", "leads-q4", "qualified-leads", "200", "--date", "2026-11-21").code == 0
    assert path.read_bytes() == original.replace(b"current: 150\r\n", b"current: 200\r\n").replace(
        b"    # end of checkins\r\n",
        b"      - date: 2026-11-21\r\n        value: 200\r\n    # end of checkins\r\n",
    )


def test_as_a_subprocess(repo: Path) -> None:
    done = subprocess.run(
        [str(OKRCTL), "checkin", "grow-q4", "customers", "48", "--date", "2026-11-01"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"{GROW}: customers 45 customers -> 48 customers on 2026-11-01\n",
        "",
    )
    assert b"current: 48\n" in read(repo, GROW)


def test_a_note_without_a_value_is_a_status_update(repo: Path, okrctl: Run) -> None:
    before = read(repo, LEADS)
    result = okrctl(
        "checkin", "leads-q4", "demo-calls", "--note", "Tracking in the CRM, no data yet.",
        "--date", "2026-11-20",
    )  # fmt: skip
    assert result.code == 0
    assert result.out == f"{LEADS}: demo-calls 20 days -> 20 days on 2026-11-20\n"
    after = read(repo, LEADS)
    assert b"      - date: 2026-11-20\n        note: Tracking in the CRM, no data yet.\n" in after
    assert after.count(b"current:") == before.count(b"current:")  # nothing was measured
    assert okrctl("check", "--today", "2026-11-22").code == 0
    refused = okrctl("checkin", "leads-q4", "demo-calls", "--date", "2026-11-21")
    assert refused.code == 2 and "needs a --note" in refused.err


def test_checkins_are_accepted_within_the_grace_period_after_the_end(
    repo: Path, okrctl: Run
) -> None:
    late = okrctl("checkin", "leads-q4", "qualified-leads", "210", "--date", "2027-01-10")
    assert late.code == 0  # ten days after 2026-12-31: within the default 14
    assert okrctl("check", "--today", "2027-01-11").code == 0
    (repo / "okrctl.yaml").write_text("checkin_grace_days: 5\n")
    refused = okrctl("checkin", "leads-q4", "qualified-leads", "220", "--date", "2027-01-12")
    assert refused.code == 2
    assert "5 days" in refused.err and "2027-01-05" in refused.err
    found = okrctl("check", "--today", "2027-01-12")
    assert found.code == 1 and "OKR410" in found.out
