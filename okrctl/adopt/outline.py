"""What an import will write, shown before it is written: the outline and a structural summary.

The outline lists period -> unit -> objective -> key results, indented, with owners, the
objective each supports, and the results read (scores, done, dropped). The summary counts what
matters for a faithful cascade and warns where a reading may be wrong: headings read as units,
objectives the page nests but that keep no parent, key results read as check-in notes, items not
read, objectives measured by a stand-in milestone, titles cut. Both are plain text lines; the
command prints them through the terminal's escaping.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from okrctl.adopt.assemble import Plan
from okrctl.adopt.naming import TOPIC
from okrctl.adopt.records import Category


def _who(plan: Plan, owner: str | None) -> str:
    return plan.names.get(owner or "", owner or "")


def _result(data: dict[str, Any]) -> str:
    parts = []
    if data.get("score") is not None:
        parts.append(f"score {data['score']:g}")
    if data.get("kind") == "milestone" and data.get("done") is not None:
        parts.append("done" if data["done"] else "not done")
    if data.get("kind") != "milestone" and data.get("target") is not None:
        start = "?" if data.get("baseline") is None else f"{data['baseline']:g}"
        parts.append(f"{start} -> {data['target']:g} {data.get('unit') or ''}".rstrip())
    if data.get("status") == "dropped":
        parts.append("dropped")
    return f" [{', '.join(parts)}]" if parts else ""


def outline_lines(plan: Plan) -> list[str]:
    """The objectives the plan writes, by period and unit, with their key results."""
    titles = {d["id"]: d["title"] for d in plan.written}
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for data in plan.written:
        grouped.setdefault(data["period"], {}).setdefault(data["unit"], []).append(data)
    lines = ["outline:"]
    for period, units in grouped.items():
        lines.append(f"  period {period}")
        for unit, objectives in units.items():
            lines.append(f"    unit {plan.names.get(unit, unit)}")
            for data in objectives:
                lines.extend(_objective_lines(plan, data, titles))
    return lines


def _objective_lines(plan: Plan, data: dict[str, Any], titles: dict[str, str]) -> list[str]:
    owner = _who(plan, data["owner"])
    lines = [f"      objective {data['title']!r} (owner {owner}){_result(data)}"]
    if data.get("parent"):
        lines.append(f"        supports {titles.get(data['parent'], data['parent'])!r}")
    if not data["key_results"]:
        lines.append("        (a roll-up: measured by the objectives that support it)")
    for kr in data["key_results"]:
        who = f" (owner {_who(plan, kr['owner'])})" if kr.get("owner") else ""
        lines.append(f"        key result {kr['title']!r}{who}{_result(kr)}")
    return lines


def summary_lines(plan: Plan) -> list[str]:
    """Counts of what the plan writes, and warnings about readings that may be wrong."""
    periods = {d["period"] for d in plan.written}
    units = {d["unit"] for d in plan.written}
    linked = sum(1 for d in plan.written if d.get("parent"))
    scores = sum(_count(d, "score") for d in plan.written)
    done = sum(_done(d) for d in plan.written)
    dropped = sum(_count(d, "status") for d in plan.written)
    lines = [
        f"summary: {plan.objectives} objective(s) and {plan.key_results} key result(s) in "
        f"{len(periods)} period(s) and {len(units)} unit(s)",
        f"  cascade: {linked} objective(s) support another, {plan.objectives - linked} at the top",
        f"  results read: {scores} score(s), {done} done-state(s), {dropped} dropped or moved",
    ]
    lines += [f"  name: {n.message}" for n in plan.notes if n.topic == TOPIC][:1]
    return lines + _warnings(plan, linked)


def _warnings(plan: Plan, linked: int) -> list[str]:
    """Where a reading may be wrong: headings read as units, a nested page without parents,
    parents left out, notes, stand-ins, cut titles, what was not read."""
    topics = Counter(n.topic for n in plan.notes if n.topic)
    lines = []
    headings = sorted({_quoted(n.message) for n in plan.notes if n.topic == "unit-heading"})
    if headings:
        shown = ", ".join(headings[:8]) + (", ..." if len(headings) > 8 else "")
        lines.append(f"  warning: {len(headings)} heading(s) read as units: {shown}")
    if plan.nested and not linked:
        lines.append(
            f"  warning: the source nests {plan.nested} objective(s) but none keeps a parent"
        )
    warnings = (
        ("parent-lost", "objective(s) support one their unit or period cannot: parent left out"),
        ("kr-note", "item(s) under key results read as check-in notes"),
        ("stand-in", "objective(s) without key results: each measured by a stand-in milestone"),
        ("cut-title", "title(s) cut under 300 characters (the rest is in the description)"),
    )
    for topic, what in warnings:
        if topics[topic]:
            lines.append(f"  warning: {topics[topic]} {what}")
    unread = sum(1 for n in plan.notes if n.category == Category.UNREAD)
    if unread:
        lines.append(f"  warning: {unread} piece(s) of the source not read (see 'unread' below)")
    return lines


def _quoted(message: str) -> str:
    found = re.search(r"'([^']*)'", message)
    return found[1] if found else message


def _count(data: dict[str, Any], field: str) -> int:
    found = int(data.get(field) is not None)
    return found + sum(int(kr.get(field) is not None) for kr in data["key_results"])


def _done(data: dict[str, Any]) -> int:
    return sum(
        1
        for kr in data["key_results"]
        if kr.get("kind") == "milestone" and kr.get("done") is not None
    )
