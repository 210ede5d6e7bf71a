"""Byte-preserving edits of OKR files.

A change is computed as a few text edits from the positions of the parsed document (`spans`), so
that everything the author wrote around it (comments, key order, quoting, blank lines, the
indentation style, CRLF line ends, a byte order mark) stays as it was and only the changed lines
differ. New lines copy the indentation of their neighbours.

`Document.finish` applies the edits, parses the new text again and checks that its data is
exactly the old data with the intended change (anything else means the edit went wrong, and
nothing is written), then validates it against the model: a change that would make the file
invalid is refused with the model's diagnostics.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from okrctl import codes
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.lifecycle.spans import Node, spans
from okrctl.load import Parsed, Path_, decode, parse_text, resolve_plain
from okrctl.model import Objective, Organization
from okrctl.transaction import Write, commit
from okrctl.validate import validate

EDIT_CODE = codes.UNEDITABLE_LAYOUT.code
"""A file okrctl cannot edit safely (flow-style mapping, unexpected layout)."""


class Edit(NamedTuple):
    """Replace `text[start:end]` with `new`."""

    start: int
    end: int
    new: str


class Refused(Exception):
    """An edit that cannot be made without rewriting the author's layout."""

    def __init__(self, path: Path_, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


# --------------------------------------------------------------------------- scalars

_PLAIN_TEXT = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.,;()/!?%+'-]*\Z")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off"})


def number(value: float) -> str:
    """A number as YAML: `150`, not `150.0`; the shortest text that reads back the same."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _escape(char: str) -> str:
    code = ord(char)
    if 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
        return f"\\u{code:04x}"
    return char


def scalar(value: object) -> str:
    """A value as a YAML scalar that reads back as exactly that value (strings quoted if needed)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        plain = (
            _PLAIN_TEXT.match(value)
            and not value.endswith(" ")
            and resolve_plain(value) == value
            and value.lower() not in _YAML11_WORDS
            and not (value[0].isdigit() and "_" in value)  # YAML 1.1 reads 1_000 as a number
        )
        if plain:
            return value
        return "".join(_escape(c) for c in json.dumps(value, ensure_ascii=False))
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def flow_mapping(fields: Sequence[tuple[str, object]]) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value)}" for key, value in fields) + "}"


# --------------------------------------------------------------------------- the document


