"""Codes of the references phase (OKR300-OKR313): the files together.

These run on every file that validated: the organisation, unique ids and names that exist; the
parent chain has its own module (`codes.cascade`). They are always errors and cannot be
silenced by a comment.
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

ENTRIES = (
    MISSING_ORGANIZATION,
    SECOND_ORGANIZATION,
    DUPLICATE_ID,
    FILE_NAME_MISMATCH,
    UNKNOWN_REFERENCE,
    NOT_AN_OBJECTIVE,
    SECOND_ROOT_UNIT,
    WRONG_FOLDER,
    OVERLAPPING_PERIODS,
    SELF_REFERENCE,
)
