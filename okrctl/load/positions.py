"""Where every key and value of a document stands: the one locator from a field path to a line
and column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

Path_ = tuple[str | int, ...]
"""A field path inside a document: keys and list indices, e.g. `("key_results", 0, "target")`."""

Entry_ = tuple[int, int, int, int, str | None]
"""`(key_line, key_column, value_line, value_column, source_text)` of one field."""


class SourceMap:
    """Line and column (1-based) of every key and value of one document, keyed by field path.

    Each entry is `(key_line, key_column, value_line, value_column, source_text)`; the key
    position equals the value position for list items and the document root. `source_text` is the
    author's text for a plain scalar that resolved to a non-string, else None.

    A map may be lazy: `loader` is called on first use to build the entries from what the first
    parse recorded (for a file without findings, usually never).
    """

    __slots__ = ("_entries", "_loader")

    def __init__(
        self,
        entries: dict[Path_, Entry_] | None = None,
        loader: Callable[[], dict[Path_, Entry_]] | None = None,
    ) -> None:
        self._entries = entries if entries is not None or loader is not None else {}
        self._loader = loader

    @property
    def entries(self) -> dict[Path_, Entry_]:
        if self._entries is None:
            assert self._loader is not None
            self._entries = self._loader()
            self._loader = None
        return self._entries

    def locate(
        self, path: Sequence[str | int], at: Literal["key", "value"] = "value"
    ) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that exists in the file.

        A field that is missing is reported at the key of the mapping that should hold it.
        """
        entries = self.entries
        probe: Path_ = tuple(path)
        exact = True
        while probe not in entries and probe:
            probe = probe[:-1]
            exact = False
        entry = entries.get(probe)
        if entry is None:
            return (1, 1)
        if at == "key" or not exact:
            return (entry[0], entry[1])
        return (entry[2], entry[3])

    def source_text(self, path: Sequence[str | int]) -> str | None:
        """What the author typed for a plain scalar that was not read as a string."""
        entry = self.entries.get(tuple(path))
        return entry[4] if entry else None
