"""Every module and package directly under okrctl/ belongs to a layer of the import-linter
contract in pyproject.toml, so a new one cannot be forgotten (a module in no layer may import
anything, and `lint-imports` would not say so)."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from tests.conftest import REPO

PACKAGE = REPO / "okrctl"
ENTRY_POINTS = {"__init__", "__main__"}
"""The package itself and `python -m okrctl`, which only calls the CLI."""


def layers() -> list[str]:
    config: dict[str, Any] = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in contracts if c["type"] == "layers"]
    found: list[str] = contract["layers"]
    return found


def named(layer_list: list[str]) -> list[str]:
    """The top-level names of okrctl in the layers (`okrctl.a | okrctl.b : okrctl.c`)."""
    return [match[1] for layer in layer_list for match in re.finditer(r"okrctl\.(\w+)", layer)]


def top_level() -> set[str]:
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    return (modules | packages) - ENTRY_POINTS


def test_every_top_level_module_is_in_a_layer() -> None:
    missing = sorted(top_level() - set(named(layers())))
    assert missing == [], "add them to the layers contract in pyproject.toml, where they belong"


def test_the_layers_name_only_modules_that_exist_and_each_once() -> None:
    names = named(layers())
    assert sorted(set(names) - top_level()) == []
    assert len(names) == len(set(names))


def test_the_check_sees_a_missing_module() -> None:
    """Not vacuous: the layers without their last module lack it."""
    dropped = named(layers())[-1]
    without = [re.sub(rf"okrctl\.{dropped}\b", "", layer) for layer in layers()]
    assert dropped in top_level() - set(named(without))
