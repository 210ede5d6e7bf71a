"""Fuzzing `okrctl import`: generated Markdown documents and spreadsheets (CSV and XLSX), up to
1 MB, imported into a new repository and into an existing one. The importer's own rules are
another module's; this target only calls the command and holds it to the bounds."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.adopt.tables import VIVA_HEADER, VIVA_ROWS
from tests.fuzz import strategies as s
from tests.fuzz.harness import batch, for_the_budget, keep, okrctl, sandbox, within_bounds

FIXTURE = Path(__file__).resolve().parents[1] / "gitops" / "fixture"
TODAY = ["--today", "2026-11-22"]

# --------------------------------------------------------------------------- Markdown

words = s.text.map(lambda t: t.replace("\n", " "))
lines = st.one_of(
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), words),
    st.builds(lambda t: f"## Objective: {t}", words),
    st.builds(lambda t: f"# {t} 2026-Q4", words),
    st.builds(
        lambda indent, mark, t: " " * indent + mark + " " + t,
        st.integers(0, 12),
        st.sampled_from(["-", "*", "+", "1.", "- [ ]", "- [x]", "-  KR:", "* ~~"]),
        words,
    ),
    st.builds(lambda t, a, b: f"- KR: {t} from {a} to {b}", words, s.scalars, s.scalars),
    st.builds(lambda t: f"Owner: {t}", words),
    st.builds(lambda a, b: f"| {a} | {b} |", words, words),
    st.sampled_from(["```", "---", "", "<!-- x", "-->", "> quote", "    code", "===="]),
    words,
)
documents = st.builds(
    lambda body, piece, times: s.under_cap("\n".join(body) + "\n" + s.repeat(piece, times)),
    st.lists(lines, max_size=40),
    lines.map(lambda line: line + "\n"),
    s.amplifier,
)


def _import(repo: Path, kind: str, source: Path, existing: bool, dry_run: bool) -> None:
    if existing:
        shutil.copytree(FIXTURE / "okrs", repo / "okrs")
    args = ["import", kind, str(source), "--into", str(repo), *TODAY]
    outcome = okrctl([*args, "--dry-run"] if dry_run else args, repo)
    within_bounds(outcome, f"import {kind}")
    assert outcome.code in (0, 1, 2), outcome.err
    if outcome.code == 0 and not dry_run:  # what was written is a repository check can read
        checked = okrctl(["check", "--no-cache", "--today", "2026-11-22"], repo)
        within_bounds(checked, "check after import")


@batch(40)
@given(documents, st.booleans(), st.booleans())
def _markdown(document: str, existing: bool, dry_run: bool) -> None:
    data = document.encode("utf-8", "surrogatepass")
    with keep("markdown", {"doc.md": data}), sandbox() as repo:
        source = repo.parent.parent.parent / "inputs" / "doc.md"
        source.write_bytes(data)
        _import(repo, "markdown", source, existing, dry_run)


def test_markdown_import_takes_any_document() -> None:
    assert for_the_budget(_markdown) >= 1


# --------------------------------------------------------------------------- tables

cells = st.one_of(s.scalars, st.sampled_from(["Objective", "Key Result", "Q1 2027", "=A1*2"]))
rows = st.lists(st.lists(cells, min_size=0, max_size=len(VIVA_HEADER) + 2), max_size=30)
headers = st.one_of(st.just(VIVA_HEADER), st.lists(words, max_size=20))


def _csv(header: list[str], body: list[list[object]], times: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([*VIVA_ROWS[:2], *body])
    text = out.getvalue()
    if body:  # a row repeated up to the cap
        text += s.repeat(",".join(map(str, body[0])) + "\n", times)
    return s.under_cap(text).encode("utf-8", "surrogatepass")


def _xlsx(header: list[str], body: list[list[object]], times: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [header, *VIVA_ROWS[:2], *body, *(body[:1] * min(times, 2000))]:
        sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    """A value openpyxl can store (it refuses control characters and huge integers)."""
    if isinstance(value, str):
        return "".join(c for c in value if c >= " " or c in "\t\n\r")[:30000]
    if isinstance(value, int) and abs(value) > 2**53:
        return float(value)
    return value


tables = st.builds(
    lambda kind, header, body, times: (
        kind,
        (_csv if kind == "csv" else _xlsx)(header, body, times),
    ),
    st.sampled_from(["csv", "xlsx"]),
    headers,
    rows,
    s.amplifier,
) | st.builds(
    lambda kind, data: (kind, data), st.sampled_from(["csv", "xlsx"]), st.binary(max_size=4096)
)


@batch(40)
@given(tables, st.booleans(), st.booleans())
def _tables(table: tuple[str, bytes], existing: bool, dry_run: bool) -> None:
    kind, data = table
    with keep("table", {f"sheet.{kind}": data}), sandbox() as repo:
        source = repo.parent.parent.parent / "inputs" / f"sheet.{kind}"
        source.write_bytes(data)
        _import(repo, "table", source, existing, dry_run)


def test_table_import_takes_any_spreadsheet() -> None:
    assert for_the_budget(_tables) >= 1
