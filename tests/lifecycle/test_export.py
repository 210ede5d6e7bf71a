"""`okrctl export`: the cascade with scores as deterministic JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.lifecycle.conftest import Run

CSV = """\
record,period,unit,objective,key_result,title,owner,level,type,kind,metric,unit_of_measure,baseline,target,current,done,weight,confidence,score,graded,band,status,dropped_reason,parent,carried_from,contributors,checkins,last_checkin,file,pace,pace_note,direction,description,links
objective,2026-Q4,acme,grow-q4,,Grow the customer base,ada,strategic,committed,,,,,,,,1,,0.25,false,,active,,,,,,,okrs/2026-Q4/acme/grow-q4.yaml,off track,"0.25 now, 43% of the 0.58 due by today: off track (under 60% of what is due)",,,
key_result,2026-Q4,acme,grow-q4,customers,Paying customers rise from 40 to 60,ada,,,numeric,customers,customers,40,60,45,,1,,0.25,false,,active,,,,,1,2026-10-15,okrs/2026-Q4/acme/grow-q4.yaml,off track,"0.25 now, 43% of the 0.58 due by today: off track (under 60% of what is due)",increase,,
key_result,2026-Q4,acme,grow-q4,pricing-page,New pricing page is live,ada,,,milestone,,,,,,false,1,,,false,,active,,,,,0,,okrs/2026-Q4/acme/grow-q4.yaml,not measured,not measured yet: no value recorded; 1.00 expected at the end,,,
objective,2026-Q4,sales,leads-q4,,Fill the pipeline,bo,operational,aspirational,,,,,,,,1,,0.25,false,,active,,grow-q4,,,,,okrs/2026-Q4/sales/leads-q4.yaml,at risk,"0.25 now, 61% of the 0.40 due by today, 0.70 expected at the end: at risk (60% to 89% of what is due); owner's confidence 50%",,,
key_result,2026-Q4,sales,leads-q4,qualified-leads,Qualified leads rise from 100 to 300,bo,,,numeric,qualified-leads,leads,100,300,150,,1,0.5,0.25,false,,active,,,,,2,2026-11-01,okrs/2026-Q4/sales/leads-q4.yaml,off track,"0.25 now, 43% of the 0.58 due by today: off track (under 60% of what is due); owner's confidence 50%",increase,,
key_result,2026-Q4,sales,leads-q4,demo-calls,Demo calls fall from 20 to 10 days lead time,bo,,,numeric,demo-lead-time,days,20,10,,,1,,,false,,active,,,,,0,,okrs/2026-Q4/sales/leads-q4.yaml,not measured,not measured yet: no value recorded; 1.00 expected at the end,decrease,,
"""


def test_csv_of_one_period(repo: Path, okrctl: Run) -> None:
    result = okrctl("export", "--format", "csv", "--period", "2026-Q4", "--today", "2026-11-22")
    assert result == (0, CSV, "")


def test_json_is_the_whole_cascade_in_calendar_order(repo: Path, okrctl: Run) -> None:
    data = json.loads(okrctl("export", "--today", "2026-11-22").out)
    assert data["organization"] == "Acme Sensors"
    assert [p["id"] for p in data["periods"]] == ["2026-Q3", "2026-Q4", "2027-Q1"]
    assert [o["id"] for o in data["objectives"]] == ["leads-q3", "grow-q4", "leads-q4"]
    grow = data["objectives"][1]
    # Not measured yet is left out, not counted as 0: the pricing page (own key results: 0.25)
    # and the demo calls of leads-q4, which supports it (0.25), blend to 0.25.
    # The grading colour only for a grade; while the period runs, the pace says how it goes.
    assert grow["score"] == 0.25 and grow["band"] is None and not grow["graded"]
    assert grow["pace"] == "off track"
    assert (
        grow["pace_note"]
        == "0.25 now, 43% of the 0.58 due by today: off track (under 60% of what is due)"
    )
    assert grow["key_results"][1]["pace"] == "not measured"
    assert grow["key_results"][1]["score"] is None
    assert grow["status"] == "active" and grow["contributors"] == []
    assert grow["key_results"][0] == {
        "id": "customers",
        "title": "Paying customers rise from 40 to 60",
        "kind": "numeric",
        "owner": "ada",
        "weight": 1.0,
        "status": "active",
        "dropped_reason": None,
        "confidence": None,
        "score": 0.25,
        "graded": False,
        "checkins": 1,
        "last_checkin": "2026-10-15",
        "pace": "off track",
        "pace_note": "0.25 now, 43% of the 0.58 due by today: off track (under 60% of what is due)",
        "metric": "customers",
        "unit": "customers",
        "baseline": 40.0,
        "target": 60.0,
        "current": 45.0,
        "direction": "increase",
    }


def test_a_graded_objective_has_its_grading_colour(repo: Path, okrctl: Run) -> None:
    path = repo / "okrs/2026-Q3/sales/leads-q3.yaml"
    path.write_text(path.read_text().replace("period: 2026-Q3\n", "period: 2026-Q3\nscore: 0.6\n"))
    data = json.loads(okrctl("export", "--period", "2026-Q3", "--today", "2026-11-22").out)
    (q3,) = data["objectives"]
    assert (q3["graded"], q3["score"], q3["band"]) == (True, 0.6, "yellow")
    # Graded work has no pace: its grade and band say how it ended.
    assert (q3["pace"], q3["pace_note"]) == (None, None)


def test_finished_work_has_no_pace(repo: Path, okrctl: Run) -> None:
    grow = repo / "okrs/2026-Q4/acme/grow-q4.yaml"
    grow.write_text(grow.read_text().replace("period: 2026-Q4\n", "period: 2026-Q4\nscore: 0.3\n"))
    data = json.loads(okrctl("export", "--period", "2026-Q4", "--today", "2026-11-22").out)
    graded, running = data["objectives"]
    assert (graded["id"], graded["pace"], graded["pace_note"]) == ("grow-q4", None, None)
    assert running["pace"] == "at risk"  # the objective beside it still runs
    org = repo / "okrs/org.yaml"
    org.write_text(
        org.read_text().replace("end: 2026-09-30\n", "end: 2026-09-30\n    closed: true\n")
    )
    rows = list(csv.DictReader(io.StringIO(okrctl("export", "--format", "csv").out)))
    q3 = [r for r in rows if r["period"] == "2026-Q3"]
    assert q3 and all(r["pace"] == r["pace_note"] == "" for r in q3)  # a closed period


def test_output_is_deterministic_and_can_go_to_a_file(repo: Path, okrctl: Run) -> None:
    first = okrctl("export", "--format", "csv").out
    result = okrctl("export", "--format", "csv", "--out", "out/report.csv")
    assert (result.code, result.err) == (0, "wrote out/report.csv\n")
    assert (repo / "out/report.csv").read_text() == first == okrctl("export", "--format", "csv").out


def test_formulas_are_defused_in_text_cells(repo: Path, okrctl: Run) -> None:
    path = repo / "okrs/2026-Q4/acme/grow-q4.yaml"
    path.write_text(path.read_text().replace("Grow the customer base", "'=HYPERLINK(\"x\")'"))
    rows = list(csv.DictReader(io.StringIO(okrctl("export", "--format", "csv").out)))
    assert rows[3]["title"] == '\'=HYPERLINK("x")'


def test_unknown_period_and_broken_files(repo: Path, okrctl: Run) -> None:
    assert okrctl("export", "--period", "1999").code == 2
    path = repo / "okrs/2026-Q4/acme/grow-q4.yaml"
    path.write_text(path.read_text().replace("level: strategic", "level: big"))
    result = okrctl("export", "--format", "csv")
    assert result.code == 1
    assert "1 file(s) did not validate" in result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert {r["objective"] for r in rows} == {"leads-q3", "leads-q4"}


def test_descriptions_and_links_in_both_formats(repo: Path, okrctl: Run) -> None:
    path = repo / "okrs/2026-Q4/acme/grow-q4.yaml"
    path.write_text(
        path.read_text().replace(
            "level: strategic\n",
            "level: strategic\ndescription: |-\n  -Why now;\n  see <below>\n"
            "links:\n  - {title: 'Plan; v2', url: 'https://example.com/plan'}\n"
            "  - {title: '=Board <deck>', url: 'https://example.com/deck'}\n",
        )
    )
    data = json.loads(okrctl("export", "--today", "2026-11-22").out)
    grow = data["objectives"][1]
    assert grow["description"] == "-Why now;\nsee <below>"
    assert grow["links"][0] == {"title": "Plan; v2", "url": "https://example.com/plan"}
    assert "description" not in grow["key_results"][0]  # only where there is one
    rows = list(csv.DictReader(io.StringIO(okrctl("export", "--format", "csv").out)))
    assert rows[3]["description"] == "'-Why now;\\nsee <below>"
    assert rows[3]["links"] == (
        "Plan\\; v2 <https://example.com/plan>; =Board \\<deck> <https://example.com/deck>"
    )
    assert [r["direction"] for r in rows[3:6]] == ["", "increase", ""]
