"""okrctl uses click's public API only: a private module (`click._termui_impl`) may change in any
click release without notice."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from okrctl.site.progress import Bars

PACKAGE = Path(__file__).resolve().parents[1] / "okrctl"


def _private_imports(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
    return [
        n for n in names if n.startswith("click.") and any(p.startswith("_") for p in n.split("."))
    ]


def test_no_module_imports_a_private_click_module() -> None:
    found = {
        path.relative_to(PACKAGE.parent).as_posix(): private
        for path in sorted(PACKAGE.rglob("*.py"))
        if (private := _private_imports(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_guard_sees_a_private_import() -> None:
    tree = ast.parse("from click._termui_impl import ProgressBar\nimport click._compat\n")
    assert _private_imports(tree) == [
        "click._termui_impl",
        "click._termui_impl.ProgressBar",
        "click._compat",
    ]


def test_progress_bars_draw_each_phase_and_end_it(capsys: pytest.CaptureFixture[str]) -> None:
    bars = Bars()
    bars.phase("rendering pages", 3)
    bars.advance(2)
    bars.advance()
    bars.phase("writing the site")  # ends the bar of the phase before
    bars.finish()
    bars.finish()  # twice is harmless
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("okrctl: rendering pages")
    assert err.splitlines()[-1] == "okrctl: writing the site"
