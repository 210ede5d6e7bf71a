"""Peak memory of reading a small XLSX whose shared strings expand hugely, before and after the
workbook is measured first (issue 19, defect 3), and of the largest workbook okrctl still reads.

    python bench/xlsx_memory.py [MIB]      (default: 256 MiB of shared strings)

It writes three workbooks (with the tests' builder, tests/adopt/workbooks.py) and runs each
reading in a process of its own, printing the file's size, what the reading did, its wall time
and the process's peak resident memory:

- "openpyxl as before": the bomb (MIB one-mebibyte shared strings, a few hundred KiB zipped)
  read the way `okrctl import table` read it before: `load_workbook(read_only=True,
  data_only=True)` and the first sheet's rows;
- "okrctl import table": the same file, as a user runs it now (refused before openpyxl);
- "largest accepted": distinct short shared strings just under the XML element budget
  (`okrctl.adopt.workbook.MAX_ELEMENTS`), imported with --dry-run: the most memory a workbook
  that okrctl reads can take.

Target: the bomb is refused within 100 MiB (the interpreter and okrctl's imports included), and
the largest accepted workbook stays under 512 MiB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from okrctl.adopt.workbook import MAX_ELEMENTS  # noqa: E402
from tests.adopt import workbooks  # noqa: E402

ROWS = [
    ["Row ID", "Title", "Parent", "Entity", "Time Period", "Start Value", "Target Value"],
    [1, "Grow", None, "Objective", "Q3 2026"],
    [2, "Revenue", 1, "Key Result", "Q3 2026", 1, 2],
]
BEFORE = """
import io, resource, sys, json
from openpyxl import load_workbook
outcome = "read"
try:
    book = load_workbook(io.BytesIO(open(sys.argv[1], "rb").read()), read_only=True, data_only=True)
    rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    outcome = f"read {rows} rows"
except MemoryError:
    outcome = "MemoryError"
print(json.dumps({"outcome": outcome,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""
AFTER = """
import resource, sys, json, contextlib, io
from okrctl import cli
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    code = cli.run(["import", "table", sys.argv[1], "--into", sys.argv[2], "--dry-run",
                    "--today", "2026-08-01"])
first = out.getvalue().splitlines()[0] if out.getvalue() else ""
print(json.dumps({"outcome": f"exit {code}: {first[:90]}",
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _bomb(mib: int) -> Iterator[bytes]:
    chunk = b"<si><t>" + b"A" * (1024 * 1024) + b"</t></si>"
    for _ in range(mib):
        yield chunk


def _distinct(count: int) -> Iterator[bytes]:
    for start in range(0, count, 10_000):
        yield b"".join(b"<si><t>%x</t></si>" % n for n in range(start, min(start + 10_000, count)))


def _run(script: str, *args: str) -> tuple[str, float, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or not done.stdout.strip():
        return f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]}", elapsed, 0.0
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return found["outcome"], elapsed, found["peak"] / 1024  # ru_maxrss is in KiB on Linux


def main(mib: int) -> None:
    with tempfile.TemporaryDirectory(prefix="okrctl-bench-xlsx-") as folder:
        here = Path(folder)
        sheet = [("OKRs", "visible", workbooks.cells(ROWS))]
        bomb = workbooks.write(here / "bomb.xlsx", sheet, _bomb(mib))
        # every shared string is two elements (si, t); leave room for the other parts
        largest = workbooks.write(here / "largest.xlsx", sheet, _distinct(MAX_ELEMENTS // 2 - 100))
        runs = [
            ("openpyxl as before", bomb, BEFORE, []),
            ("okrctl import table", bomb, AFTER, [str(here / "a")]),
            ("largest accepted", largest, AFTER, [str(here / "b")]),
        ]
        print(f"{'reading':22} {'file':>9} {'time':>7} {'peak':>9}  outcome")
        for label, path, script, extra in runs:
            outcome, elapsed, peak = _run(script, str(path), *extra)
            size = f"{path.stat().st_size / 1024:.0f} KiB"
            print(f"{label:22} {size:>9} {elapsed:6.1f}s {peak:7.0f} MiB  {outcome}")
        print(f"(the bomb: {mib} MiB of shared strings uncompressed)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 256)
