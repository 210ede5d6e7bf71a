#!/usr/bin/env python3
"""How long `okrctl.linkify` takes on hostile free text, by size: linear is the target.

    python bench/linkify_bench.py

Free text (descriptions, notes, retrospectives) is linked on every page that shows it. Each
input is the shape that made trimming quadratic before (a URL followed by closing brackets and
punctuation), a text of many short URLs, and plain prose. For each size it prints the best of
three runs and the time per megabyte, which stays flat when the work is linear (the target:
under 0.5 s per MB on the project's 2-core machine).
"""

from __future__ import annotations

import time

from okrctl.linkify import to_html

SHAPES = {
    "closing brackets": lambda n: "see https://a.example/(x)" + ")." * (n // 2),
    "many urls": lambda n: "https://a.example/p?q=1 " * (n // 24),
    "prose": lambda n: "The quick brown fox (jumps) over the lazy dog. " * (n // 47),
}


def best(text: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        to_html(text)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    print(f"{'shape':<18} {'size':>8} {'seconds':>9} {'s per MB':>9}")
    for shape, make in SHAPES.items():
        for size in (100_000, 1_000_000, 4_000_000):
            seconds, megabytes = best(make(size)), size / 1e6
            print(f"{shape:<18} {megabytes:>6.1f}MB {seconds:>9.3f} {seconds / megabytes:>9.3f}")


if __name__ == "__main__":
    main()
