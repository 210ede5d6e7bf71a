"""Each reporter's exact output for a fixed list of diagnostics."""

from __future__ import annotations

import io
import json

import pytest

from okrctl.diagnostics import Diagnostic, Severity, ordered
from okrctl.report import GithubReporter, JsonReporter, TextReporter
from okrctl.safetext import github_data, github_property, json_text, terminal

DIAGNOSTICS = ordered(
    [
        Diagnostic("okrs/b.yaml", 3, 1, "OKR201", Severity.ERROR, "unknown field `x`"),
        Diagnostic("okrs/a.yaml", 9, 5, "OKR410", Severity.WARNING, "50% done, line\nbreak"),
        Diagnostic("okrs/a.yaml", 9, 5, "OKR202", Severity.ERROR, "missing `title`"),
        Diagnostic("okrs/my file: x,y%.yaml", 1, 1, "OKR100", Severity.INFO, "note"),
    ]
)


def render(reporter: object) -> str:
    stream = io.StringIO()
    reporter.write(DIAGNOSTICS, 7, stream)  # type: ignore[attr-defined]
    return stream.getvalue()


def test_order_is_file_line_column_code() -> None:
    assert [(d.file, d.code) for d in DIAGNOSTICS] == [
        ("okrs/a.yaml", "OKR202"),
        ("okrs/a.yaml", "OKR410"),
        ("okrs/b.yaml", "OKR201"),
        ("okrs/my file: x,y%.yaml", "OKR100"),
    ]


def test_text() -> None:
    assert render(TextReporter()) == (
        "okrs/a.yaml:9:5: error OKR202 missing `title`\n"
        "okrs/a.yaml:9:5: warning OKR410 50% done, line\\x0abreak\n"
        "okrs/b.yaml:3:1: error OKR201 unknown field `x`\n"
        "okrs/my file: x,y%.yaml:1:1: info OKR100 note\n"
        "by code:\n"
        "      1 error OKR201\n"
        "      1 error OKR202\n"
        "      1 warning OKR410\n"
        "      1 info OKR100\n"
        "2 errors, 1 warning, 1 info in 7 files\n"
    )


def test_text_counts_by_code_put_errors_first_then_the_most_frequent() -> None:
    many = [Diagnostic("a.yaml", n, 1, "OKR400", Severity.INFO, "x") for n in range(1, 101)]
    many += [Diagnostic("b.yaml", n, 1, "OKR440", Severity.WARNING, "y") for n in range(1, 4)]
    stream = io.StringIO()
    TextReporter().write(ordered(many), 2, stream)
    tail = stream.getvalue().splitlines()[-4:]
    assert tail == [
        "by code:",
        "      3 warning OKR440",
        "    100 info OKR400",
        "0 errors, 3 warnings, 100 info in 2 files",
    ]
    one = io.StringIO()
    TextReporter().write(many[:2], 1, one)  # a single code: nothing to tell apart
    assert "by code" not in one.getvalue()


def test_text_in_colour() -> None:
    assert "\033[31merror OKR202\033[0m" in render(TextReporter(color=True))


def test_json() -> None:
    document = json.loads(render(JsonReporter()))
    assert document["version"] == 1
    assert document["summary"] == {"errors": 2, "warnings": 1, "infos": 1}
    assert document["findings"][0] == {
        "code": "OKR202",
        "name": "missing-field",
        "severity": "error",
        "file": "okrs/a.yaml",
        "line": 9,
        "column": 5,
        "message": "missing `title`",
    }
    assert len(document["findings"]) == 4


def test_json_names_each_code_from_the_catalogue() -> None:
    """A code okrctl does not know (a tool's own) keeps its fields and gets no name."""
    findings = json.loads(render(JsonReporter()))["findings"]
    assert [(f["code"], f["name"]) for f in findings] == [
        ("OKR202", "missing-field"),
        ("OKR410", "time-bound"),
        ("OKR201", "unknown-field"),
        ("OKR100", "yaml-syntax"),
    ]
    foreign = Diagnostic("okrctl.yaml", 1, 1, "config", Severity.ERROR, "bad").as_dict()
    assert list(foreign) == ["code", "severity", "file", "line", "column", "message"]


def test_github_escapes_properties_and_data() -> None:
    assert render(GithubReporter()) == (
        "::error file=okrs/a.yaml,line=9,col=5,title=okrctl OKR202::missing `title`\n"
        "::warning file=okrs/a.yaml,line=9,col=5,title=okrctl OKR410::50%25 done, line%0Abreak\n"
        "::error file=okrs/b.yaml,line=3,col=1,title=okrctl OKR201::unknown field `x`\n"
        "::notice file=okrs/my file%3A x%2Cy%25.yaml,line=1,col=1,title=okrctl OKR100::note\n"
        "2 errors, 1 warning, 1 info in 7 files\n"
    )


# --------------------------------------------------------------------------- hostile text

