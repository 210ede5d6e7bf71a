"""Every way a file is refused before validation, one named check each (OKR100-OKR112).

Each function returns the diagnostic for one refusal; the event reader, the decoder and discovery
call them where they meet the problem. Keeping the messages here, beside each other, is what lets
a reader see the whole contract of what okrctl will not read, in the spirit of yamllint's
`rules/anchors.py` and `rules/key_duplicates.py`.
"""

from __future__ import annotations

from typing import Any

import yaml

from okrctl import codes
from okrctl.diagnostics import Diagnostic, Severity

MAX_DEPTH = 32
"""Deepest nesting of mappings and sequences accepted; the format needs five levels."""

ALLOWED_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
)


def _at(file: str, mark: Any, code: str, message: str) -> Diagnostic:
    return Diagnostic(file, mark.line + 1, mark.column + 1, code, Severity.ERROR, message)


def _error(file: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(file, line, column, code, Severity.ERROR, message)


# --- the YAML text (OKR100-OKR106, OKR111, OKR112)


def key_not_plain(file: str, mark: Any) -> Diagnostic:
    """OKR100: a mapping key that is itself a list or a mapping."""
    return _at(
        file, mark, codes.YAML_SYNTAX.code, "a key must be a plain name, not a list or a mapping"
    )


def syntax_error(file: str, error: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    """OKR100, or OKR111 when libyaml's scanner (PyYAML 6.0.4+) refuses the nesting first."""
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    if "maximum nesting depth" in problem and mark is not None:
        # PyYAML 6.0.4 and later cap nesting in libyaml's scanner, which reads ahead of the
        # events and so can refuse a file before okrctl's own, lower limit is reached.
        return _at(
            file,
            mark,
            codes.NESTING_TOO_DEEP.code,
            f"nesting is deeper than the YAML parser allows (okrctl accepts {MAX_DEPTH} levels); "
            "OKR files need far fewer",
        )
    context = f" ({error.context})" if error.context else ""
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        problem, context = "a tab character; YAML indents with spaces, so replace it", ""
    elif "block" in (error.context or "") or "block" in problem:
        context += (
            "; check the indentation here: the fields of one mapping, and the `-` items of "
            "one list, start in the same column"
        )
    return _error(
        file, line, column, codes.YAML_SYNTAX.code, f"YAML syntax error: {problem}{context}"
    )


def unmarked_syntax_error(file: str, error: yaml.YAMLError) -> Diagnostic:
    """OKR100 for an error libyaml gives without a position (it always gives one in practice)."""
    return _error(file, 1, 1, codes.YAML_SYNTAX.code, f"YAML syntax error: {error}")


def duplicate_key(file: str, mark: Any, key: str, first_line: int) -> Diagnostic:
    """OKR101: a key set twice in one mapping; the data is ambiguous, so nothing is validated."""
    return _at(
        file,
        mark,
        codes.DUPLICATE_KEY.code,
        f"duplicate key {key!r}: it is already set at line {first_line}; keep one of the two",
    )


def alias(file: str, event: yaml.AliasEvent) -> Diagnostic:
    """OKR102: an alias (never expanded, so "billion laughs" costs nothing)."""
    return _at(
        file,
        event.start_mark,
        codes.ANCHOR_OR_ALIAS.code,
        f"alias `*{event.anchor}` is not allowed; write the value out in full",
    )


def anchor(file: str, event: yaml.NodeEvent) -> Diagnostic | None:
    """OKR102: an anchor on a value."""
    if event.anchor is None:
        return None
    return _at(
        file,
        event.start_mark,
        codes.ANCHOR_OR_ALIAS.code,
        f"anchor `&{event.anchor}` is not allowed; OKR files repeat values instead of sharing them",
    )


def merge_key(file: str, event: yaml.ScalarEvent) -> Diagnostic | None:
    """OKR103: the merge key `<<` (a plain `<<`; a quoted one is an ordinary key)."""
    if event.value != "<<" or not event.implicit[0]:
        return None
    return _at(
        file,
        event.start_mark,
        codes.MERGE_KEY.code,
        "merge key `<<` is not allowed; write the fields out in full",
    )


def custom_tag(file: str, event: yaml.NodeEvent) -> Diagnostic | None:
    """OKR104: any tag but `!`, `!!str`, `!!map` and `!!seq`."""
    tag: str | None = getattr(event, "tag", None)
    if tag is None or tag == "!" or tag in ALLOWED_TAGS:
        return None
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return _at(
        file,
        event.start_mark,
        codes.CUSTOM_TAG.code,
        f"tag `{shown}` is not allowed; remove it (quote the value if it must stay text)",
    )


def second_document(file: str, mark: Any) -> Diagnostic:
    """OKR105: a file holds one document."""
    return _at(
        file,
        mark,
        codes.SECOND_DOCUMENT.code,
        "a second YAML document starts here; put one entity in each file "
        "(remove the `---` line and move the rest to a file of its own)",
    )


def empty_file(file: str) -> Diagnostic:
    """OKR106: nothing but comments, or nothing at all."""
    return _error(
        file,
        1,
        1,
        codes.EMPTY_FILE.code,
        "the file is empty; start it with `apiVersion: okrctl/v1` and a `kind`, or delete it",
    )


def too_deep(file: str, mark: Any) -> Diagnostic:
    """OKR111: nesting deeper than `MAX_DEPTH`."""
    return _at(
        file,
        mark,
        codes.NESTING_TOO_DEEP.code,
        f"nesting is deeper than {MAX_DEPTH} levels; OKR files need far fewer",
    )


def not_a_mapping(file: str, line: int, column: int, root: object) -> Diagnostic:
    """OKR112: the document is a list or a single value."""
    shape = "list" if isinstance(root, list) else "single value"
    return _error(
        file,
        line,
        column,
        codes.NOT_A_MAPPING.code,
        "the file must be a mapping of fields (`apiVersion: okrctl/v1`, `kind: ...`), "
        f"not a {shape}",
    )


# --- the bytes (OKR107, OKR108, OKR110) and the file system (OKR109)


def wrong_encoding(file: str, line: int, column: int, encoding: str) -> Diagnostic:
    """OKR107: a UTF-16 or UTF-32 byte order mark."""
    return _error(
        file,
        line,
        column,
        codes.NOT_UTF8.code,
        f"the file is encoded as {encoding}; save it as UTF-8",
    )


def not_utf8(file: str, line: int, column: int, byte: int) -> Diagnostic:
    """OKR107: bytes that are not UTF-8."""
    return _error(
        file,
        line,
        column,
        codes.NOT_UTF8.code,
        f"the file is not valid UTF-8 (byte 0x{byte:02x}); save it as UTF-8",
    )


def too_large(file: str, max_bytes: int) -> Diagnostic:
    """OKR108: over the size cap."""
    return _error(
        file,
        1,
        1,
        codes.FILE_TOO_LARGE.code,
        f"the file is larger than {max_bytes // 1024} KiB, the most okrctl reads: an objective "
        "file is a few KiB and even a large organisation file far less; check that it is the "
        "file you meant",
    )


def unreadable(file: str, reason: str) -> Diagnostic:
    """OKR109: the file cannot be read."""
    return _error(file, 1, 1, codes.UNREADABLE_FILE.code, f"cannot read the file: {reason}")


def unreadable_folder(file: str, reason: str) -> Diagnostic:
    """OKR109: a folder cannot be listed."""
    return _error(file, 1, 1, codes.UNREADABLE_FILE.code, f"cannot read the folder: {reason}")


def symlink_loop(file: str) -> Diagnostic:
    """OKR109: a link that points back to itself."""
    return _error(
        file,
        1,
        1,
        codes.UNREADABLE_FILE.code,
        "symlink loop: the link points back to itself; remove it",
    )


def broken_symlink(file: str) -> Diagnostic:
    """OKR109: a link whose target does not exist."""
    return _error(
        file,
        1,
        1,
        codes.UNREADABLE_FILE.code,
        "broken symlink: its target does not exist; remove it or fix the target",
    )


def symlink_outside(file: str) -> Diagnostic:
    """OKR109: a link out of the repository."""
    return _error(
        file,
        1,
        1,
        codes.UNREADABLE_FILE.code,
        "symlink leads outside the repository; OKR files must live in the repository "
        "(copy the file in instead of linking it)",
    )


def undecodable_name(shown: str) -> Diagnostic:
    """OKR109: a file or folder whose name is not UTF-8 (`shown` with its bad bytes as \\xNN)."""
    return _error(
        shown,
        1,
        1,
        codes.UNREADABLE_FILE.code,
        "the name is not valid UTF-8 text, so okrctl cannot show or link it; rename it "
        "(okrctl skipped it)",
    )


def nul_byte(file: str, line: int, column: int) -> Diagnostic:
    """OKR110: a NUL byte: binary or UTF-16 without a byte order mark."""
    return _error(
        file,
        line,
        column,
        codes.NUL_BYTE.code,
        "the file contains a NUL byte: it is binary or UTF-16; save it as UTF-8 text",
    )


def symlink_into_git(file: str) -> Diagnostic:
    """OKR109: a link into `.git/`, whose config can hold the checkout's token."""
    return _error(
        file,
        1,
        1,
        codes.UNREADABLE_FILE.code,
        "symlink leads into .git/, git's own files (which can hold credentials); OKR files must "
        "live in the repository's work tree",
    )


NOT_AN_OKR_FILE = codes.NOT_AN_OKR_FILE.code
"""A file under okrs/ that is not an OKR file (hidden files, such as .gitkeep, are left alone)."""


def not_an_okr_file(file: str) -> Diagnostic:
    """OKR115: a script, data or a document kept among the OKR files."""
    return _error(
        file,
        1,
        1,
        NOT_AN_OKR_FILE,
        "not an OKR file: okrs/ holds OKR files (.yaml) only, which each unit's lead reviews as "
        "OKRs; keep scripts, data and documents elsewhere (metric files in metrics/, for instance)",
    )
