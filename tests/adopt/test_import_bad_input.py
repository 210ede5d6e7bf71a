"""Bad input is a finding with its file and line or row, exit code 1, and nothing written;
--dry-run writes nothing; existing files are never replaced."""

from __future__ import annotations

import codecs
import errno
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrctl import transaction
from okrctl.adopt import trial
from tests.adopt.conftest import CORPUS, Run, snapshot
from tests.adopt.report import at, entries, errors
from tests.adopt.tables import MAPPED_CSV, VIVA_ROWS, viva_xlsx
from tests.adopt.test_import_e2e import checked

HEADER = "Row ID,Title,Parent,Entity,Owner Email,Time Period,Start Value,Target Value\n"


def table(
    tmp_path: Path, okrctl: Run, text: str | bytes, name: str = "okrs.csv"
) -> tuple[int, str, Path]:
    source = tmp_path / name
    if isinstance(text, str):
        source.write_text(text, "utf-8")
    else:
        source.write_bytes(text)
    target = tmp_path / "repo"
    result = okrctl("import", "table", str(source), "--into", str(target))
    return result.code, result.out, target


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("1,Grow,3,Objective,,Q1 2027,,\n2,Revenue,1,Key Result,,Q1 2027,1,2\n"
         "3,Win,1,Objective,,Q1 2027,,\n4,Deals,3,Key Result,,Q1 2027,1,5\n",
         (2, "rows 2 -> 4 -> 2")),
        ("1,Grow,9,Objective,,Q1 2027,,\n2,Revenue,1,Key Result,,Q1 2027,1,2\n",
         (2, "parent '9'")),
        ("1,Grow,,Objective,,Q1 2027,,\n2,Revenue,1,Key Result,,Q1 2027,1,2\n"
         "3,Grow,,Objective,,Q1 2027,,\n4,Deals,3,Key Result,,Q1 2027,1,5\n",
         (4, "rows 2, 4")),
        ("1,Grow,,Objective,,Q1 2027,,\n1,Revenue,1,Key Result,,Q1 2027,1,2\n",
         (3, "parent '1'")),
        ("1,Grow,,Objective,,Someday,,\n2,Revenue,1,Key Result,,Someday,1,2\n",
         (2, "period 'Someday'")),
        ("1,Grow,,Objective,,Q1 2027,,\n2,Revenue,1,Key Result,,Q1 2027,5,5\n",
         (3, "both 5")),
        ("1,Grow,,Objective,,Q1 2027,,\n2,Revenue,1,Key Result,,Q1 2027,lots,2\n",
         (3, "baseline 'lots'")),
    ],
    ids=["cycle", "missing-parent", "duplicate-title", "duplicate-id", "unknown-period",
         "target-equals-start", "not-a-number"],
)  # fmt: skip
def test_table_findings_stop_the_import(
    tmp_path: Path, okrctl: Run, rows: str, expected: tuple[int, str]
) -> None:
    code, out, target = table(tmp_path, okrctl, HEADER + rows)
    assert code == 1
    row, fragment = expected
    assert fragment in at(out, "okrs.csv", row, "error")
    assert not target.exists()


def test_malformed_csv(tmp_path: Path, okrctl: Run) -> None:
    code, out, target = table(tmp_path, okrctl, HEADER + '1,"Grow,,Objective\n2,x"y,1\n')
    assert code == 1 and [e.file.endswith("/okrs.csv") for e in entries(out)] == [True]
    assert "CSV" in entries(out)[0].message
    assert not target.exists()


def test_another_encoding(tmp_path: Path, okrctl: Run) -> None:
    code, out, _ = table(
        tmp_path, okrctl, (HEADER + "1,Croissance é,,Objective,,Q1 2027,,\n").encode("latin-1")
    )
    assert code == 1
    assert "byte 0xe9" in at(out, "okrs.csv", 2, "error")


