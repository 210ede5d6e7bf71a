"""The exact parser: libyaml's event stream read one event at a time, every node placed.

Nothing is constructed by PyYAML, so nothing in a file can run code, allocate without bound or
change meaning silently: each refusal (`okrctl.load.refusals`) is checked at the event that
introduces it, and no alias is ever expanded. The reader has one method per event kind.
"""

from __future__ import annotations

from typing import Any

import yaml

from okrctl.diagnostics import Diagnostic
from okrctl.load import refusals
from okrctl.load.parsed import Parsed
from okrctl.load.positions import Entry_, Path_, SourceMap
from okrctl.load.refusals import MAX_DEPTH
from okrctl.load.scalars import resolve_plain

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's C parser when PyYAML was built with it (always, from PyPI's wheels)."""


class _Stop(Exception):
    """Ends parsing of a file after a diagnostic that makes the rest meaningless."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class _Frame:
    """An open mapping or sequence. `orphan`: it hangs under a duplicate key and is dropped."""

    __slots__ = ("container", "duplicate", "key", "key_lines", "key_pos", "orphan", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path_, orphan: bool) -> None:
        self.container = container
        self.path = path
        self.orphan = orphan
        self.key: str | None = None
        self.key_pos = (0, 0)
        self.key_lines: dict[str, int] = {}
        self.duplicate = False


class EventReader:
    """Reads one document from `text`, reporting problems as diagnostics against `file`."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.source = SourceMap()
        self.entries: dict[Path_, Entry_] = self.source.entries
        self.diagnostics: list[Diagnostic] = []
        self.root: Any = None
        self.have_root = False
        self.stack: list[_Frame] = []
        self.documents = 0
        self._handlers: dict[type, Any] = {
            yaml.DocumentStartEvent: self.on_document_start,
            yaml.AliasEvent: self.on_alias,
            yaml.ScalarEvent: self.on_scalar,
            yaml.MappingStartEvent: self.on_collection_start,
            yaml.SequenceStartEvent: self.on_collection_start,
            yaml.MappingEndEvent: self.on_collection_end,
            yaml.SequenceEndEvent: self.on_collection_end,
        }

    # ------------------------------------------------------------------ driving

    def read(self, text: str) -> Parsed:
        handlers = self._handlers
        try:
            for event in yaml.parse(text, Loader=LOADER):
                handler = handlers.get(type(event))
                if handler is not None:  # stream start and end, document end
                    handler(event)
        except _Stop as stop:
            return self._refused(stop.diagnostic)
        except yaml.MarkedYAMLError as error:
            return self._refused(refusals.syntax_error(self.file, error, text))
        except yaml.YAMLError as error:  # pragma: no cover - libyaml always gives a mark
            return self._refused(refusals.unmarked_syntax_error(self.file, error))
        return self._finish()

    def _refused(self, diagnostic: Diagnostic) -> Parsed:
        self.diagnostics.append(diagnostic)
        return Parsed(self.file, None, self.source, self.diagnostics)

    def _finish(self) -> Parsed:
        if not self.have_root or self.root is None:
            return self._refused(refusals.empty_file(self.file))
        if not isinstance(self.root, dict):
            line, column = self.source.locate(())
            return self._refused(refusals.not_a_mapping(self.file, line, column, self.root))
        if self.diagnostics:  # duplicate keys make the data ambiguous: validate nothing
            return Parsed(self.file, None, self.source, self.diagnostics)
        return Parsed(self.file, self.root, self.source, self.diagnostics)

    # ------------------------------------------------------------------ one method per event kind

    def on_document_start(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Stop(refusals.second_document(self.file, event.start_mark))

    def on_alias(self, event: yaml.AliasEvent) -> None:
        raise _Stop(refusals.alias(self.file, event))

    def on_scalar(self, event: yaml.ScalarEvent) -> None:
        self._check_node(event)
        top = self.stack[-1] if self.stack else None
        if top is not None and top.key is None and isinstance(top.container, dict):
            self._key(top, event)
            return
        if event.implicit[0] and event.tag is None:
            value = resolve_plain(event.value)
            raw = None if isinstance(value, str) else event.value
            self._place(top, value, event, raw)
        else:
            self._place(top, event.value, event, None)

    def on_collection_start(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        self._check_node(event)
        top = self.stack[-1] if self.stack else None
        if top is not None and top.key is None and isinstance(top.container, dict):
            raise _Stop(refusals.key_not_plain(self.file, event.start_mark))
        value: dict[str, Any] | list[Any] = {} if type(event) is yaml.MappingStartEvent else []
        path, discard = self._place(top, value, event, None)
        if len(self.stack) >= MAX_DEPTH:
            raise _Stop(refusals.too_deep(self.file, event.start_mark))
        self.stack.append(_Frame(value, path, discard))

    def on_collection_end(self, event: yaml.Event) -> None:
        self.stack.pop()

    # ------------------------------------------------------------------ keys and values

    def _check_node(self, event: yaml.NodeEvent) -> None:
        refused = refusals.anchor(self.file, event) or refusals.custom_tag(self.file, event)
        if refused is not None:
            raise _Stop(refused)

    def _key(self, top: _Frame, event: Any) -> None:
        merge = refusals.merge_key(self.file, event)
        if merge is not None:
            raise _Stop(merge)
        key = event.value
        pos = (event.start_mark.line + 1, event.start_mark.column + 1)
        if key in top.key_lines:
            self.diagnostics.append(
                refusals.duplicate_key(self.file, event.start_mark, key, top.key_lines[key])
            )
            top.duplicate = True
        else:
            top.key_lines[key] = pos[0]
        top.key = key
        top.key_pos = pos

    def _place(
        self, top: _Frame | None, value: Any, event: Any, raw: str | None
    ) -> tuple[Path_, bool]:
        """Put a value where it belongs (the root, a mapping value or a list item) and record
        its position; returns its path and whether it is dropped (under a duplicate key)."""
        pos = (event.start_mark.line + 1, event.start_mark.column + 1)
        discard = False
        if top is None:
            path: Path_ = ()
            key_pos = pos
            self.root, self.have_root = value, True
        elif isinstance(top.container, dict):
            assert top.key is not None
            path = (*top.path, top.key)
            key_pos = top.key_pos
            discard = top.orphan or top.duplicate
            if not discard:
                top.container[top.key] = value
            top.key = None
            top.duplicate = False
        else:
            path = (*top.path, len(top.container))
            key_pos = pos
            discard = top.orphan
            top.container.append(value)
        if not discard:
            self.entries[path] = (key_pos[0], key_pos[1], pos[0], pos[1], raw)
        return path, discard


def parse_text(text: str, file: str) -> Parsed:
    """Parse one document from `text`, reporting problems as diagnostics against `file`."""
    return EventReader(file).read(text)
