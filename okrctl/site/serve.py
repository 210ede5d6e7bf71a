"""Previewing the site: build, serve on 127.0.0.1, rebuild when an OKR or site file changes.

Changes are found by polling (modification time and size of every file under `okrs/` and
`site/`), which works on every platform and file system without extra dependencies.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

Snapshot = dict[str, tuple[int, int]]


def snapshot(folders: list[Path]) -> Snapshot:
    """Every file under `folders` with its modification time and size."""
    found: Snapshot = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            try:
                stat = path.stat()
            except OSError:  # deleted while we looked
                continue
            if path.is_file():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def start_server(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    """An HTTP server for `directory` on 127.0.0.1, serving in a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="okrctl-serve", daemon=True).start()
    return server


def watch(
    folders: list[Path],
    rebuild: Callable[[], None],
    stop: threading.Event,
    interval: float = 1.0,
) -> None:
    """Call `rebuild` whenever a file under `folders` changes, until `stop` is set."""
    seen = snapshot(folders)
    while not stop.wait(interval):
        current = snapshot(folders)
        if current == seen:
            continue
        # Let an editor or `git checkout` finish writing before building.
        while not stop.wait(min(interval, 0.3)):
            settled = snapshot(folders)
            if settled == current:
                break
            current = settled
        seen = current
        if not stop.is_set():
            rebuild()
