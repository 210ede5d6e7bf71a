"""Generated inputs for the fuzz targets: hostile text, YAML documents near the OKR format, and
the amplifiers that make a small input large (repetition up to 1 MB)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tests.fuzz.harness import MAX_INPUT

HOSTILE = [
    "../../../../x",
    "..\\..\\x",
    "/tmp/okrctl-fuzz-abs",
    "C:\\x",
    ".git/config",
    "{{ 7*7 }}",
    "{% include '/etc/passwd' %}",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "--8<-- '.git/config'",
    "\u202egnp.exe",
    "\x00",
    "\x1b[31m",
    "::error::x",
    '=HYPERLINK("http://x")',
    "https://a.example/" + ")" * 50,
    "a" * 400,
    "\ufeff",
    "\u2028",
    "-",
    "~",
    "null",
    "1e309",
    "2026-02-30",
    "",
    " ",
]
"""Text that has broken parsers, paths, templates and outputs before."""

text = st.one_of(st.text(max_size=60), st.sampled_from(HOSTILE))
"""Any text a user may type, with the hostile pieces weighted in."""

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    text,
    st.sampled_from(["2026-10-01", "2026-Q4", "okrctl/v1", "Objective", "Organization"]),
)

documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=6), st.dictionaries(text, children, max_size=6)
    ),
    max_leaves=30,
)


def repeat(piece: str, times: int) -> str:
    """`piece` repeated `times` times, kept under the input cap."""
    if not piece:
        return piece
    return piece * max(1, min(times, (MAX_INPUT - 1024) // len(piece.encode("utf-8"))))


amplifier = st.one_of(st.just(1), st.integers(min_value=1, max_value=200_000))
"""How many times a generated piece is repeated: mostly once, sometimes up to the cap."""


def under_cap(data: str) -> str:
    """`data` cut to stay under the input cap (in UTF-8)."""
    encoded = data.encode("utf-8")
    return data if len(encoded) < MAX_INPUT else encoded[: MAX_INPUT - 1].decode("utf-8", "ignore")


def objective(values: dict[str, Any]) -> dict[str, Any]:
    """A near-valid objective with `values` laid over it."""
    base: dict[str, Any] = {
        "apiVersion": "okrctl/v1",
        "kind": "Objective",
        "id": "grow-q4",
        "title": "Grow",
        "level": "strategic",
        "unit": "acme",
        "owner": "ada",
        "period": "2026-Q4",
        "key_results": [
            {
                "id": "arr",
                "title": "ARR grows",
                "metric": "arr",
                "unit": "EUR",
                "baseline": 1,
                "target": 2,
                "checkins": [{"date": "2026-10-05", "value": 1.5, "note": "ok"}],
            }
        ],
    }
    base.update(values)
    return base


FIELDS = ["id", "title", "description", "unit", "owner", "period", "parent", "level", "type",
          "depends_on", "acknowledges", "key_results", "links", "score", "retrospective",
          "weight", "status", "dropped_reason", "carried_from", "contributors"]  # fmt: skip
objective_values = st.dictionaries(st.sampled_from(FIELDS), documents, max_size=5)