@dataclass
class Document:
    """One file's text, parsed, with the positions needed to edit it."""

    file: str
    text: str
    parsed: Parsed
    nodes: dict[Path_, Node]
    bom: bool = False

    @classmethod
    def read(cls, path: Path, file: str) -> tuple[Document | None, list[Diagnostic]]:
        """Load a file for editing, or the diagnostics that say why it cannot be edited."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            message = f"cannot read the file: {exc.strerror or exc}"
            return None, [
                Diagnostic(file, 1, 1, codes.UNREADABLE_FILE.code, Severity.ERROR, message)
            ]
        text, problems = decode(data, file)
        if text is None:
            return None, problems
        return cls.from_text(text, file, bom=data.startswith(codecs.BOM_UTF8))

    @classmethod
    def from_text(
        cls, text: str, file: str, bom: bool = False
    ) -> tuple[Document | None, list[Diagnostic]]:
        parsed = parse_text(text, file)
        if parsed.data is None:
            return None, parsed.diagnostics
        return cls(file, text, parsed, spans(text), bom), []

    @property
    def data(self) -> dict[str, Any]:
        assert self.parsed.data is not None
        return self.parsed.data

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    # ------------------------------------------------------------------ positions

    def node(self, path: Path_) -> Node | None:
        return self.nodes.get(tuple(path))

    def column(self, offset: int) -> int:
        return offset - (self.text.rfind("\n", 0, offset) + 1)

    def _after_line(self, end: int) -> tuple[int, str]:
        """Where a new line goes after the line holding `text[end - 1]`, and what must precede
        it (a line break when the file does not end with one)."""
        newline_at = self.text.find("\n", max(end - 1, 0))
        if newline_at < 0:
            return len(self.text), self.newline
        return newline_at + 1, ""

    def _mapping(self, path: Path_) -> Node:
        node = self.node(path)
        if node is None or node.kind != "mapping":
            raise Refused(path, "expected a mapping of fields here")
        if node.flow:
            raise Refused(
                path,
                "okrctl edits block-style YAML; write this mapping one `key: value` per line "
                "instead of `{...}`",
            )
        return node

    def _sequence_indent(self) -> tuple[int, int]:
        """The file's habits: how far a list's dashes sit right of their key (0 or 2, usually),
        and how far an item's fields sit right of its dash."""
        offsets: Counter[int] = Counter()
        gaps: Counter[int] = Counter()
        for path, node in self.nodes.items():
            if node.kind != "sequence" or node.flow or node.key_start is None:
                continue
            offsets[self.column(node.start) - self.column(node.key_start)] += 1
            first = self.nodes.get((*path, 0))
            if first is not None and first.kind == "mapping" and not first.flow:
                gaps[self.column(first.start) - self.column(node.start)] += 1
        offset = offsets.most_common(1)[0][0] if offsets else 2
        gap = gaps.most_common(1)[0][0] if gaps else 2
        return max(offset, 0), max(gap, 2)

    def _anchor(
        self, mapping: Node, path: Path_, before: Sequence[str], after: Sequence[str]
    ) -> int:
        """Where a new key goes: after the first of `after` that the mapping has, else after the
        key preceding the first of `before` that it has, else after its last key."""
        keys = mapping.keys
        for name in after:
            node = self.node((*path, name))
            if node is not None:
                return node.end
        index = len(keys)
        for name in before:
            if name in keys and keys.index(name) > 0:
                index = keys.index(name)
                break
        previous = self.node((*path, keys[index - 1])) if keys else None
        if previous is None:
            raise Refused(path, "cannot add a field to an empty mapping")
        return previous.end

    # ------------------------------------------------------------------ edits

    def replace(self, path: Path_, text: str) -> Edit:
        """Replace the scalar at `path` with `text`, keeping anything after it on its line."""
        node = self.node(path)
        if node is None or node.kind != "scalar":
            raise Refused(path, "expected a single value here")
        if node.start == node.end and node.style is None:  # `key:` with nothing after it
            glue = " " if self.text[node.start - 1 : node.start] == ":" else ""
            return Edit(node.start, node.end, glue + text)
        return Edit(node.start, node.end, text)

    def set(
        self,
        path: Path_,
        key: str,
        text: str,
        before: Sequence[str] = (),
        after: Sequence[str] = (),
    ) -> Edit:
        """Set `key` of the mapping at `path` to the scalar `text`: replace it, or add it (see
        `_anchor` for where)."""
        mapping = self._mapping(path)
        if key in mapping.keys:
            return self.replace((*path, key), text)
        where, prefix = self._after_line(self._anchor(mapping, path, before, after))
        indent = " " * self.column(mapping.start)
        return Edit(where, where, f"{prefix}{indent}{key}: {text}{self.newline}")

    def append(
        self,
        path: Path_,
        key: str,
        fields: Sequence[tuple[str, object]],
        before: Sequence[str] = (),
    ) -> Edit:
        """Append a mapping of `fields` to the list under `key` of the mapping at `path`,
        creating the list when the key is missing, empty (`[]`) or null."""
        mapping = self._mapping(path)
        nl = self.newline
        key_column = self.column(mapping.start)
        offset, gap = self._sequence_indent()
        sequence = self.node((*path, key))

        def item(dash: int, field_column: int) -> str:
            first = " " * dash + "-" + " " * (field_column - dash - 1)
            return nl.join(
                f"{first if i == 0 else ' ' * field_column}{name}: {scalar(value)}"
                for i, (name, value) in enumerate(fields)
            )

        if sequence is None:
            where, prefix = self._after_line(self._anchor(mapping, path, before, ()))
            dash = key_column + offset
            body = item(dash, dash + gap)
            return Edit(where, where, f"{prefix}{' ' * key_column}{key}:{nl}{body}{nl}")
        if sequence.kind == "scalar" and (sequence.value in ("", "~", "null", "Null", "NULL")):
            dash = key_column + offset
            assert sequence.key_end is not None
            colon = self.text.index(":", sequence.key_end)
            return Edit(colon + 1, sequence.end, nl + item(dash, dash + gap))
        if sequence.kind != "sequence":
            raise Refused((*path, key), f"`{key}` must be a list")
        if sequence.flow:
            if sequence.items == 0:
                dash = key_column + offset
                assert sequence.key_end is not None
                colon = self.text.index(":", sequence.key_end)
                return Edit(colon + 1, sequence.end, nl + item(dash, dash + gap))
            close = sequence.end - 1
            inside = self.text[sequence.start + 1 : close].rstrip()
            glue = " " if inside.endswith(",") else ", "
            return Edit(close, close, glue + flow_mapping(fields))
        dash = self.column(sequence.start)
        last = self.node((*path, key, sequence.items - 1))
        where, prefix = self._after_line(sequence.end)
        if last is not None and last.flow:  # `- {date: ..., value: ...}` items: one more such
            line = " " * dash + "-" + " " * max(self.column(last.start) - dash - 1, 1)
            return Edit(where, where, f"{prefix}{line}{flow_mapping(fields)}{nl}")
        field_column = (
            self.column(last.start)
            if last is not None and last.kind == "mapping" and not last.flow
            else dash + gap
        )
        return Edit(where, where, f"{prefix}{item(dash, field_column)}{nl}")

    # ------------------------------------------------------------------ the result

    def apply(self, edits: Sequence[Edit]) -> str:
        """The text with `edits` made (they must not overlap)."""
        text = self.text
        ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[0]))
        last_end = -1
        for _, edit in ordered:
            if edit.start < last_end:
                raise Refused((), "internal: overlapping edits")
            last_end = edit.end
        for _, edit in reversed(ordered):
            text = text[: edit.start] + edit.new + text[edit.end :]
        return text

    def finish(
        self, edits: Sequence[Edit], expected: dict[str, Any]
    ) -> tuple[FileEdit | None, list[Diagnostic]]:
        """Apply `edits`; the new text must parse to exactly `expected` and validate."""
        new_text = self.apply(edits)
        parsed = parse_text(new_text, self.file)
        if parsed.data is None:
            return None, parsed.diagnostics or [self.refusal((), "the edit broke the YAML")]
        if parsed.data != expected:
            return None, [
                self.refusal(
                    (),
                    "okrctl could not make this change without disturbing other fields; "
                    "make it by hand (and please report the file's layout as a bug)",
                )
            ]
        model, problems = validate(parsed)
        if model is None:
            return None, problems
        assert isinstance(model, Objective | Organization)
        return FileEdit(self.file, self.text, new_text, model, self.bom), []

    def refusal(self, path: Path_, message: str) -> Diagnostic:
        line, column = self.parsed.source.locate(path)
        return Diagnostic(self.file, line, column, EDIT_CODE, Severity.ERROR, message)

    def expected(self) -> dict[str, Any]:
        """A copy of the data to apply the intended change to, for `finish`."""
        return copy.deepcopy(self.data)


@dataclass(frozen=True)
class FileEdit:
    """A validated new text for one file."""

    file: str
    old: str
    new: str
    model: Objective | Organization
    bom: bool = False

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def as_write(self) -> Write:
        """The change for `transaction.commit`: the new bytes, if the file still holds the old."""
        head = codecs.BOM_UTF8 if self.bom else b""
        return Write(self.file, head + self.new.encode("utf-8"), head + self.old.encode("utf-8"))

    def write(self, root: Path) -> None:
        """Replace the file atomically (a reader sees the old text or the new one), if it still
        holds the text the change was made from (else `transaction.Conflict`)."""
        commit(root, [self.as_write()])


def get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data
