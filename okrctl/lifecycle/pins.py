"""Where the files `okrctl init` writes find okrctl: the GitHub repository and the commit of this
release, for the workflows' `uses:` of okrctl's action and the pre-commit hooks' `rev:`.

A commit cannot name itself, so the release workflow (`.github/workflows/release.yml`) records
the tagged commit and the repository in `release.json` beside this module before it builds the
distributions, and every wheel and sdist on PyPI carries them. An okrctl built any other way (a
source checkout, a wheel built by hand) has no record: `okrctl init` then writes a placeholder
pin (`OWNER/okrctl` at a commit of zeros) and says so, since no commit of it can be named.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from okrctl import __version__
from okrctl.lifecycle.edit import scalar

RECORD = "release.json"
"""The record the release workflow writes into this package (`okrctl/lifecycle/release.json`)."""
PLACEHOLDER_REPOSITORY = "OWNER/okrctl"
PLACEHOLDER_COMMIT = "0" * 40
_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_COMMIT = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class Pin:
    """One release of okrctl on GitHub."""

    repository: str
    """`owner/name` on GitHub."""
    commit: str
    """The release's commit, 40 hexadecimal digits."""
    version: str = __version__
    released: bool = True
    """False for the placeholder of an okrctl built without the release workflow's record."""

    @property
    def action(self) -> str:
        """The `uses:` value of the okrctl action, with the version in a comment, as every
        other action in the workflows is pinned."""
        return f"{self.repository}@{self.commit} # v{self.version}"

    @property
    def hooks_url(self) -> str:
        """The repository pre-commit clones for the hooks of `.pre-commit-hooks.yaml`."""
        return f"https://github.com/{self.repository}"

    @property
    def hooks_rev(self) -> str:
        """The `rev:` of the hooks: the commit (quoted when YAML would read it as a number),
        with the version as `pre-commit autoupdate --freeze` and Dependabot write it."""
        return f"{scalar(self.commit)}  # frozen: v{self.version}"


def parse(text: str) -> Pin | None:
    """The pin a release record holds, or None when it is not one (malformed, or a value that
    is not a GitHub repository or a full commit id)."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    repository, commit = data.get("repository"), data.get("commit")
    if not isinstance(repository, str) or not _REPOSITORY.fullmatch(repository):
        return None
    if not isinstance(commit, str) or not _COMMIT.fullmatch(commit):
        return None
    return Pin(repository, commit)


def current() -> Pin:
    """This okrctl's pin: from the release record, else the placeholder."""
    try:
        text = (
            resources.files(__package__ or "okrctl.lifecycle")
            .joinpath(RECORD)
            .read_text(encoding="utf-8")
        )
    except (FileNotFoundError, OSError, UnicodeDecodeError):
        text = ""
    return parse(text) or Pin(PLACEHOLDER_REPOSITORY, PLACEHOLDER_COMMIT, released=False)
