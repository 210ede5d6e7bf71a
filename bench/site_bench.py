"""Build the site of synthetic organisations and print build time, phases and output size.

    python bench/site_bench.py [OBJECTIVES ...]     (default: 1000 10000)

Each size runs in its own process (so that peak memory is its own) on a repository written by
`bench/synth.py` into bench/out/ (kept between runs; delete it to regenerate). Targets on the
project's 2-core machine: 1,000 objectives in under 10 s, 10,000 in under 60 s.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from synth import TODAY, generate  # noqa: E402


class Phases:
    """Progress that records how long each phase took."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._name: str | None = None
        self._start = 0.0

    def phase(self, name: str, total: int = 0) -> None:
        self.finish()
        self._name, self._start = name, time.perf_counter()

    def advance(self, steps: int = 1) -> None:
        pass

    def finish(self) -> None:
        if self._name is not None:
            self.times[self._name] = time.perf_counter() - self._start
            self._name = None


def size_of(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def measure(objectives: int) -> dict[str, object]:
    """Generate (once) and build one organisation; runs in a child process."""
    from okrctl.site.build import build_site

    root = OUT / f"synth-{objectives}"
    if not (root / "okrs" / "org.yaml").is_file():
        started = time.perf_counter()
        generate(root, objectives)
        print(
            f"  generated {objectives} objectives in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    phases = Phases()
    started = time.perf_counter()
    result = build_site(root, root / "public", today=TODAY, progress=phases)
    seconds = time.perf_counter() - started
    if not result.built:
        raise SystemExit(f"the check refused {root}: {result.check.errors} errors")
    files, size = size_of(root / "public")
    return {
        "objectives": result.objectives,
        "pages": result.pages,
        "seconds": round(seconds, 2),
        "phases": {k: round(v, 2) for k, v in phases.times.items()},
        "files": files,
        "megabytes": round(size / 1e6, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(sizes: list[int]) -> None:
    print(f"site build, {dt.date.today()} (built for {TODAY})")
    rows = []
    for objectives in sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(objectives)],
            check=True,
            capture_output=True,
            text=True,
        )
        sys.stderr.write(child.stderr)
        row = json.loads(child.stdout)
        rows.append(row)
        phases = ", ".join(f"{name} {secs:.2f} s" for name, secs in row["phases"].items())
        print(
            f"{row['objectives']:>6} objectives: {row['seconds']:6.2f} s, {row['pages']} pages, "
            f"{row['files']} files, {row['megabytes']} MB, peak memory {row['peak_mb']} MB"
        )
        print(f"        {phases}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per = [float(r["seconds"]) / int(r["objectives"]) * 1000 for r in (first, last)]  # type: ignore[call-overload]
        print(
            f"ms per objective: {per[0]:.2f} at {first['objectives']}, {per[1]:.2f} at "
            f"{last['objectives']}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 10000])
