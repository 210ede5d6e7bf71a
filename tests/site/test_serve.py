"""`okrctl serve`: the preview server and the rebuild on change."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from okrctl.site.serve import snapshot, start_server, watch


def test_watch_rebuilds_once_per_change(tmp_path: Path) -> None:
    folder = tmp_path / "okrs"
    folder.mkdir()
    (folder / "a.yaml").write_text("one")
    calls: list[float] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=([folder, tmp_path / "missing"], lambda: calls.append(1), stop, 0.05)
    )
    thread.start()
    try:
        time.sleep(0.3)
        assert calls == []  # nothing changed
        (folder / "sub").mkdir()
        (folder / "sub" / "b.yaml").write_text("two")
        deadline = time.monotonic() + 10
        while not calls and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        assert calls == [1]
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()


def test_snapshot_sees_content_changes(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("one")
    before = snapshot([tmp_path])
    (tmp_path / "a.yaml").write_text("three")
    assert snapshot([tmp_path]) != before
    assert list(snapshot([tmp_path])) == [str(tmp_path / "a.yaml")]


def test_server_serves_the_folder_on_localhost(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hello</p>")
    server = start_server(tmp_path, 0)
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as reply:
            assert reply.read() == b"<p>hello</p>"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as reply:
        return str(reply.read().decode("utf-8"))


def fetch_or_empty(url: str) -> str:
    """The page, or nothing while a rebuild is being swapped in."""
    try:
        return fetch(url)
    except OSError:
        return ""


@pytest.mark.posix  # SIGINT to a child
def test_serve_builds_serves_and_rebuilds_on_change(acme: Path, tmp_path: Path) -> None:
    okrctl = Path(sys.executable).parent / "okrctl"
    errors = tmp_path / "stderr.txt"
    with (
        errors.open("w") as stderr,
        subprocess.Popen(
            [str(okrctl), "serve", "--port", "0", "--interval", "0.1", "--today", "2026-11-22"],
            cwd=acme,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env={**os.environ, "PYTHONFAULTHANDLER": "1"},
            text=True,
        ) as process,
    ):
        try:
            assert process.stdout is not None
            lines: list[str] = []
            while not (lines and lines[-1].startswith("serving ")):
                line = process.stdout.readline()
                assert line, f"serve ended early: {lines}"
                lines.append(line.strip())
            built = re.search(r"into (\S+)/ in", lines[-2])
            assert built is not None
            served = Path(built.group(1))
            url = re.match(r"serving (http://127\.0\.0\.1:\d+/) \(Ctrl\+C to stop\)$", lines[-1])
            assert url is not None
            page = url.group(1) + "units/platform/2026-Q4.html"
            assert "Ship changes to customers the same day" in fetch(page)

            objective = acme / "okrs/2026-Q4/platform/faster-deploys-q4.yaml"
            objective.write_text(
                objective.read_text().replace("the same day", "within the hour"), encoding="utf-8"
            )
            # Generous: a rebuild on a loaded machine can take a while; speed is for bench/.
            deadline = time.monotonic() + 180
            while "within the hour" not in fetch_or_empty(page):
                assert time.monotonic() < deadline, "the site was not rebuilt"
                time.sleep(0.2)
            assert process.poll() is None
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:  # never leave it running, nor the suite waiting
                process.send_signal(signal.SIGABRT)  # faulthandler: where every thread is
                process.wait(30)
                raise AssertionError(f"serve did not stop:\n{errors.read_text()}") from None
    assert process.returncode == 0
    assert served.is_absolute() and not served.exists()
