"""`okrctl build` end to end: the summary, refusing on errors, reproducible output, atomic
replacement, the organisation's configuration and an offline site."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from okrctl.cli import run
from okrctl.site import build as site_build
from okrctl.site import mkdocs_settings, publish
from tests.site.html_tree import parse

SUMMARY = re.compile(r"^built 58 pages \(10 objectives\) into (?P<out>\S+) in \d+\.\d\d s$")
TODAY = ["--today", "2026-11-22"]
PHASES = [
    "okrctl: checking the OKRs",
    "okrctl: reading the plans from git history",
    "okrctl: reading what changed in the last week",
    "okrctl: rendering pages (58)",
    "okrctl: building the site with mkdocs (58)",
    "okrctl: publishing",
]


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    code = run(["build", *TODAY, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_build_prints_findings_phases_and_a_summary(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = build(acme, monkeypatch, capsys)
    assert code == 0
    lines = out.splitlines()
    # The closed 2026-Q3 is history: only the integrity checks report on its files.
    # (12 warnings: OKR440 reads "The pentest report is signed off" as a delivery)
    assert lines[-2] == "0 errors, 12 warnings, 2 info in 11 files"
    assert any(": warning OKR502 " in line for line in lines)
    match = SUMMARY.match(lines[-1])
    assert match is not None and match["out"] == "public/"
    assert err.splitlines() == PHASES
    site = acme / "public"
    for page in (
        "index.html",
        "cascade/2026-Q4.html",
        "units/sales/2026-Q4.html",
        "people.html",
        "health.html",
        "scoring.html",
        "search/search_index.json",
        "assets/okrctl/okrctl.css",
        publish.STAMP,
    ):
        assert (site / page).is_file(), page
    assert not [p for p in acme.iterdir() if p.name.startswith(".public.")]


def test_default_output_is_at_the_root_from_any_folder(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = build(acme / "okrs" / "2026-Q4", monkeypatch, capsys)
    assert code == 0
    match = SUMMARY.match(out.splitlines()[-1])
    assert match is not None and match["out"] == f"{(acme / 'public').resolve()}/"
    assert (acme / "public/index.html").is_file()


def test_errors_refuse_the_build_and_leave_the_previous_site(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(acme, monkeypatch, capsys)[0] == 0
    before = files(acme / "public")
    objective = acme / "okrs/2026-Q4/platform/faster-deploys-q4.yaml"
    objective.write_text(
        objective.read_text(encoding="utf-8").replace("owner: pat", "owner: patt"),
        encoding="utf-8",
    )
    code, out, err = build(acme, monkeypatch, capsys)
    assert code == 1
    assert (
        "okrs/2026-Q4/platform/faster-deploys-q4.yaml:8:8: error OKR304 unknown person or unit 'patt'"
        in out
    )
    assert err.splitlines()[-1] == (
        "okrctl: the site was not built: the check found 1 error; fix them first"
    )
    assert files(acme / "public") == before


def test_warnings_of_the_check_never_stop_a_build(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = build(acme, monkeypatch, capsys, "--strict")
    assert code == 0
    assert "12 warnings" in out
    assert (acme / "public" / "index.html").is_file()


def test_two_builds_are_byte_identical(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(acme, monkeypatch, capsys, "--out", "one")[0] == 0
    assert build(acme, monkeypatch, capsys, "--out", "two")[0] == 0
    one, two = files(acme / "one"), files(acme / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert build(acme, monkeypatch, capsys, "--out", "one")[0] == 0  # replacing a site
    assert files(acme / "one") == two
    # The build date mkdocs stamps into the gzipped sitemap is the latest check-in's.
    mtime = int.from_bytes(one["sitemap.xml.gz"][4:8], "little")
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date() == dt.date(2026, 11, 20)
    assert not (acme / "site").exists()  # relative output folders are not read from site/


def test_a_failed_mkdocs_build_leaves_the_previous_site(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(acme, monkeypatch, capsys)[0] == 0
    before = files(acme / "public")
    (acme / "site").mkdir()
    (acme / "site/about.md").write_text("# About\n\nSee [the plan](missing.md).\n")
    code, _, err = build(acme, monkeypatch, capsys, "--strict")
    assert code == 1
    assert "okrctl: mkdocs could not build the site: Aborted with 1 warnings in strict mode!" in err
    assert "warning: Doc file 'about.md' contains a link 'missing.md', but the target" in err
    assert files(acme / "public") == before
    assert not [p for p in acme.iterdir() if p.name.startswith(".public.")]


def test_an_interrupted_build_leaves_the_previous_site(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(acme, monkeypatch, capsys)[0] == 0
    before = files(acme / "public")

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(site_build.mkdocs_build, "build", interrupted)
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 130 and err.splitlines()[-1] == "okrctl: aborted"
    assert files(acme / "public") == before
    assert not [p for p in acme.iterdir() if p.name.startswith(".public.")]


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("okrs", "it overlaps"),
        ("okrs/site", "it overlaps"),
        (".", "it holds the repository"),
        ("notes", "exists and was not built by okrctl"),
    ],
)
def test_refuses_an_output_folder_it_must_not_replace(
    acme: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    out: str,
    message: str,
) -> None:
    (acme / "notes").mkdir()
    (acme / "notes/keep.txt").write_text("mine")
    code, _, err = build(acme, monkeypatch, capsys, "--out", out)
    assert code == 2
    assert message in err
    assert (acme / "notes/keep.txt").read_text() == "mine"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("plugins:\n  - search\n  - privacy\n", "the 'privacy' plugin downloads external assets"),
        ("plugins:\n  - social:\n      cards: true\n", "the 'social' plugin downloads fonts"),
        ("extra_javascript:\n  - https://cdn.example.com/x.js\n", "`extra_javascript` loads"),
        ("extra_css:\n  - //cdn.example.com/x.css\n", "`extra_css` loads"),
        ("extra:\n  analytics:\n    provider: google\n", "`extra.analytics`"),
        ("repo_url: javascript:alert(1)\n", "`repo_url` must be the repository's https:// address"),
        ("theme:\n  name: material\n  unknown_option: [\n", "site/mkdocs.yml"),
    ],
)
def test_refuses_site_settings_that_reach_other_hosts(
    acme: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    config: str,
    message: str,
) -> None:
    (acme / "site").mkdir()
    (acme / "site/mkdocs.yml").write_text(config)
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 2
    assert message in err
    assert not (acme / "public").exists()


def test_the_organisation_customises_its_site(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = acme / "site"
    (site / "stylesheets").mkdir(parents=True)
    (site / "overrides").mkdir()
    (site / "mkdocs.yml").write_text(
        "copyright: Acme internal\n"
        "extra_css:\n  - stylesheets/extra.css\n"
        "theme:\n  font:\n    text: Roboto\n  palette:\n    scheme: slate\n"
    )
    (site / "stylesheets/extra.css").write_text(":root { --okr-green: #00ff00; }\n")
    (site / "overrides/main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Internal only{% endblock %}\n'
    )
    (site / "about.md").write_text("# About our OKRs\n\nWe grade every quarter.\n")
    code, _, _ = build(acme, monkeypatch, capsys)
    assert code == 0
    home = (acme / "public/index.html").read_text(encoding="utf-8")
    doc = parse(home)
    styles = [n.attrs["href"] for n in doc.find_all("link", rel="stylesheet")]
    assert styles[-2:] == ["assets/okrctl/okrctl.css", "stylesheets/extra.css"]
    assert (acme / "public/stylesheets/extra.css").is_file()
    assert "Internal only" in doc.words()
    assert "Acme internal" in doc.words()
    assert "fonts.googleapis.com" not in home  # theme.font is always false
    assert doc.find("body").attrs.get("data-md-color-scheme") == "slate"
    nav = [
        a.words()
        for a in doc.find("nav", class_="md-nav--primary").find_all("a", class_="md-nav__link")
    ]
    assert "About our OKRs" in nav
    assert (acme / "public/about.html").is_file()


def test_the_site_references_no_other_host(acme_site: Path) -> None:
    for path in sorted(acme_site.rglob("*.html")):
        for node in parse(path.read_text(encoding="utf-8")).iter():
            for name in ("src", "href", "srcset", "data", "poster"):
                value = node.attrs.get(name) or ""
                if node.tag == "a" or not value:
                    continue  # a link is followed only when clicked
                assert "://" not in value and not value.startswith("//"), (path, node.tag, value)
    for path in sorted(acme_site.rglob("*.css")):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8"))
        assert [u for u in urls if "://" in u and not u.startswith("data:")] == [], path


def test_build_as_a_subprocess(acme: Path) -> None:
    okrctl = Path(sys.executable).parent / "okrctl"
    done = subprocess.run(
        [str(okrctl), "build", *TODAY, "--out", "site-out"],
        cwd=acme,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    match = SUMMARY.match(done.stdout.splitlines()[-1])
    assert match is not None and match["out"] == "site-out/"
    assert done.stderr.splitlines() == PHASES
    assert (acme / "site-out/index.html").is_file()


def test_mkdocs_strict_mode_follows_the_option(tmp_path: Path) -> None:
    lenient = mkdocs_settings.compose(
        tmp_path, tmp_path / "d", tmp_path / "o", site_name="x", nav=[], not_in_nav=[], strict=False
    )
    assert lenient["strict"] is False
    settings = mkdocs_settings.compose(
        tmp_path, tmp_path / "docs", tmp_path / "out", site_name="<x>", nav=[], not_in_nav=[]
    )
    assert settings["strict"] is True
    assert settings["site_name"] == "&lt;x&gt;"
    assert settings["theme"]["font"] is False
    assert settings["use_directory_urls"] is False


def test_an_organisation_without_objectives_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "okrctl.yaml").touch()
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs/org.yaml").write_text(
        "apiVersion: okrctl/v1\nkind: Organization\nname: Tiny\n"
        "units:\n  - {id: tiny, name: Tiny}\n"
        "periods:\n  - {id: '2026', start: 2026-01-01, end: 2026-12-31}\n"
    )
    code, out, _ = build(tmp_path, monkeypatch, capsys)
    assert code == 0
    assert re.match(r"^built 32 pages \(0 objectives\) into public/ in \d+\.\d\d s$", out)
    home = parse((tmp_path / "public/index.html").read_text(encoding="utf-8"))
    assert "No objectives in 2026." in home.words()


def test_site_url_makes_the_404_page_work_under_a_project_path(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OKRCTL_SITE_URL", "https://acme.github.io/okrs")
    assert build(acme, monkeypatch, capsys, "--out", "pages")[0] == 0
    page = (acme / "pages" / "404.html").read_text()
    assert 'href="/okrs/assets/' in page and 'href="/assets/' not in page
    assert build(acme, monkeypatch, capsys, "--out", "plain", "--site-url", "")[0] == 0
    assert 'href="/assets/' in (acme / "plain" / "404.html").read_text()


def test_pages_are_light_described_and_not_indexed(acme_site: Path) -> None:
    assert not list(acme_site.rglob("*.map"))
    for path in [*acme_site.rglob("*.js"), *acme_site.rglob("*.css")]:
        assert b"sourceMappingURL" not in path.read_bytes(), path
    # An English site loads no search language pack.
    assert not (acme_site / "assets" / "javascripts" / "lunr").exists()
    page = (acme_site / "units" / "sales" / "2026-Q4.html").read_text()
    assert '<meta name="description" content="We make widgets that warehouses trust.">' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert '<script src="../../assets/okrctl/lazy-search.js"></script>' in page


def test_the_organisation_chooses_indexing_and_search_languages(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (acme / "site").mkdir()
    (acme / "site" / "mkdocs.yml").write_text(
        "site_description: OKRs & more\n"
        "extra:\n  robots: index, follow\n"
        "plugins:\n  - search:\n      lang: [en, de]\n"
    )
    code, _, _ = build(acme, monkeypatch, capsys)
    assert code == 0
    page = (acme / "public" / "index.html").read_text()
    assert '<meta name="robots" content="index, follow">' in page
    assert '<meta name="description" content="OKRs &amp; more">' in page
    lunr = acme / "public" / "assets" / "javascripts" / "lunr" / "min"
    assert sorted(p.name for p in lunr.iterdir()) == [
        "lunr.de.min.js",
        "lunr.multi.min.js",
        "lunr.stemmer.support.min.js",
    ]
