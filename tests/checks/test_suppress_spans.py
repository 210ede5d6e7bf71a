"""Suppression comments are read with tokens scanned only as far as needed: the same directives
as a scan of every token, wherever the comments stand in a document."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from okrctl import suppress

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _EveryToken:
    """The spans of every token of the text, read up front (what `scan` did before)."""

    def __init__(self, text: str) -> None:
        self.starts: list[tuple[int, int]] = []
        self.ends: list[tuple[int, int]] = []
        for token in yaml.scan(text, Loader=_Loader):
            start = (token.start_mark.line, token.start_mark.column)
            end = (token.end_mark.line, token.end_mark.column)
            if end > start:
                self.starts.append(start)
                self.ends.append(end)

    def inside(self, position: tuple[int, int]) -> bool:
        i = bisect.bisect_right(self.starts, position) - 1
        return i >= 0 and position < self.ends[i]


texts = st.text(st.sampled_from("ab #:'\"|>-\n"), max_size=12)
documents = st.recursive(
    st.one_of(st.integers(), texts),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(texts, children, max_size=4)
    ),
    max_leaves=20,
)
COMMENTS = ["# okrctl: disable=OKR430", "# okrctl: disable-file=few-and-focused", "# okrctl: x"]


@settings(
    max_examples=300, deadline=dt.timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow]
)
@given(
    documents,
    st.sampled_from(["block", "flow"]),
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(COMMENTS), st.booleans()), max_size=4),
)
def test_reading_as_far_as_needed_finds_what_reading_everything_finds(
    document: Any, style: str, comments: list[tuple[int, str, bool]]
) -> None:
    lines = yaml.safe_dump(document, default_flow_style=style == "flow").splitlines()
    for at, comment, own_line in comments:
        where = at % (len(lines) + 1)
        if own_line or where == len(lines):
            lines.insert(where, comment)
        else:
            lines[where] += f"  {comment}"
    text = "\n".join(lines) + "\n"
    try:  # `scan` is asked about documents that parsed (else their syntax error is reported)
        yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        assume(False)
    expected = suppress._directives(text, _EveryToken(text))  # type: ignore[arg-type]
    assert suppress.scan(text) == expected
