"""The layered mkdocs configuration and the generated Markdown files."""

from __future__ import annotations

from pathlib import Path

import yaml

from okrctl.site import docs_folder, mkdocs_build, mkdocs_settings
from okrctl.site.templates import Page


def test_merge_mappings_key_by_key_and_replace_the_rest() -> None:
    base = {"theme": {"name": "material", "palette": [1, 2], "icon": {"logo": "a"}}, "x": [1]}
    over = {"theme": {"palette": [3], "icon": {"repo": "b"}}, "x": [2]}
    assert mkdocs_settings.merge(base, over) == {
        "theme": {"name": "material", "palette": [3], "icon": {"logo": "a", "repo": "b"}},
        "x": [2],
    }


def test_compose_layers_defaults_the_organisation_and_what_okrctl_needs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "overrides").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(
        "site_name: Our OKRs\nnav: [ignored.md]\nuse_directory_urls: true\n"
        "theme:\n  font: {text: Roboto}\n  features: [navigation.tabs]\n"
        "extra_css: [stylesheets/extra.css]\n"
    )
    settings = mkdocs_settings.compose(
        tmp_path,
        tmp_path / "docs",
        tmp_path / "out",
        site_name="Acme",
        nav=[{"Home": "index.md"}],
        not_in_nav=["/units/"],
    )
    assert settings["site_name"] == "Our OKRs"  # the site configuration is trusted
    assert settings["nav"] == [{"Home": "index.md"}]
    assert settings["use_directory_urls"] is False
    assert settings["theme"]["font"] is False
    assert settings["theme"]["features"] == ["navigation.tabs"]
    assert settings["theme"]["palette"][0]["scheme"] == "default"  # from okrctl's defaults
    assert settings["theme"]["custom_dir"] == str(site / "overrides")
    assert settings["extra_css"] == ["assets/okrctl/okrctl.css", "stylesheets/extra.css"]
    assert settings["plugins"] == ["search"]
    assert settings["docs_dir"] == str(tmp_path / "docs")


def test_front_matter_carries_any_title_escaped() -> None:
    page = Page("units/x/p.md", 'a "quoted"\ntitle: <b> & \\', "<p>body</p>", search=False)
    text = docs_folder.page_source(page)
    head, _, rest = text.removeprefix("---\n").partition("---\n")
    meta = yaml.safe_load(head)
    assert meta == {
        "title": "a &quot;quoted&quot;\ntitle: &lt;b&gt; &amp; \\",
        "search": {"exclude": True},
        "hide": ["toc"],
    }
    assert rest.strip() == mkdocs_build.MARKER


def test_organisation_files_skip_the_configuration_and_hidden_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("mkdocs.yml", "overrides/main.html", ".hidden/x.css", "img/logo.png", "a.md"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x")
    assert [rel for _, rel in docs_folder.organisation_files(tmp_path)] == ["a.md", "img/logo.png"]
