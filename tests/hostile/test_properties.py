"""Property-based: no input makes the loader, the validator or the checker raise or hang."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrctl import engine
from okrctl.diagnostics import Diagnostic
from okrctl.load import compose, load_bytes, parse_fast, parse_text
from okrctl.validate import validate
from tests.conftest import CASES

BOUND = settings(
    max_examples=150,
    deadline=dt.timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        ["no", "on", "1.10", "2026-10-01", "2026-02-30", "~", "&a", "*a", "<<", "!!str"]
    ),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=40,
)

FIELDS = ["apiVersion", "kind", "id", "title", "level", "unit", "owner", "period", "parent",
          "type", "depends_on", "key_results", "baseline", "target", "current", "direction",
          "checkins", "date", "value", "metric", "done", "weight", "confidence"]  # fmt: skip
near_valid = st.fixed_dictionaries(
    {"apiVersion": st.just("okrctl/v1"), "kind": st.sampled_from(["Objective", "Organization"])},
    optional=dict.fromkeys(FIELDS[2:], documents),
)


def _sane(diagnostics: list[Diagnostic], text: str) -> None:
    # YAML breaks lines at \n, \r, NEL, LS and PS
    lines = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") + 2
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert 1 <= d.line <= lines and d.column >= 1
        assert d.message and d.code.startswith("OKR")


@BOUND
@given(st.binary(max_size=2048))
def test_random_bytes(data: bytes) -> None:
    parsed = load_bytes(data, "f.yaml")
    _, problems = validate(parsed)
    _sane([*parsed.diagnostics, *problems], data.decode("utf-8", "replace"))


@BOUND
@given(documents, st.sampled_from(["block", "flow"]))
def test_random_yaml(document: Any, style: str) -> None:
    text = yaml.safe_dump(document, default_flow_style=style == "flow", allow_unicode=True)
    parsed = load_bytes(text.encode(), "f.yaml")
    _, problems = validate(parsed)
    _sane([*parsed.diagnostics, *problems], text)


@BOUND
@given(near_valid)
def test_near_valid_documents(document: dict[str, Any]) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    parsed = load_bytes(text.encode(), "f.yaml")
    model, problems = validate(parsed)
    assert (model is None) == bool(parsed.diagnostics or problems)
    _sane([*parsed.diagnostics, *problems], text)


@settings(
    max_examples=40, deadline=dt.timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.one_of(near_valid, documents), min_size=1, max_size=6))
def test_whole_checker_on_random_repositories(files: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(CASES / "ok-minimal" / "okrs", root / "okrs")
        for i, document in enumerate(files):
            (root / "okrs" / f"f{i}.yaml").write_text(yaml.safe_dump(document, allow_unicode=True))
        result = engine.check_repository(root, [root / "okrs"])
        assert all(isinstance(d, Diagnostic) for d in result.diagnostics)


@BOUND
@given(documents, st.sampled_from(["block", "flow"]))
def test_the_fast_path_agrees_with_the_exact_path(document: Any, style: str) -> None:
    """The C-composed fast path answers only when it gets exactly what the event path does."""
    text = yaml.safe_dump(document, default_flow_style=style == "flow", allow_unicode=True)
    fast = parse_fast(text)
    exact = parse_text(text, "f.yaml")
    if fast is not None:
        assert exact.diagnostics == []
        assert fast == exact.data
    elif isinstance(document, dict) and not any(m in text for m in ("&", "*", "!", "<<")):
        assert exact.data is None or (exact.diagnostics == [] and not document)


@BOUND
@given(documents, st.sampled_from(["block", "flow"]))
def test_the_fast_path_places_every_field_where_the_exact_path_does(
    document: Any, style: str
) -> None:
    """Positions recorded by the first parse, whichever path read the file, are the same."""
    text = yaml.safe_dump(document, default_flow_style=style == "flow", allow_unicode=True)
    fast = compose(text, "f.yaml")
    if fast is not None:
        exact = parse_text(text, "f.yaml").source
        last = next(reversed(exact.entries))
        wrong = [(*last, "missing"), (*last, 0), (*last, -1), (0,), ("missing", 0)]
        for path in [*exact.entries, ("missing",), *wrong]:
            for at in ("key", "value"):
                assert fast.source.locate(path, at) == exact.locate(path, at), (path, at)
            assert fast.source.source_text(path) == exact.source_text(path)
        assert fast.source.entries == exact.entries


@BOUND
@given(st.binary(max_size=1024))
def test_the_fast_path_never_accepts_what_the_exact_path_refuses(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    fast = parse_fast(text)
    if fast is not None:
        exact = parse_text(text, "f.yaml")
        assert exact.diagnostics == [] and exact.data == fast
