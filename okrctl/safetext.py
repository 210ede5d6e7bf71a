"""Untrusted text made inert for the outputs that print it: terminals, logs and GitHub Actions.

Titles, units, keys, file names and messages come from the repository, so any of them may hold
an escape sequence (`ESC [ 31 m`, an OSC title change, the one-byte C1 `CSI`), a newline that
starts a forged `::error` line in a CI log, or a bidirectional override that makes a line read
differently than it is (Trojan Source). Every text output goes through one function here:

* `terminal`: control characters shown as `\\xNN` (or `\\uNNNN`), never sent; `file_name` for a
  file name as the operating system gave it (its bytes that are not UTF-8 shown as `\\xNN`);
* `json_text`: JSON whose strings escape the same characters as `\\uNNNN` (JSON already escapes
  C0 controls; DEL, C1 and the bidirectional controls it would print raw);
* `github_data` and `github_property`: a workflow command's message and properties, escaped as
  the runner unescapes them, with every other control character shown as text;
* `markdown_text` and `markdown_code`: one line of inert Markdown (every character Markdown or
  HTML give a meaning to escaped, and `@` and `#` kept from GitHub's mentions and references, so
  that a title cannot notify people or link itself into other issues).
"""

from __future__ import annotations

import os
import re

UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""C0 and C1 controls, DEL, line and paragraph separators, the bidirectional controls, and lone
surrogates (a file name's bytes that are not UTF-8, as `os.fsdecode` keeps them: no stream could
encode them).

Every one of them is a character `str.isprintable` calls unprintable (Unicode's "Other" and
"Separator" categories), so text that `isprintable` accepts holds none: the functions below
answer such text (almost every title, file name and message) without running a regular
expression over it, which matters when a check prints 50,000 findings."""
_UNSAFE_KEEPING_NEWLINES = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_UNDECODABLE = re.compile(r"[\udc80-\udcff]")
"""The bytes `os.fsdecode` could not decode (surrogate escapes)."""
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What JSON leaves raw in its strings (it escapes the C0 controls itself)."""


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, shown as the byte it was
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def file_name(name: object) -> str:
    """A file name (`str`, `bytes` or a path) for one line of a terminal: bytes that are not
    UTF-8 shown as `\\xNN`, control characters escaped as `terminal` does."""
    return terminal(os.fsdecode(name) if isinstance(name, str | bytes | os.PathLike) else str(name))


def undecodable(name: str) -> str:
    """A file name with only its bytes that are not UTF-8 shown as `\\xNN`: a value kept in a
    finding, which each output then escapes its own way."""
    return _UNDECODABLE.sub(_shown, name)


def terminal(text: str, *, newlines: bool = False) -> str:
    """`text` safe to print: every control character written out as `\\xNN` or `\\uNNNN`.

    `newlines`: keep line feeds (for messages of several lines that okrctl itself composed); a
    line that would then start with `::` (a GitHub Actions workflow command, even indented) has
    its first colon written as `\x3a`.
    """
    if not newlines:
        return text if text.isprintable() else UNSAFE.sub(_shown, text)
    lines = _UNSAFE_KEEPING_NEWLINES.sub(_shown, text).split("\n")
    return "\n".join(
        line.replace(":", "\\x3a", 1) if line.lstrip().startswith("::") else line for line in lines
    )


def json_text(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the characters a terminal
    would act on escaped as `\\uNNNN`; the same value for any JSON reader."""
    if text.isprintable():
        return text
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def github_data(text: str) -> str:
    """The message of a workflow command (`::error ...::MESSAGE`): one line, always."""
    if text.isprintable():  # no line break, nothing `terminal` would change
        return text.replace("%", "%25")
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(escaped)


def github_property(text: str) -> str:
    """A property of a workflow command (`file=`, `title=`): `:` and `,` escaped as well."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


_MARKDOWN = {c: f"\\{c}" for c in "\\`*_{}[]()+-.!|~^$="}
_MARKDOWN.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
# GitHub finds mentions (`@org/team`) and references (`#12`, `org/repo#12`) in the rendered
# text, after backslash escapes and character references are decoded: `\@` and `&#64;` still
# notify. A zero-width space (U+200B, written as a reference) between the sign and the name is
# what stops them, and it reads the same.
_MARKDOWN.update({"@": "@&#8203;", "#": "\\#&#8203;"})
_MARKDOWN_TABLE = str.maketrans(_MARKDOWN)
_PLAIN_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/:, -]*\Z")


def markdown_text(text: str) -> str:
    """`text` as inert Markdown: one line, every meaningful character escaped."""
    return " ".join(UNSAFE.sub(" ", text).split()).translate(_MARKDOWN_TABLE)


def markdown_code(text: str) -> str:
    """A code span for identifiers and paths that cannot break out of it, else escaped text."""
    if _PLAIN_CODE.match(text) and not text.endswith(" "):
        return f"`{text}`"
    return markdown_text(text)
