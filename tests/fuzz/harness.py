"""What every fuzz target shares: a sandbox per input, okrctl run in-process with its time and
memory measured, the bounds every input must stay within, and the time budget.

`make fuzz` sets `FUZZ_SECONDS` (the whole run's budget, shared equally by the targets): each
target then runs batches of generated inputs until its share is spent. Without it (`make test`)
each target runs one short batch, a smoke run that keeps the harness itself working.

For each input: okrctl never exits 3 (an internal error), finishes within `MAX_SECONDS` of
processor time and `MAX_MEMORY` more memory than it started with, and writes nothing outside the
folders it was given: the repository sits three folders deep in the sandbox, so that a path that
climbs out of it (`../../x`) lands where the sandbox sees it, and the system's temporary folder
is compared before and after.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings

from okrctl.cli import run

MAX_INPUT = 1024 * 1024
"""Inputs are generated under 1 MB."""
MAX_SECONDS = 10.0
MAX_MEMORY = 512 * 1024 * 1024
TARGETS = 4
"""The fuzz targets sharing the budget: the loader, Markdown import, table import, the site."""
SMOKE_EXAMPLES = 3


def budget() -> float:
    """Seconds this target may run for; 0 outside `make fuzz` (one smoke batch)."""
    total = float(os.environ.get("FUZZ_SECONDS", "0") or 0)
    return total / TARGETS


def batch(examples: int) -> settings:
    """Settings of one batch: `examples` inputs under `make fuzz`, a few in a smoke run. Under
    `make fuzz` a failing input is not shrunk (shrinking a megabyte takes longer than the run):
    `keep` writes it to `ARTIFACTS` instead, to replay."""
    fuzzing = bool(budget())
    return settings(
        max_examples=examples if fuzzing else SMOKE_EXAMPLES,
        deadline=None,  # the bounds are asserted per input, on okrctl's own run
        suppress_health_check=list(HealthCheck),
        database=settings.default.database if fuzzing else None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate] if fuzzing else list(Phase),
        print_blob=True,
    )


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "fuzz"
"""Where a failing input is written (the fuzz workflow uploads the folder)."""


@contextlib.contextmanager
def keep(target: str, inputs: dict[str, bytes]) -> Iterator[None]:
    """On a failure, write the input files to `ARTIFACTS/<target>-<digest>/` first."""
    try:
        yield
    except BaseException:
        digest = hashlib.sha256(b"".join(inputs.values())).hexdigest()[:12]
        folder = ARTIFACTS / f"{target}-{digest}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in inputs.items():
            (folder / Path(name).name).write_bytes(data)
        raise


def for_the_budget(batch_of_inputs: Callable[[], None]) -> int:
    """Run `batch_of_inputs` (a hypothesis test) until the budget is spent; at least once."""
    deadline = time.monotonic() + budget()
    batches = 0
    while True:
        batch_of_inputs()
        batches += 1
        if time.monotonic() >= deadline:
            return batches


def _rss() -> int:
    """This process's resident memory in bytes (Linux), or 0 where /proc is missing."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@contextlib.contextmanager
def peak_memory() -> Iterator[list[int]]:
    """The peak growth of resident memory while the block runs (sampled every 5 ms)."""
    start, peak, stop = _rss(), [0], threading.Event()

    def sample() -> None:
        while not stop.wait(0.005):
            peak[0] = max(peak[0], _rss() - start)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        stop.set()
        sampler.join()
        peak[0] = max(peak[0], _rss() - start)


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str
    seconds: float
    """Processor time: what the input costs, whatever else the machine runs (a shared machine
    stretches the wall-clock time several times over; on CI's own runners they agree)."""
    memory: int


def okrctl(args: list[str], cwd: Path) -> Outcome:
    """`okrctl ARGS` run in-process from `cwd`, with its time and memory."""
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            peak_memory() as peak,
        ):
            started = time.process_time()
            code = run(args)
            seconds = time.process_time() - started
    finally:
        os.chdir(before)
    return Outcome(code, out.getvalue(), err.getvalue(), seconds, peak[0])


def within_bounds(outcome: Outcome, what: str) -> None:
    """Never exit 3, never past the time and memory bounds."""
    assert outcome.code != 3, f"{what}: okrctl exited 3 (an internal error)\n{outcome.err}"
    assert outcome.seconds < MAX_SECONDS, f"{what}: took {outcome.seconds:.1f} s"
    assert outcome.memory < MAX_MEMORY, f"{what}: used {outcome.memory / 2**20:.0f} MiB more"


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


@contextlib.contextmanager
def sandbox() -> Iterator[Path]:
    """A repository folder three levels down a fresh sandbox; afterwards, nothing may have
    appeared in the sandbox outside it, nor at the top of the system's temporary folder."""
    system_tmp = Path(tempfile.gettempdir())
    around = {p.name for p in system_tmp.iterdir()}
    with tempfile.TemporaryDirectory(prefix="okrctl-fuzz-") as name:
        top = Path(name)
        repo = top / "a" / "b" / "repo"
        repo.mkdir(parents=True)
        (top / "inputs").mkdir()
        yield repo
        outside = {p for p in _listing(top) if not p.startswith(("a/b/repo", "inputs"))}
        outside -= {"a", "a/b"}
        assert not outside, f"written outside the repository: {sorted(outside)}"
    # other processes use the temporary folder too: only what okrctl writes counts
    appeared = {p.name for p in system_tmp.iterdir()} - around
    written = {n for n in appeared if n.endswith((".yaml", ".yml", ".md", ".html", ".json"))}
    assert not written, f"written into {system_tmp}: {sorted(written)}"
