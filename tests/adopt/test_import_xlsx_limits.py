"""XLSX within fixed limits, measured before openpyxl reads it (issue 19, defects 3 and 4; issue
20, tables): a small workbook that expands hugely is a finding, not a MemoryError; hidden sheets
are skipped and reported and `--sheet NAME` chooses; a merged cell's value is carried to the
cells it covers, and a formula with no saved value is reported, each cell by cell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

from okrctl.adopt import workbook
from tests.adopt import workbooks
from tests.adopt.conftest import Run
from tests.adopt.test_import_confined import listing
from tests.adopt.test_import_e2e import checked

TODAY = "2026-08-01"
HEADER = ["Row ID", "Title", "Parent", "Entity", "Owner Email", "Time Period", "Start Value",
          "Target Value"]  # fmt: skip
ROWS: list[list[Any]] = [
    HEADER,
    [1, "Win the cold-chain segment", None, "Objective", "ceo@acme.example", "Q3 2026"],
    [2, "Signed customers", 1, "Key Result", "sales@acme.example", "Q3 2026", 4, 12],
]


def _import(okrctl: Run, book: Path, *args: str) -> tuple[int, str, str]:
    result = okrctl("import", "table", str(book), "--into", str(book.parent / "repo"),
                    "--today", TODAY, *args)  # fmt: skip
    return result.code, result.out, result.err


def _errors(out: str) -> list[str]:
    return [line.split(": error: ", 1)[1] for line in out.splitlines() if ": error: " in line]


def _repeated(chunk: bytes, times: int) -> Iterator[bytes]:
    for _ in range(times):
        yield chunk


def test_a_small_workbook_whose_shared_strings_expand_hugely_is_refused(
    tmp_path: Path, okrctl: Run
) -> None:
    """The attack of the issue: a workbook of a few hundred KiB whose shared strings expand to
    256 MiB (openpyxl would hold them all in memory); nothing of it is read."""
    mebibyte = b"<si><t>" + b"A" * (1024 * 1024) + b"</t></si>"
    book = workbooks.write(
        tmp_path / "bomb.xlsx",
        [("OKRs", "visible", workbooks.cells(ROWS))],
        _repeated(mebibyte, 256),
    )
    assert book.stat().st_size < 2 * 1024 * 1024
    before = listing(tmp_path)
    code, out, err = _import(okrctl, book)
    assert code == 1, out + err
    assert out == (
        f"{book}:1: error: part xl/sharedStrings.xml is 256 MiB uncompressed; okrctl reads "
        "parts of at most 32 MiB: save the OKR sheet alone, or as CSV\n"
    )
    assert err.endswith("1 error(s): nothing written\n")
    assert listing(tmp_path) == before


def test_a_part_that_expands_more_than_a_hundred_times_is_refused(
    tmp_path: Path, okrctl: Run
) -> None:
    book = workbooks.write(
        tmp_path / "dense.xlsx",
        [("OKRs", "visible", workbooks.cells(ROWS))],
        _repeated(b"<si><t>" + b"A" * 4096 + b"</t></si>", 1024),
    )
    code, out, _ = _import(okrctl, book)
    assert code == 1
    [error] = _errors(out)
    assert error.startswith("part xl/sharedStrings.xml expands ")
    assert error.endswith(
        " times when uncompressed; okrctl reads parts that expand at most 100 times"
    )


def test_a_document_type_declaration_is_refused(tmp_path: Path, okrctl: Run) -> None:
    """Entity expansion ("billion laughs") needs a DTD: no spreadsheet program writes one."""
    laughs = b'<!ENTITY a "lol">' + b"".join(
        b'<!ENTITY %c "%s">' % (ord("b") + n, b"&%c;" % (ord("a") + n) * 10) for n in range(8)
    )
    book = workbooks.write(
        tmp_path / "laughs.xlsx",
        [("OKRs", "visible", workbooks.cells(ROWS))],
        [b"<si><t>&i;</t></si>"],
        prologue=b"<!DOCTYPE sst [" + laughs + b"]>",
    )
    code, out, _ = _import(okrctl, book)
    assert code == 1
    assert _errors(out) == [
        "part xl/sharedStrings.xml declares a document type, which no spreadsheet program "
        "writes: okrctl does not read this workbook"
    ]


@pytest.mark.parametrize(
    ("limit", "value", "expected"),
    [
        ("MAX_PARTS", 3, "the workbook has 6 parts; okrctl reads at most 3"),
        ("MAX_TOTAL_BYTES", 1000, "the workbook is 2 KiB uncompressed; okrctl reads at most "
         "1000 bytes: save the OKR sheet alone, or as CSV"),
        ("MAX_ELEMENTS", 40, "the workbook holds more than 40 XML elements, more than okrctl "
         "reads: save the OKR sheet alone in a new workbook, or as CSV"),
        ("MAX_CELLS", 10, "more than 10 cells: split the file"),
    ],
)  # fmt: skip
def test_each_limit_is_a_finding(
    tmp_path: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch, limit: str, value: int,
    expected: str,
) -> None:  # fmt: skip
    monkeypatch.setattr(workbook, limit, value)
    book = workbooks.write(tmp_path / "okrs.xlsx", [("OKRs", "visible", workbooks.cells(ROWS))])
    code, out, _ = _import(okrctl, book)
    assert (code, _errors(out)) == (1, [expected])


def test_the_limits_leave_an_ordinary_workbook_alone(tmp_path: Path, okrctl: Run) -> None:
    book = workbooks.write(tmp_path / "okrs.xlsx", [("OKRs", "visible", workbooks.cells(ROWS))])
    code, out, _ = _import(okrctl, book)
    assert code == 0, out
    checked(tmp_path / "repo", TODAY)


def test_a_value_far_down_is_refused_at_its_row_before_openpyxl_fills_the_rows_between(
    tmp_path: Path, okrctl: Run
) -> None:
    far = workbooks.cells(ROWS) + workbooks.cells([["far away"]], first_row=1_048_576)
    book = workbooks.write(tmp_path / "far.xlsx", [("OKRs", "visible", far)])
    code, out, _ = _import(okrctl, book)
    assert code == 1
    assert f"{book}:1048576: error: more than 20000 rows: split the file" in out


def _sheets(path: Path, hidden_state: str) -> Path:
    """A workbook whose first sheet is hidden (an objective nobody sees in Excel) before the
    visible sheet with the OKRs."""
    book = Workbook()
    secret = book.active
    assert secret is not None
    secret.title = "Plan"
    for row in [HEADER, [1, "Injected objective", None, "Objective", "x@acme.example", "Q3 2026"],
                [2, "Injected result", 1, "Key Result", "x@acme.example", "Q3 2026", 1, 2]]:  # fmt: skip
        secret.append(row)
    secret.sheet_state = hidden_state  # type: ignore[assignment]
    visible = book.create_sheet("OKRs")
    for row in ROWS:
        visible.append(row)
    book.active = 1
    book.save(path)
    return path


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_skipped_and_reported(
    tmp_path: Path, okrctl: Run, state: str
) -> None:
    book = _sheets(tmp_path / "two.xlsx", state)
    code, out, _ = _import(okrctl, book)
    assert code == 0, out
    assert (
        f"{book}:1: unread: sheet 'Plan' is hidden ({state}): skipped (--sheet 'Plan' reads it)"
        in out
    )
    files = sorted(p.name for p in (tmp_path / "repo/okrs").rglob("*.yaml"))
    assert files == ["org.yaml", "win-the-cold-chain-segment.yaml"]


def test_sheet_chooses_a_sheet_even_a_hidden_one(tmp_path: Path, okrctl: Run) -> None:
    book = _sheets(tmp_path / "two.xlsx", "veryHidden")
    code, out, _ = _import(okrctl, book, "--sheet", "Plan")
    assert code == 0, out
    assert f"{book}:1: mapped: sheet 'Plan' is hidden (veryHidden): read, as --sheet asks" in out
    assert f"{book}:1: unread: sheet 'OKRs' not read (--sheet chose another)" in out
    files = sorted(p.name for p in (tmp_path / "repo/okrs").rglob("*.yaml"))
    assert files == ["injected-objective.yaml", "org.yaml"]
    code, out, _ = _import(okrctl, book, "--sheet", "PLAN", "--dry-run")  # its case aside
    assert code == 0 and f"{book}:1: mapped: sheet 'Plan' is hidden (veryHidden): read" in out


def test_an_unknown_sheet_is_a_usage_error_listing_the_sheets(tmp_path: Path, okrctl: Run) -> None:
    book = _sheets(tmp_path / "two.xlsx", "veryHidden")
    before = listing(tmp_path)
    code, out, err = _import(okrctl, book, "--sheet", "Nope")
    assert (code, out) == (2, "")
    assert err == (
        f"okrctl: --sheet 'Nope': {book} has no such sheet; its sheets: 'Plan' (veryHidden), "
        "'OKRs'\n"
    )
    assert listing(tmp_path) == before
    (tmp_path / "okrs.csv").write_text(",".join(HEADER) + "\n")
    code, _, err = _import(okrctl, tmp_path / "okrs.csv", "--sheet", "OKRs")
    assert code == 2 and "is CSV, which has no sheets" in err


def test_a_workbook_with_every_sheet_hidden_is_not_read(tmp_path: Path, okrctl: Run) -> None:
    book = workbooks.write(tmp_path / "hidden.xlsx", [("OKRs", "hidden", workbooks.cells(ROWS))])
    code, out, _ = _import(okrctl, book)
    assert code == 1
    assert _errors(out) == ["no visible sheet to read: choose one with --sheet NAME"]
    assert f"{book}:1: unread: sheet 'OKRs' is hidden (hidden): skipped" in out


def test_a_merged_owner_cell_is_carried_down_and_reported(tmp_path: Path, okrctl: Run) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [
        HEADER,
        [1, "Win the cold-chain segment", None, "Objective", "ceo@acme.example", "Q3 2026"],
        [2, "Signed customers", 1, "Key Result", "sales@acme.example", "Q3 2026", 4, 12],
        [3, "Average deal size", 1, "Key Result", None, "Q3 2026", 10, 25],
        [4, "Partners signed", 1, "Key Result", None, "Q3 2026", 0, 5],
    ]:
        sheet.append(row)
    sheet.merge_cells("E3:E5")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    code, out, _ = _import(okrctl, path)
    assert code == 0, out
    assert f"{path}:4: mapped: cell E4 is merged with E3: read as its value" in out
    assert f"{path}:5: mapped: cell E5 is merged with E3: read as its value" in out
    [written] = (tmp_path / "repo/okrs/2026-Q3").rglob("*.yaml")
    owners = [kr["owner"] for kr in yaml.safe_load(written.read_text())["key_results"]]
    assert len(owners) == 3 and owners[0] is not None and set(owners) == {owners[0]}
    checked(tmp_path / "repo", TODAY)


def test_a_formula_with_no_saved_value_is_reported_cell_by_cell(
    tmp_path: Path, okrctl: Run
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [*ROWS, [3, "Average deal size", 1, "Key Result", None, "Q3 2026", 10, "=G4*2"],
                [4, "Partners", 1, "Key Result", None, "Q3 2026", "=1+1", "=H4"]]:  # fmt: skip
        sheet.append(row)
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    code, out, _ = _import(okrctl, path, "--dry-run")
    assert code == 0, out
    reported = [line for line in out.splitlines() if "holds a formula" in line]
    advice = (
        "read as empty (open the workbook in a spreadsheet program and save it, so that its "
        "values are saved)"
    )
    assert reported == [
        f"{path}:4: unread: cell H4 holds a formula with no saved value: {advice}",
        f"{path}:5: unread: cell G5 holds a formula with no saved value: {advice}",
        f"{path}:5: unread: cell H5 holds a formula with no saved value: {advice}",
    ]