def test_utf8_with_a_byte_order_mark_is_read(tmp_path: Path, okrctl: Run) -> None:
    rows = "1,Grow,,Objective,,Q1 2027,,\n2,Revenue,1,Key Result,,Q1 2027,1,2\n"
    code, out, target = table(tmp_path, okrctl, b"\xef\xbb\xbf" + (HEADER + rows).encode())
    assert code == 0, out
    assert (target / "okrs/2027-Q1/our-organisation/grow.yaml").exists()


def test_malformed_xlsx(tmp_path: Path, okrctl: Run) -> None:
    code, out, target = table(tmp_path, okrctl, b"PK\x03\x04 not really a workbook", "okrs.xlsx")
    assert code == 1 and "XLSX" in at(out, "okrs.xlsx", 1, "error")
    assert not target.exists()


def test_huge_file(tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from okrctl.adopt import markdown

    monkeypatch.setattr(markdown, "MAX_BYTES", 1000)
    page = tmp_path / "huge.md"
    page.write_text("# Q3 2026\n" + "- x\n" * 400)
    result = okrctl("import", "markdown", str(page), "--into", str(tmp_path / "repo"))
    assert result.code == 1 and "larger than" in at(result.out, "huge.md", 1, "error")


def test_markdown_without_a_period(tmp_path: Path, okrctl: Run) -> None:
    page = tmp_path / "okrs.md"
    page.write_text("## Grow\n\n- Revenue from 1 to 2\n")
    result = okrctl("import", "markdown", str(page), "--into", str(tmp_path / "repo"))
    assert result.code == 1
    assert "no period" in at(result.out, "okrs.md", 1, "error")
    assert not (tmp_path / "repo").exists()


def test_mapping_errors_have_their_line(tmp_path: Path, okrctl: Run) -> None:
    (tmp_path / "goals.csv").write_text(MAPPED_CSV)
    (tmp_path / "map.yaml").write_text(
        "columns:\n  title: Goal\n  titel: Goal\ntypes:\n  goal: [x]\n"
    )
    result = okrctl(
        "import",
        "table",
        str(tmp_path / "goals.csv"),
        "--mapping",
        (tmp_path / "map.yaml").as_posix(),
    )
    assert result.code == 1
    assert "'titel'" in at(result.out, "map.yaml", 3, "error")
    assert "'goal'" in at(result.out, "map.yaml", 5, "error")
    assert errors(result.out) == [
        ((tmp_path / "map.yaml").as_posix(), 3),
        ((tmp_path / "map.yaml").as_posix(), 5),
    ]


def test_dry_run_writes_nothing(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    result = okrctl(
        "import", "markdown", str(CORPUS / "headings.md"), "--into", str(target), "--dry-run"
    )
    assert result.code == 0
    assert "dry run: nothing written" in result.err
    assert "period 2026-Q3" in at(result.out, "headings.md", 3, "mapped")
    assert not target.exists()


def test_never_overwrites_and_writes_nothing_when_one_file_exists(
    tmp_path: Path, okrctl: Run
) -> None:
    target = tmp_path / "repo"
    (target / "okrs/2026-Q3/platform").mkdir(parents=True)
    (target / "okrs/2026-Q3/platform/know-our-costs.yaml").write_text("mine\n")
    before = snapshot(target)
    result = okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target))
    assert result.code == 1
    assert "know-our-costs.yaml exists" in at(result.out, "headings.md", 13, "error")
    assert snapshot(target) == before


def _after_the_plan(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[], None], where: str = "trial"
) -> None:
    """Run `change` once the plan is checked (`trial`), or inside the transaction, after it
    compared the files and staged the new ones (`staged`: what only a program that is not
    okrctl can do, since okrctl commands wait for the lock)."""
    if where == "trial":
        real_trial = trial.check

        def trial_check(*args: Any) -> list[Any]:
            notes = real_trial(*args)
            change()
            return notes

        monkeypatch.setattr(trial, "check", trial_check)
    else:
        real_stage = transaction._stage

        def stage(*args: Any) -> Any:
            entries = real_stage(*args)
            change()
            return entries

        monkeypatch.setattr(transaction, "_stage", stage)


