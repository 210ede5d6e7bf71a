"""How well OKR440 (activity-key-result) tells task-style key results from outcomes on real text.

    python bench/okr440_bench.py [--misses]

Every document of the real-world corpus (`tests/adopt/realworld/`) is imported as a user would
(`okrctl import`), and the rule's own classification (`activity_key_result.classify`, with its
default words) is run on every key result written, as `okrctl check` runs it: a milestone, or a
numeric key result whose unit counts what is delivered. Each key result is matched by title to
the labels written by hand in the corpus (`kind: task | outcome` in `expected.yaml`), and the
script prints the recall (task-style key results reported) and the false-positive rate
(outcomes reported) for each set (the corpus, the held-out and the fresh documents) and for all
the labels together. Targets (issue
20): recall at least 80%, false positives at most 5%. `--misses` lists what it gets wrong.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from okrctl.checks.activity_key_result import Options, Words, _counted, classify  # noqa: E402
from tests.adopt import fidelity  # noqa: E402


@dataclass
class Tally:
    tasks: int = 0
    found: int = 0
    outcomes: int = 0
    wrong: int = 0
    labelled: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        recall = self.found / self.tasks if self.tasks else 0.0
        false = self.wrong / self.outcomes if self.outcomes else 0.0
        return (
            f"{name}: recall {recall:.1%} ({self.found} of {self.tasks} task-style key results), "
            f"false positives {false:.1%} ({self.wrong} of {self.outcomes} outcomes); "
            f"{self.tasks + self.outcomes} of {self.labelled} labels matched to an imported "
            "key result"
        )


def _written(repo: Path) -> list[tuple[str, bool, bool]]:
    """(title, milestone, counted) of every key result the import wrote (stand-ins left out)."""
    found = []
    for path in sorted((repo / "okrs").rglob("*.yaml")):
        if path.name == "org.yaml":
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        for kr in data.get("key_results") or []:
            if kr["id"] == fidelity.STAND_IN_ID or kr.get("status") == "dropped":
                continue
            milestone = kr.get("kind") == "milestone"
            counted = not milestone and _counted(str(kr.get("unit", "")))
            found.append((kr["title"], milestone, counted))
    return found


def _match(title: str, written: list[tuple[str, bool, bool]], used: set[int]) -> int | None:
    """The first written key result not matched yet whose title is `title`'s."""
    for index, (found, _, _) in enumerate(written):
        if index not in used and fidelity.same(title, found):
            return index
    return None


def measure(folders: list[Path], scratch: Path) -> Tally:
    words = Words.of(Options())
    tally = Tally()
    for folder in folders:
        repo = scratch / fidelity.slug(folder).replace("/", "-")
        code, _ = fidelity.import_document(folder, repo)
        written = _written(repo) if code == 0 else []
        used: set[int] = set()
        for objective in fidelity.load(folder / "expected.yaml")["objectives"]:
            for kr in objective["key_results"]:
                if kr.get("status") is not None:
                    continue  # dropped or moved work is not judged by the rule
                tally.labelled += 1
                match = _match(kr["title"], written, used)
                if match is None:
                    continue
                used.add(match)
                title, milestone, counted = written[match]
                flagged = classify(title, milestone, counted, words) is not None
                if kr["kind"] == "task":
                    tally.tasks += 1
                    tally.found += flagged
                    if not flagged:
                        tally.misses.append(f"missed task: {title}")
                else:
                    tally.outcomes += 1
                    tally.wrong += flagged
                    if flagged:
                        tally.misses.append(f"outcome reported: {title}")
    return tally


def main(argv: list[str]) -> None:
    union = Tally()
    print("OKR440 on the real-world corpus's labelled key results")
    with tempfile.TemporaryDirectory() as scratch:
        for subset, name in (("corpus", "corpus"), ("holdout", "held-out documents"),
                             ("fresh", "fresh documents")):  # fmt: skip
            tally = measure(fidelity.documents(subset), Path(scratch) / subset)
            print("  " + tally.line(name))
            for field in ("tasks", "found", "outcomes", "wrong", "labelled"):
                setattr(union, field, getattr(union, field) + getattr(tally, field))
            union.misses += tally.misses
    print("  " + union.line("all labels (union)"))
    if "--misses" in argv:
        print("\n".join(union.misses))


if __name__ == "__main__":
    main(sys.argv[1:])
