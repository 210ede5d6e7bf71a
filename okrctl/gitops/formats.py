"""Writing a diff `Report` as Markdown (job summaries, pull-request comments), text or JSON.

Titles, names, messages and even file names come from the repository, so they are untrusted:
Markdown output escapes every character that Markdown or HTML give a meaning to (and `@`, so a
title cannot mention and notify people), and text output replaces control characters (so a
title cannot send escape sequences to a terminal).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TextIO

from okrctl.diagnostics import Diagnostic
from okrctl.gitops.changes import FieldChange, ObjectiveChange, Value
from okrctl.gitops.diff import Report
from okrctl.safetext import UNSAFE, json_text, terminal

_MARKDOWN = {c: f"\\{c}" for c in "\\`*_{}[]()#+-.!|~^$="}
_MARKDOWN.update(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "@": "&#64;"}
)
_MARKDOWN_TABLE = str.maketrans(_MARKDOWN)
_CONTROL = UNSAFE
_PLAIN_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/:, -]*\Z")

# Fields whose values are identifiers (shown as code); the others are free text (quoted).
_ID_FIELDS = frozenset(
    {"id", "file", "parent", "unit", "period", "owner", "level", "type", "kind", "metric"}
    | {"lead", "github", "depends_on", "acknowledges", "added", "removed", "start", "end"}
    | {"contributors", "status", "indicator", "direction"}
)


def markdown_text(text: str) -> str:
    """`text` as inert Markdown: one line, every meaningful character escaped."""
    return " ".join(_CONTROL.sub(" ", text).split()).translate(_MARKDOWN_TABLE)


def markdown_code(text: str) -> str:
    """A code span for identifiers and paths that cannot break out of it, else escaped text."""
    if _PLAIN_CODE.match(text) and not text.endswith(" "):
        return f"`{text}`"
    return markdown_text(text)


plain_text = terminal
"""`text` for a terminal: control characters shown as `\\xNN`, never sent."""


@dataclass(frozen=True)
class _Style:
    code: Callable[[str], str]
    text: Callable[[str], str]
    arrow: str

    def value(self, field: str, value: Value) -> str:
        if value is None:
            return "none"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int | float):
            return f"{value:g}"
        if isinstance(value, list):
            return ", ".join(self.code(v) for v in value) if value else "none"
        if field in _ID_FIELDS:
            return self.code(value)
        return self.text(f'"{value}"')

    def change(self, c: FieldChange) -> str:
        """One change in words, without its category."""
        subject = "" if c.of == "objective" else f"{c.of} {self.code(c.ref)} "
        a = self.arrow
        if c.category == "key-results":
            title = self.value("title", c.new if c.old is None else c.old)
            return f"{c.field} {self.code(c.ref)}: {title}"
        if c.category == "organization" and c.field in ("added", "removed"):
            return f"{subject}{c.field}"
        if c.field == "closed":
            return f"{subject}{'closed' if c.new else 'reopened'}"
        if c.field == "description":
            return f"{subject}description"
        if c.field == "note":
            return f"{subject}check-in note: {self.value(c.field, c.new)}"
        if c.field == "links":
            return f"{subject}links: {self.text(', '.join(c.new or []))}"  # type: ignore[arg-type]
        if c.field in ("depends_on", "acknowledges"):
            old, new = set(c.old or []), set(c.new or [])  # type: ignore[arg-type]
            parts = [f"added {self.code(x)}" for x in sorted(new - old)]
            parts += [f"removed {self.code(x)}" for x in sorted(old - new)]
            return f"{subject}{c.field}: {', '.join(parts)}"
        if c.field == "checkins" and isinstance(c.old, int) and isinstance(c.new, int):
            grown = c.new - c.old
            if grown > 0:
                return f"{subject}{grown} new check-in{'s' * (grown != 1)}"
        name = "" if c.field == c.category else f"{c.field} "
        kind = "measure" if c.of == "key result" and c.field == "unit" else c.field
        return f"{subject}{name}{self.value(kind, c.old)} {a} {self.value(kind, c.new)}"


_LABELS = {
    "renamed": "renamed",
    "moved": "moved",
    "goalpost": "goalpost moved",
    "key-results": "key results",
    "status": "status",
    "progress": "progress",
    "confidence": "confidence",
    "source": "metric source",
    "details": "edited",
    "organization": "organisation",
}


def _counts(report: Report) -> list[str]:
    statuses = [o.status for o in report.objectives]
    parts = [f"{statuses.count(s)} {s}" for s in ("added", "removed", "changed") if s in statuses]
    if report.organization:
        parts.append("organisation changed")
    loud = sum(1 for o in report.objectives for c in o.changes if c.loud)
    if loud:
        parts.append(f"{loud} goalpost{'s' * (loud != 1)} moved in a closed period")
    sources = sum(1 for o in report.objectives for c in o.changes if c.category == "source")
    if sources:
        parts.append(f"{sources} metric source{'s' * (sources != 1)} changed")
    if report.introduced or report.fixed:
        parts.append(
            f"{len(report.introduced)} finding{'s' * (len(report.introduced) != 1)} "
            f"introduced, {len(report.fixed)} fixed"
        )
    if report.unreadable:
        parts.append(f"{len(report.unreadable)} unreadable")
    return parts


# --------------------------------------------------------------------------- Markdown

MAX_MARKDOWN_BYTES = 900_000
"""GitHub drops a step's job summary above 1 MiB; a longer diff is cut to fit, and says so."""