@pytest.mark.parametrize("where", ["trial", "staged"])
def test_a_file_that_appears_during_the_import_stops_it(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "repo"
    theirs = target / "okrs/2026-Q3/platform/know-our-costs.yaml"

    def appear() -> None:
        theirs.parent.mkdir(parents=True, exist_ok=True)
        theirs.write_text("theirs\n")

    _after_the_plan(monkeypatch, appear, where)
    result = okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target))
    assert result.code == 1, result.err
    assert errors(result.out) == [((CORPUS / "headings.md").as_posix(), 13)]
    assert "know-our-costs.yaml appeared" in at(result.out, "headings.md", 13, "error")
    assert result.err.endswith("1 error(s): nothing written\n")
    # nothing else written, and no staging or state folder left behind
    assert snapshot(target) == {"okrs/2026-Q3/platform/know-our-costs.yaml": b"theirs\n"}
    folders = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_dir())
    assert folders == ["okrs", "okrs/2026-Q3", "okrs/2026-Q3/platform"]  # no new empty one


def test_a_symbolic_link_that_appears_is_not_followed(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "repo"
    link = target / "okrctl.yaml"

    def appear() -> None:
        target.mkdir()
        link.symlink_to(target / "elsewhere.yaml")  # dangling: the transaction would follow it

    _after_the_plan(monkeypatch, appear)
    result = okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target))
    assert result.code == 1
    assert errors(result.out) == [("okrctl.yaml", 1)]
    assert "appeared" in at(result.out, "okrctl.yaml", 1, "error")
    assert [p.name for p in target.iterdir()] == ["okrctl.yaml"] and link.is_symlink()


def test_an_organisation_file_edited_during_the_import_stops_it(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "repo"
    assert (
        okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target)).code == 0
    )
    org = target / "okrs/org.yaml"
    edited = org.read_text().replace("units:", "# a colleague's comment\nunits:")
    _after_the_plan(monkeypatch, lambda: org.write_text(edited))
    before = snapshot(target)
    result = okrctl("import", "markdown", str(CORPUS / "multi-period.md"), "--into", str(target))
    assert result.code == 1
    assert "okrs/org.yaml changed" in at(result.out, "okrs/org.yaml", 1, "error")
    assert snapshot(target) == before | {"okrs/org.yaml": edited.encode()}


