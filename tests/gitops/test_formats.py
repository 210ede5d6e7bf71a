"""The reporters of `okrctl diff`: exact output from a fixed report, and escaping."""

from __future__ import annotations

import io
import json

import pytest

from okrctl.diagnostics import Diagnostic, Severity
from okrctl.gitops.changes import FieldChange, ObjectiveChange, Unreadable
from okrctl.gitops.diff import Report
from okrctl.gitops.formats import RENDERERS
from okrctl.gitops.wording import markdown_code, markdown_text, plain_text

REPORT = Report(
    base="main (1111111)",
    head="working tree",
    objectives=[
        ObjectiveChange(
            "added", "new-q4", "A new one", "ops", "2026-Q4", "okrs/2026-Q4/ops/new-q4.yaml"
        ),
        ObjectiveChange(
            "changed",
            "b-q4",
            "B <em>",
            "sales",
            "2026-Q4",
            "okrs/2026-Q4/sales/b-q4.yaml",
            "okrs/2026-Q4/sales/a-q4.yaml",
            "a-q4",
            (
                FieldChange("renamed", "objective", "b-q4", "id", "a-q4", "b-q4"),
                FieldChange("moved", "objective", "b-q4", "period", "2026-Q3", "2026-Q4"),
                FieldChange("goalpost", "key result", "arr", "baseline", 10.0, 12.5, True),
                FieldChange("goalpost", "key result", "arr", "unit", "EUR", "k EUR", True),
                FieldChange("key-results", "key result", "nps", "added", None, "NPS | rises"),
                FieldChange("progress", "key result", "kit", "done", False, True),
                FieldChange("progress", "key result", "arr", "grade", None, 0.7),
                FieldChange("details", "objective", "b-q4", "description", "old", "new"),
                FieldChange("details", "objective", "b-q4", "acknowledges", ["x"], []),
            ),
        ),
    ],
    organization=[
        FieldChange("organization", "unit", "lab", "added", None, "lab"),
        FieldChange("organization", "person", "eve", "github", None, "eve-gh"),
        FieldChange("organization", "period", "2026-Q3", "closed", False, True),
        FieldChange("organization", "period", "2026-Q4", "end", "2026-12-31", "2027-01-15"),
    ],
    unreadable=[Unreadable("okrs/x y.yaml", "head", ("OKR100 3:1 YAML syntax error: `[`",))],
    introduced=[
        Diagnostic("okrs/x y.yaml", 3, 1, "OKR100", Severity.ERROR, "YAML syntax error: `[`")
    ],
    fixed=[
        Diagnostic(
            "okrs/2026-Q4/sales/a-q4.yaml",
            9,
            9,
            "OKR441",
            Severity.WARNING,
            "title has a number: 3|4",
        )
    ],
    scope="full",
    scope_note="every file checked on both sides",
)

MARKDOWN = (
    "### OKR changes: main \\(1111111\\) → working tree\n"
    "\n"
    "1 added · 1 changed · organisation changed · 2 goalposts moved in a closed period · "
    "1 finding introduced, 1 fixed · 1 unreadable\n"
    "\n"
    "⚠️ **Goalposts moved in a closed period**\n"
    "\n"
    "- `b-q4` (period `2026-Q4`): key result `arr` baseline 10 → 12.5\n"
    "- `b-q4` (period `2026-Q4`): key result `arr` unit &quot;EUR&quot; → &quot;k EUR&quot;\n"
    "\n"
    "#### Added (1)\n"
    "\n"
    "- `new-q4`: A new one (unit `ops`, period `2026-Q4`)\n"
    "\n"
    "#### Changed (1)\n"
    "\n"
    "- `b-q4`: B &lt;em&gt; (unit `sales`, period `2026-Q4`)\n"
    "    - renamed: id `a-q4` → `b-q4`\n"
    "    - moved: period `2026-Q3` → `2026-Q4`\n"
    "    - ⚠️ goalpost moved: key result `arr` baseline 10 → 12.5\n"
    "    - ⚠️ goalpost moved: key result `arr` unit &quot;EUR&quot; → &quot;k EUR&quot;\n"
    "    - key results: added `nps`: &quot;NPS \\| rises&quot;\n"
    "    - progress: key result `kit` done no → yes\n"
    "    - progress: key result `arr` grade none → 0.7\n"
    "    - edited: description\n"
    "    - edited: acknowledges: removed `x`\n"
    "\n"
    "#### Organisation\n"
    "\n"
    "- unit `lab` added\n"
    "- person `eve` github none → `eve-gh`\n"
    "- period `2026-Q3` closed\n"
    "- period `2026-Q4` end `2026-12-31` → `2027-01-15`\n"
    "\n"
    "#### Findings introduced (1)\n"
    "\n"
    "| Severity | Code | Where | Message |\n"
    "| --- | --- | --- | --- |\n"
    "| error | `OKR100` | `okrs/x y.yaml:3:1` | YAML syntax error: \\`\\[\\` |\n"
    "\n"
    "#### Findings fixed (1)\n"
    "\n"
    "| Severity | Code | Where | Message |\n"
    "| --- | --- | --- | --- |\n"
    "| warning | `OKR441` | `okrs/2026-Q4/sales/a-q4.yaml:9:9` | title has a number: 3\\|4 |\n"
    "\n"
    "#### Files that do not load\n"
    "\n"
    "- `okrs/x y.yaml` in working tree: OKR100 3:1 YAML syntax error: \\`\\[\\`\n"
    "\n"
    "<sub>Scope: every file checked on both sides.</sub>\n"
)

