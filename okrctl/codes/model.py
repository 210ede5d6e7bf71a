"""Codes of the model phase (OKR200-OKR204): one file against the file format.

A file with one of these errors takes no part in the cross-file checks and the site until it
validates; `okrctl schema` writes the same format as a JSON Schema for editors.
"""

from __future__ import annotations

from okrctl.codes.entry import Code, Phase
from okrctl.codes.severity import Severity


def _model(code: str, name: str, doc: str) -> Code:
    return Code(code=code, name=name, phase=Phase.MODEL, severity=Severity.ERROR, doc=doc)


FILE_HEADER = _model(
    "OKR200",
    "file-header",
    """
    The file's `kind` or `apiVersion` is missing, unknown or unsupported.

    `kind` says what the file holds (`Objective` or `Organization`) and `apiVersion` which version
    of the format it is written in (`okrctl/v1`): without both, okrctl cannot tell which fields to
    expect. A newer `apiVersion` than this okrctl reads means upgrading okrctl. The message suggests
    the nearest kind.

    ## Failing example

    ```yaml
    kind: Objectives
    ```

    ## Passing example

    ```yaml
    kind: Objective
    ```
    """,
)

UNKNOWN_FIELD = _model(
    "OKR201",
    "unknown-field",
    """
    A field the format does not have.

    Most often a typo (the message suggests the nearest field) or a field from another tool. okrctl
    refuses unknown fields instead of ignoring them, so a misspelt `confidance` is not silently
    lost. Fix the name, or keep the text in `description`. The field reference in the documentation
    lists every field.

    ## Failing example

    ```yaml
    owner: priya-nair
    due: 2026-12-31
    ```

    ## Passing example

    ```yaml
    # the period gives the dates
    owner: priya-nair
    period: 2026-Q4
    ```
    """,
)

MISSING_FIELD = _model(
    "OKR202",
    "missing-field",
    """
    A required field is missing.

    The message names the field and quotes its documentation. An objective needs `id`, `title`,
    `level`, `unit`, `owner` and `period`; a numeric key result `id`, `title`, `metric`, `unit` and
    `target`; a milestone `id`, `title` and `kind: milestone`.

    ## Failing example

    ```yaml
    key_results:
      - id: conversion-rate
        title: Lead-to-customer conversion rate rises from 12.0% to 14.4%
        metric: conversion-rate
        unit: "%"
        baseline: 12.0
    ```

    ## Passing example

    ```yaml
    key_results:
      - id: conversion-rate
        title: Lead-to-customer conversion rate rises from 12.0% to 14.4%
        metric: conversion-rate
        unit: "%"
        baseline: 12.0
        target: 14.4
    ```
    """,
)

WRONG_TYPE = _model(
    "OKR203",
    "wrong-type",
    """
    A value of the wrong type.

    Text where a number is expected, a single value where a list is, `yes` where `true` is: the
    format is strict, so a value means one thing everywhere: `"14.4"` is text, not a number, and
    YAML 1.1's `yes`, `on` and `no` are not booleans. Write numbers without quotes or units (the
    unit has its own field), lists with `[...]` or `- ` items, and `true` or `false`.

    ## Failing example

    ```yaml
    depends_on: lite-leads-q4
    ```

    ## Passing example

    ```yaml
    depends_on: [lite-leads-q4]
    ```
    """,
)

INVALID_VALUE = _model(
    "OKR204",
    "invalid-value",
    """
    A value the format does not accept.

    The message says why: not one of the choices (`level` is `strategic` or `operational`), not a
    valid id (lower-case letters and digits joined by dashes), out of range (a confidence between 0
    and 1), a key result whose target equals its baseline or whose `direction` contradicts its
    numbers, two key results with one id, an operational objective without a `parent`, a period that
    ends before it starts, a check-in without a value or a note, or a metric source that reads
    neither one file (`.csv` or `.json`, inside the repository) nor one command.

    ## Failing example

    ```yaml
    level: tactical
    ```

    ## Passing example

    ```yaml
    level: operational
    ```
    """,
)

ENTRIES = (FILE_HEADER, UNKNOWN_FIELD, MISSING_FIELD, WRONG_TYPE, INVALID_VALUE)
