"""Suppression comments: silencing a rule's findings in the file where they are reported.

* `# okrctl: disable=CODE[,CODE...]` at the end of a line silences those rules on that line; on
  a line of its own, on the next line that holds YAML.
* `# okrctl: disable-file=CODE[,CODE...]` anywhere silences them in the whole file.

Codes are named by code or by name; text after the list, separated by a space, is a reason.
The catalogue says which codes a comment may silence (`Code.silenced_by_comment`): the rules of
good OKRs, an unlisted command (OKR814) and an edit to a closed period (OKR820); never load,
format or cascade errors, nor OKR900, which reports suppressions that silenced nothing.

Comments are found in the raw text, since the YAML parser drops them: a `#` starts a comment
when it begins the line or follows a space or tab, and lies outside every token libyaml's
scanner reports (so a `#` inside a quoted, plain or block scalar is text). Pure: text in,
directives out; `apply` filters diagnostics.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from okrctl import codes
from okrctl.checks.registry import UNUSED_SUPPRESSION
from okrctl.diagnostics import Diagnostic, Severity

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # libyaml's line breaks (YAML 1.1)
_MARKER = re.compile(r"#[ \t]*okrctl[ \t]*:")
_BODY = re.compile(
    r"[ \t]*(?P<scope>disable-file|disable)[ \t]*=[ \t]*"
    r"(?P<codes>[A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*)(?P<rest>.*)\Z"
)

Position = tuple[int, int]


@dataclass(frozen=True)
class Directive:
    """One suppression comment. Positions are 1-based."""

    line: int
    column: int
    scope: Literal["line", "file"]
    target: int
    """The line a `disable` applies to (0 when no YAML line follows); unused for the file."""
    codes: tuple[tuple[str, str], ...]
    """(code, as written in the comment) for every rule the comment names."""


@dataclass(frozen=True)
class Scan:
    """The suppression comments of one file, and problems with comments that are not valid."""

    directives: tuple[Directive, ...] = ()
    problems: tuple[tuple[int, int, str], ...] = ()
    """(line, column, message) of malformed directives, reported as unused suppressions."""


class _Spans:
    """Token spans of a YAML text, for asking whether a position lies inside a token.

    Tokens are read as far as a question needs, not to the end: scanning is most of what reading
    suppressions costs, and a `disable-file` comment at the top of a file needs only the first
    tokens. A text that does not scan raises `yaml.YAMLError` when a question reaches the error
    (`scan` is asked about documents that parsed; for one that did not, its syntax error is
    reported instead of its suppressions)."""

    def __init__(self, text: str) -> None:
        self.starts: list[Position] = []
        self.ends: list[Position] = []
        self._loader: Any = _Loader(text)

    def inside(self, position: Position) -> bool:
        self._read_past(position)
        i = bisect.bisect_right(self.starts, position) - 1
        return i >= 0 and position < self.ends[i]

    def _read_past(self, position: Position) -> None:
        """Read tokens until one starts after `position`, or to the end."""
        loader = self._loader
        while loader is not None and (not self.starts or self.starts[-1] <= position):
            token = loader.get_token()
            if token is None:
                self.close()
                return
            start, end = token.start_mark, token.end_mark
            if (end.line, end.column) > (start.line, start.column):
                self.starts.append((start.line, start.column))
                self.ends.append((end.line, end.column))

    def close(self) -> None:
        if self._loader is not None:
            self._loader.dispose()
            self._loader = None


def _comment_start(line: str, number: int, spans: _Spans) -> int | None:
    """The column (0-based) where a comment starts on the line, if one does."""
    column = line.find("#")
    while column >= 0:
        if (column == 0 or line[column - 1] in " \t") and not spans.inside((number, column)):
            return column
        column = line.find("#", column + 1)
    return None


def scan(text: str) -> Scan:
    """The suppression comments in a YAML text."""
    if not _MARKER.search(text):
        return Scan()
    spans = _Spans(text)
    try:
        return _directives(text, spans)
    except yaml.YAMLError:  # the file does not parse; its syntax error is reported instead
        return Scan()
    finally:
        spans.close()


def _directives(text: str, spans: _Spans) -> Scan:
    lines = _BREAK.split(text)
    directives: list[Directive] = []
    problems: list[tuple[int, int, str]] = []
    for number, line in enumerate(lines):
        if "okrctl" not in line:
            continue
        start = _comment_start(line, number, spans)
        marker = _MARKER.search(line, start) if start is not None else None
        if start is None or marker is None:
            continue
        where = (number + 1, marker.start() + 1)
        body = _BODY.match(line, marker.end())
        if body is None or (body["rest"] and body["rest"][0] not in " \t"):
            problems.append(
                (
                    *where,
                    "this comment is not an okrctl directive; write "
                    "`# okrctl: disable=CODE` or `# okrctl: disable-file=CODE`",
                )
            )
            continue
        codes: list[tuple[str, str]] = []
        for written in re.split(r"[ \t]*,[ \t]*", body["codes"]):
            code, problem = _resolve(written)
            if problem is not None:
                problems.append((*where, problem))
            elif code is not None:
                codes.append((code, written))
        own_line = not line[:start].strip()
        target = _next_yaml_line(lines, number, spans) if own_line else number + 1
        scope: Literal["line", "file"] = "file" if body["scope"] == "disable-file" else "line"
        directives.append(Directive(*where, scope, target, tuple(codes)))
    return Scan(tuple(directives), tuple(problems))


def _resolve(written: str) -> tuple[str | None, str | None]:
    """(code, None) for a code a comment may silence, else (None, why not)."""
    entry = codes.lookup(written)
    if entry is None:
        return None, (
            f"unknown code {written!r} in the suppression; `okrctl explain --list` lists them"
        )
    if entry.code == UNUSED_SUPPRESSION:
        return None, (
            f"{written} cannot be suppressed by a comment: remove the unused suppression, or "
            "turn the rule off in the configuration"
        )
    if not entry.silenced_by_comment:
        return None, (
            f"{entry.code} cannot be suppressed: errors in the {entry.phase} phase must be fixed"
        )
    return entry.code, None


def _next_yaml_line(lines: list[str], number: int, spans: _Spans) -> int:
    for following in range(number + 1, len(lines)):
        text = lines[following]
        stripped = text.lstrip(" \t")
        if not stripped:
            continue
        column = len(text) - len(stripped)
        if stripped.startswith("#") and not spans.inside((following, column)):
            continue
        return following + 1
    return 0


def suppressible(code: str) -> bool:
    """True for the codes a suppression comment may silence, as the catalogue says."""
    entry = codes.CATALOGUE.get(code)
    return entry is not None and entry.silenced_by_comment


def apply(
    diagnostics: Iterable[Diagnostic],
    scans: Mapping[str, Scan],
    enabled: Callable[[str], bool],
    severity: Severity | None,
) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add an OKR900 at `severity` (None: off) for every rule a
    suppression names that silenced nothing, unless the rule is off (`enabled`)."""
    by_line: dict[tuple[str, int, str], list[Directive]] = {}
    by_file: dict[tuple[str, str], list[Directive]] = {}
    for file, found in scans.items():
        for directive in found.directives:
            for code, _ in directive.codes:
                if directive.scope == "file":
                    by_file.setdefault((file, code), []).append(directive)
                elif directive.target:
                    by_line.setdefault((file, directive.target, code), []).append(directive)
    used: set[tuple[int, str]] = set()
    kept: list[Diagnostic] = []
    silenced = {file for file, _ in by_file} | {file for file, _, _ in by_line}
    for d in diagnostics:
        if d.file not in silenced:  # most files have no suppression: one set look-up
            kept.append(d)
            continue
        matches = by_line.get((d.file, d.line, d.code), []) + by_file.get((d.file, d.code), [])
        if matches and suppressible(d.code):
            used.update((id(directive), d.code) for directive in matches)
        else:
            kept.append(d)
    if severity is None:
        return kept
    return kept + _unused(scans, used, enabled, severity)


