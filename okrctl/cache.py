"""A cache of whole check results, keyed by everything that can change them.

The key is a hash of okrctl's own code, the configuration, the options and the content of every
file checked (not their timestamps): a changed file always misses the cache, so a hit is always
correct. The cache lives outside the repository (`$OKRCTL_CACHE_DIR`, else the platform's user
cache folder: `$XDG_CACHE_HOME/okrctl` or `~/.cache/okrctl` on Linux, `~/Library/Caches/okrctl` on
macOS, `%LOCALAPPDATA%\\okrctl\\Cache` on Windows), so nothing committed to a repository can feed
it; a cache file that cannot be read or parsed is ignored, and one that cannot be written is
skipped.

Only JSON is stored: loading a cache can never run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

import platformdirs

from okrctl import __version__
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.files import write_atomic

FORMAT = 2
"""2: the diagnostics stored a field at a time (format 1: a list per diagnostic)."""


def default_directory() -> Path:
    """okrctl's cache folder: the run cache and the crash log (`okrctl.commands.error_handler`)."""
    if configured := os.environ.get("OKRCTL_CACHE_DIR"):
        return Path(configured)
    return platformdirs.user_cache_path("okrctl", appauthor=False)


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
            files = _strings(document["files"])
            diagnostics = _diagnostics(document["diagnostics"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None
        return diagnostics, files

    def put(self, key: str, diagnostics: Sequence[Diagnostic], files: Sequence[str]) -> None:
        names: dict[str, int] = {}
        codes: dict[str, int] = {}
        file_numbers = [names.setdefault(d.file, len(names)) for d in diagnostics]
        code_numbers = [codes.setdefault(d.code, len(codes)) for d in diagnostics]
        document = {
            "format": FORMAT,
            "key": key,
            "diagnostics": {
                "names": list(names),
                "codes": list(codes),
                "file": file_numbers,
                "line": [d.line for d in diagnostics],
                "column": [d.column for d in diagnostics],
                "code": code_numbers,
                "severity": [d.severity.value for d in diagnostics],
                "message": [d.message for d in diagnostics],
            },
            "files": list(files),
        }
        # a read-only or full cache directory, or a name that is not UTF-8 in the findings,
        # must never fail a check
        with contextlib.suppress(OSError, UnicodeError):
            write_atomic(self.path, json.dumps(document, ensure_ascii=False), durable=False)


_SEVERITIES = {severity.value: severity for severity in Severity}
_new_diagnostic = partial(tuple.__new__, Diagnostic)


def _strings(values: object) -> list[str]:
    if type(values) is not list or not set(map(type, values)) <= {str}:
        raise TypeError("not a list of strings")
    return values


def _integers(values: object, length: int) -> list[int]:
    if type(values) is not list or len(values) != length or not set(map(type, values)) <= {int}:
        raise TypeError("not a list of integers")
    return values


def _diagnostics(stored: dict[str, object]) -> list[Diagnostic]:
    """The diagnostics `put` stored: one list per field (a finding's file and code as indices
    into lists of the distinct ones), decoded and checked in C-level passes, not per finding:
    a warm check may answer with 50,000."""
    messages = _strings(stored["message"])
    count = len(messages)
    names, codes = _strings(stored["names"]), _strings(stored["codes"])
    files, code_numbers = _integers(stored["file"], count), _integers(stored["code"], count)
    if count and min(min(files), min(code_numbers)) < 0:
        raise IndexError("a negative index")
    columns = zip(
        [names[n] for n in files],
        _integers(stored["line"], count),
        _integers(stored["column"], count),
        [codes[n] for n in code_numbers],
        [_SEVERITIES[n] for n in _integers(stored["severity"], count)],
        messages,
        strict=True,
    )
    return list(map(_new_diagnostic, columns))
