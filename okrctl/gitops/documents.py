"""Loading files through the per-file phases once, and checking a set of them across files.

`Loader` caches by (name, content): a file that is the same on both sides of a diff is parsed
and validated once, by the same per-file phases as `okrctl check` (`perfile.examine`). `check`
runs the phases that follow (`engine.cross_check`: index, integrity checks, rules, suppression
comments) over documents already loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping

from okrctl import engine, index, perfile
from okrctl.config import Config
from okrctl.diagnostics import Diagnostic
from okrctl.gitops.sides import Content
from okrctl.loaded import LoadedFile

Document = LoadedFile
"""One file after loading and validation: the record `okrctl check` uses too."""


class Loader:
    """Loads files, each distinct (name, content) once."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, bytes], Document] = {}

    def load(self, name: str, content: Content) -> Document:
        if isinstance(content, Diagnostic):
            return LoadedFile(name=name, model=None, diagnostics=(content,))
        key = (name, hashlib.blake2b(content, digest_size=20).digest())
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._load(name, content)
        return cached

    def load_all(self, contents: Mapping[str, Content]) -> dict[str, Document]:
        return {name: self.load(name, content) for name, content in sorted(contents.items())}

    @staticmethod
    def _load(name: str, content: bytes) -> Document:
        return perfile.examine(content, name)


def check(
    documents: Iterable[Document], config: Config | None = None, today: dt.date | None = None
) -> tuple[index.Cascade, list[Diagnostic]]:
    """The cascade of the documents and every diagnostic about them, as `okrctl check` finds.

    Without `config` only the built-in checks run; with it, the configured rules too (for the
    day `today`, default the system date) and then the suppression comments.
    """
    return engine.cross_check(documents, config=config, today=today)
