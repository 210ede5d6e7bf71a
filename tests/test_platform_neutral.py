"""okrctl starts where POSIX-only modules do not exist (Windows): nothing it imports needs `fcntl`,
`resource` or `os.sched_getaffinity` at import time, and `check`, a write (`checkin`, which
takes the repository's lock) and `--help` work without them.

The run happens in a fresh interpreter in which those names are made unavailable before okrctl
is imported (`sys.modules[name] = None` makes `import name` raise ImportError, as on Windows).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

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
