"""`okrctl digest`'s outputs: Markdown (the weekly comment, a chat message), JSON for tools, and
a standalone HTML page (for an e-mail or an intranet).

Titles and names come from the repository: Markdown escapes every character Markdown or HTML
give a meaning to (`okrctl.safetext.markdown_text`), the HTML is a Jinja template with
autoescaping, and JSON escapes what a terminal would act on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jinja2

from okrctl.git_history.digest import KINDS, Change, Digest, Kind, Value
from okrctl.safetext import json_text, markdown_code, markdown_text

SECTIONS: tuple[tuple[str, tuple[Kind, ...]], ...] = (
    ("Objectives added, removed, dropped and graded", ("added", "removed", "dropped", "graded")),
    ("Status changes", ("status",)),
    ("Largest score moves", ("score",)),
    ("Moved goalposts", ("target", "baseline")),
)
"""The digest's sections of changes: a heading and the kinds it lists."""


def number(value: Value, kind: str) -> str:
    """A change's value in words: scores with two decimals, other numbers as written."""
    if value is None:
        return "none"
    if isinstance(value, str):
        return value
    return f"{value:.2f}" if kind in ("graded", "score") else f"{value:g}"


def what(change: Change) -> str:
    """The change's subject: `objective` or `objective/key-result`."""
    if change.key_result is None:
        return change.objective
    return f"{change.objective}/{change.key_result}"


LABELS: dict[Kind, tuple[str, str]] = {
    "added": ("added", "added"),
    "removed": ("removed", "removed"),
    "dropped": ("dropped", "dropped"),
    "graded": ("graded", "graded"),
    "status": ("status change", "status changes"),
    "score": ("score move", "score moves"),
    "target": ("moved target", "moved targets"),
    "baseline": ("moved baseline", "moved baselines"),
}
"""How the summary counts each kind of change (one, several)."""


def _count(count: int, one: str, several: str) -> str:
    return f"{count} {one if count == 1 else several}"


def summary(digest: Digest) -> str:
    """One line: how many changes of each kind, check-ins recorded, stale key results."""
    counts = [_count(len(digest.of(kind)), *LABELS[kind]) for kind in KINDS if digest.of(kind)]
    recorded = sum(u.checkins for u in digest.checkins)
    counts.append(_count(recorded, "check-in recorded", "check-ins recorded"))
    counts.append(_count(len(digest.stale), "stale key result", "stale key results"))
    return ", ".join(counts)


# ------------------------------------------------------------------------------ Markdown


def _markdown_change(change: Change) -> str:
    subject = f"{markdown_code(what(change))} {markdown_text(change.title)}"
    before, after = number(change.before, change.kind), number(change.after, change.kind)
    if change.kind in ("added", "removed"):
        return f"- {change.kind}: {subject}"
    if change.kind == "dropped":
        return f"- dropped: {subject} (was {before})"
    if change.kind in ("target", "baseline"):
        return f"- {subject}: {change.kind} {before} → {after}"
    if change.kind == "graded":
        return f"- graded: {subject}: {after}" + (
            f" (was {before})" if change.before is not None else ""
        )
    return f"- {subject}: {before} → {after}"


SHOWN = 50
"""Most entries a section of the Markdown lists (the JSON has them all): a digest is read in an
issue comment or a chat, where GitHub refuses more than 65,536 characters."""


def _shown(lines: list[str], more: str) -> list[str]:
    """The first `SHOWN` lines, and how many more there are."""
    if len(lines) <= SHOWN:
        return lines
    return [*lines[:SHOWN], more.format(count=len(lines) - SHOWN)]


def _stale(digest: Digest) -> list[str]:
    found = []
    for s in digest.stale:
        last = f"last check-in {s.last}, {s.days} days ago" if s.last else "no check-in yet"
        found.append(
            f"- {markdown_code(f'{s.objective}/{s.key_result}')} {markdown_text(s.title)}: {last}"
        )
    return _shown(found, "- …and {count} more (`okrctl digest --format json` lists them all)")


def markdown(digest: Digest) -> str:
    """The digest as Markdown: a summary line, then one section per kind of change."""
    lines = [f"## What changed in the OKRs since {digest.since}", ""]
    lines += [f"As of {digest.as_of}: {summary(digest)}."]
    lines += [f"> {markdown_text(note)}" for note in digest.notes]
    for heading, kinds in SECTIONS:
        changes = [_markdown_change(c) for c in digest.of(*kinds)]
        if changes:
            more = "- …and {count} more (`okrctl digest --format json` lists them all)"
            lines += ["", f"### {heading}", "", *_shown(changes, more)]
    if digest.checkins:
        lines += ["", "### Check-ins recorded", "", "| Unit | Check-ins | Key results |"]
        lines.append("|---|---:|---:|")
        rows = [
            f"| {markdown_text(u.name)} | {u.checkins} | {u.key_results} |" for u in digest.checkins
        ]
        lines += _shown(rows, "| …and {count} more units | | |")
    if digest.stale:
        lines += ["", "### Stale key results", "", *_stale(digest)]
    return _fit(lines)


LIMIT = 60_000
"""The longest Markdown written, in characters (GitHub refuses a comment over 65,536)."""


def _fit(lines: list[str]) -> str:
    """The lines, cut before `LIMIT` at a line's end, saying so."""
    kept: list[str] = []
    used = 0
    for line in lines:
        used += len(line) + 1
        if used > LIMIT - 200:
            kept += ["", "…the digest is cut here: `okrctl digest --format json` has all of it."]
            break
        kept.append(line)
    return "\n".join(kept) + "\n"


# ------------------------------------------------------------------------------ JSON


def as_data(digest: Digest) -> dict[str, Any]:
    """The digest as JSON data: `since`, `as_of`, `baseline`, `changes`, `checkins`, `stale`,
    `notes`."""
    return {
        "since": digest.since.isoformat(),
        "as_of": digest.as_of.isoformat(),
        "baseline": digest.baseline,
        "changes": [
            {
                "kind": c.kind,
                "objective": c.objective,
                "key_result": c.key_result,
                "from": c.before,
                "to": c.after,
                "title": c.title,
                "unit": c.unit,
            }
            for c in digest.changes
        ],
        "checkins": [
            {"unit": u.unit, "name": u.name, "checkins": u.checkins, "key_results": u.key_results}
            for u in digest.checkins
        ],
        "stale": [
            {
                "objective": s.objective,
                "key_result": s.key_result,
                "title": s.title,
                "unit": s.unit,
                "last": s.last.isoformat() if s.last else None,
                "days": s.days,
            }
            for s in digest.stale
        ],
        "notes": list(digest.notes),
    }


def as_json(digest: Digest) -> str:
    return json_text(json.dumps(as_data(digest), indent=2, ensure_ascii=False)) + "\n"


# ------------------------------------------------------------------------------ HTML

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("okrctl.lifecycle", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def html(digest: Digest) -> str:
    """A standalone HTML page (no scripts, no other hosts), every value escaped."""
    template = _ENVIRONMENT.get_template("digest.html.j2")
    return template.render(
        digest=digest,
        summary=summary(digest),
        sections=[(heading, digest.of(*kinds)) for heading, kinds in SECTIONS],
        number=number,
        what=what,
    )


FORMATS: dict[str, Callable[[Digest], str]] = {
    "markdown": markdown,
    "json": as_json,
    "html": html,
}
