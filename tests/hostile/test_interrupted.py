"""Killed midway, a command that writes leaves the previous content intact (issue 7).

These send SIGKILL, which no cleanup code can catch: only writing to a temporary file or folder
and renaming it into place keeps what was there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
from synth import TODAY, generate

pytestmark = pytest.mark.posix  # SIGKILL


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _env(root: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO),
        "OKRCTL_CACHE_DIR": str(root / ".cache"),
        "HOME": str(root),
    }


@pytest.mark.slow
def test_a_build_killed_midway_leaves_the_previous_site(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    generate(root, 400)
    (root / ".git").mkdir()
    argv = [sys.executable, "-m", "okrctl", "build", "--today", TODAY.isoformat()]
    first = subprocess.run(argv, cwd=root, env=_env(tmp_path), capture_output=True, check=False)
    assert first.returncode == 0, first.stderr.decode()
    before = _digest(root / "public")
    target = root / "okrs" / "2026-Q4"
    changed = sorted(target.rglob("*.yaml"))[0]
    changed.write_text(changed.read_text().replace("title: ", "title: Renamed ", 1))

    build = subprocess.Popen(argv, cwd=root, env=_env(tmp_path), stderr=subprocess.PIPE)
    assert build.stderr is not None
    deadline = time.monotonic() + 120
    for line in build.stderr:  # kill it once mkdocs is writing the new site
        if b"building the site with mkdocs" in line or time.monotonic() > deadline:
            break
    time.sleep(0.3)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    build.stderr.close()
    assert build.returncode == -signal.SIGKILL
    assert _digest(root / "public") == before

    again = subprocess.run(argv, cwd=root, env=_env(tmp_path), capture_output=True, check=False)
    assert again.returncode == 0, again.stderr.decode()
    assert _digest(root / "public") != before


def test_write_atomic_killed_midway_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "org.yaml"
    target.write_text("the old content\n")
    writer = (
        "import sys, time; from pathlib import Path; import okrctl.files as f\n"
        "class Slow(bytes):\n"
        "    pass\n"
        "real = f.os.fdopen\n"
        "def slow_fdopen(*a, **k):\n"
        "    stream = real(*a, **k)\n"
        "    write = stream.write\n"
        "    def dribble(data):\n"
        "        write(data[:10]); stream.flush(); print('half', flush=True); time.sleep(60)\n"
        "    stream.write = dribble\n"
        "    return stream\n"
        "f.os.fdopen = slow_fdopen\n"
        "f.write_atomic(Path(sys.argv[1]), 'the new content, which is long\\n' * 1000)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", writer, str(target)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"half"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert target.read_text() == "the old content\n"


SWAP_KILLER = """\
import os, signal, sys
from okrctl.site import publish

where = os.environ["KILL_WHERE"]
real_exchange, real_rmtree = publish.exchange, publish.shutil.rmtree

def exchange(first, second):
    if where == "before-exchange":
        os.kill(os.getpid(), signal.SIGKILL)
    done = real_exchange(first, second)
    if where == "after-exchange":
        os.kill(os.getpid(), signal.SIGKILL)
    return done

publish.exchange = exchange
from okrctl.cli import main
main(sys.argv[1:])
"""


@pytest.mark.slow
@pytest.mark.parametrize("where", ["before-exchange", "after-exchange"])
def test_a_build_killed_around_the_swap_leaves_a_whole_site(tmp_path: Path, where: str) -> None:
    """Killed just before or just after the atomic exchange, `public/` holds a whole site (the old
    one or the new one); the folder the killed build left is deleted by the next build."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "tests" / "site" / "repos" / "acme", root)
    (root / ".git").mkdir()
    argv = ["build", "--today", TODAY.isoformat()]
    first = subprocess.run(
        [sys.executable, "-m", "okrctl", *argv], cwd=root, env=_env(tmp_path),
        capture_output=True, check=False,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr.decode()
    before = _digest(root / "public")
    env = _env(tmp_path) | {"KILL_WHERE": where}
    killed = subprocess.run(
        [sys.executable, "-c", SWAP_KILLER, *argv], cwd=root, env=env, capture_output=True,
        check=False,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    assert (root / "public" / "index.html").is_file()
    site = _digest(root / "public")
    assert site.keys() == before.keys()
    assert [p.name for p in root.iterdir() if p.name.startswith(".public.")]  # a leftover
    again = subprocess.run(
        [sys.executable, "-m", "okrctl", *argv], cwd=root, env=_env(tmp_path),
        capture_output=True, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr.decode()
    assert [p.name for p in root.iterdir() if p.name.startswith(".public.")] == []


@pytest.mark.slow
def test_a_reader_polling_index_html_during_rebuilds_always_finds_a_site(tmp_path: Path) -> None:
    """While `okrctl build` runs again and again, a reader of public/index.html never finds it
    missing (the README promises the previous site stays until the new one replaces it)."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "tests" / "site" / "repos" / "acme", root)
    (root / ".git").mkdir()
    argv = [sys.executable, "-m", "okrctl", "build", "--today", TODAY.isoformat()]
    first = subprocess.run(argv, cwd=root, env=_env(tmp_path), capture_output=True, check=False)
    assert first.returncode == 0, first.stderr.decode()
    index = root / "public" / "index.html"
    missing, reads = [], 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                index.read_bytes()
                reads += 1
            except FileNotFoundError:
                missing.append(time.monotonic())

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        for _ in range(3):
            again = subprocess.run(
                argv, cwd=root, env=_env(tmp_path), capture_output=True, check=False
            )
            assert again.returncode == 0, again.stderr.decode()
    finally:
        stop.set()
        reader.join()
    assert missing == []
    assert reads > 100
