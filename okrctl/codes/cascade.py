"""Codes of the references phase about the parent chain (OKR306-OKR308, OKR312): parents that
form no cycle, sit above in the organisation and cover the period, and objectives something
measures. Always errors, never silenced by a comment.
"""

from __future__ import annotations

from okrctl.codes.entry import Code, Phase
from okrctl.codes.severity import Severity


def _cascade(code: str, name: str, doc: str) -> Code:
    return Code(code=code, name=name, phase=Phase.REFERENCES, severity=Severity.ERROR, doc=doc)


REFERENCE_CYCLE = _cascade(
    "OKR306",
    "reference-cycle",
    """
    Parents form a cycle.

    Objectives whose `parent` links lead back to themselves (an objective naming itself as its
    parent included), or units inside themselves. A cascade is a tree: every chain of parents must
    end at the top, or no score rolls up and no unit has a place in the organisation. The message
    prints the cycle; change one of its `parent` links to point outside it.

    ## Failing example

    ```yaml
    # okrs/org.yaml
    units:
      - id: sales
        parent: field-sales
    ```

    ## Passing example

    ```yaml
    # okrs/org.yaml
    units:
      - id: sales
        parent: brightpath
    ```
    """,
)

PARENT_NOT_ABOVE = _cascade(
    "OKR307",
    "parent-not-above",
    """
    The parent objective belongs to a unit that is neither the objective's unit nor above it.

    An objective supports the goals of its own unit or of a unit above it; work that helps a sibling
    team is a dependency, not a parent. Support an objective of your unit's line, and record the
    other team's objective under `depends_on`.

    ## Failing example

    ```yaml
    # a Field Sales objective
    parent: lite-leads-q4
    ```

    ## Passing example

    ```yaml
    # a Field Sales objective
    parent: lite-sales-motion-q4
    depends_on: [lite-leads-q4]
    ```
    """,
)

PARENT_PERIOD = _cascade(
    "OKR308",
    "parent-period",
    """
    The parent objective is set for a period that does not cover the objective's period.

    A quarter's objective supports an objective of the same quarter or of a period that encloses it
    (the year), not one of a period already over. Support an objective of the same or an enclosing
    period.

    ## Failing example

    ```yaml
    # a 2026-Q4 objective
    parent: faster-rep-ramp-q3
    ```

    ## Passing example

    ```yaml
    # a 2026-Q4 objective
    parent: lite-sales-motion-q4
    ```
    """,
)

UNMEASURED_ROLL_UP = _cascade(
    "OKR312",
    "unmeasured-roll-up",
    """
    An objective has no key results and no active objective supports it: nothing measures it.

    An objective without key results of its own is a roll-up: its score is that of the objectives
    naming it as their `parent`. With none (or only dropped ones) it has no score and no way to be
    graded. Add key results, or name it as the `parent` of the objectives that make it happen.

    ## Failing example

    ```yaml
    # okrs/2026-Q4/field-sales/lite-conversion-q4.yaml (no objective names it as parent)
    key_results: []
    ```

    ## Passing example

    ```yaml
    # okrs/2026-Q4/sales/lite-sales-motion-q4.yaml (Field Sales supports it)
    key_results: []
    ```
    """,
)

ENTRIES = (REFERENCE_CYCLE, PARENT_NOT_ABOVE, PARENT_PERIOD, UNMEASURED_ROLL_UP)
