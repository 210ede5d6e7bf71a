"""Writing a diff `Report` as Markdown (job summaries, pull-request comments), text or JSON.

Each format is a small class in `RENDERERS` writing to a stream it is given; `wording` phrases
each change and escapes the untrusted text (titles, names, messages, file names) for the format.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, TextIO

from okrctl.diagnostics import Diagnostic
from okrctl.gitops.changes import FieldChange, ObjectiveChange
from okrctl.gitops.diff import Report
from okrctl.gitops.wording import LABELS, Style, markdown_code, markdown_text, plain_text
from okrctl.safetext import json_text

# --------------------------------------------------------------------------- the summary line


def _counts(report: Report) -> list[str]:
    """The summary line's parts: objectives by status, then each count that is not zero."""
    return [part for count in _COUNTS for part in count(report)]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _statuses(report: Report) -> list[str]:
    statuses = [o.status for o in report.objectives]
    return [f"{statuses.count(s)} {s}" for s in ("added", "removed", "changed") if s in statuses]


def _organization_changed(report: Report) -> list[str]:
    return ["organisation changed"] if report.organization else []


def _loud(report: Report) -> list[str]:
    loud = sum(1 for o in report.objectives for c in o.changes if c.loud)
    return [f"{_plural(loud, 'goalpost')} moved in a closed period"] if loud else []


def _rewrites(report: Report) -> list[str]:
    rewrites = sum(1 for o in report.objectives for c in o.changes if c.rewrite)
    return [f"{_plural(rewrites, 'change')} to recorded history"] if rewrites else []


def _sync_code(report: Report) -> list[str]:
    """Changes to the code `okrctl sync` runs: the allow-list, and the files it names."""
    parts = []
    if report.allowed_commands:
        parts.append(f"{_plural(len(report.allowed_commands), 'allowed command')} changed")
    if report.command_files:
        parts.append(f"{_plural(len(report.command_files), 'command file')} changed")
    return parts


def _sources(report: Report) -> list[str]:
    sources = sum(1 for o in report.objectives for c in o.changes if c.category == "source")
    return [f"{_plural(sources, 'metric source')} changed"] if sources else []


def _findings(report: Report) -> list[str]:
    if not (report.introduced or report.fixed):
        return []
    return [f"{_plural(len(report.introduced), 'finding')} introduced, {len(report.fixed)} fixed"]


def _unreadable(report: Report) -> list[str]:
    return [f"{len(report.unreadable)} unreadable"] if report.unreadable else []


