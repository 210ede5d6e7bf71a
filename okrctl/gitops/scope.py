"""Which files a diff loads, so that a small change in a large repository stays fast.

A full comparison checks every file on both sides: exact, and about as slow as two runs of
`okrctl check` (a few seconds for 10,000 objectives). The *nearby* scope loads only:

* the changed files, on both sides;
* the files that mention an id defined in a changed file (its children, dependents, files
  reusing the id), found with `git grep` in the base commit (unchanged files are the same on
  both sides) and reported alongside the changed files, since their findings can change too;
* what the integrity checks of those files need to see: the organisation file, and the
  objectives they name (parents up the whole chain, dependencies), found by file name, since a
  file is named after the id it holds (`<id>.yaml`, which OKR303 enforces).

Findings of the built-in integrity checks are then the same as a full check's, for those files
(a parent-chain cycle through a changed file is reported wherever the full check reports it).
When that cannot be guaranteed the diff falls back to a full comparison, and says why: the
organisation file changed or is not exactly one valid file, too many files changed, or a
reported file names an objective that no file name matches (a typo, or an id that differs
from its file name), since "did you mean" hints are computed against every objective.
Rules that look at the whole cascade (counting a unit's objectives, say) are only run in full
mode; the output says which scope was used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from okrctl.gitops.documents import Document, Loader
from okrctl.gitops.sides import Files

ORGANIZATION = "Organization"
"""The word that finds the organisation file (`kind: Organization`) among unchanged files."""
MAX_CHANGED = 200
"""Above this many changed files, a full comparison is about as fast and simpler to trust."""


@dataclass(frozen=True)
class Nearby:
    """What the nearby scope loaded on each side, and the files whose findings it compares."""

    base: dict[str, Document]
    head: dict[str, Document]
    reported: frozenset[str]


class _NeedsFull(Exception):
    """The nearby scope cannot promise exact findings; the message says why."""


def stem_index(names: Iterable[str]) -> dict[str, list[str]]:
    """Case-folded file stem -> the files with that stem, sorted."""
    stems: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        stems[stem(name).casefold()].append(name)
    return dict(stems)


def stem(name: str) -> str:
    """The file name without folder and suffix: `okrs/2026-Q4/sales/win.yaml` -> `win`."""
    return name.rpartition("/")[2].rpartition(".")[0]


def nearby(
    base: Files,
    head: Files,
    changed: set[str],
    loader: Loader,
    grep: Callable[[Iterable[str]], dict[str, set[str]]],
) -> Nearby | str:
    """The nearby scope, or the reason a full comparison is needed instead.

    `grep(words)` tells which of `words` each file of the base commit contains.
    """
    try:
        return _nearby(base, head, changed, loader, grep)
    except _NeedsFull as reason:
        return str(reason)


def _nearby(
    base: Files,
    head: Files,
    changed: set[str],
    loader: Loader,
    grep: Callable[[Iterable[str]], dict[str, set[str]]],
) -> Nearby:
    """The nearby scope, in steps; each step raises `_NeedsFull` when the scope cannot be exact."""
    if len(changed) > MAX_CHANGED:
        raise _NeedsFull(f"{len(changed)} files changed")
    sides = (_Side.changed(base, changed, loader), _Side.changed(head, changed, loader))
    if any(doc.is_organization for side in sides for doc in side.loaded.values()):
        raise _NeedsFull("the organisation file changed")
    ids = {i for side in sides for doc in side.loaded.values() for i in doc.ids}
    words = ids | {stem(name) for name in changed}
    hits = _unchanged_hits(grep, words, sides[0].names & sides[1].names - changed)
    organization = _organization(
        sides[0], {n for n, found in hits.items() if ORGANIZATION in found}
    )
    reported = _reported(sides, changed, ids, words, hits)
    for side in sides:
        side.load({organization, *reported})
        side.close(reported)
    return Nearby(sides[0].loaded, sides[1].loaded, frozenset(reported))


def _unchanged_hits(
    grep: Callable[[Iterable[str]], dict[str, set[str]]], words: set[str], unchanged: set[str]
) -> dict[str, set[str]]:
    """The unchanged files that mention one of `words` or the organisation, and which ones."""
    found = grep([*words, ORGANIZATION])
    return {name: hits for name, hits in found.items() if name in unchanged}


def _reported(
    sides: tuple[_Side, _Side],
    changed: set[str],
    ids: set[str],
    words: set[str],
    hits: dict[str, set[str]],
) -> set[str]:
    """The files whose findings are compared: the changed files, the unchanged ones that mention
    a changed file's id or name, and on either side the files named after a changed id."""
    reported = changed | {name for name, found in hits.items() if found & words}
    for side in sides:
        for objective_id in ids:
            reported.update(side.stems.get(objective_id.casefold(), []))
    return reported & (sides[0].names | sides[1].names)


def _organization(side: _Side, candidates: set[str]) -> str:
    side.load(candidates)
    found = [name for name in sorted(candidates) if side.loaded[name].is_organization]
    if len(found) != 1:
        raise _NeedsFull(f"{len(found)} organisation files")
    if side.loaded[found[0]].model is None:
        raise _NeedsFull("the organisation file does not validate")
    return found[0]


class _Side:
    """The files loaded so far on one side."""

    def __init__(
        self, files: Files, names: set[str], loader: Loader, loaded: dict[str, Document]
    ) -> None:
        self.files, self.names, self.loader, self.loaded = files, names, loader, loaded
        self.stems = stem_index(names)

    @classmethod
    def changed(cls, files: Files, changed: set[str], loader: Loader) -> _Side:
        """One side with its changed files loaded."""
        names = set(files.names())
        return cls(files, names, loader, loader.load_all(files.read(changed & names)))

    def load(self, names: Iterable[str]) -> None:
        missing = {n for n in names if n in self.names and n not in self.loaded}
        self.loaded.update(self.loader.load_all(self.files.read(missing)))

    def close(self, reported: set[str]) -> None:
        """Load every objective the reported files name, and the parent chains above them."""
        done: set[str] = set()
        queue = sorted(n for n in reported if n in self.names)
        while queue:
            self.load(queue)
            named: set[str] = set()
            for name in queue:
                done.add(name)
                objective = self.loaded[name].objective
                if objective is None:
                    continue
                wanted = [objective.parent]
                if name in reported:
                    wanted += [*objective.depends_on, *objective.acknowledges]
                    wanted.append(objective.carried_from)
                for target in wanted:
                    if target is None:
                        continue
                    files = self.stems.get(target.casefold())
                    if not files:
                        raise _NeedsFull(f"no file is named after objective {target!r}")
                    named.update(files)
            queue = sorted(named - done)
