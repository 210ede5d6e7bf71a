"""How well OKR440 (activity-key-result) tells task-style key results from outcomes on real text.

    python bench/okr440_bench.py [--misses] [--table]

Every document of the real-world corpus (`tests/adopt/realworld/`) is imported as a user would
(`okrctl import`), and the rule's own reading (`activity_key_result.classify`, with its default
options) is run on every key result written, as `okrctl check` runs it. Each key result is
matched by title to the labels written by hand (`kind: task | outcome` in `expected.yaml`), and
the script prints the recall (task-style key results reported) and the false-positive rate
(outcomes reported) for each set (the corpus, the held-out and the fresh documents) and for all
the labels together (`tests/adopt/okr440_labels.py`). Targets (issue 20): recall at least 80%,
false positives at most 5%. `--misses` lists what it gets wrong; `--table` prints the table of
`docs/import.md`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.adopt import okr440_labels  # noqa: E402


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tallies = okr440_labels.measure_all(Path(scratch))
    if "--table" in argv:
        print(okr440_labels.table(tallies), end="")
        return
    print("OKR440 on the real-world corpus's labelled key results")
    for key, name in (*okr440_labels.SETS, ("all", "all labels (union)")):
        print("  " + tallies[key].line(name))
    if "--misses" in argv:
        print("\n".join(tallies["all"].misses))


if __name__ == "__main__":
    main(sys.argv[1:])
