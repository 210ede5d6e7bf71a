"""The documentation site (docs/, built from the root mkdocs.yml) documents what the code does:
the field reference, every diagnostic code and the example organisation's findings; it builds
strictly, and loads nothing from another host."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from okrctl import cli
from okrctl.schema import field_reference
from tests.conftest import REPO

DOCS = REPO / "docs"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def config() -> dict[str, object]:
    data = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def build(out: Path, root: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_field_reference_is_up_to_date() -> None:
    files = page("files.md")
    start = files.index("<!-- fields:start -->\n") + len("<!-- fields:start -->\n")
    end = files.index("<!-- fields:end -->")
    assert files[start:end] == field_reference()


def test_the_example_organisation_reports_what_the_rules_page_says(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = page("rules.md").split("shows **one deliberate warning**", 1)[1].split("```\n", 2)[1]
    monkeypatch.chdir(REPO)
    cli.run(["check", "okrs", "--today", "2026-11-22"])
    assert capsys.readouterr().out == shown


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_pages(value)]
    return []


def test_every_page_is_in_the_navigation_once() -> None:
    pages = _nav_pages(config()["nav"])
    assert sorted(pages) == sorted(p.name for p in DOCS.glob("*.md"))
    assert len(pages) == len(set(pages))


def test_the_build_goes_to_an_ignored_folder_away_from_the_okr_site() -> None:
    """mkdocs empties the folder it builds into: never site/ (the OKR site's configuration,
    mkdocs' default) nor anything committed."""
    settings = config()
    assert settings["docs_dir"] == "docs"
    out = (REPO / str(settings["site_dir"])).resolve()
    for kept in ("site", "okrs", "docs", "schema", "okrctl"):
        assert not out.is_relative_to(REPO / kept), out
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(out / "index.html")], cwd=REPO, check=False
    )
    assert ignored.returncode == 0, f"{out} is not ignored by git"


RESOURCE = re.compile(
    r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"([^\"]*)\""
    r"|<link\b[^>]*\bhref=\"([^\"]*)\""
    r"|@import\s+(?:url\()?[\"']?([^\"')\s;]+)"
    r"|url\([\"']?((?:https?:)?//[^\"')]+)",
    re.IGNORECASE,
)


def test_the_documentation_builds_strictly_and_loads_nothing_from_another_host(
    tmp_path: Path,
) -> None:
    out = tmp_path / "docs"
    done = build(out)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = sorted(out.glob("*.html"))
    assert {p.stem for p in pages} >= {"index", "files", "check", "rules", "trust", "contributing"}
    assert 'src="screenshot.png"' in (out / "site.html").read_text(encoding="utf-8")
    foreign = []
    for path in [*pages, *out.rglob("*.css")]:
        for match in RESOURCE.finditer(path.read_text(encoding="utf-8")):
            address = next(group for group in match.groups() if group is not None)
            if re.match(r"(?:[a-z]+:)?//", address, re.IGNORECASE):
                foreign.append(f"{path.name}: {address}")
    assert foreign == []


def test_a_broken_link_fails_the_strict_build(tmp_path: Path) -> None:
    """The build above can fail: mkdocs' anchor validation is on."""
    copy = tmp_path / "repo"
    shutil.copytree(DOCS, copy / "docs")
    shutil.copy(REPO / "mkdocs.yml", copy / "mkdocs.yml")
    assert build(tmp_path / "good", copy).returncode == 0
    with (copy / "docs" / "index.md").open("a", encoding="utf-8") as index:
        index.write("\nSee [nothing](files.md#no-such-heading).\n")
    done = build(tmp_path / "bad", copy)
    assert done.returncode == 1
    assert "does not contain an anchor '#no-such-heading'" in done.stderr


def test_the_release_attaches_the_strict_build_to_the_github_release() -> None:
    release = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text(encoding="utf-8"))
    docs = release["jobs"]["docs"]
    assert docs["permissions"] == {"contents": "read"}
    assert next(s["run"] for s in docs["steps"] if "run" in s) == "make docs PYTHON=python"
    attach = release["jobs"]["github-release"]
    assert attach["permissions"] == {"contents": "write"}
    assert set(attach["needs"]) == {"publish", "docs"}
    assert "gh release create" in attach["steps"][-1]["run"]
