"""Findings introduced and fixed between two sides.

Two findings are the same when their code, file and message are: lines are left out, since
editing a file moves every finding below the edit. A file renamed between the sides is compared
under its new name. Counts matter: a second identical finding is a new one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from okrctl import codes
from okrctl.diagnostics import Diagnostic, Severity, ordered


@dataclass(frozen=True)
class FindingChanges:
    introduced: list[Diagnostic]
    """Findings of the head side that the base side does not have, at their head positions."""
    fixed: list[Diagnostic]
    """Findings of the base side that are gone, at their base positions."""


def _key(diagnostic: Diagnostic, renames: Mapping[str, str]) -> tuple[str, str, str]:
    return (diagnostic.code, renames.get(diagnostic.file, diagnostic.file), diagnostic.message)


LOADED_ANYWAY = frozenset({codes.BIDI_IN_IDENTIFIER.code})
"""Errors of the load phase that do not stop the file (a bidirectional control character)."""


def _stops_the_file(code: str) -> bool:
    """An error of the load or model phase, as the catalogue says: the file's other findings
    are not looked for."""
    return code in codes.PER_FILE


def unchecked(diagnostics: Iterable[Diagnostic]) -> set[str]:
    """Files that did not load or validate, so no check ran on them."""
    return {
        d.file
        for d in diagnostics
        if d.severity is Severity.ERROR and _stops_the_file(d.code) and d.code not in LOADED_ANYWAY
    }


def compare(
    base: Iterable[Diagnostic], head: Iterable[Diagnostic], renames: Mapping[str, str]
) -> FindingChanges:
    """What changed from `base`'s findings to `head`'s; `renames` maps old file names to new.

    A file that no longer loads or validates on the head side was not checked there: its base
    findings are not "fixed" (a pull request that breaks a file fixes nothing in it)."""
    base_list, head_list = ordered(base), ordered(head)
    broken = unchecked(head_list)
    before = Counter(_key(d, renames) for d in base_list)
    after = Counter(_key(d, {}) for d in head_list)
    introduced: list[Diagnostic] = []
    for diagnostic in head_list:
        key = _key(diagnostic, {})
        if before[key] > 0:
            before[key] -= 1
        else:
            introduced.append(diagnostic)
    fixed: list[Diagnostic] = []
    for diagnostic in base_list:
        key = _key(diagnostic, renames)
        if after[key] > 0:
            after[key] -= 1
        elif key[1] not in broken:
            fixed.append(diagnostic)
    return FindingChanges(introduced, fixed)
