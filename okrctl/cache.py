"""A cache of whole check results, keyed by everything that can change them.

The key is a hash of okrctl's own code, the configuration, the options and the content of every
file checked (not their timestamps): a changed file always misses the cache, so a hit is always
correct. The cache lives outside the repository (`$OKRCTL_CACHE_DIR`, else `$XDG_CACHE_HOME/okrctl`,
else `~/.cache/okrctl`), so nothing committed to a repository can feed it; a cache file that cannot
be read or parsed is ignored, and one that cannot be written is skipped.

Only JSON is stored: loading a cache can never run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from okrctl import __version__
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.files import write_atomic

FORMAT = 1


def default_directory() -> Path:
    if configured := os.environ.get("OKRCTL_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "okrctl"


def code_fingerprint() -> str:
    """Changes whenever okrctl's code changes (version, and size and time of every module)."""
    digest = hashlib.blake2b(f"{FORMAT}:{__version__}".encode(), digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class RunCache:
    """Remembers the last result for one repository and one set of options."""

    def __init__(self, directory: Path, root: Path, scope: Sequence[str]) -> None:
        slot = hashlib.blake2b(
            json.dumps([str(root.resolve()), *scope]).encode(), digest_size=12
        ).hexdigest()
        self.path = directory / f"check-{slot}.json"

    @staticmethod
    def key(parts: Iterable[str]) -> str:
        digest = hashlib.blake2b(code_fingerprint().encode(), digest_size=20)
        for part in parts:
            digest.update(part.encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
        return digest.hexdigest()

    def get(self, key: str) -> tuple[list[Diagnostic], list[str]] | None:
        """The stored diagnostics and file names for `key`, or None."""
        try:
            document = json.loads(self.path.read_bytes())
            if document.get("format") != FORMAT or document.get("key") != key:
                return None
            diagnostics = [
                Diagnostic(f, int(line), int(col), str(code), Severity[sev], str(msg))
                for f, line, col, code, sev, msg in document["diagnostics"]
            ]
            files = [str(name) for name in document["files"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return diagnostics, files

    def put(self, key: str, diagnostics: Sequence[Diagnostic], files: Sequence[str]) -> None:
        document = {
            "format": FORMAT,
            "key": key,
            "diagnostics": [
                [d.file, d.line, d.column, d.code, d.severity.name, d.message] for d in diagnostics
            ],
            "files": list(files),
        }
        # a read-only or full cache directory, or a name that is not UTF-8 in the findings,
        # must never fail a check
        with contextlib.suppress(OSError, UnicodeError):
            write_atomic(self.path, json.dumps(document, ensure_ascii=False))