def _unused(
    scans: Mapping[str, Scan],
    used: set[tuple[int, str]],
    enabled: Callable[[str], bool],
    severity: Severity,
) -> list[Diagnostic]:
    """OKR900 for every comment that is not a directive, and every code a directive names that
    silenced nothing (`used` holds the (directive, code) pairs that did)."""
    kept: list[Diagnostic] = []
    for file, found in sorted(scans.items()):
        for line, column, message in found.problems:
            kept.append(Diagnostic(file, line, column, UNUSED_SUPPRESSION, severity, message))
        for directive in found.directives:
            for code, written in directive.codes:
                if (id(directive), code) in used or _turned_off(code, enabled):
                    continue
                where = (
                    "in this file"
                    if directive.scope == "file"
                    else (
                        f"on line {directive.target}" if directive.target else "(no line follows)"
                    )
                )
                kept.append(
                    Diagnostic(
                        file,
                        directive.line,
                        directive.column,
                        UNUSED_SUPPRESSION,
                        severity,
                        f"the suppression of {written} silences nothing {where}; remove it "
                        "from the comment",
                    )
                )
    return kept


def _turned_off(code: str, enabled: Callable[[str], bool]) -> bool:
    """A rule the configuration turned off: a suppression of it is not reported as unused.
    Other codes (OKR814, OKR820) are always on."""
    return codes.CATALOGUE[code].is_rule and not enabled(code)
