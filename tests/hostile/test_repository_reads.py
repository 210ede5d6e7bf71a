"""What a pull request can put in the repository to make `okrctl build` (run on every pull
request) or `okrctl sync` read what it must not, or run code: symlinks to `.git/config` (where
actions/checkout keeps the token) or out of the repository, `hooks:`, `!ENV` and Python tags in
site/mkdocs.yml, a Markdown extension that includes files, a template folder elsewhere."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from okrctl import cli
from tests.findings import findings, where
from tests.lifecycle.conftest import FIXTURE
from tests.site.conftest import ACME

pytestmark = pytest.mark.posix  # symbolic links

TOKEN = "c2VjcmV0LXRva2VuLWZyb20tY2hlY2tvdXQ="
TODAY = "2026-11-22"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The acme repository as a git clone whose config holds a checkout's token."""
    root = tmp_path / "acme"
    shutil.copytree(ACME, root)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(
        ["git", "-C", str(root), "config", "http.https://github.com/.extraheader",
         f"AUTHORIZATION: basic {TOKEN}"],
        check=True,
    )  # fmt: skip
    (tmp_path / "outside.txt").write_text(f"outside {TOKEN}\n")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def build(capsys: pytest.CaptureFixture[str], out: str = "public") -> tuple[int, str]:
    capsys.readouterr()
    code = cli.run(["build", "--out", out, "--today", TODAY])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _no_token_published(root: Path) -> None:
    for top, _, files in os.walk(root / "public"):
        for name in files:
            assert TOKEN.encode() not in (Path(top) / name).read_bytes(), name


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)


# --------------------------------------------------------------------------- symlinks


@pytest.mark.parametrize(
    ("link", "target", "why"),
    [
        ("site/leak.txt", "../.git/config", "leads into .git/"),
        ("site/img/leak.md", "../../../outside.txt", "leads outside the repository"),
        ("site/overrides/partials/copyright.html", "../../../.git/config", "leads into .git/"),
        ("site/overrides/main.html", "/etc/passwd", "leads outside the repository"),
        ("site/gitdir", "../.git", "leads into .git/"),
    ],
)
def test_build_refuses_a_site_file_that_leads_out(repo, capsys, link, target, why):
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    (repo / link).symlink_to(target)
    code, out = build(capsys)
    assert code == 2, out
    assert f"okrctl: {link} {why}" in out
    assert not (repo / "public").exists()


def test_a_template_reached_through_a_linked_folder_is_checked(repo, capsys):
    # Jinja's loader follows a linked folder; its files obey the path rule like any other.
    (repo / "tpl").mkdir()
    (repo / "tpl/copyright.html").symlink_to("../.git/config")
    (repo / "site/overrides").mkdir(parents=True)
    (repo / "site/overrides/partials").symlink_to("../../tpl")
    (repo / "site/overrides/loop").symlink_to(".")  # walked once, not forever
    code, out = build(capsys)
    assert code == 2, out
    assert "site/overrides/partials/copyright.html " in out and " into .git/" in out
    assert not (repo / "public").exists()


def test_a_symlink_inside_the_repository_is_still_published(repo, capsys):
    _write(repo, "docs/about.md", "# About us\n")
    (repo / "site" / "about.md").parent.mkdir(exist_ok=True)
    (repo / "site" / "about.md").symlink_to("../docs/about.md")
    code, out = build(capsys)
    assert code == 0, out
    assert "About us" in (repo / "public" / "about.html").read_text()


def test_a_custom_dir_in_git_or_outside_is_refused(repo, capsys):
    _write(repo, "site/mkdocs.yml", "theme:\n  custom_dir: ../.git\n")
    code, out = build(capsys)
    assert code == 2 and "`theme.custom_dir` leads into .git/" in out
    _write(repo, "site/mkdocs.yml", "theme:\n  custom_dir: ../..\n")
    code, out = build(capsys)
    assert code == 2 and "`theme.custom_dir` leads outside the repository" in out


def test_an_okr_file_linked_to_git_config_is_a_finding(repo, capsys):
    (repo / "okrs" / "config.yaml").symlink_to("../.git/config")
    capsys.readouterr()
    code = cli.run(["check", "--no-cache", "--today", TODAY, "--format", "text"])
    out = capsys.readouterr().out
    assert code == 1
    assert ("okrs/config.yaml", 1, 1, "OKR109") in where(out)
    assert TOKEN not in out


def test_a_metric_source_linked_to_git_config_is_never_read(tmp_path, capsys, monkeypatch):
    """The column names the token's line: reading the file would show part of it."""
    small = tmp_path / "small"
    shutil.copytree(FIXTURE, small)
    subprocess.run(["git", "init", "-q", str(small)], check=True)
    subprocess.run(
        ["git", "-C", str(small), "config", "http.https://github.com/.extraheader",
         f"AUTHORIZATION: basic {TOKEN}"],
        check=True,
    )  # fmt: skip
    leads = small / "okrs/2026-Q4/sales/leads-q4.yaml"
    leads.write_text(
        leads.read_text().replace(
            "    confidence: 0.5\n    checkins:",
            "    confidence: 0.5\n    source: {path: metrics/leads.csv, column: '\\tAUTHORIZATION: basic "
            f"{TOKEN}'}}\n    checkins:",
        )
    )
    (small / "metrics").mkdir()
    (small / "metrics" / "leads.csv").symlink_to("../.git/config")
    monkeypatch.chdir(small)
    capsys.readouterr()
    code = cli.run(["sync", "--date", "2026-11-20", "--format", "text"])
    out = capsys.readouterr()
    assert code == 1
    assert where(out.out) == [("okrs/2026-Q4/sales/leads-q4.yaml", 25, 20, "OKR810")]
    assert findings(out.out)[0].message.startswith("metrics/leads.csv ")
    assert "[http" not in out.out + out.err  # no line of the file is shown