def _fit(lines: list[str], limit: int) -> list[str]:
    """`lines`, cut at a line so that they stay under `limit` bytes, with a note when cut."""
    size = 0
    for i, line in enumerate(lines):
        size += len(line.encode("utf-8")) + 1
        if size > limit:
            return [
                *lines[:i],
                "",
                f"**… cut here: {len(lines) - i} more line{'s' * (len(lines) - i != 1)}.** "
                "Run `okrctl diff` for the whole diff.",
                "",
            ]
    return lines


class MarkdownRenderer:
    """GitHub-flavoured Markdown for a job summary or a pull-request comment."""

    name: ClassVar[str] = "markdown"
    style = _Style(markdown_code, markdown_text, "→")

    def write(self, report: Report, stream: TextIO) -> None:
        s = self.style
        out: list[str] = [
            f"### OKR changes: {s.text(report.base)} → {s.text(report.head)}",
            "",
        ]
        if report.empty:
            out += ["No changes to OKR files.", ""]
        else:
            out += [" · ".join(_counts(report)), ""]
        loud = [(o, c) for o in report.objectives for c in o.changes if c.loud]
        if loud:
            out += ["⚠️ **Goalposts moved in a closed period**", ""]
            for o, c in loud:
                out.append(f"- {s.code(o.id)} (period {s.code(o.period)}): {s.change(c)}")
            out.append("")
        for status in ("added", "removed", "changed"):
            group = [o for o in report.objectives if o.status == status]
            if group:
                out += [f"#### {status.capitalize()} ({len(group)})", ""]
                out += [line for o in group for line in self._objective(o)]
                out.append("")
        if report.organization:
            out += ["#### Organisation", ""]
            out += [f"- {s.change(c)}" for c in report.organization]
            out.append("")
        for title, found in (("introduced", report.introduced), ("fixed", report.fixed)):
            if found:
                out += [f"#### Findings {title} ({len(found)})", ""]
                out += self._table(found)
                out.append("")
        if report.unreadable:
            out += ["#### Files that do not load", ""]
            for u in report.unreadable:
                side = report.base if u.side == "base" else report.head
                problems = "; ".join(s.text(p) for p in u.problems)
                out.append(f"- {s.code(u.file)} in {s.text(side)}: {problems}")
            out.append("")
        scope_line = f"<sub>Scope: {s.text(report.scope_note)}.</sub>"
        stream.write("\n".join([*_fit(out, MAX_MARKDOWN_BYTES), scope_line]) + "\n")

    def _objective(self, o: ObjectiveChange) -> list[str]:
        s = self.style
        where = f"unit {s.code(o.unit)}, period {s.code(o.period)}"
        lines = [f"- {s.code(o.id)}: {s.text(o.title)} ({where})"]
        for c in o.changes:
            label = _LABELS[c.category]
            flag = "⚠️ " if c.loud or c.category == "source" else ""
            lines.append(f"    - {flag}{label}: {s.change(c)}")
        return lines

    def _table(self, found: Sequence[Diagnostic]) -> list[str]:
        s = self.style
        rows = ["| Severity | Code | Where | Message |", "| --- | --- | --- | --- |"]
        for d in found:
            where = s.code(f"{d.file}:{d.line}:{d.column}")
            rows.append(f"| {d.severity} | {s.code(d.code)} | {where} | {s.text(d.message)} |")
        return rows


