"""The one rule for every name an import puts into a path: the rule `okrctl check` applies.

An objective's id, its unit's id and its period's id name the file and the folders an import
writes (`okrs/<period>/<unit>/<id>.yaml`). Whatever gives them (a table's cell through a preset
or a mapping file, a heading's slug, the repository's own organisation file) passes the model's
own types (`Slug`, `PeriodId`: the JSON Schema's patterns) before it names anything, so that an id
such as `../../../x` is a finding with its file and row, and never a path out of `--into`.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from pydantic import TypeAdapter, ValidationError

from okrctl.model import PeriodId, Slug

_SLUG: TypeAdapter[str] = TypeAdapter(Slug)
_PERIOD: TypeAdapter[str] = TypeAdapter(PeriodId)

ID_RULE = "lowercase letters, digits and single hyphens, at most 100 characters"
PERIOD_RULE = "letters, digits and single separators (`-`, `_`, `.`), at most 40 characters"


def is_id(value: str) -> bool:
    """True when `value` is an id `okrctl check` accepts (an objective's, a unit's, ...)."""
    try:
        _SLUG.validate_python(value)
    except ValidationError:
        return False
    return True


def is_period_id(value: str) -> bool:
    """True when `value` is a period id `okrctl check` accepts."""
    try:
        _PERIOD.validate_python(value)
    except ValidationError:
        return False
    return True


def not_an_id(what: str, value: str) -> str:
    """The report's message for an id that breaks the rule."""
    return (
        f"{what} {value!r} is not an id okrctl accepts ({ID_RULE}, as `okrctl check` "
        "requires): fix it in the source"
    )


def file_problem(name: str) -> str | None:
    """Why the planned file `name` (relative to `--into`) must not be written, or None.

    An objective's file is `okrs/<period>/<unit>/<id>.yaml` with each part passing its id rule;
    every other planned file is a plain relative path (`okrs/org.yaml`, `schema/...json`).
    """
    path = PurePosixPath(name)
    if path.is_absolute() or "\\" in name or "\x00" in name:
        return f"{name!r} is not a relative path"
    if any(part in ("", ".", "..") for part in name.split("/")):
        return f"{name!r} leaves its folder"
    parts = path.parts
    if len(parts) == 4 and parts[0] == "okrs":
        period, unit = parts[1:3]
        if not is_period_id(period):
            return f"period {period!r} is not a period id okrctl accepts ({PERIOD_RULE})"
        if not is_id(unit):
            return f"unit {unit!r} is not an id okrctl accepts ({ID_RULE})"
        if path.suffix != ".yaml" or not is_id(path.stem):
            return f"objective {path.stem!r} is not an id okrctl accepts ({ID_RULE})"
    return None
