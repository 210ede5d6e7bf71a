"""`okrctl build` warns when the palette's primary colour is below WCAG AA's 4.5:1."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrctl.site import palette
from tests.site.test_build import build


def test_contrast_ratio() -> None:
    assert palette.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert palette.contrast("#4051b5", "#ffffff") == pytest.approx(6.86, abs=0.01)


def test_named_colours_come_from_the_installed_material() -> None:
    colours = palette.material_colours()
    assert colours["indigo"].primary == "#4051b5"
    assert colours["amber"].header_text == "#000000"  # dark text on a light header


def test_warnings() -> None:
    def settings(primary: str) -> dict[str, object]:
        return {
            "theme": {
                "palette": [
                    {"scheme": "default", "primary": primary},
                    {"scheme": "slate", "primary": primary},
                ]
            }
        }

    assert palette.warnings(settings("indigo")) == []
    assert palette.warnings(settings("custom")) == []
    teal = palette.warnings(settings("teal"))
    assert len(teal) == 2
    assert "light palette's primary colour 'teal'" in teal[0] and "links 3.77:1" in teal[0]
    assert palette.warnings({"theme": {"palette": {"primary": "cyan"}}})


def test_build_warns_about_a_palette_below_aa(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (acme / "site").mkdir(exist_ok=True)
    (acme / "site" / "mkdocs.yml").write_text("theme:\n  palette:\n    primary: teal\n")
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 0
    assert (
        "okrctl: warning: site/mkdocs.yml: the light palette's primary colour 'teal' is below"
        in err
    )
    (acme / "site" / "mkdocs.yml").write_text("theme:\n  palette:\n    primary: indigo\n")
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 0 and "palette" not in err
