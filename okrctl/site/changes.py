"""What changed in the OKRs in the week before the build: the home page's "what changed".

The computation is `okrctl digest`'s; this module only holds its result for the pages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """What the home page shows of the week's changes."""

    read: bool = False
    """Whether git history was read at all (False: the build did not ask for it)."""
    notes: tuple[str, ...] = ()
    """Why there is nothing to compare with (no git, history missing from a shallow clone)."""
