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
        ("theme: 5\n", "site/mkdocs.yml: `theme` must be a mapping of settings"),
        ("theme: [material]\n", "site/mkdocs.yml: `theme` must be a mapping of settings"),
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


def test_a_theme_given_by_name_is_mkdocs_material(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """mkdocs' short form `theme: NAME` builds the site (always with mkdocs-material)."""
    (acme / "site").mkdir()
    (acme / "site/mkdocs.yml").write_text("theme: material\n")
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 0, err
