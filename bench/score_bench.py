#!/usr/bin/env python3
"""The effective score on large cascades, in process: every objective of a 10,000-objective
organisation (a wide tree, three levels of roll-ups) and a 10,000-deep chain of roll-up
objectives.

    python bench/score_bench.py

Target on the project's 2-core machine: each under 0.5 s (`okrctl check`, the site, export and
grade all compute these once per run).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from okrctl import index, scoring
from okrctl.load import SourceMap
from okrctl.model import Objective


def objective(oid: str, parent: str | None, measured: bool) -> Objective:
    key_results = (
        [
            {
                "id": "kr",
                "title": "t",
                "metric": "m",
                "unit": "x",
                "baseline": 0.0,
                "target": 10.0,
                "current": float(len(oid) % 10),
            }
        ]
        if measured
        else []
    )
    return Objective.model_validate(
        {
            "apiVersion": "okrctl/v1",
            "kind": "Objective",
            "id": oid,
            "title": "t",
            "level": "strategic" if parent is None else "operational",
            "unit": "u",
            "owner": "o",
            "period": "p",
            "parent": parent,
            "key_results": key_results,
        }
    )


def timed(label: str, objectives: list[Objective]) -> None:
    cascade = index.build([], [(o, f"{o.id}.yaml", SourceMap()) for o in objectives])
    start = time.perf_counter()
    scores = scoring.effective_scores(cascade)
    elapsed = time.perf_counter() - start
    measured = sum(value is not None for value in scores.values())
    print(f"{label}: {len(scores)} objectives ({measured} measured) in {elapsed:.3f} s")


def main() -> None:
    wide = [objective("top", None, False)]
    wide += [objective(f"d{i}", "top", False) for i in range(10)]
    wide += [objective(f"t{i}-{j}", f"d{i}", False) for i in range(10) for j in range(100)]
    wide += [
        objective(f"w{i}-{j}-{k}", f"t{i}-{j}", True)
        for i in range(10)
        for j in range(100)
        for k in range(9)
    ]
    timed("wide tree", wide)
    deep = [objective(f"n{i}", f"n{i - 1}" if i else None, i == 9999) for i in range(10_000)]
    timed("deep chain", deep)


if __name__ == "__main__":
    main()