# --------------------------------------------------------------------------- text


class TextRenderer:
    """Plain lines for a terminal."""

    name: ClassVar[str] = "text"
    style = _Style(plain_text, plain_text, "->")

    def write(self, report: Report, stream: TextIO) -> None:
        s = self.style
        out = [f"OKR changes: {plain_text(report.base)} -> {plain_text(report.head)}"]
        out.append(", ".join(_counts(report)) if not report.empty else "no changes to OKR files")
        for o in report.objectives:
            where = f"[{o.unit}, {o.period}]"
            out.append(f"{o.status} {s.code(o.id)}: {s.text(o.title)} {s.text(where)}")
            for c in o.changes:
                flag = "  !! closed period" if c.loud else ""
                out.append(f"    {_LABELS[c.category]}: {s.change(c)}{flag}")
        for c in report.organization:
            out.append(f"organisation: {s.change(c)}")
        for title, found in (("introduced", report.introduced), ("fixed", report.fixed)):
            for d in found:
                out.append(
                    f"{title}: {plain_text(d.file)}:{d.line}:{d.column}: {d.severity} {d.code} "
                    f"{plain_text(d.message)}"
                )
        for u in report.unreadable:
            side = report.base if u.side == "base" else report.head
            problems = "; ".join(plain_text(p) for p in u.problems)
            out.append(f"unreadable in {plain_text(side)}: {plain_text(u.file)}: {problems}")
        out.append(f"scope: {report.scope_note}")
        stream.write("\n".join(out) + "\n")


# --------------------------------------------------------------------------- JSON


def _change(c: FieldChange) -> dict[str, Any]:
    return {
        "category": c.category,
        "of": c.of,
        "ref": c.ref,
        "field": c.field,
        "old": c.old,
        "new": c.new,
        "closed_period": c.loud,
    }


class JsonRenderer:
    """One JSON document for tools; the shape is versioned."""

    name: ClassVar[str] = "json"

    def write(self, report: Report, stream: TextIO) -> None:
        document = {
            "version": 1,
            "base": report.base,
            "head": report.head,
            "scope": {"mode": report.scope, "note": report.scope_note},
            "objectives": [
                {
                    "status": o.status,
                    "id": o.id,
                    "old_id": o.old_id,
                    "title": o.title,
                    "unit": o.unit,
                    "period": o.period,
                    "file": o.file,
                    "old_file": o.old_file,
                    "changes": [_change(c) for c in o.changes],
                }
                for o in report.objectives
            ],
            "organization": [_change(c) for c in report.organization],
            "findings": {
                "introduced": [d.as_dict() for d in report.introduced],
                "fixed": [d.as_dict() for d in report.fixed],
            },
            "unreadable": [
                {"file": u.file, "side": u.side, "problems": list(u.problems)}
                for u in report.unreadable
            ],
        }
        stream.write(json_text(json.dumps(document, indent=2, ensure_ascii=False)))
        stream.write("\n")


RENDERERS: dict[str, type[MarkdownRenderer] | type[TextRenderer] | type[JsonRenderer]] = {
    "markdown": MarkdownRenderer,
    "text": TextRenderer,
    "json": JsonRenderer,
}
