"""A check-in from GitHub's issue form (`.github/ISSUE_TEMPLATE/checkin.yml`), without YAML.

GitHub renders a submitted form as its body: for each field, `### Label`, a blank line and the
value, fields separated by a blank line, `_No response_` for an optional field left empty:

    ### Objective

    lite-conversion-q4

    ### Key result

    conversion-rate

    ### Value

    13.9

    ### Confidence

    _No response_

    ### Note

    Two reps crossed 15% this week.

Anyone who can open an issue writes that body, so it is read strictly: the five fields in this
order, each heading exactly once before the note (the note, the last field, is everything after
its heading), one-line values for all but the note, ids that are ids, a number for the
confidence, no control characters, nothing larger than `MAX_BYTES`. The check-in is then
`okrctl checkin`'s own (`lifecycle.checkin.check_in`), and it is accepted only from the GitHub
handle of the key result's owner, the objective's owner or the lead of the objective's unit.
Every refusal is a `UsageError` of one line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from okrctl.errors import UsageError
from okrctl.index import Cascade, Entry
from okrctl.load import read_capped
from okrctl.model import SLUG_PATTERN
from okrctl.safetext import UNSAFE

FIELDS: tuple[tuple[str, str], ...] = (
    ("objective", "Objective"),
    ("key_result", "Key result"),
    ("value", "Value"),
    ("confidence", "Confidence"),
    ("note", "Note"),
)
"""The form's fields: their ids (the issue form's `id`, its URL parameters) and labels."""

NO_RESPONSE = "_No response_"
"""What GitHub writes for an optional field left empty."""
MAX_BYTES = 256 * 1024
"""Largest body read: GitHub's own limit is 65,536 characters (up to 4 bytes each)."""
MAX_NOTE = 20_000
"""The longest note a check-in holds (the model's limit)."""
_HANDLE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\Z")
_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True, kw_only=True)
class FormCheckIn:
    """What the form asks for; None for a field left empty."""

    objective: str
    key_result: str
    value: str | None
    confidence: float | None
    note: str | None


def _shown(text: str, limit: int = 60) -> str:
    """A value quoted for a one-line message, cut short."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _control(text: str, allowed: str = "") -> str | None:
    """The first control character of `text` outside `allowed` (C0, C1, DEL, line separators,
    the bidirectional controls: `okrctl.safetext.UNSAFE`), as `U+XXXX`."""
    for match in UNSAFE.finditer(text):
        if match.group() not in allowed:
            return f"U+{ord(match.group()):04X}"
    return None


def sections(body: str) -> dict[str, str]:
    """The raw value of each field (label -> text), or a UsageError for any other layout."""
    text = body.replace("\r\n", "\n").strip("\n")
    first = f"### {FIELDS[0][1]}\n\n"
    if not text.startswith(first):
        raise UsageError(
            f"the issue body is not the check-in form: it must start with `### {FIELDS[0][1]}` "
            "(open the issue from the check-in form)"
        )
    found: dict[str, str] = {}
    position = len(first)
    for (key, _), (_, label) in pairwise(FIELDS):
        heading = f"\n\n### {label}\n\n"
        end = text.find(heading, position)
        if end < 0:
            raise UsageError(f"the issue body has no `### {label}` field where the form puts it")
        found[key] = text[position:end]
        position = end + len(heading)
    found[FIELDS[-1][0]] = text[position:]
    return found


def _line(label: str, raw: str) -> str | None:
    """A one-line field's value (None: no response)."""
    value = raw.strip(" \t")
    if "\n" in value:
        raise UsageError(f"{label} must be one line (the issue body was edited out of shape)")
    bad = _control(value)
    if bad:
        raise UsageError(f"{label} holds a control character ({bad}); remove it")
    return None if value in ("", NO_RESPONSE) else value


def _identifier(label: str, raw: str) -> str:
    value = _line(label, raw)
    if value is None:
        raise UsageError(f"{label} is empty: name the {label.lower()} by its id")
    if len(value) > 100 or not _SLUG.match(value):
        raise UsageError(
            f"{label} {_shown(value)} is not an id (lowercase letters, digits and single "
            "hyphens, as in the OKR file)"
        )
    return value


def _confidence(raw: str) -> float | None:
    value = _line("Confidence", raw)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and 0.0 <= number <= 1.0):
        raise UsageError(f"Confidence must be a number from 0 to 1, not {_shown(value)}")
    return number


def _note(raw: str) -> str | None:
    value = raw.strip()
    if value in ("", NO_RESPONSE):
        return None
    bad = _control(value, allowed="\n\t")
    if bad:
        raise UsageError(f"the Note holds a control character ({bad}); remove it")
    if len(value) > MAX_NOTE:
        raise UsageError(f"the Note is longer than {MAX_NOTE:,} characters; keep it short")
    return value


def parse(body: str) -> FormCheckIn:
    """The check-in a submitted form asks for; UsageError (one line) for anything else."""
    found = sections(body)
    checkin = FormCheckIn(
        objective=_identifier("Objective", found["objective"]),
        key_result=_identifier("Key result", found["key_result"]),
        value=_line("Value", found["value"]),
        confidence=_confidence(found["confidence"]),
        note=_note(found["note"]),
    )
    if checkin.value is None and checkin.note is None:
        raise UsageError("the form has neither a Value nor a Note: give at least one")
    return checkin


def decode(data: bytes) -> str:
    """The body's text; UsageError when it is too large or not UTF-8."""
    if len(data) > MAX_BYTES:
        raise UsageError(f"the issue body is larger than {MAX_BYTES // 1024} KiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("the issue body is not UTF-8 text") from None


def read(path: Path) -> str:
    """The body saved in `path`, read no further than `MAX_BYTES` (a device or a pipe that never
    ends is refused as too large, not read whole); UsageError when it cannot be read."""
    try:
        return decode(read_capped(str(path), MAX_BYTES))
    except OSError as exc:
        raise UsageError(f"cannot read the issue body {str(path)!r}: {exc.strerror}") from None


def _handle_of(cascade: Cascade, name: str | None) -> tuple[str, str | None] | None:
    """(person id, their GitHub handle) for a person, or for a unit's lead."""
    if name is None:
        return None
    if name not in cascade.people and name in cascade.units:
        name = cascade.units[name].lead or ""
    person = cascade.people.get(name)
    return (person.id, person.github) if person is not None else None


def author(cascade: Cascade, entry: Entry, kr_id: str, handle: str) -> tuple[str, str | None]:
    """The person `handle` is, when they may check in the key result (its owner, the
    objective's owner or the unit's lead), and `by` for the check-in: None when they own the
    key result. UsageError otherwise."""
    if not _HANDLE.match(handle):
        raise UsageError(f"--author {_shown(handle)} is not a GitHub user name")
    objective = entry.objective
    kr = next(k for k in objective.key_results if k.id == kr_id)
    unit = cascade.units.get(objective.unit)
    owner = _handle_of(cascade, kr.owner or objective.owner)
    allowed = [
        owner,
        _handle_of(cascade, objective.owner),
        _handle_of(cascade, unit.lead if unit else None),
    ]
    for candidate in allowed:
        if candidate is not None and (candidate[1] or "").casefold() == handle.casefold():
            person = candidate[0]
            return person, None if owner is not None and owner[0] == person else person
    raise UsageError(
        f"@{handle} may not check in {objective.id}/{kr_id}: only the key result's owner, the "
        f"objective's owner or the lead of unit {objective.unit!r} may, by the `github` "
        "handle the organisation file gives them"
    )
