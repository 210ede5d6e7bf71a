"""Per-file validation: a parsed document against its pydantic model, errors as diagnostics.

Every pydantic error is turned into a message that names the field, says what was found and how
to fix it (through the table in `okrctl.pydantic_errors`, shared with the configuration), and is
placed at the field's line and column through the document's `SourceMap`.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from okrctl import codes
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.load import Parsed, Path_, SourceMap
from okrctl.model import API_VERSION, KEY_RESULT_KINDS, KINDS, Objective, Organization
from okrctl.pydantic_errors import BOUNDS, MESSAGES, TYPE_ERRORS, literal_choices, show

UNION_TAGS = frozenset({*KEY_RESULT_KINDS, "float", "bool", "function-after", "function-before"})
"""Names pydantic puts in an error location for union members and validators, not data keys."""
_INTERNAL_TAG = re.compile(r"(constrained|function|json-or-python|lax-or-strict|nullable)-|\w+\[")
"""Further names of pydantic's own (`constrained-float`, `list[str]`), never a user's field."""

_RETRIES = 3


def validate(parsed: Parsed) -> tuple[Organization | Objective | None, list[Diagnostic]]:
    """The document's model, or None and the diagnostics that explain why there is none."""
    data = parsed.data
    if data is None:
        return None, []
    header = _check_header(data, parsed)
    if header:
        return None, header
    model = KINDS[data["kind"]]
    for _ in range(_RETRIES):
        try:
            return model.model_validate(data), []
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        if not _restore_source_text(data, errors, parsed.source):
            break
    return None, [_diagnostic(error, data, parsed, model) for error in _collapse(errors)]


# --------------------------------------------------------------------------- header


def _check_header(data: dict[str, Any], parsed: Parsed) -> list[Diagnostic]:
    def at(path: Path_, code: str, message: str) -> Diagnostic:
        line, column = parsed.source.locate(path)
        return Diagnostic(parsed.file, line, column, code, Severity.ERROR, message)

    problems = []
    kind = data.get("kind")
    known = ", ".join(f"`{k}`" for k in KINDS)
    if "kind" not in data:
        problems.append(
            at((), codes.FILE_HEADER.code, f"missing `kind`: add `kind: Objective` (or {known})")
        )
    elif kind not in KINDS:
        hint = _did_you_mean(str(kind), KINDS)
        problems.append(
            at(
                ("kind",),
                codes.FILE_HEADER.code,
                f"unknown kind {kind!r}{hint}; a file holds one of {known}",
            )
        )
    version = data.get("apiVersion")
    if "apiVersion" not in data:
        problems.append(
            at((), codes.FILE_HEADER.code, f"missing `apiVersion`: add `apiVersion: {API_VERSION}`")
        )
    elif version != API_VERSION:
        problems.append(
            at(
                ("apiVersion",),
                codes.FILE_HEADER.code,
                f"unsupported apiVersion {version!r}: this okrctl reads `{API_VERSION}`"
                + (
                    " (upgrade okrctl to read newer files)"
                    if str(version).startswith("okrctl/")
                    else ""
                ),
            )
        )
    return problems


# --------------------------------------------------------------------------- YAML 1.1 surprises


def _restore_source_text(
    data: dict[str, Any], errors: Sequence[ErrorDetails], source: SourceMap
) -> bool:
    """Where a string was expected but a plain scalar became a number, bool or date, put back the
    text the author typed (`version: 1.10` stays "1.10"). True when anything changed."""
    changed = False
    for error in errors:
        if error["type"] != "string_type":
            continue
        path = _data_path(error["loc"], data)
        text = source.source_text(path)
        if text is None or not path:
            continue
        container = _get(data, path[:-1])
        last = path[-1]
        if isinstance(container, dict) and isinstance(last, str):
            container[last] = text
        elif isinstance(container, list) and isinstance(last, int):
            container[last] = text
        else:
            continue
        changed = True
    return changed


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


# --------------------------------------------------------------------------- error -> diagnostic


def _data_path(loc: tuple[int | str, ...], data: Any) -> Path_:
    """The location in the document: pydantic's location without union tags."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path.append(part)
        elif isinstance(part, str) and (part in UNION_TAGS or _INTERNAL_TAG.match(part)):
            continue
        else:
            path.append(part)
            current = None
    return tuple(path)


def _collapse(errors: Sequence[ErrorDetails]) -> Iterator[ErrorDetails]:
    """One error per location: a union reports each member's complaint, users need one."""
    seen: dict[tuple[Any, ...], ErrorDetails] = {}
    for error in errors:
        loc = tuple(
            p
            for p in error["loc"]
            if not (isinstance(p, str) and (p in UNION_TAGS or _INTERNAL_TAG.match(p)))
        )
        if loc in seen:
            if error["type"] in ("float_type", "bool_type") and seen[loc]["type"] in TYPE_ERRORS:
                merged = dict(seen[loc])
                merged["type"] = "number_or_bool_type"
                seen[loc] = typing.cast(ErrorDetails, merged)
            continue
        seen[loc] = error
    yield from seen.values()


def _custom_path(error: ErrorDetails) -> Path_:
    ctx = error.get("ctx") or {}
    dotted = ctx.get("path")
    if not dotted:
        return ()
    return tuple(int(p) if p.isdigit() else p for p in str(dotted).split("."))


_CODES = {
    "missing": codes.MISSING_FIELD.code,
    "extra_forbidden": codes.UNKNOWN_FIELD.code,
    **dict.fromkeys(TYPE_ERRORS, codes.WRONG_TYPE.code),
}
"""Error type -> code; every other error is OKR204."""


