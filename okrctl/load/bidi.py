r"""Bidirectional control characters in an OKR file (OKR113 in identifiers, OKR114 in prose).

The Unicode bidirectional controls (U+202A-U+202E embeddings and overrides, U+2066-U+2069
isolates, the U+200E and U+200F marks and the U+061C Arabic letter mark) change the order in
which text is displayed without changing the text. With them a title, an id or a comment reads
one way in a pull request's diff and another on the published site ("Trojan Source"; git hosts
warn about them). okrctl reports each one, naming the character and where it stands:

- OKR113 (error) in an identifier: a mapping key, an id or any field that names something (a
  unit, a person, a period, an objective), a URL, an address, a metric source; and in the file's
  name;
- OKR114 (warning) in prose: a title, a name, a description, a note, a retrospective, a
  dropped reason, a key result's unit of measure, and a comment.

A character written as an escape in a double-quoted string (`"\u202e"`) is found too, at the
string's start.

Failing example (OKR113, the id `win-\u202eq4` shows as `win-4q`):

    id: "win-\u202eq4"

Passing example (right-to-left text, here Hebrew, needs no control characters):

    title: "\u05e6\u05de\u05d9\u05d7\u05d4"

The scan is one regular expression over the file's text; a file without these characters (all
but a hostile few) costs nothing more. Where a character stands is found from the YAML tokens
and the positions the first parse recorded, for the few files that hold one.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator

import yaml

from okrctl import codes
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.load.positions import Path_, SourceMap

IN_IDENTIFIER = codes.BIDI_IN_IDENTIFIER.code
IN_PROSE = codes.BIDI_IN_PROSE.code

BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""The bidirectional control characters."""

PROSE = frozenset({"title", "name", "description", "note", "retrospective", "dropped_reason"})
"""Fields of free text: a control character there misleads, but the text stays what it is."""

MOST = 100
"""Characters reported one by one in a file; the rest are counted in one more finding."""

_WHY = (
    "bidirectional control characters make text display in another order than it is written, "
    "so a pull request's diff reads differently from what is published; remove it"
)


def name_of(character: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'BIDI CONTROL')}"


class _Lines:
    """Line and column of a character index, by bisection over the line starts (counting the
    line breaks before every character found made a file of many of them quadratic)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def in_file_name(file: str) -> list[Diagnostic]:
    """OKR113 for each bidirectional control character in a file's name."""
    return [
        Diagnostic(
            file,
            1,
            1,
            IN_IDENTIFIER,
            Severity.ERROR,
            f"the file's name holds {name_of(m.group())} at character {m.start() + 1}: {_WHY}",
        )
        for m in BIDI.finditer(file)
    ]


def needs_scan(text: str) -> bool:
    """True when the text may hold a control character: itself, or an escape that YAML turns
    into one (`\\u202e` in a double-quoted string)."""
    return BIDI.search(text) is not None or "\\u" in text or "\\U" in text


def _scalars(text: str) -> Iterator[tuple[int, int, bool, str]]:
    """(start, end, is a key, value) of every scalar of the text, by character index."""
    key = False
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, yaml.KeyToken):
                key = True
            elif isinstance(token, yaml.ScalarToken):
                yield token.start_mark.index, token.end_mark.index, key, token.value
                key = False
            elif not isinstance(token, yaml.ValueToken):
                key = False
    except yaml.YAMLError:
        return  # the parse reported it; what was scanned so far is placed


def _fields(source: SourceMap) -> dict[tuple[int, int], Path_]:
    """The path of the value that starts at each (line, column) the parse recorded."""
    return {(entry[2], entry[3]): path for path, entry in source.entries.items()}


def _is_prose(path: Path_ | None) -> bool:
    names = [part for part in path or () if isinstance(part, str)]
    if not names:
        return False
    if names[-1] == "unit" and "key_results" in names:
        return True  # a key result's unit of measure (`%`, `deals`), not a unit's id
    return names[-1] in PROSE


def in_text(text: str, file: str, source: SourceMap) -> list[Diagnostic]:
    """OKR113 or OKR114 for each bidirectional control character in the file's text: in the
    values of its scalars (escapes decoded) and in its comments; at most `MOST` of them, then
    one finding that counts the rest."""
    if not needs_scan(text):
        return []
    lines, fields = _Lines(text), _fields(source)
    found: list[tuple[int, int, str, str, bool]] = []  # line, column, character, where, prose
    inside: set[int] = set()
    for start, end, key, value in _scalars(text):
        raw = [m.start() for m in BIDI.finditer(text, start, max(end, start + 1))]
        inside.update(raw)
        where, prose = _where(fields, lines.at(start), key)
        for n, match in enumerate(BIDI.finditer(value)):
            at = raw[n] if n < len(raw) else start  # an escape: at the string's start
            found.append((*lines.at(at), match.group(), where, prose))
    for match in BIDI.finditer(text):
        if match.start() not in inside:
            found.append((*lines.at(match.start()), match.group(), "a comment", True))
    found.sort()
    diagnostics = [
        Diagnostic(
            file,
            line,
            column,
            IN_PROSE if prose else IN_IDENTIFIER,
            Severity.WARNING if prose else Severity.ERROR,
            f"{name_of(character)} in {where}: {_WHY}",
        )
        for line, column, character, where, prose in found[:MOST]
    ]
    if len(found) > MOST:
        line, column, _, _, _ = found[MOST]
        worst = any(not prose for *_, prose in found[MOST:])
        diagnostics.append(
            Diagnostic(
                file,
                line,
                column,
                IN_IDENTIFIER if worst else IN_PROSE,
                Severity.ERROR if worst else Severity.WARNING,
                f"{len(found) - MOST} more bidirectional control characters from here on; {_WHY}",
            )
        )
    return diagnostics


def _where(
    fields: dict[tuple[int, int], Path_], start: tuple[int, int], key: bool
) -> tuple[str, bool]:
    """What the scalar starting at `start` is, in words, and whether it is prose."""
    if key:
        return "a key", False
    path = fields.get(start)
    names = [str(part) for part in path or ()]
    return (f"`{'.'.join(names)}`" if names else "a value"), _is_prose(path)
