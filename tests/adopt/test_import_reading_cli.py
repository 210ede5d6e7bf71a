"""`okrctl import` end to end on the reading of a page: the options and mapping file that
override it, the outline before writing, fiscal periods, an existing repository's periods, the
flat spreadsheet layout, tables in a page, results, and GitHub handles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from tests.adopt.conftest import Run
from tests.adopt.report import at, reading

CASCADE = """# Acme OKRs, Q3 2026

1. **CEO: Grow revenue**
   1. **Sales: Win the mid-market**
      1. Sales KR: Deals from 10 to 25 => Done
      1. Sales KR: Publish the pricing page => Not done
   1. CTO KR: Uptime at least 99.9% => 70%
1. **VP Eng: Ship faster**
   1. VP Eng KR: Deploys from 3 to 10 per week
   1. VP Eng KR: Migrate the database ~~to Postgres~~ (dropped)
"""


def _page(tmp_path: Path, text: str, name: str = "okrs.md") -> Path:
    page = tmp_path / name
    page.write_text(text, "utf-8")
    return page


def _load(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_cascade_keeps_parents_owners_units_and_results(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(_page(tmp_path, CASCADE)), "--into", str(target),
                    "--today", "2026-10-05")  # fmt: skip
    assert result.code == 0, result.out
    win = _load(target / "okrs/2026-Q3/sales/win-the-mid-market.yaml")
    assert (win["parent"], win["owner"], win["unit"]) == ("grow-revenue", "sales", "sales")
    deals, page = win["key_results"]  # type: ignore[misc]
    assert (deals["baseline"], deals["target"], deals["score"]) == (10, 25, 1.0)
    assert (page["kind"], page["done"]) == ("milestone", False)
    grow = _load(target / "okrs/2026-Q3/acme/grow-revenue.yaml")
    assert grow["owner"] == "ceo"
    uptime = grow["key_results"][0]  # type: ignore[index]
    assert (uptime["owner"], uptime["score"], uptime["direction"]) == ("cto", 0.7, "increase")
    ship = _load(target / "okrs/2026-Q3/acme/ship-faster.yaml")
    assert ship["key_results"][1]["status"] == "dropped"  # type: ignore[index]
    org = _load(target / "okrs/org.yaml")
    assert {p["name"] for p in org["people"]} == {"CEO", "CTO", "VP Eng"}  # type: ignore[union-attr]
    assert reading(result.out, "okrs.md").startswith("objectives: bold items")
    assert "results read: 2 score(s), 1 done-state(s), 1 dropped or moved" in result.out


def test_the_dry_run_prints_the_outline_then_the_summary_then_the_report(
    tmp_path: Path, okrctl: Run
) -> None:
    result = okrctl("import", "markdown", str(_page(tmp_path, CASCADE)), "--dry-run",
                    "--into", str(tmp_path / "repo"))  # fmt: skip
    lines = result.out.splitlines()
    assert lines[:5] == [
        "outline:",
        "  period 2026-Q3",
        "    unit Acme",
        "      objective 'Grow revenue' (owner CEO)",
        "        key result 'Uptime at least 99.9%' (owner CTO) [score 0.7, ? -> 99.9 %]",
    ]
    assert "        key result 'Deals from 10 to 25' [score 1, 10 -> 25 count]" in lines
    assert "      objective 'Win the mid-market' (owner Sales)" in lines
    assert "        supports 'Grow revenue'" in lines
    summary = lines.index(
        "summary: 3 objective(s) and 5 key result(s) in 1 period(s) and 2 unit(s)"
    )
    assert lines[summary + 1] == "  cascade: 1 objective(s) support another, 2 at the top"
    reading = next(i for i, line in enumerate(lines) if ": reading: " in line)
    assert summary < reading < next(i for i, line in enumerate(lines) if ":3: " in line)
    assert not (tmp_path / "repo").exists()


def test_options_and_a_mapping_file_override_the_reading(tmp_path: Path, okrctl: Run) -> None:
    page = _page(
        tmp_path, "# Q3 2026\n\n## Platform\n\n### Deploys\n\n- Deploy time from 40 to 10 minutes\n"
    )
    detected = okrctl("import", "markdown", str(page), "--dry-run", "--into", str(tmp_path / "a"))
    assert "objective 'Deploys' (owner Platform)" in detected.out
    chosen = okrctl("import", "markdown", str(page), "--dry-run", "--into", str(tmp_path / "b"),
                    "--objectives", "headings:2")  # fmt: skip
    assert "objective 'Platform'" in chosen.out
    assert reading(chosen.out, "okrs.md").startswith("objectives: level-2 headings")
    mapping = tmp_path / "reading.yaml"
    mapping.write_text("objectives: headings:2\nowners: none\n", "utf-8")
    mapped = okrctl("import", "markdown", str(page), "--dry-run", "--into", str(tmp_path / "c"),
                    "--mapping", str(mapping))  # fmt: skip
    assert "objective 'Platform'" in mapped.out
    assert "owners: none named" in reading(mapped.out, "okrs.md")
    mapping.write_text("objectives: headings\nkey_results: rows\n", "utf-8")
    bad = okrctl(
        "import", "markdown", str(page), "--into", str(tmp_path / "d"), "--mapping", str(mapping)
    )
    assert bad.code == 1
    assert "key_results: 'rows'" in at(bad.out, "reading.yaml", 2, "error")
    wrong = okrctl(
        "import", "markdown", str(page), "--into", str(tmp_path / "e"), "--objectives", "rows"
    )
    assert wrong.code == 2 and "--objectives 'rows'" in wrong.err


def test_fiscal_quarters_take_the_fiscal_year_start(tmp_path: Path, okrctl: Run) -> None:
    page = _page(tmp_path, "# FY21-Q1 OKRs\n\n## Grow\n\n- Revenue from 1 to 2\n")
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(page), "--into", str(target), "--today", "2020-03-01",
                    "--fiscal-year-start", "feb")  # fmt: skip
    assert result.code == 0, result.out
    period = _load(target / "okrs/org.yaml")["periods"][0]  # type: ignore[index]
    assert (period["id"], period["start"], period["end"]) == (
        "FY21-Q1", dt.date(2020, 2, 1), dt.date(2020, 4, 30),
    )  # fmt: skip
    guessed = okrctl("import", "markdown", str(page), "--dry-run", "--into", str(tmp_path / "g"))
    assert "--fiscal-year-start" in at(guessed.out, "okrs.md", 3, "guessed")
    bare = _page(tmp_path, "## Grow\n\n- Revenue from 1 to 2\n", "bare.md")
    given = okrctl("import", "markdown", str(bare), "--dry-run", "--into", str(tmp_path / "p"),
                   "--period", "FY21-Q1", "--fiscal-year-start", "7")  # fmt: skip
    assert given.code == 0 and "period FY21-Q1" in given.out
    month = okrctl(
        "import", "markdown", str(bare), "--into", str(tmp_path / "m"), "--fiscal-year-start", "13"
    )
    assert month.code == 2 and "--fiscal-year-start '13'" in month.err


def test_into_a_repository_its_own_periods_are_used(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    (target / "okrs").mkdir(parents=True)
    (target / "okrs/org.yaml").write_text(
        "apiVersion: okrctl/v1\nkind: Organization\nname: Acme\n"
        "units:\n  - id: acme\n    name: Acme\n"
        "periods:\n  - id: FY21-Q1\n    name: Q1 FY21\n    start: 2020-02-01\n    end: 2020-04-30\n",
        "utf-8",
    )
    page = _page(tmp_path, "## Q1 FY21\n\n### Grow\n\n- Revenue from 1 to 2\n")
    result = okrctl("import", "markdown", str(page), "--into", str(target), "--today", "2020-03-01")
    assert result.code == 0, result.out
    assert (target / "okrs/FY21-Q1/acme/grow.yaml").is_file()
    assert "is new" not in result.out and "fiscal year" not in result.out


def test_a_flat_table_reads_its_objectives_from_the_objective_column(
    tmp_path: Path, okrctl: Run
) -> None:
    rows = (
        "Objective,Key Result,Status,Start,Target,Progress\n"
        "**Obj 1: Research**,KR1: 3 approaches reviewed,✅ Done (5 reviewed),,,\n"
        ",KR2: Benchmarks published,🔄 Partial (sample only),,,0.45\n"
        "Obj 2: Grow,Share of paid accounts,,12%,18%,\n"
    )
    (tmp_path / "okrs.csv").write_text(rows, "utf-8")
    target = tmp_path / "repo"
    result = okrctl("import", "table", str(tmp_path / "okrs.csv"), "--into", str(target),
                    "--period", "2026-Q3", "--today", "2026-08-01")  # fmt: skip
    assert result.code == 0, result.out
    assert reading(result.out, "okrs.csv").startswith("flat layout")
    assert "('Key Result')" in reading(result.out, "okrs.csv")
    research = _load(target / "okrs/2026-Q3/our-organisation/research.yaml")
    reviewed, benchmarks = research["key_results"]  # type: ignore[misc]
    assert (reviewed["kind"], reviewed["done"]) == ("milestone", True)
    assert benchmarks["checkins"][0]["note"] == (
        "🔄 Partial (sample only) Progress in the source: 45% (no target to measure it by)"
    )
    assert "progress 45%" in at(result.out, "okrs.csv", 3, "guessed")
    share = _load(target / "okrs/2026-Q3/our-organisation/grow.yaml")["key_results"][0]  # type: ignore[index]
    assert (share["baseline"], share["target"], share["unit"]) == (12, 18, "%")


def test_tables_in_a_page_give_key_results_and_final_scores(tmp_path: Path, okrctl: Run) -> None:
    page = _page(tmp_path, (
        "# Q1 2026\n\n## Objective: Expand the team\n\n"
        "- **Tracking Manager:** Martin\n- **Key Results:** Martin and Bedeho equally\n"
        "  1. Add 3 developers\n  2. Add 1 designer\n- **Final Score**\n\n"
        "| Date | KR #1 | KR #2 | Total |\n|---|---|---|---|\n| 05.04.26 | 0.33 | 1 | **0.66** |\n\n"
        "## Objective: Ship the engine\n\n### Key Results\n\n"
        "| KR | Target |\n|---|---|\n| **KR 1** | Release the engine to 3 pilot customers |\n"
    ))  # fmt: skip
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(page), "--into", str(target), "--today", "2026-04-05")
    assert result.code == 0, result.out
    team = _load(target / "okrs/2026-Q1/our-organisation/expand-the-team.yaml")
    assert team["score"] == 0.66
    add, designer = team["key_results"]  # type: ignore[misc]
    assert (add["owner"], add["score"], designer["score"]) == ("martin", 0.33, 1.0)
    assert add["description"] == "Co-owners: Bedeho"
    org = _load(target / "okrs/org.yaml")
    assert [p["name"] for p in org["people"]] == ["Martin"]  # type: ignore[union-attr]
    assert "'Tracking Manager'" in at(result.out, "okrs.md", 5, "unread")
    engine = _load(target / "okrs/2026-Q1/our-organisation/ship-the-engine.yaml")
    assert engine["key_results"][0]["title"] == "Release the engine to 3 pilot customers"  # type: ignore[index]


def test_a_handle_names_a_person_with_that_github_handle(tmp_path: Path, okrctl: Run) -> None:
    page = _page(tmp_path, "## Q3 2026\n\n**Daemon is reliable**\n\n- A daemon runs 10 days without a crash - @alanshaw\n"
                 "- `P0` @kevina - base32 is enabled by default\n\n**Docs are great**\n\n- Publish the guide\n")  # fmt: skip
    target = tmp_path / "repo"
    assert (
        okrctl("import", "markdown", str(page), "--into", str(target), "--today", "2026-08-01").code
        == 0
    )
    people = _load(target / "okrs/org.yaml")["people"]
    assert [(p["name"], p["github"]) for p in people] == [
        ("alanshaw", "alanshaw"),
        ("kevina", "kevina"),
    ]  # type: ignore[union-attr]
    krs = _load(target / "okrs/2026-Q3/our-organisation/daemon-is-reliable.yaml")["key_results"]
    assert [kr["title"] for kr in krs] == [  # type: ignore[union-attr]
        "A daemon runs 10 days without a crash", "base32 is enabled by default",
    ]  # fmt: skip
    assert krs[1]["description"] == "Tags: P0"  # type: ignore[index]


def test_an_export_with_percent_cells_and_progress_without_a_target(
    tmp_path: Path, okrctl: Run
) -> None:
    rows = (
        "Row ID,Title,Parent,Entity,Time Period,Start Value,Target Value,Progress\n"
        "1,Grow,,Objective,Q3 2026,,,\n"
        "2,Paid share of accounts,1,Key Result,Q3 2026,12%,18%,\n"
        "3,Publish the pricing page,1,Key Result,Q3 2026,,,0.45\n"
    )
    (tmp_path / "export.csv").write_text(rows, "utf-8")
    target = tmp_path / "repo"
    result = okrctl("import", "table", str(tmp_path / "export.csv"), "--into", str(target),
                    "--today", "2026-08-01")  # fmt: skip
    assert result.code == 0, result.out
    share, page = _load(target / "okrs/2026-Q3/our-organisation/grow.yaml")["key_results"]  # type: ignore[misc]
    assert (share["baseline"], share["target"], share["unit"]) == (12, 18, "%")
    assert "'%'" in at(result.out, "export.csv", 3, "guessed")
    assert page["checkins"][0]["note"] == "Progress in the source: 45% (no target to measure it by)"
    assert "progress 45%" in at(result.out, "export.csv", 4, "guessed")


def test_a_tag_that_names_a_unit_of_the_page_sets_it(tmp_path: Path, okrctl: Run) -> None:
    page = _page(tmp_path, (
        "# Q3 2026\n\n## Platform\n\n### Deploys\n- Deploy time from 40 to 10 minutes\n\n"
        "## Growth\n\n### Trials\n- Trial conversion from 12% to 18% [Platform]\n"
        "- Ship the new pricing page [P1]\n"
    ))  # fmt: skip
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(page), "--into", str(target), "--today", "2026-08-01")
    assert result.code == 0, result.out
    assert "tag [Platform]" in at(result.out, "okrs.md", 11, "guessed")
    trials = _load(target / "okrs/2026-Q3/growth/trials.yaml")
    assert trials["contributors"] == ["platform"]
    conversion, pricing = trials["key_results"]  # type: ignore[misc]
    assert conversion["owner"] == "platform" and "description" not in conversion
    assert pricing["description"] == "Tags: P1"