# --------------------------------------------------------------------------- code in mkdocs.yml


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("hooks:\n  - hooks/evil.py\n", "`hooks` run Python files from the repository"),
        ("copyright: !ENV GITHUB_TOKEN\n", "`!ENV` is refused"),
        ("copyright: !ENV [GITHUB_TOKEN, none]\n", "`!ENV` is refused"),
        (
            'copyright: !!python/object/apply:os.system ["touch PWNED"]\n',
            "could not determine a constructor",
        ),
        ("copyright: !!python/name:os.system\n", "`!!python/name:os.system` is refused"),
        ("INHERIT: ../.git/config\n", "`INHERIT` reads another file"),
        ("markdown_extensions:\n  - pymdownx.snippets\n", "'pymdownx.snippets' extension"),
        (
            "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [.git]\n",
            "'pymdownx.snippets' extension",
        ),
        # Python-Markdown reads `module:Class` too, and calls what it names with the options
        (
            "markdown_extensions:\n  - pymdownx.snippets:SnippetExtension\n",
            "'pymdownx.snippets' extension",
        ),
        (
            "markdown_extensions:\n  pymdownx.snippets:SnippetExtension: {base_path: [.git]}\n",
            "'pymdownx.snippets' extension",
        ),
        (
            "markdown_extensions:\n  - subprocess:run:\n      args: touch PWNED\n      shell: true\n",
            "'subprocess:run' does not name a class of Markdown extensions",
        ),
        # nested mkdocs.yml files read by mkdocs' own loader: their `hooks` would run
        ("plugins:\n  - material/projects\n", "'material/projects' plugin builds"),
        (
            "markdown_extensions:\n  - markdown.extensions.toc:__class__\n",
            "does not name a class of Markdown extensions",
        ),
    ],
)
def test_build_refuses_code_and_environment_in_mkdocs_yml(repo, capsys, config, message):
    _write(repo, "hooks/evil.py", "import pathlib\npathlib.Path('PWNED').write_text('x')\n")
    _write(repo, "site/mkdocs.yml", config)
    _write(repo, "site/page.md", '--8<-- ".git/config"\n')
    code, out = build(capsys)
    assert code == 2, out
    assert message in out
    assert not (repo / "PWNED").exists()
    assert not (repo / "public").exists()


def test_a_markdown_extension_from_the_repository_is_refused(repo, capsys, monkeypatch):
    _write(repo, "evilext.py", "import pathlib\npathlib.Path('PWNED').write_text('x')\n")
    monkeypatch.syspath_prepend(str(repo))  # as `python -m okrctl` run from the root would
    _write(repo, "site/mkdocs.yml", "markdown_extensions:\n  - evilext\n")
    code, out = build(capsys)
    assert code == 2 and "'evilext' would be imported from the repository" in out
    assert not (repo / "PWNED").exists()


def test_a_markdown_extension_class_from_the_repository_is_refused(repo, capsys, monkeypatch):
    _write(repo, "evilext.py", "import pathlib\npathlib.Path('PWNED').write_text('x')\n")
    monkeypatch.syspath_prepend(str(repo))
    _write(repo, "site/mkdocs.yml", "markdown_extensions:\n  - evilext:Ext\n")
    code, out = build(capsys)
    assert code == 2 and "'evilext:Ext' would be imported from the repository" in out
    assert not (repo / "PWNED").exists()


def test_an_installed_extension_class_may_be_named(repo, capsys):
    _write(
        repo, "site/mkdocs.yml", "markdown_extensions:\n  - markdown.extensions.toc:TocExtension\n"
    )
    code, out = build(capsys)
    assert code == 0, out


@pytest.mark.parametrize(
    "name",
    [
        "material.plugins.blog.plugin.rmtree",  # shutil.rmtree, imported by the module
        "pymdownx.util.url2pathname",
        "material.plugins.info.plugin._load_yaml",  # private: mkdocs' loader, `!ENV` and all
        "material.plugins.blog.plugin.BlogPlugin",  # a class, not a function
    ],
)
def test_only_functions_a_module_defines_may_be_named(repo, capsys, tmp_path, name):
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True)
    _write(
        repo,
        "site/mkdocs.yml",
        f"markdown_extensions:\n  - toc:\n      slugify: !!python/name:{name}\n",
    )
    _write(repo, "site/page.md", f"# {victim}\n\ntext\n")
    code, out = build(capsys)
    assert code == 2, out
    assert f"`!!python/name:{name}` is refused" in out
    assert (victim / "sub").is_dir()


def test_material_functions_may_still_be_named(repo, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    _write(
        repo,
        "site/mkdocs.yml",
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n",
    )
    code, out = build(capsys)
    assert code == 0, out
    _no_token_published(repo)


def test_a_configuration_linked_to_git_config_is_refused(repo, capsys):
    (repo / "okrctl.yaml").unlink(missing_ok=True)
    (repo / "okrctl.yaml").symlink_to(".git/config")
    capsys.readouterr()
    code = cli.run(["check", "--no-cache", "--today", TODAY])
    out = capsys.readouterr()
    assert code == 2
    assert "\nokrctl.yaml:1:1: okrctl.yaml " in out.err and " into .git/" in out.err
    assert TOKEN not in out.out + out.err


def test_a_broken_mkdocs_yml_cannot_forge_an_annotation(repo, capsys):
    _write(repo, "site/mkdocs.yml", "copyright: x\n::error file=README.md::forged: [\n")
    code, out = build(capsys)
    assert code == 2
    assert not any(line.lstrip().startswith("::") for line in out.splitlines()), out
