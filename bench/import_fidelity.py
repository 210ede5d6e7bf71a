"""Print how faithfully `okrctl import` reads the real-world corpus: the table `docs/import.md`
shows between its `fidelity` markers.

    python bench/import_fidelity.py [--misses]

Every document of `tests/adopt/realworld/` (and, in tables of their own, of its `holdout/` and
`fresh/`) is
imported as a user would, read back and compared with the outline written by hand: objectives and
key results found, parent links, named owners, units, stated scores, done-states, dropped or
moved work, key results under their objective, what was written, stand-in milestones, and the
errors `okrctl check` finds. `tests/adopt/test_realworld_fidelity.py` holds the documentation
equal to what this prints. `--misses` lists each document's differences.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.adopt import fidelity  # noqa: E402


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        corpus, holdout, fresh = fidelity.measure_all(Path(scratch))
    print(fidelity.block(corpus, holdout, fresh), end="")
    if "--misses" in argv:
        for result in [*corpus, *holdout, *fresh]:
            for miss in result.misses:
                print(f"{result.slug}: {miss}")


if __name__ == "__main__":
    main(sys.argv[1:])
