"""Hostile shapes of trees: a parent chain thousands of objectives deep, units nested thousands
of levels in org.yaml, thousands of unknown references in one file (issue 14, items 12 and 13).

    python bench/deep.py [--chain 1200] [--units 3000] [--unknown 8000] [--commands check,...]

Writes each repository into a temporary folder and times `okrctl COMMAND` on it (a fresh
process, best of --runs). Each must finish with a finding or a result (never exit 3, never a
RecursionError), in time linear in the size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = str(ROOT)
HEADER = "apiVersion: okrctl/v1\n"


def org(units: int) -> str:
    """An organisation whose units nest `units` deep, each the child of the one before."""
    lines = [HEADER, "kind: Organization\nname: Deep\nunits:\n"]
    lines.append("  - id: u0\n    name: U0\n    lead: p\n")
    for i in range(1, units):
        lines.append(f"  - id: u{i}\n    name: U{i}\n    parent: u{i - 1}\n")
    lines.append("people:\n  - id: p\n    name: P\n    unit: u0\n")
    lines.append("periods:\n  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31\n")
    return "".join(lines)


KR = """key_results:
  - id: kr
    title: Leads rise from 1 to 2
    metric: leads
    unit: leads
    baseline: 1
    target: 2
"""


def objective(oid: str, unit: str, parent: str | None, extra: str = "") -> str:
    level = "strategic" if parent is None else "operational"
    text = (
        f"{HEADER}kind: Objective\nid: {oid}\ntitle: Objective {oid}\nlevel: {level}\n"
        f"type: aspirational\nunit: {unit}\nowner: p\nperiod: 2026-Q4\n"
    )
    if parent is not None:
        text += f"parent: {parent}\n"
    return text + extra + KR


def chain_repo(root: Path, depth: int) -> None:
    (root / "okrs" / "2026-Q4" / "u0").mkdir(parents=True)
    (root / "okrs" / "org.yaml").write_text(org(1))
    for i in range(depth):
        parent = f"o{i - 1}" if i else None
        (root / "okrs" / "2026-Q4" / "u0" / f"o{i}.yaml").write_text(
            objective(f"o{i}", "u0", parent)
        )


def units_repo(root: Path, units: int) -> None:
    (root / "okrs" / "2026-Q4" / "u0").mkdir(parents=True)
    (root / "okrs" / "org.yaml").write_text(org(units))
    (root / "okrs" / "2026-Q4" / "u0" / "top.yaml").write_text(objective("top", "u0", None))


def unknown_repo(root: Path, count: int) -> None:
    (root / "okrs" / "2026-Q4" / "u0").mkdir(parents=True)
    (root / "okrs" / "org.yaml").write_text(org(1))
    for i in range(500):
        (root / "okrs" / "2026-Q4" / "u0" / f"lead-objective-{i}.yaml").write_text(
            objective(f"lead-objective-{i}", "u0", None)
        )
    refs = "".join(f"  - led-objective-{i}\n" for i in range(count))
    (root / "okrs" / "2026-Q4" / "u0" / "many.yaml").write_text(
        objective("many", "u0", None, f"depends_on:\n{refs}")
    )


def timed(root: Path, args: list[str], runs: int) -> tuple[float, int, str]:
    best, code, err = float("inf"), 0, ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "okrctl", *args],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            env={
                "PYTHONPATH": SOURCE,
                "PATH": "/usr/bin:/bin",
                "OKRCTL_CACHE_DIR": str(root / ".c"),
            },
        )
        best = min(best, time.perf_counter() - start)
        code, err = done.returncode, done.stderr
        for folder in (root / "public", root / ".c"):
            subprocess.run(["rm", "-rf", str(folder)], check=True)
    return best, code, err.strip().splitlines()[-1] if err.strip() else ""


COMMANDS = {
    "check": ["check", "--today", "2026-11-22"],
    "export": ["export"],
    "build": ["build", "--today", "2026-11-22"],
    "codeowners": ["codeowners"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chain", type=int, default=1200)
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--unknown", type=int, default=8000)
    parser.add_argument("--commands", default="check,export,build,codeowners")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--source", default=str(ROOT), help="okrctl to run (a checkout)")
    options = parser.parse_args()
    global SOURCE
    SOURCE = options.source
    wanted = options.commands.split(",")
    shapes = [
        (f"parent chain {options.chain} deep", chain_repo, options.chain, wanted),
        (f"units nested {options.units} deep", units_repo, options.units, wanted),
        (f"{options.unknown} unknown references", unknown_repo, options.unknown, ["check"]),
    ]
    for title, make, size, commands in shapes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / ".git").mkdir()
            make(root, size)
            for name in commands:
                if name not in wanted:
                    continue
                seconds, code, last = timed(root, COMMANDS[name], options.runs)
                print(f"{title:32} {name:10} {seconds:7.2f} s  exit {code}  {last[:90]}")


if __name__ == "__main__":
    main()
