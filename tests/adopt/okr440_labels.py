"""OKR440 (activity-key-result) measured on the real-world corpus's labels: every document is
imported as a user would (`okrctl import`), the rule's own reading
(`activity_key_result.classify`, default options) is run on every key result written, as
`okrctl check` runs it, and each key result is matched by title to the hand-written labels
(`kind: task | outcome` in `expected.yaml`; dropped and moved work is not judged).

`bench/okr440_bench.py` prints the figures, `docs/import.md` shows them in a table (held equal
by `tests/adopt/test_okr440_realworld.py`), and issue 20's target holds on them: at least 80% of
the task-style key results found, at most 5% of the outcomes reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from okrctl.checks.activity_key_result import Options, Words, classify, counted
from tests.adopt import fidelity

SETS = (("corpus", "corpus"), ("holdout", "held-out pages"), ("fresh", "fresh pages"))


@dataclass
class Tally:
    tasks: int = 0
    found: int = 0
    outcomes: int = 0
    wrong: int = 0
    labelled: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.tasks if self.tasks else 0.0

    @property
    def false_positives(self) -> float:
        return self.wrong / self.outcomes if self.outcomes else 0.0

    def add(self, other: Tally) -> None:
        for name in ("tasks", "found", "outcomes", "wrong", "labelled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def line(self, name: str) -> str:
        return (
            f"{name}: recall {self.recall:.1%} ({self.found} of {self.tasks} task-style key "
            f"results), false positives {self.false_positives:.1%} ({self.wrong} of "
            f"{self.outcomes} outcomes); {self.tasks + self.outcomes} of {self.labelled} labels "
            "matched to an imported key result"
        )

    def row(self, name: str) -> str:
        return (
            f"| {name} | {self.found} of {self.tasks} ({self.recall:.1%}) | {self.wrong} of "
            f"{self.outcomes} ({self.false_positives:.1%}) |"
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
            found.append((kr["title"], milestone, not milestone and counted(str(kr["unit"]))))
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
                title, milestone, units_counted = written[match]
                flagged = classify(title, milestone, units_counted, words) is not None
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


def measure_all(scratch: Path) -> dict[str, Tally]:
    """Each set's tally, and `all` for the union of the labels."""
    tallies = {name: measure(fidelity.documents(name), scratch / name) for name, _ in SETS}
    union = Tally()
    for tally in tallies.values():
        union.add(tally)
    return {**tallies, "all": union}


def table(tallies: dict[str, Tally]) -> str:
    """The Markdown table `docs/import.md` shows."""
    rows = [
        "| labelled key results | task-style ones reported (recall) | outcomes reported "
        "(false positives) |",
        "|---|---|---|",
    ]
    rows += [tallies[key].row(name) for key, name in SETS]
    rows.append(tallies["all"].row(f"all {tallies['all'].labelled} labels together"))
    return "\n".join(rows) + "\n"
