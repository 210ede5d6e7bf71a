"""`okrctl remind`'s outputs: text for a terminal, Markdown for the reminder issue, JSON for tools.

Names and messages come from the repository, so every output makes them inert: text shows
control characters as escapes, Markdown escapes every character Markdown or HTML give a meaning
to (only a GitHub handle, which the model restricts to letters, digits and hyphens, becomes an
@mention), JSON escapes what a terminal would act on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from okrctl.lifecycle.remind import Item, Recipient, Reminders
from okrctl.safetext import json_text, markdown_code, markdown_text, terminal

MARKER = "<!-- okrctl remind -->"
"""The first line of the Markdown: how a workflow recognises the reminder issue's body."""
LIMIT = 60_000
"""The longest Markdown written, in characters: GitHub refuses an issue body over 65,536."""


def _plural(count: int, noun: str) -> str:
    several = "people" if noun == "person" else f"{noun}s"
    return f"{count} {noun if count == 1 else several}"


def _subject(item: Item) -> str:
    return item.objective if item.key_result is None else f"{item.objective}/{item.key_result}"


# ------------------------------------------------------------------------------ text


def _who(person: Recipient) -> str:
    if person.person is None:
        return person.name
    handle = f", @{person.github}" if person.github else ""
    return f"{person.name} ({person.person}{handle})"


def text(reminders: Reminders) -> str:
    """One block per person: who, then each finding as `okrctl check` prints its place."""
    if not reminders.people:
        return f"nothing is due on {reminders.as_of}\n"
    lines: list[str] = []
    for person in reminders.people:
        lines.append(f"{_who(person)}: {_plural(len(person.items), 'reminder')}")
        for item in person.items:
            lines.append(
                f"  {item.file}:{item.line}:{item.column}: {item.code} {item.action} "
                f"{_subject(item)}: {item.message}"
            )
    count = sum(len(p.items) for p in reminders.people)
    lines.append(
        f"{_plural(count, 'reminder')} for {_plural(len(reminders.people), 'person')} "
        f"on {reminders.as_of}"
    )
    return "\n".join(terminal(line) for line in lines) + "\n"


# ------------------------------------------------------------------------------ Markdown


def _heading(person: Recipient) -> str:
    if person.person is None:
        return "No one responsible (name an owner, or a lead for the unit)"
    mention = f" (@{person.github})" if person.github else f" ({markdown_code(person.person)})"
    return f"{markdown_text(person.name)}{mention}"


def _markdown_item(item: Item) -> str:
    subject = markdown_code(_subject(item))
    if item.url:
        subject = f"[{subject}]({item.url})"
    where = markdown_code(f"{item.file}:{item.line}")
    return (
        f"- [ ] **{item.action}** {subject}: {markdown_text(item.message)} ({item.code}, {where})"
    )


def markdown(reminders: Reminders) -> str:
    """The reminder issue's body: one section per person, mentioning their GitHub handle."""
    period = f" for {markdown_code(reminders.period)}" if reminders.period else ""
    lines = [MARKER, f"# OKR reminders{period}", ""]
    if not reminders.people:
        lines.append(f"Nothing is due on {reminders.as_of}.")
        return "\n".join(lines) + "\n"
    count = sum(len(p.items) for p in reminders.people)
    lines += [
        f"On {reminders.as_of}, {_plural(count, 'thing')} to do for "
        f"{_plural(len(reminders.people), 'person')}. Each is a finding of `okrctl check`; "
        "it leaves this list once it is fixed.",
    ]
    used = sum(len(line) + 1 for line in lines)
    left = count
    for person in reminders.people:
        section = ["", f"## {_heading(person)}", ""]
        for item in person.items:
            line = _markdown_item(item)
            used += sum(len(text) + 1 for text in (*section, line))
            if used > LIMIT - 200:
                lines.append("")
                lines.append(
                    f"…and {_plural(left, 'more thing')} to do: `okrctl remind` lists them all."
                )
                return "\n".join(lines) + "\n"
            lines += [*section, line]
            section = []
            left -= 1
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ JSON


def _json_item(item: Item) -> dict[str, Any]:
    return {
        "code": item.code,
        "objective": item.objective,
        "key_result": item.key_result,
        "message": item.message,
        "file": item.file,
        "line": item.line,
        "url": item.url,
    }


def as_json(reminders: Reminders) -> str:
    """`{"as_of", "period", "people": [{"person", "name", "github", "items": [...]}]}`."""
    document = {
        "as_of": reminders.as_of.isoformat(),
        "period": reminders.period,
        "people": [
            {
                "person": p.person,
                "name": p.name,
                "github": p.github,
                "items": [_json_item(i) for i in p.items],
            }
            for p in reminders.people
        ],
    }
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


FORMATS: dict[str, Callable[[Reminders], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
}
