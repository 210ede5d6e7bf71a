"""Time `okrctl diff` of one changed file in synthetic repositories, and print the figures.

    python bench/diff_bench.py [OBJECTIVES ...]     (default: 1000 10000)

Each size gets a git repository in bench/out/diff-<size>/ (written by `bench/synth.py`,
committed once, kept between runs) with one key result's target changed in the working tree.
The run is the command a user types, as a process, best of three: `okrctl diff` (auto scope:
nearby from 1,000 files on) and `okrctl diff --scope full`. Target on the project's 2-core
machine: under 2 s for one changed file among 10,000 objectives.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from synth import TODAY, generate  # noqa: E402

OKRCTL = Path(sys.executable).parent / "okrctl"
ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=ENV, check=True, capture_output=True)


def repository(objectives: int) -> tuple[Path, str]:
    """The benchmark repository and the file changed in its working tree."""
    root = OUT / f"diff-{objectives}"
    if not (root / ".git").is_dir():
        shutil.rmtree(root, ignore_errors=True)
        generate(root, objectives, 1)
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "base")
    _git(root, "checkout", "-q", "--", "okrs")
    changed = sorted((root / "okrs" / "2026-Q4").rglob("*.yaml"))[len(objectives_of(root)) // 2]
    text = changed.read_text()
    position = text.index("target: ")
    end = text.index("\n", position)
    changed.write_text(f"{text[:position]}target: 999999{text[end:]}")
    return root, changed.relative_to(root).as_posix()


def objectives_of(root: Path) -> list[Path]:
    return sorted((root / "okrs" / "2026-Q4").rglob("*.yaml"))


def best_of(root: Path, args: list[str], runs: int = 3) -> tuple[float, str]:
    times: list[float] = []
    output = ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [str(OKRCTL), "diff", "--today", TODAY.isoformat(), *args],
            cwd=root,
            env=ENV,
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"okrctl diff failed: {done.stderr}")
        output = done.stdout
    return min(times), output


def main(sizes: list[int]) -> None:
    print(f"{'objectives':>10}  {'scope':>6}  {'seconds':>7}  scope line")
    for size in sizes:
        root, changed = repository(size)
        for label, args in (("auto", []), ("full", ["--scope", "full"])):
            seconds, output = best_of(root, args)
            scope = next(line for line in output.splitlines() if line.startswith("scope:"))
            assert changed.rpartition("/")[2].removesuffix(".yaml") in output, output
            print(f"{size:>10}  {label:>6}  {seconds:>7.2f}  {scope}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
