"""okrctl starts where POSIX-only modules do not exist (Windows): nothing it imports needs `fcntl`,
`resource` or `os.sched_getaffinity` at import time, and `check`, a write (`checkin`, which
takes the repository's lock) and `--help` work without them.

The run happens in a fresh interpreter in which those names are made unavailable before okrctl
is imported (`sys.modules[name] = None` makes `import name` raise ImportError, as on Windows).
"""

from __future__ import annotations

import codecs
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrctl.console import utf8_output
from okrctl.site import publish
from tests.conftest import REPO
from tests.lifecycle.conftest import FIXTURE

WITHOUT_POSIX = """\
import json, os, pkgutil, sys, importlib
for name in ("fcntl", "resource"):
    sys.modules[name] = None
for name in ("sched_getaffinity", "process_cpu_count"):
    if hasattr(os, name):
        delattr(os, name)

import okrctl
from okrctl import cli, perfile

failed = []
for module in pkgutil.walk_packages(okrctl.__path__, "okrctl."):
    try:
        importlib.import_module(module.name)
    except Exception as exc:
        failed.append(f"{module.name}: {exc!r}")
codes = {
    "help": cli.run(["--help"]),
    "check": cli.run(["check", "--today", "2026-11-22", "--no-cache"]),
    "checkin": cli.run(
        ["checkin", "leads-q4", "demo-calls", "14", "--date", "2026-11-21", "--note", "portable"]
    ),
}
print(json.dumps({
    "failed": failed,
    "codes": codes,
    "jobs": perfile.jobs_for(5000, None),
    "posix_modules": sorted(n for n in ("fcntl", "resource") if sys.modules.get(n) is not None),
}))
"""


def test_okrctl_runs_without_posix_only_modules(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    (root / ".git").mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "OKRCTL_CACHE_DIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_POSIX],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["failed"] == []
    assert report["codes"] == {"help": 0, "check": 0, "checkin": 0}
    assert 1 <= report["jobs"] <= 8
    assert report["posix_modules"] == []  # nothing brought them back
    assert "note: portable" in (root / "okrs/2026-Q4/sales/leads-q4.yaml").read_text()
    assert "Traceback" not in done.stderr


def test_the_site_swap_falls_back_where_there_is_no_renameat2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading `okrctl.site.publish` asks for `renameat2` on Linux only (on Windows,
    `ctypes.CDLL(None)` raises TypeError), and the two-rename swap replaces a site whole."""

    def no_c_library(*args: object, **kwargs: object) -> object:
        raise TypeError("expected str, bytes or os.PathLike object, not NoneType")

    monkeypatch.setattr(publish.ctypes, "CDLL", no_c_library)
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(publish.sys, "platform", platform)
        assert publish._load_renameat2() is None
    monkeypatch.setattr(publish, "_renameat2", None)
    out = tmp_path / "public"
    out.mkdir()
    (out / "old.html").write_text("old")
    (out / publish.STAMP).write_text(publish.STAMP_TEXT)
    staged = publish.stage(out)
    (staged / "index.html").write_text("new")
    publish.swap(staged, out)
    assert sorted(p.name for p in out.iterdir()) == [publish.STAMP, "index.html"]
    assert publish.leftovers(out) == []


@pytest.mark.parametrize(("platform", "written"), [("win32", "utf-8"), ("linux", "cp1252")])
def test_redirected_output_is_utf8_on_windows(platform: str, written: str) -> None:
    """A title with an arrow or a non-Latin name, printed to a pipe on Windows (cp1252 by
    default), is written, in UTF-8, not an internal error."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    utf8_output(platform, [stream])
    assert codecs.lookup(stream.encoding).name == written
    if written == "utf-8":
        stream.write("3 → 4, 東京\n")
        stream.flush()
        assert raw.getvalue() == "3 → 4, 東京\n".encode()
