"""Codes of the references phase (OKR300-OKR312): the files together.

These run on every file that validated: the organisation, unique ids, names that exist and a
parent chain that holds. They are always errors and cannot be silenced by a comment.
"""

from __future__ import annotations

from okrctl.codes.entry import Code, Phase
from okrctl.codes.severity import Severity


def _references(code: str, name: str, doc: str) -> Code:
    return Code(code=code, name=name, phase=Phase.REFERENCES, severity=Severity.ERROR, doc=doc)


MISSING_ORGANIZATION = _references(
    "OKR300",
    "missing-organization",
    """
    There are objectives but no Organization file.

    Units, people and periods are defined in the organisation file (`okrs/org.yaml`, `kind:
    Organization`); without it no owner, unit or period can be checked, so this is reported once, at
    the first objective file. `okrctl init` writes one. (When the organisation file exists but does
    not validate, its own errors are reported instead.)
    """,
)

SECOND_ORGANIZATION = _references(
    "OKR301",
    "second-organization",
    """
    A second Organization file.

    A repository describes one organisation, in one file; two would disagree about units, people and
    periods. The first file in path order defines the organisation, and the message names it; merge
    the second into it.

    ## Failing example

    ```yaml title="okrs/organisation.yaml"
    apiVersion: okrctl/v1
    kind: Organization
    name: Brightpath Sensors
    units:
      - id: sales
        name: Sales
    periods:
      - id: 2026-Q4
        start: 2026-10-01
        end: 2026-12-31
    ```

    ## Passing example

    ```yaml
    # okrs/org.yaml, the one Organization file
    name: Brightpath Sensors
    ```
    """,
)

DUPLICATE_ID = _references(
    "OKR302",
    "duplicate-id",
    """
    An id is used twice.

    Two objectives have one id (across files; ids that differ only in case count as the same), or
    two units, people or periods of the organisation do. Every reference (`parent`, `owner`,
    `depends_on`, links on the site) names an id, so an id must name one thing. The message names
    the first one; choose another id for the second (for an objective, rename its file too).

    ## Failing example

    ```yaml
    # okrs/org.yaml
    people:
      - id: tom-becker
        name: Tom Becker
        unit: field-sales
      - id: tom-becker
        name: Tom Becker
        unit: marketing
    ```

    ## Passing example

    ```yaml
    # okrs/org.yaml
    people:
      - id: tom-becker
        name: Tom Becker
        unit: field-sales
      - id: tom-baker
        name: Tom Baker
        unit: marketing
    ```
    """,
)

FILE_NAME_MISMATCH = _references(
    "OKR303",
    "file-name-mismatch",
    """
    An objective's `id` differs from its file's name.

    Objectives are found by their file (`okrs/<period>/<unit>/<id>.yaml`): in a pull request, in
    links, in `okrctl diff`. Rename the file to the id, or set the id to the file's name.

    ## Failing example

    ```yaml
    # okrs/2026-Q4/field-sales/lite-conversion-q4.yaml
    id: lite-conversion
    ```

    ## Passing example

    ```yaml
    # okrs/2026-Q4/field-sales/lite-conversion-q4.yaml
    id: lite-conversion-q4
    ```
    """,
)

UNKNOWN_REFERENCE = _references(
    "OKR304",
    "unknown-reference",
    """
    A reference names a unit, person, period or objective that does not exist.

    The message suggests the nearest
    name ("did you mean"). An `owner` may name a person or a unit; `contributors` name units;
    `parent`, `depends_on`, `acknowledges` and `carried_from` name objectives by id. Fix the name,
    or add the missing entry to the organisation file.

    ## Failing example

    ```yaml
    owner: priya-nayr
    ```

    ## Passing example

    ```yaml
    owner: priya-nair
    ```
    """,
)

SELF_REFERENCE = _references(
    "OKR313",
    "self-reference",
    """
    An objective names itself in `depends_on` or `acknowledges`.

    An objective cannot depend on itself, nor acknowledge a dependency of its own: the entry says
    nothing. Remove it, or name the other objective it was meant for.

    ## Failing example

    ```yaml
    id: lite-conversion-q4
    depends_on: [lite-conversion-q4]
    ```

    ## Passing example

    ```yaml
    id: lite-conversion-q4
    depends_on: [lite-leads-q4]
    ```
    """,
)

NOT_AN_OBJECTIVE = _references(
    "OKR305",
    "not-an-objective",
    """
    A field that takes an objective names a unit, person or period instead.

    `parent`, `depends_on`, `acknowledges` and `carried_from` take the id of an objective (its file
    name without `.yaml`), not of the unit that owns it.

    ## Failing example

    ```yaml
    parent: sales
    ```

    ## Passing example

    ```yaml
    parent: lite-sales-motion-q4
    ```
    """,
)

REFERENCE_CYCLE = _references(
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

PARENT_NOT_ABOVE = _references(
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

PARENT_PERIOD = _references(
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

SECOND_ROOT_UNIT = _references(
    "OKR309",
    "second-root-unit",
    """
    More than one unit has no parent.

    The organisation is one tree with one root (the company); a second unit without a parent would
    stand outside it, and no lead above it would review its objectives. Give it a `parent`.

    ## Failing example

    ```yaml
    # okrs/org.yaml
    units:
      - id: events
        name: Events
        lead: elena-petrova
    ```

    ## Passing example

    ```yaml
    # okrs/org.yaml
    units:
      - id: events
        name: Events
        parent: marketing
        lead: elena-petrova
    ```
    """,
)

WRONG_FOLDER = _references(
    "OKR310",
    "wrong-folder",
    """
    An objective file is not in `okrs/<period>/<unit>/` of its own period and unit.

    The folder decides who reviews the file (CODEOWNERS gives each unit's folder to its lead), so an
    objective filed elsewhere would be approved by another unit's lead. Move the file, or fix its
    `unit` or `period`.

    ## Failing example

    ```yaml
    # okrs/2026-Q4/field-sales/lite-conversion-q4.yaml
    unit: marketing
    ```

    ## Passing example

    ```yaml
    # okrs/2026-Q4/field-sales/lite-conversion-q4.yaml
    unit: field-sales
    ```
    """,
)

OVERLAPPING_PERIODS = _references(
    "OKR311",
    "overlapping-periods",
    """
    Two periods overlap without one enclosing the other.

    Periods either nest (a year and its quarters) or follow each other; a period straddling two
    quarters makes "which period is open" and "which parent encloses" ambiguous. Change the dates so
    that the periods nest or follow each other.

    ## Failing example

    ```yaml
    # okrs/org.yaml
    periods:
      - id: 2026-autumn
        start: 2026-09-01
        end: 2026-11-30
    ```

    ## Passing example

    ```yaml
    # okrs/org.yaml
    periods:
      - id: 2026-h2
        start: 2026-07-01
        end: 2026-12-31
    ```
    """,
)

UNMEASURED_ROLL_UP = _references(
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

ENTRIES = (
    MISSING_ORGANIZATION,
    SECOND_ORGANIZATION,
    DUPLICATE_ID,
    FILE_NAME_MISMATCH,
    UNKNOWN_REFERENCE,
    NOT_AN_OBJECTIVE,
    REFERENCE_CYCLE,
    PARENT_NOT_ABOVE,
    PARENT_PERIOD,
    SECOND_ROOT_UNIT,
    WRONG_FOLDER,
    OVERLAPPING_PERIODS,
    UNMEASURED_ROLL_UP,
    SELF_REFERENCE,
)
