"""Time `okrctl import` of a large Markdown page and a large spreadsheet, and print the figures.

    python bench/import_bench.py [OBJECTIVES ...]     (default: 200 2000)

For each size it writes a Markdown page (units as headings, objectives as headings, four key
results each, with numbers, task boxes and notes) and the same OKRs as an Ally.io / Viva Goals
CSV, then runs the command a user types, as a process, best of three: `okrctl import markdown`
and `okrctl import table`, each into a new folder (the trial `okrctl check` included). Target on
the project's 2-core machine: 2,000 objectives (10,000 rows) in under 20 s of wall time and 10 s
of CPU time (the machine is shared: the CPU time is the steadier figure).
"""

from __future__ import annotations

import csv
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OKRCTL = Path(sys.executable).parent / "okrctl"
UNITS = 20


def page(objectives: int) -> str:
    lines = ["# Bench Corp OKRs", "", "## Q3 2026", ""]
    per_unit = max(objectives // UNITS, 1)
    for number in range(objectives):
        if number % per_unit == 0:
            lines += [f"### Team {number // per_unit}", ""]
        lines += [
            f"#### Objective {number}: make area {number} better",
            "",
            f"- Metric {number} from {number % 50 + 10}% to {number % 50 + 30}%",
            f"- [x] Ship deliverable {number}",
            f"- [ ] Publish report {number} (@owner-{number % 40})",
            f"- Latency {number} below 200 ms",
            f"  => measured weekly, on track {number}",
            "",
        ]
    return "\n".join(lines) + "\n"


def table(objectives: int, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        header = "Row ID,Title,Parent,Entity,Owner Email,Team,Time Period,Start Value,Target Value"
        writer.writerow([*header.split(","), "Current Value"])
        for number in range(objectives):
            ref = f"o{number}"
            team = f"Team {number % UNITS}"
            owner = f"owner{number % 40}@bench.example"
            writer.writerow([ref, f"Make area {number} better", "", "Objective", owner, team,
                             "Q3 2026", "", "", ""])  # fmt: skip
            for kr in range(4):
                writer.writerow([f"{ref}k{kr}", f"Metric {number}.{kr}", ref, "Key Result", owner,
                                 team, "Q3 2026", 10 + kr, 30 + kr, 20 + kr])  # fmt: skip


def best(argv: list[str], cwd: Path, target: Path, runs: int = 3) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system, less disturbed by a shared machine)."""
    walls, cpus = [], []
    for _ in range(runs):
        shutil.rmtree(target, ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed:\n{done.stdout.decode()[-2000:]}")
    return min(walls), min(cpus)


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="okrctl-import-bench-") as scratch:
        root = Path(scratch)
        for size in sizes:
            (root / "okrs.md").write_text(page(size), "utf-8")
            table(size, root / "okrs.csv")
            common = ["--into", str(root / "repo"), "--today", "2026-09-15"]
            md = best([str(OKRCTL), "import", "markdown", "okrs.md", *common], root, root / "repo")
            csv_time = best(
                [str(OKRCTL), "import", "table", "okrs.csv", *common], root, root / "repo"
            )
            kib = (root / "okrs.md").stat().st_size // 1024
            print(f"{size:>6} objectives: import markdown ({kib} KiB) {md[0]:6.2f} s "
                  f"(cpu {md[1]:.2f} s), import table ({size * 5} rows) {csv_time[0]:6.2f} s "
                  f"(cpu {csv_time[1]:.2f} s)")  # fmt: skip


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200, 2000])