_COUNTS: tuple[Callable[[Report], list[str]], ...] = (
    _statuses,
    _organization_changed,
    _loud,
    _rewrites,
    _sync_code,
    _sources,
    _findings,
    _unreadable,
)
"""The parts of the summary line, in order; each gives none, one or (statuses) several."""


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
    style = Style(markdown_code, markdown_text, "→")

    def write(self, report: Report, stream: TextIO) -> None:
        s = self.style
        out = [line for section in self._sections for line in section(self, report)]
        scope_line = f"<sub>Scope: {s.text(report.scope_note)}.</sub>"
        stream.write("\n".join([*_fit(out, MAX_MARKDOWN_BYTES), scope_line]) + "\n")

    def _heading(self, report: Report) -> list[str]:
        """The two revisions, and the counts (or that nothing changed)."""
        s = self.style
        summary = "No changes to OKR files." if report.empty else " · ".join(_counts(report))
        return [f"### OKR changes: {s.text(report.base)} → {s.text(report.head)}", "", summary, ""]

    def _sync_code(self, report: Report) -> list[str]:
        """A warning, on top, for each change to the code `okrctl sync` runs."""
        s = self.style
        if not (report.allowed_commands or report.command_files):
            return []
        lines = ["⚠️ **Code that `okrctl sync` runs changed**", ""]
        lines += [f"- {s.allow_list(c)}" for c in report.allowed_commands]
        lines += [f"- {s.command_file(c)}" for c in report.command_files]
        return [*lines, ""]

    def _closed_periods(self, report: Report) -> list[str]:
        """A warning, on top, for each goalpost moved in a closed period."""
        s = self.style
        loud = [(o, c) for o in report.objectives for c in o.changes if c.loud]
        if not loud:
            return []
        lines = ["⚠️ **Goalposts moved in a closed period**", ""]
        lines += [f"- {s.code(o.id)} (period {s.code(o.period)}): {s.change(c)}" for o, c in loud]
        return [*lines, ""]

    def _history(self, report: Report) -> list[str]:
        """A warning, on top, for each change to recorded history: check-ins removed, edited or
        backdated, grades and retrospectives changed once given."""
        s = self.style
        rewrites = [(o, c) for o in report.objectives for c in o.changes if c.rewrite]
        if not rewrites:
            return []
        lines = ["⚠️ **Recorded history rewritten**", ""]
        lines += [
            f"- {s.code(o.id)} (period {s.code(o.period)}): {s.change(c)}" for o, c in rewrites
        ]
        return [*lines, ""]

    def _objectives(self, report: Report) -> list[str]:
        """A section per status (added, removed, changed) that has objectives."""
        lines: list[str] = []
        for status in ("added", "removed", "changed"):
            group = [o for o in report.objectives if o.status == status]
            if group:
                lines += [f"#### {status.capitalize()} ({len(group)})", ""]
                lines += [line for o in group for line in self._objective(o)]
                lines.append("")
        return lines

    def _organization(self, report: Report) -> list[str]:
        if not report.organization:
            return []
        changes = [f"- {self.style.change(c)}" for c in report.organization]
        return ["#### Organisation", "", *changes, ""]

    def _findings(self, report: Report) -> list[str]:
        """A table each of the findings introduced and fixed, when there are any."""
        lines: list[str] = []
        for title, found in (("introduced", report.introduced), ("fixed", report.fixed)):
            if found:
                lines += [f"#### Findings {title} ({len(found)})", "", *self._table(found), ""]
        return lines

    def _unreadable(self, report: Report) -> list[str]:
        """The files that do not load, on which side, and their first problems."""
        if not report.unreadable:
            return []
        s = self.style
        lines = ["#### Files that do not load", ""]
        for u in report.unreadable:
            side = report.base if u.side == "base" else report.head
            problems = "; ".join(s.text(p) for p in u.problems)
            lines.append(f"- {s.code(u.file)} in {s.text(side)}: {problems}")
        return [*lines, ""]

    _sections: ClassVar[tuple[Callable[[MarkdownRenderer, Report], list[str]], ...]] = (
        _heading,
        _sync_code,
        _closed_periods,
        _history,
        _objectives,
        _organization,
        _findings,
        _unreadable,
    )
    """The sections of the comment, in order; each is empty when it has nothing to say."""

    def _objective(self, o: ObjectiveChange) -> list[str]:
        s = self.style
        where = f"unit {s.code(o.unit)}, period {s.code(o.period)}"
        lines = [f"- {s.code(o.id)}: {s.text(o.title)} ({where})"]
        for c in o.changes:
            label = LABELS[c.category]
            flag = "⚠️ " if c.loud or c.rewrite or c.category == "source" else ""
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
    style = Style(plain_text, plain_text, "->")

    def write(self, report: Report, stream: TextIO) -> None:
        s = self.style
        out = [f"OKR changes: {plain_text(report.base)} -> {plain_text(report.head)}"]
        out.append(", ".join(_counts(report)) if not report.empty else "no changes to OKR files")
        changes = [s.allow_list(c) for c in report.allowed_commands]
        changes += [s.command_file(c) for c in report.command_files]
        out += [f"{change}  !! code run by okrctl sync" for change in changes]
        for o in report.objectives:
            where = f"[{o.unit}, {o.period}]"
            out.append(f"{o.status} {s.code(o.id)}: {s.text(o.title)} {s.text(where)}")
            for c in o.changes:
                flag = "  !! closed period" if c.loud else ""
                flag += "  !! history rewritten" if c.rewrite else ""
                out.append(f"    {LABELS[c.category]}: {s.change(c)}{flag}")
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
    """One change; `checkin` (the day of the check-in changed) and `history_rewritten` only when
    they apply, so that other changes read as they did before they were reported."""
    document: dict[str, Any] = {
        "category": c.category,
        "of": c.of,
        "ref": c.ref,
        "field": c.field,
        "old": c.old,
        "new": c.new,
        "closed_period": c.loud,
    }
    if c.at is not None:
        document["checkin"] = c.at
    if c.rewrite:
        document["history_rewritten"] = True
    return document


def _sync_code_document(report: Report) -> dict[str, Any]:
    """The changes to the code `okrctl sync` runs, as keys present only when there are some
    (so that the document of a diff without them is the same as before they were reported)."""
    document: dict[str, Any] = {}
    if report.allowed_commands:
        document["allowed_commands"] = [
            {"status": c.status, "command": list(c.command)} for c in report.allowed_commands
        ]
    if report.command_files:
        document["command_files"] = [
            {
                "file": c.file,
                "status": c.status,
                "commands": [list(command) for command in c.commands],
                "old_target": c.old_target,
                "new_target": c.new_target,
            }
            for c in report.command_files
        ]
    return document


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
            **_sync_code_document(report),
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