def _diagnostic(
    error: ErrorDetails, data: dict[str, Any], parsed: Parsed, model: type[BaseModel]
) -> Diagnostic:
    path = _data_path(error["loc"], data) + _custom_path(error)
    kind = error["type"]
    message = _message(error, path, model)
    at: typing.Literal["key", "value"] = "key" if kind == "extra_forbidden" else "value"
    line, column = parsed.source.locate(path, at)
    code = _CODES.get(kind, codes.INVALID_VALUE.code)
    return Diagnostic(parsed.file, line, column, code, Severity.ERROR, message)


def _message(error: ErrorDetails, path: Path_, model: type[BaseModel]) -> str:
    """The words for one error: the shared table, with hints that know the OKR format."""
    kind = error["type"]
    name = next((p for p in reversed(path) if isinstance(p, str)), "value")
    where = _describe(path)
    if kind == "missing":
        doc = _field_doc(model, path)
        return (
            f"missing required field `{name}`"
            + (f" in {_describe(path[:-1])}" if len(path) > 1 else "")
            + (f": {doc}" if doc else "")
        )
    if kind == "extra_forbidden":
        allowed = _field_names(model, path[:-1])
        hint = _did_you_mean(str(name), allowed)
        return f"unknown field `{name}`" + (
            hint if hint else f"; allowed here: {', '.join(f'`{a}`' for a in sorted(allowed))}"
        )
    if kind == "string_pattern_mismatch":
        return _pattern_message(where, name, error.get("input"))
    if kind in MESSAGES:
        return MESSAGES[kind](error, where) + _hint(error, name)
    # our own checks (okr_invalid) and anything else pydantic reports
    if kind in ("okr_invalid", "key_result_kind"):
        return error["msg"]
    return f"{where}: {error['msg']}"


def _hint(error: ErrorDetails, name: str) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "literal_error":
        return _did_you_mean(str(value), literal_choices(error))
    if kind in BOUNDS and name in ("confidence", "score"):
        return " (a fraction from 0 to 1: write 0.7, not 70)"
    return _type_hint(kind, value)


def _type_hint(kind: str, value: Any) -> str:
    if kind == "bool_type" and isinstance(value, str):
        return "; write `true` or `false` (YAML 1.1 words like yes/no/on/off are text here)"
    if kind == "string_type" and value is None:
        return "; write the text after the colon, or remove the line"
    if kind in ("float_type", "int_type") and isinstance(value, str):
        return "; write the number without quotes or units (the unit has its own field)"
    if kind == "list_type" and isinstance(value, str):
        return f"; write `[{value}]` or one `- item` per line"
    return ""


def _pattern_message(where: str, name: str, value: Any) -> str:
    if name == "period" or (isinstance(where, str) and "period" in where and name == "id"):
        return (
            f"{where} {show(value)} is not a valid period id: use letters, digits and "
            "separators such as `2026-Q4`, `2026-H2` or `2026`"
        )
    if name in ("email", "github"):
        return f"{where} {show(value)} is not a valid {name}"
    if name == "url":
        return (
            f"{where} {show(value)} is not a link okrctl publishes: write an absolute "
            "`https://` (or `http://`) address, without spaces or quotes"
        )
    suggestion = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    hint = f" such as {suggestion!r}" if suggestion and suggestion != value else ""
    return (
        f"{where} {show(value)} is not a valid id: use lowercase letters, digits and single "
        f"hyphens{hint}"
    )


def _describe(path: Path_) -> str:
    """`key_results[1].target` style, the way users read a field in a file."""
    if not path:
        return "the file"
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"`{text}`"


def _did_you_mean(word: str, candidates: typing.Iterable[str]) -> str:
    matches = difflib.get_close_matches(
        word.lower(), [c.lower() for c in candidates], n=1, cutoff=0.6
    )
    if not matches:
        return ""
    original = next(c for c in candidates if c.lower() == matches[0])
    return f"; did you mean `{original}`?"


# --------------------------------------------------------------------------- model introspection


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path` (union members by their `kind`)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """The model inside `list[X]`, `X | None` or a union of models (the first member)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


def _union_members(model: type[BaseModel], path: Path_) -> list[type[BaseModel]]:
    container = _model_at(model, path[:-1]) if path else None
    if container is None or not path or not isinstance(path[-1], str):
        return []
    info = container.model_fields.get(path[-1])
    if info is None:
        return []
    members: list[type[BaseModel]] = []

    def collect(annotation: Any) -> None:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin is list:
            collect(typing.get_args(annotation)[0])
        elif origin in (Union, types.UnionType):
            for arg in typing.get_args(annotation):
                collect(arg)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            members.append(annotation)

    collect(info.annotation)
    return members


def _field_names(model: type[BaseModel], path: Path_) -> set[str]:
    """Every field a mapping at `path` may hold (all members of a union)."""
    trimmed = tuple(p for p in path if not isinstance(p, int))
    members = _union_members(model, trimmed) if trimmed else [model]
    if not members:
        found = _model_at(model, trimmed)
        members = [found] if found else []
    return {name for member in members for name in member.model_fields}


def _field_doc(model: type[BaseModel], path: Path_) -> str:
    if not path or not isinstance(path[-1], str):
        return ""
    owner = _model_at(model, path[:-1])
    info = owner.model_fields.get(path[-1]) if owner else None
    doc = (info.description or "") if info else ""
    return " ".join(doc.split(". ")[0].split())
