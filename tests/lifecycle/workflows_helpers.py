"""actionlint on workflow files, from the dev environment's binary."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def actionlint_files(files: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    found = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    assert found, "actionlint is missing: install the dev extra"
    return subprocess.run(
        [found, "-no-color", *map(str, files)], cwd=cwd, capture_output=True, text=True, check=False
    )
