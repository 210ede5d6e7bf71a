"""An explained code as terminal text, JSON or Markdown; the catalogue as a table or as the
documentation's codes page (`docs/codes.md`, generated: a test holds it equal)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from okrctl.codes import Example, Phase
from okrctl.explain.entries import Explained

PAGE = "codes.md"
"""The documentation page with a section (and an anchor) per code."""


def _options_lines(entry: Explained) -> list[str]:
    return [
        f"- `{o.name}` ({o.type}, default `{_show(o.default)}`): {o.doc}" for o in entry.options
    ]


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _severity_line(entry: Explained) -> str:
    phase = f"Phase: {entry.phase} ({entry.phase.description})."
    if entry.entry.retired:
        phase = f"Retired: {entry.entry.retired}\n{phase}"
    if entry.configurable:
        return (
            f"{phase}\nSeverity: {entry.severity} by default; okrctl.yaml may change it or turn "
            "the rule off, and a comment may silence a finding."
        )
    return f"{phase}\nSeverity: {entry.severity}."


# --------------------------------------------------------------------------- terminal text


def _example_text(example: Example) -> str:
    title = f"{example.kind.capitalize()} example"
    if example.file:
        title += f" ({example.file})"
    body = "".join(f"    {line}\n" if line else "\n" for line in example.text.splitlines())
    return f"{title}:\n\n{body}"


def text(entry: Explained) -> str:
    """The entry for a terminal: heading, phase and severity, explanation, examples, options.
    (The caller prints it through `okrctl.console`, which shows control characters.)"""
    parts = [
        f"{entry.code} {entry.name}: {entry.summary}\n{_severity_line(entry)}\n",
        f"{entry.explanation}\n" if entry.explanation else "",
        *(_example_text(example) for example in entry.examples),
    ]
    if entry.options:
        parts.append("Options (in okrctl.yaml, under `rules:`):\n" + _lines(_options_lines(entry)))
    return "\n".join(part for part in parts if part)


def _lines(lines: Sequence[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


def table_text(entries: Sequence[Explained]) -> str:
    """One line per code: code, name, phase, severity, summary."""
    rows = [("CODE", "NAME", "PHASE", "SEVERITY", "SUMMARY")] + [
        (e.code, e.name, str(e.phase), str(e.severity), e.summary) for e in entries
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + f"  {row[4]}\n"
        for row in rows
    )


# --------------------------------------------------------------------------- JSON


def as_dict(entry: Explained) -> dict[str, Any]:
    """The entry for tools (`okrctl explain --format json`)."""
    return {
        "code": entry.code,
        "name": entry.name,
        "phase": str(entry.phase),
        "severity": str(entry.severity),
        "configurable": entry.configurable,
        "summary": entry.summary,
        "explanation": entry.explanation,
        "examples": [
            {"kind": e.kind, "language": e.language, "file": e.file, "text": e.text}
            for e in entry.examples
        ],
        "options": [option.as_dict() for option in entry.options],
        "retired": entry.entry.retired or None,
        "anchor": entry.anchor,
    }


def summary_dict(entry: Explained) -> dict[str, Any]:
    """One row of `okrctl explain --list --format json`."""
    return {
        "code": entry.code,
        "name": entry.name,
        "phase": str(entry.phase),
        "severity": str(entry.severity),
        "summary": entry.summary,
    }


def as_json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- Markdown


def _fence(example: Example) -> str:
    title = f' title="{example.file}"' if example.file else ""
    return f"```{example.language}{title}\n{example.text}```\n"


def markdown(entry: Explained, level: int = 2) -> str:
    """The entry's section, with its anchor (`#okr101`) for messages and links to point at."""
    mark = "#" * level
    severity = f"{entry.severity}" + (" (default; configurable)" if entry.configurable else "")
    parts = [
        f"{mark} {entry.code} {entry.name} {{#{entry.anchor}}}\n",
        f"Phase: [{entry.phase}](#phase-{entry.phase}) · Severity: **{severity}**\n",
        f"**Retired**: {entry.entry.retired}\n" if entry.entry.retired else "",
        f"{entry.summary}\n",
        f"{entry.explanation}\n" if entry.explanation else "",
    ]
    for example in entry.examples:  # not headings: the page's table of contents lists codes
        parts.append(f"**{example.kind.capitalize()} example**\n\n{_fence(example)}")
    if entry.options:
        parts.append(
            "**Options** (in `okrctl.yaml`, under `rules:`)\n\n" + _lines(_options_lines(entry))
        )
    return "\n".join(part for part in parts if part)


def _cell(value: str) -> str:
    return value.replace("|", "\\|")


def table_markdown(entries: Sequence[Explained], page: str = PAGE) -> str:
    """A Markdown table of the codes, each linking to its section of `page` (the phase column
    is left out when every code is of one phase)."""
    phases = len({e.phase for e in entries}) > 1
    head = ["code", "name", *(["phase"] if phases else []), "severity", "summary"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for e in entries:
        cells = [f"[{e.code}]({page}#{e.anchor})", e.name]
        cells += [str(e.phase)] if phases else []
        cells += [str(e.severity), _cell(e.summary)]
        lines.append("| " + " | ".join(cells) + " |")
    return _lines(lines)


PAGE_INTRO = """\
# Diagnostic codes

<!-- Generated from the catalogue of codes (okrctl/codes/, and the rules' modules in
okrctl/checks/) by `okrctl explain --all --format markdown`: edit those, not this page. -->

Every finding okrctl reports has a code (`OKR101`) and a stable name (`duplicate-key`);
`okrctl explain CODE` (or `NAME`) prints a code's section below in the terminal, and
`okrctl explain --list` lists them all. The table of every code is in
[`okrctl check`](check.md#diagnostic-codes); the rules of good OKRs, with their configuration, are
in [The rules of good OKRs](rules.md).

Examples show the part of a file that matters, the rest being as in the example organisation
(`okrs/`); an example with a file name is that whole file. A test runs every example through
okrctl: the failing one must report its code, the passing one must not.
"""


def page(entries: Sequence[Explained]) -> str:
    """The documentation's codes page: a section per phase, a section per code."""
    parts = [PAGE_INTRO]
    for phase in Phase:
        members = [e for e in entries if e.phase is phase]
        if not members:
            continue
        about = phase.description[0].upper() + phase.description[1:]
        parts.append(f"## {phase.capitalize()} {{#phase-{phase}}}\n\n{about}.\n")
        parts += [markdown(e, level=3) for e in members]
    return "\n".join(parts)
