"""The released package: built the way the release workflow builds it, installed into a fresh
virtual environment with the locked runtime dependencies, and used the way a new organisation
would (`okrctl init`, `check`, `build`). Every template, skeleton and asset must be in the wheel:
nothing here can read the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import okrctl

REPO = Path(__file__).resolve().parent.parent
UV = Path(sys.executable).with_name("uv")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not UV.exists(), reason="uv is installed by `make setup`"),
]


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Build from a copy of the tracked files only, as a release checkout has them.
    source = tmp_path_factory.mktemp("source")
    tracked = run("git", "ls-files", "-z", cwd=REPO).split("\0")
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    run(UV, "build", "--quiet", "--sdist", "--wheel", "--out-dir", out, source)
    return out


def test_the_distributions_pass_twine_check(dist: Path) -> None:
    files = sorted([*dist.glob("*.tar.gz"), *dist.glob("*.whl")])
    assert sorted(f.name for f in files) == [
        f"okrctl-{okrctl.__version__}-py3-none-any.whl",
        f"okrctl-{okrctl.__version__}.tar.gz",
    ]
    run(sys.executable, "-m", "twine", "check", "--strict", *files)


def test_the_wheel_holds_every_template_and_asset(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "okrctl"
    needed = {
        f"okrctl/{path.relative_to(package).as_posix()}"
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert needed, "the package has data files (templates, skeletons, assets)"
    assert needed <= names, sorted(needed - names)
    assert f"okrctl-{okrctl.__version__}.dist-info/METADATA" in names


def test_a_new_organisation_runs_okrctl_from_the_wheel(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    run(UV, "venv", "--quiet", "--python", sys.executable, venv)
    python = venv / "bin" / "python"
    # The runtime dependencies exactly as locked, then the wheel itself.
    locked = tmp_path / "requirements.txt"
    locked.write_text(
        run(UV, "export", "--quiet", "--frozen", "--no-emit-project", "--no-dev", cwd=REPO)
    )
    run(UV, "pip", "install", "--quiet", "--python", python, "-r", locked)
    run(UV, "pip", "install", "--quiet", "--python", python, "--no-deps", wheel)

    bin_dir = venv / "bin"
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "OKRCTL_CACHE_DIR": str(tmp_path / "cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    okrctl_bin = bin_dir / "okrctl"
    assert run(okrctl_bin, "--version", env=env).split()[-1] == okrctl.__version__

    home = tmp_path / "work"
    home.mkdir()  # nothing from the source tree is reachable from here
    target = home / "acme"
    run(
        okrctl_bin,
        "init",
        target,
        "--name",
        "Acme",
        "--period",
        "2026-Q4",
        "--owner",
        "Ada Lovelace",
        cwd=home,
        env=env,
    )
    # The workflows install the release that wrote them: requirements.txt pins it (and
    # Dependabot proposes the next), every skeleton file ships in the wheel.
    workflow = (target / ".github/workflows/validate.yml").read_text()
    assert "pip install --disable-pip-version-check -r requirements.txt" in workflow
    assert f"\nokrctl=={okrctl.__version__}\n" in (target / "requirements.txt").read_text()
    for name in ("publish.yml", "validate.yml"):
        assert (target / ".github/workflows" / name).is_file()
    assert (target / "site/mkdocs.yml").is_file() and (target / ".github/CODEOWNERS").is_file()
    run(okrctl_bin, "check", cwd=target, env=env)
    run(okrctl_bin, "build", "--strict", "--out", target / "public", cwd=target, env=env)
    page = (target / "public" / "index.html").read_text()
    assert "Acme" in page
    assert str(REPO) not in page
