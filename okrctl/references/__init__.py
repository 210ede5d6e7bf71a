"""Cross-file integrity: ids, references, the unit tree, parent chains. Always on, always errors.

These are the checks without which the cascade is not a graph at all; the tunable rules of good
OKRs live in `okrctl.checks`. Each finding names a file and a field path; `Cascade.at` places it.

The checks live by what they look at: `org_integrity` (the organisation file and its unit tree),
`objective_integrity` (one objective file and the names it uses), `parent_chain` (parent links
and roll-ups), and `unknown_names` (the findings for a name that points at nothing).
"""

from __future__ import annotations

from collections.abc import Sequence

from okrctl.diagnostics import Diagnostic
from okrctl.index import Cascade
from okrctl.references.objective_integrity import duplicate_findings, objective_findings
from okrctl.references.org_integrity import organisation_findings
from okrctl.references.parent_chain import cycle_findings
from okrctl.references.unknown_names import hints_scope


def check(cascade: Cascade, objective_files: Sequence[str]) -> list[Diagnostic]:
    """All integrity findings for an indexed repository: the organisation's, each objective's,
    duplicate ids, then cycles of parent links."""
    with hints_scope():
        found: list[Diagnostic] = []
        found += organisation_findings(cascade, objective_files)
        for entry in cascade.iter_objectives():
            found += objective_findings(cascade, entry)
        found += duplicate_findings(cascade)
        found += cycle_findings(cascade)
    return found
