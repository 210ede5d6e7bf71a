"""Settings of site/mkdocs.yml of the wrong type are a configuration error, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrctl.errors import UsageError
from okrctl.site import refused_settings
from tests.site.test_build import build


@pytest.mark.parametrize(
    "config",
    [
        {"markdown_extensions": 5},
        {"markdown_extensions": [{1: None}]},
        {"plugins": 5},
        {"plugins": [{1: None}]},
        {"extra_css": 5},
        {"extra_javascript": True},
        {"extra": {"polyfills": 5}},
    ],
)
def test_a_setting_of_the_wrong_type_is_left_to_mkdocs_validation(
    tmp_path: Path, config: dict[str, object]
) -> None:
    refused_settings.refuse_code(tmp_path, config)
    refused_settings.refuse_network(config)


@pytest.mark.parametrize(
    ("plugins", "message"),
    [
        # mkdocs loads `privacy` as `material/privacy`: both spellings are the same plugin
        (["search", "material/privacy"], "the 'material/privacy' plugin downloads"),
        ({"material/social": {}}, "the 'material/social' plugin downloads fonts"),
        (["/offline"], "the '/offline' plugin adds a script"),
    ],
)
def test_a_denied_plugin_is_refused_by_any_name_mkdocs_loads_it_by(
    plugins: object, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        refused_settings.refuse_network({"plugins": plugins})


@pytest.mark.parametrize(
    ("plugins", "message"),
    [
        (["material/projects"], "'material/projects' plugin builds every projects/"),
        (["projects"], "'projects' plugin builds every projects/"),
        ([{"group": {"enabled": True, "plugins": ["privacy"]}}], "'group' plugin enables"),
        ({"material/info": {}}, "'material/info' plugin zips the repository"),
        ([{"optimize": {"cache_dir": "/tmp"}}], "'optimize' plugin runs pngquant"),
    ],
)
def test_a_plugin_that_runs_code_the_checks_never_see_is_refused(
    tmp_path: Path, plugins: object, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        refused_settings.refuse_code(tmp_path, {"plugins": plugins})


def test_a_denied_plugin_is_refused_in_mkdocs_mapping_form(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="the 'privacy' plugin downloads"):
        refused_settings.refuse_network({"plugins": {"privacy": {}}})


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("markdown_extensions: 5\n", "Invalid Markdown Extensions configuration"),
        ("markdown_extensions:\n  - 1: {}\n", "site/mkdocs.yml is not valid"),
        ("plugins: 5\n", "Invalid Plugins configuration"),
        ("extra_css: 5\n", "'extra_css'"),
        ("extra_javascript: 5\n", "'extra_javascript'"),
        # values the theme's templates loop over or read fields of: mkdocs does not check them
        ("extra:\n  polyfills: 5\n", "the theme's template base.html:"),
        ("extra:\n  social: 5\n", "the theme's template "),
        ("extra:\n  alternate: 5\n", "the theme's template "),
        ("extra:\n  social:\n    - icon: 5\n", "the theme's template social.html:"),
        ("theme:\n  features: 5\n", "the theme's template header.html:"),
        ("theme:\n  language: 5\n", "the theme's template language.html:"),
        ("theme: 5\n", "`theme` must be a theme's name or its settings"),
        ("theme: [material]\n", "`theme` must be a theme's name or its settings"),
    ],
)
def test_build_reports_a_setting_of_the_wrong_type(
    acme: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    config: str,
    message: str,
) -> None:
    (acme / "site").mkdir()
    (acme / "site/mkdocs.yml").write_text(config)
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 2, err
    assert message in err
    assert not (acme / "public").exists()


@pytest.mark.parametrize(
    "address",
    [
        " //evil.example/x.js",  # browsers strip leading spaces and control characters
        "/\t/evil.example/x.js",  # and drop tabs and line breaks anywhere
        "\\\\evil.example/x.js",  # and read a backslash as a slash
        "https:/evil.example/x.js",  # another host from a page served over http or from disk
        "HTTPS://evil.example/x.js",
    ],
)
def test_an_address_a_browser_reads_as_another_host_is_refused(address: str) -> None:
    for key in ("extra_css", "extra_javascript"):
        with pytest.raises(UsageError, match=f"`{key}` loads"):
            refused_settings.refuse_network({key: [address]})
    with pytest.raises(UsageError, match="`extra_javascript` loads"):
        refused_settings.refuse_network({"extra_javascript": [{"path": address}]})
    with pytest.raises(UsageError, match=r"`theme\.logo` points to another host"):
        refused_settings.refuse_network({"theme": {"logo": address}})


@pytest.mark.parametrize("address", ["js/local.js", "/abs/site.js", "a b.css", "x/y:z.js"])
def test_a_local_address_is_kept(address: str) -> None:
    refused_settings.refuse_network({"extra_javascript": [address], "extra_css": [address]})


def test_a_theme_named_alone_builds(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (acme / "site").mkdir()
    (acme / "site/mkdocs.yml").write_text("theme: material\n")
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 0, err


@pytest.mark.parametrize(
    "plugins",
    [
        [{"blog": {"blog_dir": "../../../../tmp/escape"}}],  # wrote index.md and index.html there
        [{"material/blog": {"post_dir": "/etc/posts"}}],
        {"tags": {"tags_file": "..\\..\\x.md"}},
    ],
)
def test_a_plugin_path_that_leads_out_is_refused(tmp_path: Path, plugins: object) -> None:
    with pytest.raises(UsageError, match="leads out of the site's folders"):
        refused_settings.refuse_code(tmp_path, {"plugins": plugins})


def test_a_plugin_path_inside_is_kept(tmp_path: Path) -> None:
    plugins = [{"blog": {"blog_dir": "news", "post_dir": "{blog}/posts"}}, "search"]
    refused_settings.refuse_code(tmp_path, {"plugins": plugins})


@pytest.mark.posix  # a symbolic link
@pytest.mark.parametrize(
    "extensions",
    [
        # pymdownx.b64 inlined any image under base_path: an <img> of /tmp/x.png was published
        [{"pymdownx.b64": {"base_path": "/"}}],
        {"pymdownx.b64": {"base_path": "../.."}},
        # material's emoji index read every SVG under custom_icons into the pages
        [{"pymdownx.emoji": {"options": {"custom_icons": ["site/icons", "/tmp"]}}}],
        [{"pymdownx.b64": {"base_path": "outside"}}],  # a link out of the repository
    ],
)
def test_an_extension_reading_files_outside_is_refused(tmp_path: Path, extensions: object) -> None:
    (tmp_path / "outside").symlink_to(tmp_path.parent)
    with pytest.raises(UsageError, match=r"leads out(side| of) the repository"):
        refused_settings.refuse_code(tmp_path, {"markdown_extensions": extensions})


def test_an_extension_reading_files_inside_is_kept(tmp_path: Path) -> None:
    extensions = [
        {"pymdownx.b64": {"base_path": "."}},
        {"pymdownx.emoji": {"options": {"custom_icons": ["site/overrides/.icons"]}}},
    ]
    refused_settings.refuse_code(tmp_path, {"markdown_extensions": extensions})
