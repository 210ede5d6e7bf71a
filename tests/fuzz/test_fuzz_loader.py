"""Fuzzing the loader and the whole check: generated OKR files, up to 1 MB, read by `okrctl
check` (and `okrctl diff`'s side reading, through the same per-file phases)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import strategies as s
from tests.fuzz.harness import batch, for_the_budget, keep, okrctl, sandbox, within_bounds

FIXTURE = Path(__file__).resolve().parents[1] / "gitops" / "fixture"
TARGET = "okrs/2026-Q4/acme/fuzzed.yaml"


def _dumped(document: Any, flow: bool) -> str:
    try:
        return yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    except (yaml.YAMLError, ValueError, RecursionError):
        return str(document)


files = st.one_of(
    st.builds(
        lambda values, flow: _dumped(s.objective(values), flow),
        s.objective_values,
        st.booleans(),
    ),
    st.builds(_dumped, s.documents, st.booleans()),
    st.builds(
        lambda head, piece, times: head + s.repeat(piece, times),
        st.sampled_from(["", "apiVersion: okrctl/v1\nkind: Objective\nid: x\n", "checkins:\n"]),
        st.sampled_from(
            [
                "[",
                "{a: ",
                "- ",
                "  - date: 2026-10-01\n    value: 1\n",
                "a: &x b\n",
                "#\u202e\n",
                "\t",
            ]
        )
        | s.text,
        s.amplifier,
    ),
    st.binary(max_size=4096).map(lambda b: b.decode("latin-1")),
)


@batch(60)
@given(files)
def _one_batch(text: str) -> None:
    data = s.under_cap(text).encode("utf-8", "surrogatepass")
    with keep("loader", {"fuzzed.yaml": data}), sandbox() as repo:
        shutil.copytree(FIXTURE / "okrs", repo / "okrs")
        (repo / TARGET).write_bytes(data)
        outcome = okrctl(["check", "--no-cache", "--format", "json", "--today", "2026-11-22"], repo)
        within_bounds(outcome, "check")
        assert outcome.code in (0, 1, 2)


def test_the_loader_and_the_check_take_any_file() -> None:
    assert for_the_budget(_one_batch) >= 1
