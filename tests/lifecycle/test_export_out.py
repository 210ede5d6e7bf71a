"""`okrctl export --out` never replaces OKR files, the site, the schema, workflows or a file that
is not an export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.lifecycle.conftest import Run, snapshot


@pytest.mark.parametrize(
    ("out", "folder"),
    [
        ("okrs/org.yaml", "okrs"),
        ("okrs/new.json", "okrs"),
        ("site/index.json", "site"),
        ("schema/objective.schema.json", "schema"),
        (".github/workflows/x.json", ".github"),
        ("out/../okrs/2026-Q4/a.json", "okrs"),
    ],
)
def test_an_output_in_a_protected_folder_is_refused(
    repo: Path, okrctl: Run, out: str, folder: str
) -> None:
    before = snapshot(repo)
    for extra in ((), ("--force",)):
        result = okrctl("export", "--out", out, *extra)
        assert result == (
            2,
            "",
            f"okrctl: --out {out} is inside {folder}/, which okrctl export never writes into; "
            "choose a file elsewhere\n",
        )
    assert snapshot(repo) == before


def test_an_existing_file_of_another_kind_needs_force(repo: Path, okrctl: Run) -> None:
    (repo / "README.md").write_text("# Our OKRs\n")
    result = okrctl("export", "--out", "README.md")
    assert result == (
        2,
        "",
        "okrctl: --out README.md exists and is not a .json file; refusing to replace it (use "
        "--force to replace it anyway)\n",
    )
    assert (repo / "README.md").read_text() == "# Our OKRs\n"
    (repo / "report.csv").write_text("keep")
    assert okrctl("export", "--out", "report.csv").code == 2
    assert (repo / "report.csv").read_text() == "keep"
    forced = okrctl("export", "--out", "README.md", "--force")
    assert (forced.code, forced.err) == (0, "wrote README.md\n")
    assert json.loads((repo / "README.md").read_text())["organization"] == "Acme Sensors"


def test_an_earlier_export_of_the_same_format_is_replaced(repo: Path, okrctl: Run) -> None:
    (repo / "report.json").write_text("old")
    assert okrctl("export", "--out", "report.json").code == 0
    (repo / "report.CSV").write_text("old")
    assert okrctl("export", "--format", "csv", "--out", "report.CSV").code == 0
    assert (repo / "report.CSV").read_text().startswith("record,period,")
