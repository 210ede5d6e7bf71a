"""`okrctl import` end to end: every house style of the corpus, and spreadsheets in two layouts,
import into a repository that `okrctl check` passes with no errors, and that builds."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
import yaml

from okrctl import engine
from okrctl.config import Config
from tests.adopt.conftest import CORPUS, Run, snapshot
from tests.adopt.tables import MAPPED_CSV, MAPPING, viva_xlsx
from tests.lifecycle.conftest import OKRCTL

TODAY = "2026-09-15"
STYLES = {
    "headings.md": ("2026-Q3", 3, 7),
    "numbered-owners.md": (None, 3, 7),
    "tasklists.md": (None, 2, 7),
    "messy.md": (None, 3, 5),
    "multi-period.md": (None, 2, 5),
    "handbook.md": (None, 5, 7),
}


def checked(root: Path, today: str = TODAY) -> engine.CheckResult:
    result = engine.check_repository(
        root, config=Config(), today=dt.date.fromisoformat(today), jobs=1
    )
    errors = [d for d in result.diagnostics if d.severity.name == "ERROR"]
    assert errors == []
    return result


def objective(root: Path, path: str) -> dict[str, object]:
    data = yaml.safe_load((root / path).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("style", sorted(STYLES))
def test_each_house_style_imports_into_a_clean_repository(
    style: str, tmp_path: Path, okrctl: Run
) -> None:
    period, objectives, key_results = STYLES[style]
    target = tmp_path / "repo"
    args = ["import", "markdown", str(CORPUS / style), "--into", str(target), "--today", TODAY]
    result = okrctl(*args, *(["--period", period] if period else []))
    assert result.code == 0, result.out + result.err
    assert f"{objectives} objective(s), {key_results} key result(s)" in result.err
    assert "error" not in result.out
    written = snapshot(target)
    assert "okrs/org.yaml" in written and "okrctl.yaml" in written
    # no staging file, journal or lock of the transaction left in the repository
    assert not [f for f in written if f.startswith(".okrctl") or f.endswith(".tmp")]
    assert sorted(p.name for p in target.iterdir()) == ["okrctl.yaml", "okrs", "schema"]
    assert checked(target).files
    # the same input gives the same bytes
    again = tmp_path / "again"
    assert (
        okrctl(*args[:4], str(again), *args[5:], *(["--period", period] if period else [])).code
        == 0
    )
    assert snapshot(again) == written


def test_headings_style_reads_units_numbers_links_and_milestones(
    tmp_path: Path, okrctl: Run
) -> None:
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target))
    assert result.code == 0
    org = yaml.safe_load((target / "okrs/org.yaml").read_text())
    assert org["name"] == "Northwind"
    assert [(u["id"], u.get("parent")) for u in org["units"]] == [
        ("northwind", None), ("platform", "northwind"), ("growth", "northwind"),
    ]  # fmt: skip
    assert [p["id"] for p in org["periods"]] == ["2026-Q3"]
    deploys = objective(target, "okrs/2026-Q3/platform/make-deploys-boring.yaml")
    assert deploys["owner"] == "platform"  # nobody named: the team owns it
    krs = deploys["key_results"]
    assert (krs[0]["baseline"], krs[0]["target"], krs[0]["unit"]) == (40, 10, "minutes")
    assert "baseline" not in krs[1] and (krs[1]["target"], krs[1]["direction"]) == (2, "decrease")
    assert krs[2]["kind"] == "milestone" and "done" not in krs[2]
    assert krs[2]["links"] == [
        {"title": "deploy runbook", "url": "https://wiki.example.com/runbook"}
    ]
    costs = objective(target, "okrs/2026-Q3/platform/know-our-costs.yaml")
    assert (costs["key_results"][0]["baseline"], costs["key_results"][0]["unit"]) == (120000, "USD")
    trials = objective(target, "okrs/2026-Q3/growth/turn-trials-into-customers.yaml")
    assert trials["description"].startswith("Trials convert too slowly")
    mqls = trials["key_results"][1]
    assert (mqls["baseline"], mqls["target"], mqls["unit"]) == (1, 3, "x")
    assert "headings.md:25: mapped: numbers read as a multiple of the start" in result.out


def test_owner_prefixes_notes_and_supporting_objectives(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(CORPUS / "numbered-owners.md"),
                    "--into", str(target), "--today", "2026-09-15")  # fmt: skip
    assert result.code == 0
    org = yaml.safe_load((target / "okrs/org.yaml").read_text())
    assert [p["id"] for p in org["people"]] == ["anna-keller", "ravi-shah", "lena-wu"]
    assert [p["id"] for p in org["periods"]] == ["2026-H2"]
    uptime = objective(target, "okrs/2026-H2/ops/customers-trust-our-uptime.yaml")
    assert uptime["contributors"] == ["sre"]
    alerts = uptime["key_results"][1]
    assert alerts["checkins"] == [
        {"date": dt.date(2026, 9, 15), "note": "alert review started, down to 22 so far"}
    ]
    assert uptime["key_results"][0]["owner"] == "anna-keller"
    crashes = objective(target, "okrs/2026-H2/mobile/fix-the-crash-backlog.yaml")
    assert crashes["parent"] == "ship-the-mobile-app"
    assert "numbered-owners.md:4: guessed: 'Anna Keller' read as a person (the owner)" in result.out


def test_task_boxes_strikethrough_and_tags(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(CORPUS / "tasklists.md"), "--into", str(target),
                    "--today", "2026-11-20")  # fmt: skip
    assert result.code == 0
    onboarding = objective(
        target, "okrs/2026-Q4/our-organisation/launch-the-self-serve-onboarding.yaml"
    )
    assert onboarding["description"] == "Tags: P0"
    krs = onboarding["key_results"]
    assert [kr.get("done") for kr in krs] == [True, False, False, None]
    assert krs[0]["owner"] == "maria" and krs[1]["owner"] == "tom"
    assert (krs[3]["status"], krs[3]["dropped_reason"]) == ("dropped", "moved to 2027")
    tickets = objective(
        target, "okrs/2026-Q4/our-organisation/fewer-support-tickets-per-customer.yaml"
    )
    # a line wrapped under an item is the same paragraph (CommonMark): part of the title, as
    # on real pages that wrap long key results; a note says so (`=> ...`, `Note: ...`)
    assert tickets["key_results"][0]["title"] == (
        "Tickets per 100 customers under 15 Still no data from the new helpdesk."
    )
    assert tickets["key_results"][2]["dropped_reason"] == "Struck through in the source"


def test_messy_page_reports_what_it_cannot_place(tmp_path: Path, okrctl: Run) -> None:
    result = okrctl("import", "markdown", str(CORPUS / "messy.md"), "--into", str(tmp_path / "r"))
    assert result.code == 0
    assert "messy.md:4: mapped: paragraph read as the organisation's description" in result.out
    assert (
        "messy.md:15: unread: paragraph not placed: 'random thought: should we hire?'" in result.out
    )
    assert (
        "messy.md:8: mapped: read as the latest check-in note of the key result above" in result.out
    )


def test_multi_period_page_keeps_the_unit_across_periods(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    assert (
        okrctl("import", "markdown", str(CORPUS / "multi-period.md"), "--into", str(target)).code
        == 0
    )
    assert sorted(
        p.relative_to(target / "okrs").as_posix() for p in (target / "okrs").rglob("*.yaml")
    ) == [
        "2026-Q3/data-team/trustworthy-dashboards.yaml",
        "2026-Q4/data-team/self-serve-analytics.yaml",
        "org.yaml",
    ]


def test_viva_goals_xlsx_imports_and_builds(tmp_path: Path, okrctl: Run) -> None:
    book = viva_xlsx(tmp_path / "export.xlsx")
    target = tmp_path / "repo"
    result = okrctl("import", "table", str(book), "--preset", "viva-goals", "--into", str(target),
                    "--today", "2027-02-01", "--name", "Acme")  # fmt: skip
    assert result.code == 0, result.out
    checked(target, "2027-02-01")
    org = yaml.safe_load((target / "okrs/org.yaml").read_text())
    assert org["periods"] == [{"id": "2027-Q1", "name": "Q1 2027", "start": dt.date(2027, 1, 1),
                               "end": dt.date(2027, 3, 31)}]  # fmt: skip
    assert {p["email"] for p in org["people"]} >= {"ceo@acme.example", "sales@acme.example"}
    top = objective(
        target, "okrs/2027-Q1/acme/become-the-default-choice-for-mid-size-warehouses.yaml"
    )
    nps = top["key_results"][0]
    assert (nps["baseline"], nps["target"], nps["unit"]) == (31, 45, "points")
    assert "current" not in nps  # a formula: its value was never computed, so nothing is read
    win = objective(target, "okrs/2027-Q1/sales/win-the-cold-chain-segment.yaml")
    assert win["parent"] == top["id"] and win["owner"] == "grace-hopper"
    deals, size, partner = win["key_results"]
    assert (deals["baseline"], deals["target"], deals["current"]) == (4, 12, 7)
    assert ("baseline" not in size) and size["direction"] == "increase"
    assert partner["kind"] == "milestone" and partner["done"] is True
    berlin = objective(target, "okrs/2027-Q1/operations/open-the-berlin-office.yaml")
    assert berlin["status"] == "dropped"
    assert "export.xlsx:3: unread: status 'behind' not imported" in result.out
    out = tmp_path / "site"
    done = subprocess.run(
        [str(OKRCTL), "build", "--today", "2027-02-01", "--out", str(out)],
        cwd=target, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = next(out.rglob("*.html")).read_text("utf-8")
    assert "Acme" in page
    assert any("Win the cold-chain segment" in p.read_text("utf-8") for p in out.rglob("*.html"))


def test_csv_through_a_mapping_file(tmp_path: Path, okrctl: Run) -> None:
    (tmp_path / "goals.csv").write_text(MAPPED_CSV, "utf-8")
    (tmp_path / "map.yaml").write_text(MAPPING, "utf-8")
    target = tmp_path / "repo"
    result = okrctl("import", "table", str(tmp_path / "goals.csv"), "--mapping",
                    str(tmp_path / "map.yaml"), "--into", str(target), "--today", "2026-11-01")  # fmt: skip
    assert result.code == 0, result.out
    checked(target, "2026-11-01")
    checkout = objective(target, "okrs/2026-Q4/our-organisation/make-checkout-effortless.yaml")
    assert checkout["parent"] == "grow-recurring-revenue" and checkout["owner"] == "tom"
    assert checkout["key_results"][0]["unit"] == "%"


def test_okrctl_export_then_import_gives_back_the_same_objectives(tmp_path: Path) -> None:
    main = Path(__file__).resolve().parents[2]
    export = subprocess.run([str(OKRCTL), "export", "--format", "csv"], cwd=main,
                            capture_output=True, text=True, check=True, timeout=120)  # fmt: skip
    (tmp_path / "okrs.csv").write_text(export.stdout, "utf-8")
    target = tmp_path / "repo"
    done = subprocess.run(
        [str(OKRCTL), "import", "table", "okrs.csv", "--preset", "okrctl", "--into", str(target),
         "--today", "2026-11-22"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    again = subprocess.run([str(OKRCTL), "export", "--format", "csv"], cwd=target,
                           capture_output=True, text=True, check=True, timeout=120)  # fmt: skip
    import csv
    import io

    before = list(csv.DictReader(io.StringIO(export.stdout)))
    after = list(csv.DictReader(io.StringIO(again.stdout)))
    assert len(before) == len(after) > 50
    unmoved = ("checkins", "last_checkin")  # the CSV carries no check-ins
    for old, new in zip(before, after, strict=True):
        assert {k: v for k, v in old.items() if k not in unmoved} == {
            k: v for k, v in new.items() if k not in unmoved
        }


def test_handbook_page_nests_units_rolls_up_and_drops(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(CORPUS / "handbook.md"), "--into", str(target),
                    "--today", "2026-09-15")  # fmt: skip
    assert result.code == 0
    org = yaml.safe_load((target / "okrs/org.yaml").read_text())
    assert org["name"] == "Acme Handbook"
    assert (
        org["description"]
        == "Our OKRs for the second half. Owners update this page every other Friday."
    )
    assert [(u["id"], u.get("parent")) for u in org["units"]] == [
        ("acme-handbook", None), ("engineering", "acme-handbook"), ("platform", "engineering"),
        ("support", "acme-handbook"),
    ]  # fmt: skip
    top = objective(
        target, "okrs/2026-H2/acme-handbook/be-the-easiest-tool-to-adopt-in-our-market.yaml"
    )
    assert top["key_results"] == [] and top["owner"] == "acme-handbook"  # a roll-up, team-owned
    onboarding = objective(
        target, "okrs/2026-H2/engineering/make-onboarding-self-serve-rfc-12.yaml"
    )
    assert onboarding["parent"] == top["id"]
    assert onboarding["links"] == [{"title": "RFC 12", "url": "https://rfc.example.com/12"}]
    assert onboarding["key_results"][0]["unit"] == "days"
    migrate = objective(target, "okrs/2026-H2/platform/migrate-to-the-new-cloud-region.yaml")
    assert (migrate["status"], migrate["dropped_reason"]) == ("dropped", "postponed to 2027")
    assert "handbook.md:25: unread: table not read" in result.out
    assert "handbook.md:32: unread: code block not read" in result.out


@pytest.mark.parametrize("style", sorted(STYLES))
def test_the_report_of_each_house_style(style: str, tmp_path: Path, okrctl: Run,
                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """The whole report, line by line, against `corpus/<style>.report` (regenerate a report
    with `okrctl import markdown <style> --dry-run --today 2026-09-15 [--period P]` in the
    corpus folder, and review the difference)."""
    monkeypatch.chdir(CORPUS)
    period, _, _ = STYLES[style]
    result = okrctl("import", "markdown", style, "--dry-run", "--today", TODAY,
                    "--into", str(tmp_path / "repo"), *(["--period", period] if period else []))  # fmt: skip
    assert result.out == (CORPUS / style.replace(".md", ".report")).read_text("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("style", sorted(STYLES))
def test_each_imported_house_style_builds(
    style: str, tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    period, _, _ = STYLES[style]
    target = tmp_path / "repo"
    args = ["import", "markdown", str(CORPUS / style), "--into", str(target), "--today", TODAY]
    assert okrctl(*args, *(["--period", period] if period else [])).code == 0
    titles = [objective(target, p.relative_to(target).as_posix())["title"]
              for p in sorted((target / "okrs").rglob("*.yaml")) if p.name != "org.yaml"]  # fmt: skip
    monkeypatch.chdir(target)
    built = okrctl("build", "--today", TODAY, "--out", str(tmp_path / "site"))
    assert built.code == 0, built.err
    html = "".join(p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html"))
    for title in titles:
        assert title.replace("&", "&amp;").replace("'", "&#39;") in html or title in html


def test_semicolons_and_extra_sheets(tmp_path: Path, okrctl: Run) -> None:
    (tmp_path / "semi.csv").write_text(
        "Row ID;Title;Parent;Entity;Time Period;Start Value;Target Value\n"
        "1;Grow;;Objective;Q1 2027;;\n2;Revenue;1;Key Result;Q1 2027;1,5;3\n"
    )
    result = okrctl("import", "table", str(tmp_path / "semi.csv"), "--into", str(tmp_path / "a"))
    assert result.code == 0, result.out
    assert "semi.csv:1: mapped: columns separated by ';'" in result.out
    revenue = objective(tmp_path / "a", "okrs/2027-Q1/our-organisation/grow.yaml")["key_results"][0]
    assert (revenue["baseline"], revenue["target"]) == (1.5, 3)  # a decimal comma, with ";"
    from openpyxl import load_workbook

    book = viva_xlsx(tmp_path / "two.xlsx")
    workbook = load_workbook(book)
    workbook.create_sheet("Notes").append(["ignore me"])
    workbook.save(book)
    result = okrctl("import", "table", str(book), "--into", str(tmp_path / "b"), "--dry-run")
    assert (
        "two.xlsx:1: unread: sheet 'Notes' not read (only the first visible sheet is; --sheet "
        "NAME chooses)" in result.out
    )


@pytest.mark.parametrize("style", ["handbook.md", "tasklists.md", "numbered-owners.md"])
def test_export_then_import_keeps_dropped_work_roll_ups_and_contributors(
    style: str, tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert (
        okrctl(
            "import", "markdown", str(CORPUS / style), "--into", str(first), "--today", TODAY
        ).code
        == 0
    )
    monkeypatch.chdir(first)
    exported = okrctl("export", "--format", "csv")
    assert exported.code == 0
    (tmp_path / "okrs.csv").write_text(exported.out, "utf-8")
    result = okrctl("import", "table", str(tmp_path / "okrs.csv"), "--preset", "okrctl",
                    "--into", str(second), "--today", TODAY)  # fmt: skip
    assert result.code == 0, result.out
    monkeypatch.chdir(second)
    again = okrctl("export", "--format", "csv")
    import csv
    import io

    unmoved = ("checkins", "last_checkin")  # the CSV carries no check-ins
    before = [
        {k: v for k, v in r.items() if k not in unmoved}
        for r in csv.DictReader(io.StringIO(exported.out))
    ]
    after = [
        {k: v for k, v in r.items() if k not in unmoved}
        for r in csv.DictReader(io.StringIO(again.out))
    ]
    assert before == after
    assert any(r["status"] == "dropped" for r in before) or style == "numbered-owners.md"


def test_parents_named_by_title_prefer_the_same_period(tmp_path: Path, okrctl: Run) -> None:
    (tmp_path / "t.csv").write_text(
        "Title,Parent,Entity,Time Period,Start Value,Target Value\n"
        "Grow revenue,,Objective,Q3 2026,,\nRevenue,Grow revenue,Key Result,Q3 2026,1,2\n"
        "Grow revenue,,Objective,Q4 2026,,\nRevenue,Grow revenue,Key Result,Q4 2026,2,3\n"
    )
    target = tmp_path / "repo"
    result = okrctl(
        "import", "table", str(tmp_path / "t.csv"), "--into", str(target), "--today", "2026-11-01"
    )
    assert result.code == 0, result.out
    q3 = objective(target, "okrs/2026-Q3/our-organisation/grow-revenue.yaml")
    q4 = objective(target, "okrs/2026-Q4/our-organisation/grow-revenue-2026-q4.yaml")
    assert (q3["key_results"][0]["target"], q4["key_results"][0]["target"]) == (2, 3)
