"""The run cache stores a check's diagnostics and gives back the same values, or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrctl.cache import RunCache
from okrctl.diagnostics import Diagnostic, Severity

STORED = [
    Diagnostic("okrs/a.yaml", 3, 5, "OKR700", Severity.WARNING, "stale"),
    Diagnostic("okrs/a.yaml", 9, 1, "OKR510", Severity.ERROR, "not acknowledged"),
    Diagnostic("okrs/ü \udcff\n.yaml", 1, 1, "OKR700", Severity.INFO, "\x1b[31m 50%"),
    Diagnostic("okrctl.yaml", 2, 7, "config", Severity.ERROR, ""),
]


def _cache(tmp_path: Path) -> RunCache:
    return RunCache(tmp_path / "cache", tmp_path, ["scope"])


def test_what_is_stored_comes_back_equal(tmp_path: Path) -> None:
    cache = _cache(tmp_path)
    cache.put("k", STORED[:3] + STORED[3:], ["okrs/a.yaml", "okrs/b.yaml"])
    # a file name that is not UTF-8 cannot be stored: nothing is, and the check goes on
    assert cache.get("k") is None
    cache.put("k", [d for d in STORED if "\udcff" not in d.file], ["okrs/a.yaml"])
    found = cache.get("k")
    assert found == ([d for d in STORED if "\udcff" not in d.file], ["okrs/a.yaml"])
    assert found is not None and all(type(d) is Diagnostic for d in found[0])
    assert [type(d.severity) for d in found[0]] == [Severity] * 3
    assert cache.get("another key") is None
    cache.put("k", [], [])
    assert cache.get("k") == ([], [])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("line", ["3", 9, 1]),
        ("line", [3, 9]),
        ("column", [5.0, 1, 1]),
        ("severity", [2, 3, 4]),
        ("severity", [2, 3, True]),
        ("file", [0, 0, 1]),
        ("file", [0, -1, 0]),
        ("code", [0, 1, 2]),
        ("message", ["stale", None, "x"]),
        ("names", "okrs/a.yaml"),
    ],
)
def test_a_damaged_cache_is_a_miss_never_an_error(
    tmp_path: Path, field: str, value: object
) -> None:
    cache = _cache(tmp_path)
    cache.put("k", [STORED[0], STORED[1], STORED[0]._replace(line=7)], ["okrs/a.yaml"])
    assert cache.get("k") is not None
    document = json.loads(cache.path.read_text(encoding="utf-8"))
    document["diagnostics"][field] = value
    cache.path.write_text(json.dumps(document), encoding="utf-8")
    assert cache.get("k") is None
