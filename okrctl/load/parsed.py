"""One file after loading: its data (None when it could not be read) and what went wrong."""

from __future__ import annotations

from typing import Any

from okrctl.diagnostics import Diagnostic
from okrctl.load.positions import SourceMap


class Parsed:
    """One file after loading: its data (None when it could not be read) and what went wrong.

    `source` (positions) is computed on first use when the file was parsed without positions.
    """

    __slots__ = ("_source", "_text", "data", "diagnostics", "file")

    def __init__(
        self,
        file: str,
        data: dict[str, Any] | None,
        source: SourceMap | None,
        diagnostics: list[Diagnostic],
        text: str | None = None,
    ) -> None:
        self.file = file
        self.data = data
        self.diagnostics = diagnostics
        self._source = source
        self._text = text

    @property
    def source(self) -> SourceMap:
        if self._source is None:
            from okrctl.load.events import parse_text

            self._source = parse_text(self._text, self.file).source if self._text else SourceMap()
        return self._source
