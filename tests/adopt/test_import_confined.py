"""An import writes only inside `--into`, and its trial check only inside its scratch folder
(issue 19, defects 1 and 2): an id from any source passes `okrctl check`'s id rule before it
names a file, and no file is written through a link the path rule refuses, even with --dry-run.

Each test compares the listing of everything around the repository (the source, the folders
above it, a folder outside, and the folder the scratch copies are made in) before and after."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from okrctl.adopt.ids import file_problem
from tests.adopt.conftest import Run
from tests.adopt.test_import_e2e import checked

TODAY = "2026-08-01"
OKRCTL_HEADER = "record,period,unit,objective,key_result,title,owner,baseline,target\n"
ID_ERROR = "is not an id okrctl accepts (lowercase letters, digits and single hyphens"


def listing(root: Path) -> list[str]:
    """Every file, folder and link under `root` (links listed, not followed)."""
    found = []
    for top, folders, files in os.walk(root):
        found += [(Path(top) / name).relative_to(root).as_posix() for name in folders + files]
    return sorted(found)


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The folder the trial check makes its scratch folder in (empty before and after)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    assert listing(folder) == []


def _xlsx(path: Path, text: str) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in text.splitlines():
        sheet.append([cell or None for cell in line.split(",")])
    book.save(path)


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize(
    ("rows", "fmt", "row", "what", "value"),
    [
        # the attack of the issue: the objective id of okrctl's own CSV layout
        ("objective,2026-Q3,eng,../../../../x,,Grow,eng,,\n"
         "key_result,2026-Q3,eng,../../../../x,kr,Revenue,eng,1,2\n",
         "csv", 2, "objective id", "../../../../x"),
        ("objective,2026-Q3,eng,../../../../x,,Grow,eng,,\n"
         "key_result,2026-Q3,eng,../../../../x,kr,Revenue,eng,1,2\n",
         "xlsx", 2, "objective id", "../../../../x"),
        ("objective,2026-Q3,eng,/tmp/x,,Grow,eng,,\n"
         "key_result,2026-Q3,eng,/tmp/x,kr,Revenue,eng,1,2\n",
         "csv", 2, "objective id", "/tmp/x"),
        ("objective,2026-Q3,eng,grow,,Grow,eng,,\n"
         "key_result,2026-Q3,eng,grow,../../kr,Revenue,eng,1,2\n",
         "csv", 3, "key result id", "../../kr"),
        ("objective,2026-Q3,eng,Grow Fast,,Grow,eng,,\n"
         "key_result,2026-Q3,eng,Grow Fast,kr,Revenue,eng,1,2\n",
         "xlsx", 2, "objective id", "Grow Fast"),
    ],
)  # fmt: skip
def test_an_id_that_breaks_the_id_rule_stops_the_import(
    tmp_path: Path,
    okrctl: Run,
    scratch: Path,
    rows: str,
    fmt: str,
    row: int,
    what: str,
    value: str,
    dry_run: bool,
) -> None:
    deep = tmp_path / "a/b/c/d"
    deep.mkdir(parents=True)
    source = deep / f"okrs.{fmt}"
    if fmt == "csv":
        source.write_text(OKRCTL_HEADER + rows, "utf-8")
    else:
        _xlsx(source, OKRCTL_HEADER + rows)
    before = listing(tmp_path)
    result = okrctl(
        "import", "table", str(source), "--preset", "okrctl", "--into", str(deep / "repo"),
        "--today", TODAY, *(["--dry-run"] if dry_run else []),
    )  # fmt: skip
    assert result.code == 1, result.out
    errors = [line for line in result.out.splitlines() if ": error: " in line]
    assert errors == [f"{source}:{row}: error: {what} {value!r} {ID_ERROR}, at most 100 "
                      "characters, as `okrctl check` requires): fix it in the source"]  # fmt: skip
    assert result.err.endswith("1 error(s): nothing written\n")
    assert listing(tmp_path) == before


def test_an_id_from_a_mapping_file_passes_the_same_rule(
    tmp_path: Path, okrctl: Run, scratch: Path
) -> None:
    (tmp_path / "map.yaml").write_text(
        "columns: {title: Goal, id: Key, parent: Parent, period: Quarter, target: Target}\n"
    )
    source = tmp_path / "goals.csv"
    source.write_text(
        "Goal,Key,Parent,Quarter,Target\nGrow,..\\..\\x,,2026-Q3,\nRevenue,,Grow,2026-Q3,5\n"
    )
    before = listing(tmp_path)
    result = okrctl("import", "table", str(source), "--mapping", str(tmp_path / "map.yaml"),
                    "--into", str(tmp_path / "repo"), "--today", TODAY)  # fmt: skip
    assert result.code == 1, result.out
    assert f"{source}:2: error: objective id '..\\\\..\\\\x' {ID_ERROR}" in result.out
    assert listing(tmp_path) == before


def test_names_that_become_folders_stay_inside_into(
    tmp_path: Path, okrctl: Run, scratch: Path
) -> None:
    """Units, periods and titles become ids through okrctl's slug: whatever they say, the
    folders and files they name are inside `--into`."""
    source = tmp_path / "viva.csv"
    source.write_text(
        "Row ID,Title,Parent,Entity,Team,Time Period,Start Date,End Date,Start Value,"
        "Target Value\n"
        "1,../../../../escape,,Objective,../../../../team,../../../../p,2026-07-01,"
        "2026-09-30,,\n"
        "2,Revenue,1,Key Result,../../../../team,../../../../p,2026-07-01,2026-09-30,1,2\n"
    )
    page = tmp_path / "page.md"
    page.write_text(
        "# Q3 2026\n\n## ../../../../up\n\n### ../../../../away\n\n- Revenue from 1 to 2\n"
    )
    before = listing(tmp_path)
    for args in (["table", str(source)], ["markdown", str(page)]):
        target = tmp_path / f"repo-{args[0]}"
        result = okrctl("import", *args, "--into", str(target), "--today", TODAY)
        assert result.code == 0, result.out
        checked(target, TODAY)
    added = set(listing(tmp_path)) - set(before)
    assert added and all(name.startswith(("repo-table", "repo-markdown")) for name in added)
    assert "repo-table/okrs/p/team/escape.yaml" in added
    assert "repo-markdown/okrs/2026-Q3/up/away.yaml" in added


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("okrs/2026-Q3/eng/grow.yaml", None),
        ("okrs/2026.q3/eng/grow.yaml", None),
        ("schema/objective.schema.json", None),
        ("okrs/2026-Q3/eng/../../../x.yaml", "leaves its folder"),
        ("okrs/2026-Q3/../x.yaml", "leaves its folder"),
        ("/etc/x.yaml", "is not a relative path"),
        ("okrs/2026-Q3/eng/a\\..\\b.yaml", "is not a relative path"),
        ("okrs/2026-Q3/Eng/grow.yaml", "unit 'Eng' is not an id"),
        ("okrs/2026 Q3/eng/grow.yaml", "period '2026 Q3' is not a period id"),
        ("okrs/2026-Q3/eng/-grow.yaml", "objective '-grow' is not an id"),
    ],
)
def test_every_planned_file_name_passes_the_id_rules(name: str, problem: str | None) -> None:
    found = file_problem(name)
    assert (found is None) if problem is None else (found is not None and problem in found)


def _repository(tmp_path: Path, okrctl: Run) -> Path:
    """A repository with one objective in okrs/2026-Q3/our-organisation/."""
    page = tmp_path / "first.md"
    page.write_text("# Q3 2026\n\n## Grow\n\n- Revenue from 1 to 2\n")
    target = tmp_path / "repo"
    assert (
        okrctl("import", "markdown", str(page), "--into", str(target), "--today", TODAY).code == 0
    )
    return target


def _second_page(tmp_path: Path) -> Path:
    page = tmp_path / "second.md"
    page.write_text("# Q3 2026\n\n## Ship\n\n- Releases from 1 to 3\n")
    return page


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize("relative", [False, True])
def test_a_linked_unit_folder_leading_out_of_the_repository_stops_the_import(
    tmp_path: Path, okrctl: Run, scratch: Path, dry_run: bool, relative: bool
) -> None:
    target = _repository(tmp_path, okrctl)
    unit = target / "okrs/2026-Q3/our-organisation"
    outside = tmp_path / "outside"
    outside.mkdir()
    unit.rename(outside / "our-organisation")
    unit.symlink_to(
        "../../../outside/our-organisation" if relative else outside / "our-organisation"
    )
    page = _second_page(tmp_path)
    before = listing(tmp_path)
    result = okrctl("import", "markdown", str(page), "--into", str(target), "--today", TODAY,
                    *(["--dry-run"] if dry_run else []))  # fmt: skip
    assert result.code == 1, result.out
    errors = {line for line in result.out.splitlines() if ": error: " in line}
    assert errors == {
        f"{unit}:1: error: symlink leads outside the repository; OKR files "
        "must live in the repository (copy the file in instead of linking it) (OKR109, as "
        "`okrctl check` reports): okrctl import writes nothing into a repository whose OKR files "
        "`okrctl check` refuses",
        f"{page}:3: error: cannot write okrs/2026-Q3/our-organisation/ship.yaml: its folder "
        "okrs/2026-Q3/our-organisation is a link that leads outside the repository",
    }
    assert result.err.endswith("2 error(s): nothing written\n")
    assert listing(tmp_path) == before
    assert listing(outside) == ["our-organisation", "our-organisation/grow.yaml"]


def test_a_link_out_of_the_repository_elsewhere_among_its_okr_files_stops_the_import(
    tmp_path: Path, okrctl: Run, scratch: Path
) -> None:
    target = _repository(tmp_path, okrctl)
    (tmp_path / "elsewhere").mkdir()
    (target / "okrs/2026-Q2").symlink_to(tmp_path / "elsewhere")
    page = _second_page(tmp_path)
    before = listing(tmp_path)
    result = okrctl("import", "markdown", str(page), "--into", str(target),
                    "--today", TODAY, "--dry-run")  # fmt: skip
    assert result.code == 1
    assert f"{target}/okrs/2026-Q2:1: error: symlink leads outside the repository;" in result.out
    assert listing(tmp_path) == before


def test_a_linked_starter_folder_leading_out_stops_the_import(
    tmp_path: Path, okrctl: Run, scratch: Path
) -> None:
    target, outside = tmp_path / "repo", tmp_path / "outside"
    target.mkdir()
    outside.mkdir()
    (target / "schema").symlink_to(outside)
    page = _second_page(tmp_path)
    before = listing(tmp_path)
    result = okrctl("import", "markdown", str(page), "--into", str(target),
                    "--today", TODAY)  # fmt: skip
    assert result.code == 1
    assert (
        "error: cannot write schema/objective.schema.json: its folder schema is a link that "
        "leads outside the repository" in result.out
    )
    assert listing(tmp_path) == before


def test_a_link_inside_the_repository_is_followed_as_check_follows_it(
    tmp_path: Path, okrctl: Run, scratch: Path
) -> None:
    target = _repository(tmp_path, okrctl)
    unit = target / "okrs/2026-Q3/our-organisation"
    (target / "teams").mkdir()
    unit.rename(target / "teams/our-organisation")
    unit.symlink_to("../../teams/our-organisation")
    page = _second_page(tmp_path)
    before = listing(tmp_path)
    result = okrctl("import", "markdown", str(page), "--into", str(target),
                    "--today", TODAY)  # fmt: skip
    assert result.code == 0, result.out
    assert set(listing(tmp_path)) - set(before) == {"repo/teams/our-organisation/ship.yaml"}
    assert unit.is_symlink()
    checked(target, TODAY)
