"""Codes of the commands that change OKR files (OKR800-OKR820): editing, metric sources and
`okrctl sync`, and a closed period's history.

Except OKR814 and OKR820, which `okrctl check` reports (and a suppression comment may
silence), these come from `checkin`, `grade`, `close`, `new` and `sync`; nothing is written
when one is an error.
"""

from __future__ import annotations

from okrctl.codes.entry import Code, Phase
from okrctl.codes.severity import Severity

UNEDITABLE_LAYOUT = Code(
    code="OKR800",
    name="uneditable-layout",
    phase=Phase.LIFECYCLE,
    severity=Severity.ERROR,
    doc="""
    okrctl cannot change a file without disturbing its layout.

    `okrctl checkin`, `grade` and `close` edit OKR files in place, keeping every comment, blank line
    and quoting style, and only where the change fits the file's layout: a flow-style mapping (`{id:
    x, title: y}`) that needs a new field, or a field that is not the mapping or list it should be,
    is refused, with nothing written. Rewrite the part the message points at in block style (one
    field per line) and run the command again.
    """,
)

FILE_EXISTS = Code(
    code="OKR801",
    name="file-exists",
    phase=Phase.LIFECYCLE,
    severity=Severity.ERROR,
    doc="""
    A command would write a new OKR file where a file already exists.

    `okrctl close --carry` writes each carried objective to a new file in the next period's folder;
    okrctl never overwrites a file, so when one of that name exists nothing is written. Rename or
    remove the file in the way, or carry the objective under another id.
    """,
)

SOURCE_FILE = Code(
    code="OKR810",
    name="source-file",
    phase=Phase.SOURCES,
    severity=Severity.ERROR,
    doc="""
    A metric source's file cannot be read.

    It is missing, unreadable, outside the repository or inside `.git/` (through a symlink too),
    larger than 16 MiB, not UTF-8, or not valid CSV or JSON (or JSON that holds neither records nor
    an object). `okrctl sync` reports it at the key result's `source` and records the other sources;
    the exit code is 1. Fix the file or the `path`.
    """,
)

SOURCE_FIELD = Code(
    code="OKR811",
    name="source-field",
    phase=Phase.SOURCES,
    severity=Severity.ERROR,
    doc="""
    The `column`, JSON key or `where` field a metric source names is not in its file.

    Or a `where` is given for JSON that is not a list of records. Check the spelling against the
    file's header row or keys: names are compared exactly.
    """,
)

SOURCE_VALUE = Code(
    code="OKR812",
    name="source-value",
    phase=Phase.SOURCES,
    severity=Severity.ERROR,
    doc="""
    A metric source gives no value that can be recorded.

    A value that is not a number, no row matching `where`, an aggregate too large to be a number,
    or `true` or `false` for a numeric key result. Nothing is recorded for that key result; the
    other sources are. Fix the metric file or the source's `column` and `where`.
    """,
)

LATER_CHECKIN = Code(
    code="OKR815",
    name="later-checkin",
    phase=Phase.SOURCES,
    severity=Severity.WARNING,
    doc="""
    A key result has a check-in after the day of the sync: the source's value is not recorded.

    A later check-in means the value was recorded by hand or by a later sync: `okrctl sync` never
    records an older value after it. Nothing is wrong with the source; the other sources are
    recorded. Sync for a later day (`--date`), or leave the later check-in as it is.
    """,
)

SOURCE_COMMAND = Code(
    code="OKR813",
    name="source-command",
    phase=Phase.SOURCES,
    severity=Severity.ERROR,
    doc="""
    A metric source's command cannot run, fails, or does not print one number.

    It is not found or not executable, fails, runs past its `timeout`, prints more than 64 KiB, or
    prints something other than one number (or `true`/`false`). A command runs from the repository's
    root, without a shell, input or the caller's environment; one that runs too long or prints too
    much is stopped with everything it started. The message gives the exit code and the last line
    the command printed.
    """,
)

UNLISTED_COMMAND = Code(
    code="OKR814",
    name="unlisted-command",
    phase=Phase.SOURCES,
    severity=Severity.ERROR,
    suppressible=False,
    doc="""
    A metric source runs a command that `okrctl.yaml` does not list under `sources: commands:`.

    A command is code, and an OKR file is reviewed by its unit's lead alone (CODEOWNERS); so a
    command runs only when `okrctl.yaml`, reviewed by the root unit's lead, lists it exactly as the
    OKR file writes it. `okrctl check` reports any other, and `okrctl sync` never runs it. A
    suppression comment cannot silence it: the OKR file's author would be hiding, from the review
    that decides, the one finding that says the file asks for code to run. List the
    command in `okrctl.yaml`, or read the value from a file instead.

    ## Failing example

    ```yaml
    key_results:
      - id: conversion-rate
        title: Lead-to-customer conversion rate rises from 12.0% to 14.4%
        metric: conversion-rate
        unit: "%"
        baseline: 12.0
        target: 14.4
        source:
          command: [python3, scripts/conversion.py]
    ```

    ## Passing example

    ```yaml title="okrctl.yaml"
    sources:
      commands:
        - [python3, scripts/conversion.py]
    ```
    """,
)

CLOSED_PERIOD_EDITED = Code(
    code="OKR820",
    name="closed-period-edited",
    phase=Phase.HISTORY,
    severity=Severity.WARNING,
    suppressible=True,
    doc="""
    A file of a closed period changed after the commit that closed the period.

    It was added, changed, renamed or deleted since. A closed period is graded history: its scores
    are what the organisation learnt from, and changing them afterwards rewrites that record. okrctl
    finds the commit that set `closed: true` on the period in the organisation file and compares the
    period's files with it (outside a git repository, or without history, nothing is reported).
    Revert the edit, or reopen the period in the organisation file if the change is deliberate.
    """,
)

ENTRIES = (
    UNEDITABLE_LAYOUT,
    FILE_EXISTS,
    SOURCE_FILE,
    SOURCE_FIELD,
    SOURCE_VALUE,
    SOURCE_COMMAND,
    UNLISTED_COMMAND,
    LATER_CHECKIN,
    CLOSED_PERIOD_EDITED,
)