TEXT = (
    "OKR changes: main (1111111) -> working tree\n"
    "1 added, 1 changed, organisation changed, 2 goalposts moved in a closed period, "
    "1 finding introduced, 1 fixed, 1 unreadable\n"
    "added new-q4: A new one [ops, 2026-Q4]\n"
    "changed b-q4: B <em> [sales, 2026-Q4]\n"
    "    renamed: id a-q4 -> b-q4\n"
    "    moved: period 2026-Q3 -> 2026-Q4\n"
    "    goalpost moved: key result arr baseline 10 -> 12.5  !! closed period\n"
    '    goalpost moved: key result arr unit "EUR" -> "k EUR"  !! closed period\n'
    '    key results: added nps: "NPS | rises"\n'
    "    progress: key result kit done no -> yes\n"
    "    progress: key result arr grade none -> 0.7\n"
    "    edited: description\n"
    "    edited: acknowledges: removed x\n"
    "organisation: unit lab added\n"
    "organisation: person eve github none -> eve-gh\n"
    "organisation: period 2026-Q3 closed\n"
    "organisation: period 2026-Q4 end 2026-12-31 -> 2027-01-15\n"
    "introduced: okrs/x y.yaml:3:1: error OKR100 YAML syntax error: `[`\n"
    "fixed: okrs/2026-Q4/sales/a-q4.yaml:9:9: warning OKR441 title has a number: 3|4\n"
    "unreadable in working tree: okrs/x y.yaml: OKR100 3:1 YAML syntax error: `[`\n"
    "scope: every file checked on both sides\n"
)


def _render(name: str) -> str:
    stream = io.StringIO()
    RENDERERS[name]().write(REPORT, stream)
    return stream.getvalue()


def test_markdown():
    assert _render("markdown") == MARKDOWN


def test_text():
    assert _render("text") == TEXT


def test_json():
    document = json.loads(_render("json"))
    assert document["objectives"][1]["changes"][2] == {
        "category": "goalpost",
        "of": "key result",
        "ref": "arr",
        "field": "baseline",
        "old": 10.0,
        "new": 12.5,
        "closed_period": True,
    }
    assert document["organization"][3]["new"] == "2027-01-15"
    assert document["findings"]["fixed"][0]["code"] == "OKR441"
    assert document["unreadable"] == [
        {"file": "okrs/x y.yaml", "side": "head", "problems": ["OKR100 3:1 YAML syntax error: `[`"]}
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("@org/team please", "@&#8203;org/team please"),
        ("a\nb\r\nc\u2028d", "a b c d"),
        ("| x | y |", "\\| x \\| y \\|"),
        ("[x](javascript:y)", "\\[x\\]\\(javascript:y\\)"),
        (
            "**bold** _it_ `code` ~~s~~ $x$",
            "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\$x\\$",
        ),
        ("# heading", "\\#&#8203; heading"),
        ("see #12 and acme/okrs#3", "see \\#&#8203;12 and acme/okrs\\#&#8203;3"),
        ("&amp;", "&amp;amp;"),
    ],
)
def test_markdown_text_is_inert(text, expected):
    assert markdown_text(text) == expected


def test_markdown_code_only_wraps_what_cannot_break_out():
    assert markdown_code("okrs/2026-Q4/a.yaml:3:1") == "`okrs/2026-Q4/a.yaml:3:1`"
    assert markdown_code("a`b") == "a\\`b"
    assert markdown_code("<b>") == "&lt;b&gt;"
    assert markdown_code("x|y") == "x\\|y"


def test_plain_text_shows_control_characters():
    assert plain_text("a\x1b[31mb\x07\n") == "a\\x1b[31mb\\x07\\x0a"


def test_a_huge_markdown_diff_is_cut_to_fit_a_job_summary(monkeypatch):
    from okrctl.gitops import formats

    monkeypatch.setattr(formats, "MAX_MARKDOWN_BYTES", 300)
    text = _render("markdown")
    assert len(text.encode()) < 300 + 200
    assert "**… cut here: " in text
    assert text.endswith("<sub>Scope: every file checked on both sides.</sub>\n")
    assert formats._fit(["a", "b"], 4) == ["a", "b"]
    assert formats._fit(["a", "b", "c"], 4) == [
        "a",
        "b",
        "",
        "**… cut here: 1 more line.** Run `okrctl diff` for the whole diff.",
        "",
    ]
