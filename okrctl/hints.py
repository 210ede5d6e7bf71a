""" "Did you mean" hints for unknown names, capped so that hostile input stays fast.

`difflib.get_close_matches` compares a word with every candidate: 8,000 unknown references to
1,000 objectives are eight million comparisons. A `Hints` object looks each (word, pool) up once,
sorts each pool once, skips candidates whose length rules out a match, and stops suggesting after
`limit` distinct words (the rest of the findings are the same, without a hint).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

CUTOFF = 0.6
LIMIT = 200
"""Distinct unknown words per run that get a hint; nobody reads hundreds of them."""


class Hints:
    """The hints of one run (one `okrctl check`)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._pools: dict[int, tuple[Collection[str], list[str]]] = {}
        self._found: dict[tuple[int, str], str | None] = {}

    def _sorted(self, candidates: Collection[str]) -> list[str]:
        known = self._pools.get(id(candidates))
        if known is None or known[0] is not candidates:
            known = (candidates, sorted(candidates))
            self._pools[id(candidates)] = known
        return known[1]

    def closest(self, word: str, candidates: Collection[str]) -> str | None:
        """The candidate closest to `word` (difflib's ratio at least 0.6), or None."""
        key = (id(candidates), word)
        if key in self._found:
            return self._found[key]
        if len(self._found) >= self.limit:
            return None
        # ratio = 2 * matches / (len(a) + len(b)) <= 2 * min / (len(a) + len(b)): a candidate
        # much shorter or longer than the word cannot reach the cutoff
        size = len(word)
        pool = [
            c for c in self._sorted(candidates) if 2 * min(size, len(c)) >= CUTOFF * (size + len(c))
        ]
        match = difflib.get_close_matches(word, pool, n=1, cutoff=CUTOFF)
        self._found[key] = match[0] if match else None
        return self._found[key]

    def hint(self, word: str, candidates: Collection[str]) -> str:
        """` (did you mean 'x'?)`, or "" when nothing is close."""
        match = self.closest(word, candidates)
        return f" (did you mean {match!r}?)" if match else ""
