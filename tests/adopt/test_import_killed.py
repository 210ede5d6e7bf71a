"""`okrctl import` killed at any step of its write leaves all of the import or none of it.

The kill loop of tests/test_transaction.py, run on `okrctl import`: a real process sends itself
SIGKILL at the N-th file-system step (staging a file, the journal, each link, rename and fsync),
for N = 1, 2, ... until a run finishes; after each kill the next okrctl command (`okrctl check`
in the repository) must leave every file as before the import or every file as after it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from okrctl import transaction
from tests.adopt.conftest import snapshot
from tests.test_transaction import _okrctl

pytestmark = pytest.mark.posix  # SIGKILL

TODAY = "2026-09-15"
FIRST = "# Q3 2026\n\n## Platform\n\n### Faster builds\n\n- Build time from 9 to 3 minutes\n"
SECOND = "# Q3 2026\n\n## Data team\n\n### Trusted dashboards\n\n- Broken dashboards from 12 to 2\n"
STATE = (".git/okrctl", ".okrctl")


def _files(root: Path) -> dict[str, bytes]:
    """The repository's files, without okrctl's state folder (a lock left by a kill)."""
    if not root.exists():
        return {}
    return {
        name: data
        for name, data in snapshot(root).items()
        if not name.startswith(".git/") and not name.startswith(".okrctl/")
    }


def _base(tmp_path: Path, existing: bool) -> Path:
    """The folder the import runs in: the page to import, and the repository (`repo`) to
    import into: an existing git repository holding an earlier import, or none yet."""
    base = tmp_path / "base"
    base.mkdir()
    (base / "page.md").write_text(SECOND, "utf-8")
    if existing:
        (base / "first.md").write_text(FIRST, "utf-8")
        (base / "repo" / ".git").mkdir(parents=True)
        done = _okrctl(base, "import", "markdown", "first.md", "--into", "repo", "--today", TODAY)
        assert done.returncode == 0, done.stderr
    return base


@pytest.mark.slow
@pytest.mark.parametrize("existing", [False, True], ids=["new-repository", "existing-repository"])
def test_killed_at_every_step_all_or_nothing(tmp_path: Path, existing: bool) -> None:
    base = _base(tmp_path, existing)
    args = ("import", "markdown", "page.md", "--into", "repo", "--today", TODAY)
    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    before = _files(reference / "repo")
    done = _okrctl(reference, *args)
    assert done.returncode == 0, done.stderr
    after = _files(reference / "repo")
    assert len(set(after) - set(before)) >= (1 if existing else 6)
    if existing:
        assert after["okrs/org.yaml"] != before["okrs/org.yaml"]  # the unit was added
    outcomes = set()
    for kill_at in range(1, 400):
        run_folder = tmp_path / f"run-{kill_at}"
        shutil.copytree(base, run_folder)
        root = run_folder / "repo"
        run = _okrctl(run_folder, *args, kill_at=kill_at)
        if run.returncode == 0:
            break
        assert run.returncode == -9, run.stderr
        left = _files(root)
        assert set(left) <= set(after), "nothing but the files themselves in the repository"
        assert all(left[name] in (before.get(name), after[name]) for name in left)
        if root.exists():
            # the next okrctl run (any command) finishes or discards the interrupted import
            check = _okrctl(root, "check", "--today", TODAY)
            assert check.returncode in (0, 1, 2), check.stderr  # 2: no okrs/ yet
            assert "internal error" not in check.stderr
            assert not transaction.pending(root)
        settled = _files(root)
        assert settled in (before, after), f"killed at step {kill_at}: recovery mixed them"
        outcomes.add("new" if settled == after else "old")
        for state in STATE:  # at most the lock file, when killed just before it went
            folder = root / state
            assert not folder.exists() or [p.name for p in folder.iterdir()] in ([], ["lock"])
        shutil.rmtree(run_folder)
    else:
        pytest.fail("the import never finished")
    assert kill_at > 8  # the loop went through the staging, the journal and the renames
    assert outcomes == {"old", "new"}
