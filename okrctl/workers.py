"""How many processes read files, and how they start: light enough for the warm path.

`okrctl check --help` and the command's option names these figures; the command is imported on
every run, also when the cache answers, so this module imports nothing but the standard library
(the per-file phases in `okrctl.perfile` import the models and the rules).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import TypeVar

R = TypeVar("R")

PARALLEL_FROM = 2000
"""Fewer files than this are checked in one process: starting workers costs more than it saves."""
MAX_JOBS = 8
"""The most processes `jobs_for` chooses by itself: past it the parent's merging dominates."""


def jobs_for(count: int, jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(usable_cpus(), MAX_JOBS))


def usable_cpus() -> int:
    """The processors this process may run on: `os.process_cpu_count` (Python 3.13+, which
    honours the CPU affinity), else the affinity where the platform has one (Linux; a container
    limited to 2 of 64 cores gets 2), else `os.cpu_count`. Looked up when called: nothing
    POSIX-only is needed to import this module (macOS and Windows have no `sched_getaffinity`)."""
    counter = getattr(os, "process_cpu_count", None)
    affinity = getattr(os, "sched_getaffinity", None)
    if counter is not None:
        counted = counter()
    elif affinity is not None:
        counted = len(affinity(0))
    else:
        counted = os.cpu_count()
    return counted if isinstance(counted, int) and counted > 0 else 1


def pool_context() -> BaseContext | None:
    """How worker processes start. On Linux by fork: they inherit the imported models instead
    of importing them again. Elsewhere the platform's default, spawn: macOS's system libraries
    are not safe to fork, and Windows cannot."""
    return get_context("fork") if sys.platform == "linux" else None


def share(count: int, work: Callable[[int], R], processes: int) -> list[R]:
    """`[work(i) for i in range(count)]`, shared between this process and `processes - 1`
    forked children: each takes the next index as it finishes one, so a long task does not
    leave the others waiting. Results come back in index order, the same as one process gives.

    Only where processes start by fork (`pool_context`), which hands a child everything this
    process has built without copying it (the cross-file phases run the rules over a cascade
    of 10,000 files); elsewhere, and for `processes` 1, it all runs here. A child that fails
    raises here (its traceback in the message), as the same failure in this process would.
    """
    if processes < 2 or count < 2 or pool_context() is None:
        return [work(i) for i in range(count)]
    context = get_context("fork")
    counter = context.Value("i", 0)

    def next_index() -> int:
        with counter.get_lock():
            taken = counter.value
            counter.value = taken + 1
            return int(taken)

    def run() -> dict[int, R]:
        done: dict[int, R] = {}
        while (i := next_index()) < count:
            done[i] = work(i)
        return done

    children = []
    for _ in range(min(processes, count) - 1):
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=_report_to, args=(run, writer), daemon=True)
        child.start()
        writer.close()
        children.append((child, reader))
    results = run()
    for child, reader in children:
        try:
            failure, found = reader.recv()
        except EOFError:
            raise RuntimeError(f"worker process {child.pid} ended without a result") from None
        finally:
            reader.close()
            child.join()
        if failure:
            raise RuntimeError(f"in worker process {child.pid}:\n{failure}")
        results.update(found)
    return [results[i] for i in range(count)]


def _report_to(run: Callable[[], dict[int, R]], writer: Connection) -> None:
    """In a child: send what `run` gives, or why it failed."""
    try:
        found = run()
    except BaseException:
        writer.send((traceback.format_exc(), {}))
    else:
        writer.send(("", found))
    finally:
        writer.close()
