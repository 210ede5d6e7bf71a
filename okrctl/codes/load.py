"""Codes of the load phase (OKR099-OKR115): finding the files, their bytes and their YAML.

A file refused here is not validated: fix it first, then the later phases report on it.
"""

from __future__ import annotations

from okrctl.codes.entry import Code, Phase
from okrctl.codes.severity import Severity


def _load(code: str, name: str, doc: str) -> Code:
    return Code(code=code, name=name, phase=Phase.LOAD, severity=Severity.ERROR, doc=doc)


NO_OKR_FILES = _load(
    "OKR099",
    "no-okr-files",
    """
    No OKR files were found where okrctl was pointed.

    `okrctl check` (and `build`) read the `*.yaml` files under `okrs/`, or under the paths given.
    Finding none is an error rather than a silent success, so that a check run in the wrong folder,
    or on a path with a typo, does not pass in CI. Run okrctl from the repository's root, name the
    right folder, or start a repository with `okrctl init`.
    """,
)

YAML_SYNTAX = _load(
    "OKR100",
    "yaml-syntax",
    """
    The file is not valid YAML.

    The message gives the parser's words and its line and column. Common causes are a tab used for
    indentation (YAML indents with spaces), the fields of one mapping or the `-` items of one list
    not starting in the same column, and a plain text holding `: ` or starting with a character YAML
    reserves (`[`, `{`, `*`, `&`, `!`, `%`, `@`, a backquote): quote such a text. A key that is
    itself a list or a mapping is refused here too. Nothing else in the file is checked until it
    parses.

    ## Failing example

    ```yaml
    title: Lite leads: convert more of them
    ```

    ## Passing example

    ```yaml
    title: "Lite leads: convert more of them"
    ```
    """,
)

DUPLICATE_KEY = _load(
    "OKR101",
    "duplicate-key",
    """
    A key is set twice in one mapping.

    YAML tools disagree on which of the two values counts (most keep the last one silently), so the
    file means different things to different readers: okrctl refuses it and validates nothing in it.
    The message cites the line of the first one. Keep one of the two.

    ## Failing example

    ```yaml
    owner: priya-nair
    owner: tom-becker
    ```

    ## Passing example

    ```yaml
    owner: priya-nair
    ```
    """,
)

ANCHOR_OR_ALIAS = _load(
    "OKR102",
    "anchor-or-alias",
    """
    The file uses a YAML anchor (`&name`) or alias (`*name`).

    Aliases let one small file expand into a huge one ("billion laughs"), and they hide a value's
    text from the reviewer of a pull request, who sees `*name` instead. okrctl never expands them
    and refuses the file: write each value out in full.

    ## Failing example

    ```yaml
    title: &headline Turn Lite leads into customers at a higher rate
    description: *headline
    ```

    ## Passing example

    ```yaml
    title: Turn Lite leads into customers at a higher rate
    description: Turn Lite leads into customers at a higher rate
    ```
    """,
)

MERGE_KEY = _load(
    "OKR103",
    "merge-key",
    """
    The file uses the merge key `<<`.

    A merge key copies fields from elsewhere, so what a file holds is not what it shows, and YAML
    parsers do not all support it the same way. Write the fields out in full (a quoted `"<<"` is an
    ordinary key, and then an unknown field).

    ## Failing example

    ```yaml
    <<: {unit: field-sales, period: 2026-Q4}
    ```

    ## Passing example

    ```yaml
    unit: field-sales
    period: 2026-Q4
    ```
    """,
)

CUSTOM_TAG = _load(
    "OKR104",
    "custom-tag",
    """
    A value carries a YAML tag other than `!`, `!!str`, `!!map` or `!!seq`.

    Tags ask the reader to build a particular kind of object (`!!python/object`, a date, a binary
    blob): they are how YAML files run code in careless tools, and no OKR field needs one. Remove
    the tag; quote the value if it must stay text.

    ## Failing example

    ```yaml
    owner: !person priya-nair
    ```

    ## Passing example

    ```yaml
    owner: priya-nair
    ```
    """,
)

SECOND_DOCUMENT = _load(
    "OKR105",
    "second-document",
    """
    A second YAML document starts in the file (a `---` line after content).

    One file holds one entity, and its name is the objective's id: reviewers (CODEOWNERS) and
    readers find an objective by its file. Move the second document to a file of its own and remove
    the `---` line.

    ## Failing example

    ```yaml
    owner: priya-nair
    ---
    owner: tom-becker
    ```

    ## Passing example

    ```yaml
    owner: priya-nair
    ```
    """,
)

