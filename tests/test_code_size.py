"""The size limits a newcomer can read within: no function in `okrctl/` over cyclomatic
complexity 20 and no module over 400 lines (issue 11).

Complexity is radon's (branches, loops, `except`, boolean operators and comprehensions each
count), the measure the refactor was judged by; ruff's mccabe check counts fewer branches, so it
would let a function through that radon calls 25. Lines are physical lines, docstrings included.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from radon.complexity import cc_visit
from radon.visitors import Class, Function

PACKAGE = Path(__file__).resolve().parents[1] / "okrctl"
MAX_COMPLEXITY = 20
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _functions(blocks: list[Function | Class], prefix: str = "") -> Iterator[tuple[str, int]]:
    """Every function, method and nested function with its complexity, named as radon's report
    names them (`Class.method`, `outer.inner`)."""
    stack = [(prefix, block) for block in blocks]
    while stack:
        outer, block = stack.pop()
        if isinstance(block, Class):
            name = f"{outer}{block.name}."
            stack.extend((name, method) for method in block.methods)
            stack.extend((name, inner) for inner in block.inner_classes)
            continue
        name = f"{outer}{block.name}"
        yield name, block.complexity
        stack.extend((f"{name}.", closure) for closure in block.closures)


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def test_the_package_is_measured() -> None:
    modules = _modules()
    assert len(modules) > 100
    assert PACKAGE / "cli.py" in modules


@pytest.mark.parametrize("path", _modules(), ids=_relative)
def test_no_function_is_over_the_complexity_limit(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    over = {name: score for name, score in _functions(cc_visit(source)) if score > MAX_COMPLEXITY}
    assert over == {}, f"{_relative(path)}: split these by meaning (STYLE.md): {over}"


@pytest.mark.parametrize("path", _modules(), ids=_relative)
def test_no_module_is_over_the_line_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{_relative(path)} has {lines} lines; split it by meaning"


def test_the_measure_sees_a_function_over_the_limit() -> None:
    """The check itself: a function with 21 branches is reported, nested inside a class method."""
    branches = "".join(f"        if x == {n}:\n            return {n}\n" for n in range(20))
    source = f"class A:\n    def outer(self, x):\n        def inner(x):\n{branches.replace('        ', '            ')}            return -1\n        return inner(x)\n"
    scores = dict(_functions(cc_visit(source)))
    assert scores["A.outer.inner"] == 21
    assert scores["A.outer"] == 1
