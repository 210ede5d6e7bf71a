"""`okrctl import markdown` names the organisation after the page's title, end to end: a title
made only of the words of OKR pages and a period names no one ("Our Organisation"), a title
holding a name gives that name, `--name` wins; the report and the dry run's summary say which."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from okrctl.adopt.naming import DEFAULT_NAME, name_of
from tests.adopt.conftest import Run
from tests.adopt.report import entries

BODY = """
- **Grow revenue**
  - KR: Deals from 10 to 25
"""


def _import(
    tmp_path: Path, okrctl: Run, text: str, *options: str
) -> tuple[str, list[tuple[str, int, str, str]]]:
    """Run a real import of `text`; the organisation's name in `okrs/org.yaml` and the
    report's lines as (file, line, category, message)."""
    page = tmp_path / "okrs.md"
    page.write_text(text, "utf-8")
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(page), "--into", str(target), "--period",
                    "2026-Q3", "--today", "2026-08-03", *options)  # fmt: skip
    assert result.code == 0, result.out
    org = yaml.safe_load((target / "okrs" / "org.yaml").read_text("utf-8"))
    assert org["units"][0]["name"] == org["name"]
    report = [(Path(e.file).name, e.line, e.category, e.message) for e in entries(result.out)]
    return org["name"], report


def _naming(report: list[tuple[str, int, str, str]]) -> tuple[str, int, str, str]:
    """The one report line on the organisation's name (it names the `--name` option)."""
    found = [line for line in report if "organisation" in line[3] and "--name" in line[3]]
    assert len(found) == 1, report
    return found[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("# Strategic Goals\n" + BODY, 1),
        ("---\ntitle: Quarterly OKRs\n---\n" + BODY, 2),
        ("# Objectives and Key Results, Q3 2026\n" + BODY, 1),
    ],
    ids=["heading", "front-matter", "period"],
)
def test_a_title_of_okr_words_and_a_period_names_no_organisation(
    text: str, line: int, tmp_path: Path, okrctl: Run
) -> None:
    name, report = _import(tmp_path, okrctl, text)
    assert name == DEFAULT_NAME
    file, number, category, message = _naming(report)
    assert (file, number, category) == ("okrs.md", line, "guessed")
    assert repr(DEFAULT_NAME) in message


def test_a_title_holding_a_name_names_the_organisation(tmp_path: Path, okrctl: Run) -> None:
    name, report = _import(tmp_path, okrctl, "# Acme OKRs Q3 2026\n" + BODY)
    assert name == "Acme"
    file, number, category, message = _naming(report)
    assert (file, number, category) == ("okrs.md", 1, "guessed")
    assert "'Acme'" in message


@pytest.mark.parametrize("title", ["# Acme OKRs Q3 2026", "# Strategic Goals"])
def test_the_name_option_wins(title: str, tmp_path: Path, okrctl: Run) -> None:
    name, report = _import(tmp_path, okrctl, title + "\n" + BODY, "--name", "Globex Ltd")
    assert name == "Globex Ltd"
    file, number, category, message = _naming(report)
    assert (file, number, category) == ("okrs.md", 1, "mapped")
    assert "'Globex Ltd'" in message


def test_the_dry_run_summary_says_how_the_name_was_chosen(tmp_path: Path, okrctl: Run) -> None:
    page = tmp_path / "okrs.md"
    page.write_text("# Quarterly OKRs\n" + BODY, "utf-8")
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(page), "--dry-run", "--into", str(target),
                    "--period", "2026-Q3", "--today", "2026-08-03")  # fmt: skip
    assert result.code == 0, result.out
    assert not target.exists()
    summary = result.out[result.out.index("summary:") : result.out.index("okrs.md")]
    named = [line for line in summary.splitlines() if line.startswith("  name: ")]
    assert len(named) == 1, summary
    assert repr(DEFAULT_NAME) in named[0]
    assert "--name NAME" in named[0]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Strategic Goals", None),
        ("Quarterly OKRs", None),
        ("Company OKRs 2019", None),
        ("Q3 goals", None),
        ("Acme OKRs Q3 2026", "Acme"),
        ("GitLab OKRs 2017 Q3", "GitLab"),
        ("Layout Team OKRs", "Layout Team"),
        ("TerraLogic — Objectives & Key Results", "TerraLogic"),
    ],
)
def test_name_of(title: str, name: str | None) -> None:
    assert name_of(title) == name
