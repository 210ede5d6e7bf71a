"""One file after loading: its data (None when it could not be read) and what went wrong."""

from __future__ import annotations

from typing import Any

from okrctl.diagnostics import Diagnostic
from okrctl.load.positions import SourceMap


class Parsed:
    """One file after loading: its data (None when it could not be read), the positions of its
    fields (recorded by the parse that read it) and what went wrong."""

    __slots__ = ("data", "diagnostics", "file", "source")

    def __init__(
        self,
        file: str,
        data: dict[str, Any] | None,
        source: SourceMap,
        diagnostics: list[Diagnostic],
    ) -> None:
        self.file = file
        self.data = data
        self.source = source
        self.diagnostics = diagnostics
