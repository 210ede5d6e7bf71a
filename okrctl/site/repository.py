"""Links from the site into the OKR repository on GitHub: "Check in" and "Edit".

When the site's configuration (`site/mkdocs.yml`) sets `repo_url`, each key result gets
"Check in", which opens the check-in issue form (`.github/ISSUE_TEMPLATE/checkin.yml`) with the
objective and the key result filled in through the form's URL parameters, and "Edit", which
opens the objective's file in GitHub's editor; the stamp links to the commit. okrctl keeps
`repo_url` (and `edit_uri`) from the theme: mkdocs-material would call the GitHub API from every
page to show the repository's stars.

The branch for "Edit" is the one `edit_uri` names (`edit/<branch>/...`, mkdocs' convention),
else `main`. Every part of a link is URL-encoded: an id, a branch or a path can never change
which page the link opens.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from okrctl.errors import UsageError
from okrctl.site.site_config import WHERE

CHECKIN_FORM = "checkin.yml"
"""The issue form's file under `.github/ISSUE_TEMPLATE/`."""
DEFAULT_BRANCH = "main"
FIELDS = ("objective", "key_result", "value", "confidence", "note")
"""The issue form's field ids (the form's URL parameters)."""


@dataclass(frozen=True)
class Repository:
    """The OKR repository on GitHub, as the site links to it."""

    url: str
    """`https://github.com/OWNER/NAME`, without a trailing slash."""
    branch: str = DEFAULT_BRANCH
    prefix: str = ""
    """Where the OKR repository's root sits inside the git repository ('' at its top)."""

    def checkin(self, objective_id: str, key_result_id: str) -> str:
        """The check-in form with the objective and key result filled in."""
        query = urlencode(
            {"template": CHECKIN_FORM, "objective": objective_id, "key_result": key_result_id},
            quote_via=quote,
        )
        return f"{self.url}/issues/new?{query}"

    def edit(self, file: str) -> str:
        """GitHub's editor on `file` (a path from the OKR repository's root)."""
        path = posixpath.join(self.prefix, file) if self.prefix else file
        return f"{self.url}/edit/{quote(self.branch, safe='/')}/{quote(path, safe='/')}"

    def commit(self, commit: str) -> str:
        return f"{self.url}/commit/{quote(commit, safe='')}"


def _valid_url(value: object) -> str:
    text = value if isinstance(value, str) else ""
    parts = urlsplit(text.strip())
    bad = any(c.isspace() or ord(c) < 32 or c in "\"'<>\\`" for c in text)
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment or bad:
        raise UsageError(
            f"{WHERE} is not valid: `repo_url` must be the repository's https:// address, "
            "e.g. https://github.com/acme/okrs"
        )
    return text.strip().rstrip("/")


def _branch(edit_uri: object) -> str:
    """The branch `edit_uri` names (`edit/main/okrs/`), else the default."""
    if isinstance(edit_uri, str):
        parts = [p for p in edit_uri.split("/") if p]
        if len(parts) >= 2 and parts[0] in ("edit", "blob", "tree"):
            return parts[1]
    return DEFAULT_BRANCH


def from_settings(settings: Mapping[str, Any], prefix: str = "") -> Repository | None:
    """The repository the organisation's site settings name (None: no `repo_url`)."""
    url = settings.get("repo_url")
    if not url:
        return None
    return Repository(_valid_url(url), _branch(settings.get("edit_uri")), prefix.strip("/"))
