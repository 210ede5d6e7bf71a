"""`okrctl export --format csv`, then `okrctl import table --preset okrctl` into an empty folder:
the objectives come back as they were."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from okrctl.lifecycle.repo import open_repository
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
