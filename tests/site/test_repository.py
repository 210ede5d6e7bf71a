"""Check in and Edit: links into the repository on GitHub, every part URL-encoded."""

from __future__ import annotations

import pytest

from okrctl.errors import UsageError
from okrctl.site.repository import Repository, from_settings


def test_links_to_the_form_the_editor_and_a_commit() -> None:
    repo = from_settings({"repo_url": "https://github.com/acme/okrs/", "edit_uri": "edit/trunk/"})
    assert repo == Repository("https://github.com/acme/okrs", "trunk")
    assert repo.checkin("win-q4", "deals") == (
        "https://github.com/acme/okrs/issues/new?template=checkin.yml&objective=win-q4"
        "&key_result=deals"
    )
    assert repo.edit("okrs/2026-Q4/sales/win-q4.yaml") == (
        "https://github.com/acme/okrs/edit/trunk/okrs/2026-Q4/sales/win-q4.yaml"
    )
    assert repo.commit("abc123") == "https://github.com/acme/okrs/commit/abc123"
    assert from_settings({}) is None
    assert from_settings({"repo_url": "https://github.com/a/b"}).branch == "main"  # type: ignore[union-attr]


def test_every_part_is_url_encoded() -> None:
    repo = Repository("https://github.com/acme/okrs", "release/2026 Q4#1", "sub dir")
    assert repo.edit("okrs/a b/x?y.yaml") == (
        "https://github.com/acme/okrs/edit/release/2026%20Q4%231/sub%20dir/okrs/a%20b/x%3Fy.yaml"
    )
    assert repo.checkin("a&b", "c=d #e").endswith("objective=a%26b&key_result=c%3Dd%20%23e")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "http://github.com/a/b",
        "https://",
        "https://github.com/a b",
        "https://github.com/a?x=1",
        'https://github.com/a"onmouseover=x',
        5,
    ],
)
def test_only_an_https_address_is_a_repository(url: object) -> None:
    with pytest.raises(UsageError, match="`repo_url` must be the repository's https:// address"):
        from_settings({"repo_url": url})