def test_a_conflict_found_by_the_transaction_itself_is_reported_the_same_way(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file appears after the importer's own look, before the transaction's compare."""
    target = tmp_path / "repo"
    theirs = target / "schema/okrctl.schema.json"
    real_commit = transaction.commit

    def commit(root: Path, writes: Any) -> None:
        theirs.parent.mkdir(parents=True, exist_ok=True)
        theirs.write_text("{}\n")
        real_commit(root, writes)

    monkeypatch.setattr(transaction, "commit", commit)
    result = okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target))
    assert result.code == 1
    assert errors(result.out) == [("schema/okrctl.schema.json", 1)]
    assert "appeared" in at(result.out, "schema/okrctl.schema.json", 1, "error")
    assert snapshot(target) == {"schema/okrctl.schema.json": b"{}\n"}


@pytest.mark.parametrize(
    ("failure", "message"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")],
)
def test_a_full_disk_or_a_read_only_file_system_is_one_line_exit_2(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch, failure: int, message: str
) -> None:
    target = tmp_path / "repo"
    real = transaction._write_file
    calls: list[Path] = []

    def full(path: Path, data: bytes, mode: int) -> None:
        calls.append(path)
        if len(calls) == 4:
            raise OSError(failure, os.strerror(failure), str(path))
        real(path, data, mode)

    monkeypatch.setattr(transaction, "_write_file", full)
    result = okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target))
    assert result.code == 2
    assert result.err == f"okrctl: cannot write: {message}; nothing was changed\n"
    assert not target.exists()  # the folder the import made is gone again


def test_a_read_only_file_system_to_import_into_is_exit_2(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "repo"
    real = Path.mkdir

    def read_only(self: Path, *args: Any, **kwargs: Any) -> None:
        if self == target:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    result = okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target))
    assert (result.code, result.err) == (2, f"okrctl: {target}: Read-only file system\n")
    assert list(tmp_path.iterdir()) == []


def test_an_organisation_file_with_a_byte_order_mark_keeps_it(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    assert (
        okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target)).code == 0
    )
    org = target / "okrs/org.yaml"
    org.write_bytes(codecs.BOM_UTF8 + org.read_bytes())
    result = okrctl("import", "markdown", str(CORPUS / "multi-period.md"), "--into", str(target))
    assert result.code == 0, result.out + result.err
    data = org.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and b"  - id: data-team\n" in data


def test_importing_into_an_existing_repository_extends_its_organisation(
    tmp_path: Path, okrctl: Run
) -> None:
    target = tmp_path / "repo"
    assert (
        okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target)).code == 0
    )
    org_before = (target / "okrs/org.yaml").read_text()
    (target / "okrs/org.yaml").write_text(org_before.replace("units:", "# our units\nunits:"))
    before = snapshot(target)
    result = okrctl("import", "markdown", str(CORPUS / "multi-period.md"), "--into", str(target))
    assert result.code == 0, result.out
    assert "unit 'Data team' is new" in at(result.out, "multi-period.md", 5, "guessed")
    assert "period 2026-Q3 is new" not in result.out  # it is the repository's
    assert "period 2026-Q4 is new" in at(result.out, "multi-period.md", 12, "guessed")
    after = snapshot(target)
    assert {f for f in after if f not in before} == {
        "okrs/2026-Q3/data-team/trustworthy-dashboards.yaml",
        "okrs/2026-Q4/data-team/self-serve-analytics.yaml",
    }
    assert {f for f in before if before[f] != after[f]} == {"okrs/org.yaml"}
    org = after["okrs/org.yaml"].decode()
    assert org.startswith(before["okrs/org.yaml"].decode().split("  - id: growth")[0])
    assert (
        "# our units\n" in org
        and "  - id: data-team\n    name: Data team\n    parent: northwind\n" in org
    )
    assert "  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31\n" in org
    checked(target)


def test_an_error_okrctl_check_would_find_stops_the_import(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    assert (
        okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target)).code == 0
    )
    with open(target / "okrs/org.yaml", "a") as stream:
        stream.write("  - id: fy27\n    start: 2026-04-01\n    end: 2027-03-31\n")
    before = snapshot(target)
    page = tmp_path / "next-year.md"
    page.write_text(
        "# 2027\n\n## Platform\n\n### Faster builds\n\n- Build time from 9 to 3 minutes\n"
    )
    result = okrctl("import", "markdown", str(page), "--into", str(target))
    assert result.code == 1
    assert at(result.out, "okrs/org.yaml", 23, "error").startswith("OKR311 ")
    assert snapshot(target) == before


def test_importing_into_an_existing_repository_adds_files(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    assert (
        okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target)).code == 0
    )
    page = tmp_path / "more.md"
    page.write_text(
        "## Q3 2026\n\n### Platform\n\n#### Make deploys boring\n\n- [ ] Blue-green deploys\n"
    )
    result = okrctl("import", "markdown", str(page), "--into", str(target))
    assert result.code == 0, result.out
    assert "'make-deploys-boring-2026-q3'" in at(result.out, "more.md", 5, "guessed")
    assert (target / "okrs/2026-Q3/platform/make-deploys-boring-2026-q3.yaml").exists()


def test_formula_cells_are_never_evaluated(tmp_path: Path, okrctl: Run) -> None:
    header = ["Row ID", "Title", "Parent", "Entity", "Time Period", "Start Value", "Target Value"]
    rows: list[list[object]] = [
        [1, '=HYPERLINK("http://evil.example","Grow")', None, "Objective", "Q1 2027", None, None],
        [2, "Revenue", 1, "Key Result", "Q1 2027", 1, "=1+1"],
    ]
    book = viva_xlsx(tmp_path / "f.xlsx", header, rows)
    result = okrctl("import", "table", str(book), "--into", str(tmp_path / "repo"), "--dry-run")
    assert "without a title" in at(result.out, "f.xlsx", 2, "unread")


def test_usage_errors_exit_2(tmp_path: Path, okrctl: Run) -> None:
    page = CORPUS / "headings.md"
    result = okrctl(
        "import", "markdown", str(page), "--period", "someday", "--into", str(tmp_path / "r")
    )
    assert result.code == 2 and "--period 'someday'" in result.err
    (tmp_path / "map.yaml").write_text("columns: {title: Goal}\n")
    (tmp_path / "t.csv").write_text("Goal\nx\n")
    both = okrctl(
        "import",
        "table",
        str(tmp_path / "t.csv"),
        "--preset",
        "okrctl",
        "--mapping",
        (tmp_path / "map.yaml").as_posix(),
    )
    assert both.code == 2 and "give --preset or --mapping, not both" in both.err
    assert not (tmp_path / "r").exists()


def test_python_m_okrctl_import_help() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "okrctl", "import", "--help"], capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0
    assert "markdown" in done.stdout and "table" in done.stdout


def test_a_title_over_the_limit_is_cut_at_a_word_and_the_rest_kept(
    tmp_path: Path, okrctl: Run
) -> None:
    # Real pages have key results over 300 characters: one used to stop the whole import.
    page = tmp_path / "long.md"
    long = " ".join(f"word{n}" for n in range(80))
    page.write_text(f"# Q3 2026\n\n## Grow\n\n- Revenue from 1 to 2\n- {long}\n")
    result = okrctl("import", "markdown", str(page), "--into", str(tmp_path / "repo"))
    assert result.code == 0, result.out
    assert "549 characters" in at(result.out, "long.md", 6, "guessed")
    assert "warning: 1 title(s) cut" in result.out
    data = yaml.safe_load((tmp_path / "repo/okrs/2026-Q3/our-organisation/grow.yaml").read_text())
    cut = data["key_results"][1]
    assert len(cut["title"]) <= 300 and cut["title"].endswith("word43 …")
    assert cut["description"].startswith("… word44 word45") and cut["description"].endswith(
        "word79"
    )


def test_a_comma_that_is_not_a_thousands_separator_is_not_a_number(
    tmp_path: Path, okrctl: Run
) -> None:
    rows = '1,Grow,,Objective,,Q1 2027,,\n2,Revenue,1,Key Result,,Q1 2027,"1,5",3\n'
    code, out, _ = table(tmp_path, okrctl, HEADER + rows)
    assert code == 1 and "baseline '1,5'" in at(out, "okrs.csv", 3, "error")
    rows = '1,Grow,,Objective,,Q1 2027,,\n2,Revenue,1,Key Result,,Q1 2027,"1,500",3000\n'
    code, out, _ = table(tmp_path, okrctl, HEADER + rows)
    assert code == 0, out


def test_duplicate_objectives_in_markdown(tmp_path: Path, okrctl: Run) -> None:
    page = tmp_path / "dup.md"
    page.write_text(
        "# Q3 2026\n\n## Sales\n\n### Grow revenue\n\n- Revenue from 1 to 2\n\n"
        "### Grow revenue\n\n- Deals from 3 to 4\n\n"
        "## Support\n\n### Grow revenue\n\n- Upsells from 5 to 6\n"
    )
    result = okrctl("import", "markdown", str(page), "--into", str(tmp_path / "repo"))
    assert result.code == 1
    assert errors(result.out) == [(page.as_posix(), 9)]  # another unit's may share the title (15)
    assert "also at line 5" in at(result.out, "dup.md", 9, "error")


def test_row_limit(tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from okrctl.adopt import sheets as reader

    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    rows = "".join(f"{n},Objective {n},,Objective,,Q1 2027,,\n" for n in range(1, 6))
    code, out, target = table(tmp_path, okrctl, HEADER + rows)
    assert code == 1 and "more than 3 rows" in at(out, "okrs.csv", 5, "error")
    assert not target.exists()


def test_okr_files_without_an_organisation_file(tmp_path: Path, okrctl: Run) -> None:
    target = tmp_path / "repo"
    (target / "okrs/2026-Q3/x").mkdir(parents=True)
    (target / "okrs/2026-Q3/x/theirs.yaml").write_text("kind: Objective\n")
    result = okrctl("import", "markdown", str(CORPUS / "headings.md"), "--into", str(target))
    assert result.code == 1
    assert "no org.yaml" in at(result.out, "okrs/org.yaml", 1, "error")
    assert snapshot(target) == {"okrs/2026-Q3/x/theirs.yaml": b"kind: Objective\n"}


def _with_cell(path: Path, placeholder: int, written: str) -> Path:
    """The workbook at `path` with the numeric cell `placeholder` holding `written` as it is
    stored (openpyxl writes neither an infinity nor a number of hundreds of digits)."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        f"<v>{placeholder}</v>".encode(), f"<v>{written}</v>".encode()
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, part in parts.items():
            target.writestr(name, part)
    return path


@pytest.mark.parametrize(
    ("column", "written"),
    [
        # found by `make fuzz`: a title cell past the largest float is read as an infinity, and
        # was exit 3 (int(inf)); openpyxl writes the largest float so (16 digits, rounded up)
        (1, "-1.797693134862316e+308"),
        (1, "1e309"),
        (11, "1" + "0" * 400),  # a whole number no float holds: exit 3 too
        (1, "-1" + "0" * 400),
    ],
)
def test_cells_that_are_no_finite_number_are_no_crash(
    tmp_path: Path, okrctl: Run, column: int, written: str
) -> None:
    rows = [list(row) for row in VIVA_ROWS]
    rows[2][column] = 424242
    source = _with_cell(viva_xlsx(tmp_path / "okrs.xlsx", rows=rows), 424242, written)
    result = okrctl("import", "table", str(source), "--into", str(tmp_path / "repo"), "--dry-run")
    assert result.code in (0, 1), result.err
    assert "internal error" not in result.err


def test_unclosed_html_comments_are_read_in_one_pass(tmp_path: Path, okrctl: Run) -> None:
    # found by `make fuzz`: 128,000 lines of `<!-- x` took six minutes of processor time (a
    # pattern `<!--.*?-->` scanned to the document's end from every one); a quadratic reading
    # of these 100,000 lines would take minutes again
    page = tmp_path / "okrs.md"
    page.write_text(
        "# 2026-Q4\n\n## Objective: Grow\n\n- KR: Revenue from 1 to 2\n\n" + "<!-- x\n" * 100_000
    )
    result = okrctl("import", "markdown", str(page), "--into", str(tmp_path / "repo"), "--dry-run")
    assert result.code in (0, 1), result.err
    assert "HTML block" in at(result.out, "okrs.md", 7, "unread")


def test_closed_comments_are_dropped_and_unclosed_ones_kept() -> None:
    from okrctl.adopt.mdtree import _without_comments

    assert _without_comments("a<!-- b -->c<!--d-->e") == "ace"
    assert _without_comments("a<!-- b -->c<!-- open") == "ac<!-- open"
    assert _without_comments("<!-- x\n" * 3) == "<!-- x\n" * 3
