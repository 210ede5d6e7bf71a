"""Time `okrctl remind` and `okrctl digest` in synthetic repositories, and print the figures.

    python bench/between_merges_bench.py [OBJECTIVES ...]     (default: 1000 10000)

Each size gets a git repository in bench/out/between-<size>/ (written by `bench/synth.py` with a
finding in every file, so that every objective has something to remind of): a first commit ten
days before the synthetic organisation's day, and a second two days before it where one
objective file in a hundred got a target moved (a change for the digest). The runs are the
commands a user types, as processes, best of three: `okrctl remind --format json` (the full
check, then the routing) and `okrctl digest --since 7d` (the same check, and the baseline read
from git and checked with the built-in checks). Target on the project's 2-core machine: each
under twice `okrctl check --no-cache` on the same repository.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from diff_bench import ENV, OKRCTL  # noqa: E402  (git without the user's configuration)
from synth import TODAY, generate  # noqa: E402


def _git(root: Path, *args: str, day: dt.date | None = None) -> None:
    env = dict(ENV)
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day.isoformat()}T12:00:00+00:00"
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def repository(objectives: int) -> Path:
    root = OUT / f"between-{objectives}"
    if (root / ".git").is_dir():
        return root
    shutil.rmtree(root, ignore_errors=True)
    generate(root, objectives, 2, findings=True)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base", day=TODAY - dt.timedelta(days=10))
    for path in sorted((root / "okrs" / "2026-Q4").rglob("*.yaml"))[::100]:
        text = path.read_text()
        position = text.index("target: ")
        end = text.index("\n", position)
        path.write_text(f"{text[:position]}target: 999999{text[end:]}")
    _git(root, "commit", "-q", "-am", "goalposts", day=TODAY - dt.timedelta(days=2))
    return root


def best_of(root: Path, args: list[str], runs: int = 3) -> float:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [str(OKRCTL), *args, "--today", TODAY.isoformat()],
            cwd=root,
            env=ENV,
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"okrctl {' '.join(args)} failed: {done.stderr}")
    return min(times)


def main(sizes: list[int]) -> None:
    print(f"{'objectives':>10}  {'check':>8}  {'remind':>8}  {'digest':>8}")
    for size in sizes:
        root = repository(size)
        check = best_of(root, ["check", "--no-cache"])
        remind = best_of(root, ["remind", "--format", "json"])
        digest = best_of(root, ["digest", "--since", "7d", "--format", "json"])
        print(f"{size:>10}  {check:>7.2f}s  {remind:>7.2f}s  {digest:>7.2f}s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