HOSTILE = [
    Diagnostic(
        "okrs/x\n::error file=README.md,line=1::forged\x1b[2J.yaml",
        2,
        3,
        "OKR201",
        Severity.ERROR,
        "unknown field `\x1b[31mevil\x1b]0;title\x07\r\n::error file=x::pwned\u009b2J\u202e`",
    )
]
_RAW = ("\x1b", "\x07", "\r", "\u009b", "\u202e")


def _hostile(reporter: object) -> str:
    stream = io.StringIO()
    reporter.write(HOSTILE, 1, stream)  # type: ignore[attr-defined]
    return stream.getvalue()


def test_no_reporter_sends_escapes_or_forges_a_workflow_command() -> None:
    for reporter in (TextReporter(), TextReporter(color=True), GithubReporter(), JsonReporter()):
        out = _hostile(reporter)
        if isinstance(reporter, TextReporter) and reporter.color:  # okrctl's own colours only
            out = out.replace("\x1b[31m", "").replace("\x1b[0m", "")
        for raw in _RAW:
            assert raw not in out, (reporter, raw)
        lines = out.splitlines()
        forged = [line for line in lines if line.startswith("::") and "pwned" in line]
        assert all(line.startswith("::error file=okrs/x%0A%3A%3Aerror") for line in forged), out
        assert not any(line.startswith("::error file=x") for line in lines)
        assert not any(line.startswith("::error file=README") for line in lines)


def test_text_shows_control_characters_as_escapes() -> None:
    assert _hostile(TextReporter()).splitlines()[0] == (
        "okrs/x\\x0a::error file=README.md,line=1::forged\\x1b[2J.yaml:2:3: error OKR201 "
        "unknown field `\\x1b[31mevil\\x1b]0;title\\x07\\x0d\\x0a::error file=x::pwned"
        "\\x9b2J\\u202e`"
    )


def test_json_keeps_the_value_and_escapes_what_a_terminal_would_run() -> None:
    out = _hostile(JsonReporter())
    assert "\\u001b[31mevil" in out and "\\u009b2J" in out and "\\u202e" in out
    assert json.loads(out)["findings"][0]["message"] == HOSTILE[0].message


# --------------------------------------------------------------------------- many findings, fast


def _reference_json(diagnostics: list[Diagnostic]) -> str:
    """The JSON report as the json module writes the document (what `JsonReporter` matches)."""
    counts = {s: sum(d.severity == s for d in diagnostics) for s in Severity}
    document = {
        "version": 1,
        "summary": {
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
        },
        "findings": [d.as_dict() for d in diagnostics],
    }
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _reference_lines(diagnostics: list[Diagnostic]) -> tuple[list[str], list[str]]:
    """Each finding's text and GitHub line, a finding at a time."""
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    text = [
        f"{terminal(d.file)}:{d.line}:{d.column}: {d.severity} {d.code} {terminal(d.message)}"
        for d in diagnostics
    ]
    github = [
        f"::{levels[d.severity]} file={github_property(d.file)},line={d.line},col={d.column},"
        f"title={github_property(f'okrctl {d.code}')}::{github_data(d.message)}"
        for d in diagnostics
    ]
    return text, github


MANY = ordered(
    Diagnostic(
        f"okrs/{'ü' if n % 7 == 0 else ''}f{n % 900}.yaml",
        n % 40 + 1,
        n % 9 + 1,
        ("OKR700", "OKR510", "OKR204", "config")[n % 4],
        (Severity.WARNING, Severity.ERROR, Severity.INFO)[n % 3],
        ("50% done", 'say "why"\\ now', "tab\there", "plain words", "\u202egone")[n % 5] + str(n),
    )
    for n in range(10_000)
)


@pytest.mark.parametrize("diagnostics", [[], DIAGNOSTICS, HOSTILE, MANY], ids=len)
def test_each_format_writes_what_its_per_finding_form_says(
    diagnostics: list[Diagnostic],
) -> None:
    """The reporters write tens of thousands of findings in large pieces; the bytes are those of
    the plain forms: json.dumps of the whole document, one line per finding."""
    stream = io.StringIO()
    JsonReporter().write(diagnostics, 3, stream)
    assert stream.getvalue() == _reference_json(diagnostics)
    text, github = _reference_lines(diagnostics)
    assert render_all(TextReporter(), diagnostics)[: len(text)] == text
    assert render_all(GithubReporter(), diagnostics)[: len(github)] == github


def render_all(reporter: object, diagnostics: list[Diagnostic]) -> list[str]:
    stream = io.StringIO()
    reporter.write(diagnostics, 3, stream)  # type: ignore[attr-defined]
    return stream.getvalue().split("\n")


class _Unbuffered(io.StringIO):
    writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_many_findings_are_written_in_a_few_large_writes() -> None:
    """Under PYTHONUNBUFFERED every write is a system call: 10,000 findings, a handful."""
    for reporter in (TextReporter(), JsonReporter(), GithubReporter()):
        stream = _Unbuffered()
        reporter.write(MANY, 3, stream)
        assert stream.writes <= 8, reporter