EMPTY_FILE = _load(
    "OKR106",
    "empty-file",
    """
    The file is empty, or holds nothing but comments.

    An empty file under `okrs/` is most often a file someone meant to write. Start it with
    `apiVersion: okrctl/v1` and a `kind`, or delete it. (An `okrctl.yaml` holding only comments is
    the default configuration, not an error.)

    ## Failing example

    ```yaml title="okrs/2026-Q4/field-sales/lite-conversion-q4.yaml"
    # Lite conversion: to be written
    ```

    ## Passing example

    ```yaml
    # Lite conversion
    apiVersion: okrctl/v1
    kind: Objective
    ```
    """,
)

NOT_UTF8 = _load(
    "OKR107",
    "not-utf8",
    """
    The file is not UTF-8 text.

    It starts with a UTF-16 or UTF-32 byte order mark, or holds bytes that are not UTF-8. okrctl
    reads UTF-8 only (a UTF-8 byte order mark is accepted), so that every tool, diff and browser
    shows the same characters. Spreadsheet programs and some Windows editors save as UTF-16 or a
    legacy code page: save the file as UTF-8. The message gives the first bad byte and its position.
    """,
)

FILE_TOO_LARGE = _load(
    "OKR108",
    "file-too-large",
    """
    The file is larger than okrctl reads (4 MiB).

    An objective file is a few KiB, and the organisation file of a company of 20,000 people about 3
    MiB, so a larger file is most likely not the file meant (a data export, a log). The cap keeps
    one file from exhausting memory in CI. Check the file; split what belongs in several files.
    `okrctl diff` applies the same cap to each side of a change.
    """,
)

UNREADABLE_FILE = _load(
    "OKR109",
    "unreadable-file",
    """
    A file or folder cannot be read, its name is not UTF-8, or a symlink is refused.

    The message says which: a permission or I/O error; a name that is not valid UTF-8 (okrctl skips
    it, since it cannot show or link it); a symlink that loops, whose target does not exist, that
    leads out of the repository, or that leads into `.git/` (whose files can hold the checkout's
    credentials, which the published site must never show). OKR files must be readable files in the
    repository's work tree: fix the permission, rename the file, or copy the file in instead of
    linking it.
    """,
)

NUL_BYTE = _load(
    "OKR110",
    "nul-byte",
    """
    The file contains a NUL byte: it is binary, or UTF-16 without a byte order mark.

    No text format holds NUL bytes; a file with one is an image, an archive or a spreadsheet saved
    under a `.yaml` name, or text saved as UTF-16. Save it as UTF-8 text, or move it out of `okrs/`.
    """,
)

NESTING_TOO_DEEP = _load(
    "OKR111",
    "nesting-too-deep",
    """
    Lists and mappings are nested more than 32 levels deep.

    The OKR format needs five levels at most (an objective, its key results, their check-ins); deep
    nesting is a malformed file or an attempt to exhaust the parser. Flatten the value.

    ## Failing example

    ```yaml
    description: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[Lite]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
    ```

    ## Passing example

    ```yaml
    description: Lite
    ```
    """,
)

NOT_A_MAPPING = _load(
    "OKR112",
    "not-a-mapping",
    """
    The file is a list or a single value, not a mapping of fields.

    An OKR file is one mapping, starting with `apiVersion: okrctl/v1` and `kind`. A leading `- `
    turns it into a list: remove it and unindent the fields.

    ## Failing example

    ```yaml title="okrs/2026-Q4/field-sales/lite-conversion-q4.yaml"
    - apiVersion: okrctl/v1
      kind: Objective
      id: lite-conversion-q4
    ```

    ## Passing example

    ```yaml
    apiVersion: okrctl/v1
    kind: Objective
    id: lite-conversion-q4
    ```
    """,
)

NOT_AN_OKR_FILE = _load(
    "OKR115",
    "not-an-okr-file",
    """
    A file under `okrs/` is not an OKR file (`.yaml`).

    Each unit's folder is reviewed by the unit's lead as OKRs (CODEOWNERS), so a script, data file
    or document kept there would be approved by someone who reviews OKRs, not code (and
    `okrctl.yaml` may not list a metric command that runs a file under `okrs/`). Keep scripts, data
    and documents elsewhere (metric files in `metrics/`, scripts in `scripts/`). Hidden files such
    as `.gitkeep` are left alone.

    ## Failing example

    ```python title="okrs/2026-Q4/field-sales/conversion.py"
    print(14.4)
    ```

    ## Passing example

    ```python title="scripts/conversion.py"
    print(14.4)
    ```
    """,
)

ENTRIES = (
    NO_OKR_FILES,
    YAML_SYNTAX,
    DUPLICATE_KEY,
    ANCHOR_OR_ALIAS,
    MERGE_KEY,
    CUSTOM_TAG,
    SECOND_DOCUMENT,
    EMPTY_FILE,
    NOT_UTF8,
    FILE_TOO_LARGE,
    UNREADABLE_FILE,
    NUL_BYTE,
    NESTING_TOO_DEEP,
    NOT_A_MAPPING,
    NOT_AN_OKR_FILE,
)
