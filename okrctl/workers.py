"""How many processes read files, and how they start: light enough for the warm path.

`okrctl check --help` and the command's option names these figures; the command is imported on
every run, also when the cache answers, so this module imports nothing but the standard library
(the per-file phases in `okrctl.perfile` import the models and the rules).
"""

from __future__ import annotations

import os
import sys
from multiprocessing import get_context
from multiprocessing.context import BaseContext

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
