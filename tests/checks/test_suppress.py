"""Suppression comments: finding them in raw YAML text, and what they silence."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from okrctl import engine, suppress
from okrctl.config import Config
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.suppress import Directive, Scan, scan
from tests.checks.test_cases import CASES, SHARED_ORG


def _directives(text: str) -> list[tuple[int, int, str, int, tuple[str, ...]]]:
    return [
        (d.line, d.column, d.scope, d.target, tuple(c for c, _ in d.codes))
        for d in scan(text).directives
    ]


def test_end_of_line_and_own_line_directives() -> None:
    text = (
        "a: 1  # okrctl: disable=OKR430\n"
        "# okrctl: disable=few-and-focused,OKR441   a reason\n"
        "\n"
        "# another comment\n"
        "b: 2\n"
        "c: 3 # okrctl:disable-file = okr700 , sandbagging\n"
    )
    assert _directives(text) == [
        (1, 7, "line", 1, ("OKR430",)),
        (2, 1, "line", 5, ("OKR430", "OKR441")),
        (6, 6, "file", 6, ("OKR700", "OKR610")),
    ]


@pytest.mark.parametrize(
    "text",
    [
        'a: "x # okrctl: disable=OKR430"\n',
        "a: 'it''s # okrctl: disable=OKR430'\n",
        'a: "first line\n  # okrctl: disable=OKR430\n  last"\n',
        "a: |\n  # okrctl: disable=OKR430\nb: 1\n",
        "a: >-\n  text\n  # okrctl: disable=OKR430\n",
        "a: C# okrctl: disable=OKR430\n",
        "a: [x, 'y # okrctl: disable=OKR430']\n",
        "a: plain text # not okrctl: disable=OKR430 since it is not the marker\n",
    ],
)
def test_hash_inside_a_scalar_is_text(text: str) -> None:
    assert scan(text) == Scan()


def test_columns_count_characters_and_all_line_breaks() -> None:
    text = 'title: "Über # x"  # okrctl: disable=OKR441\r\nb: 1\r# okrctl: disable=OKR430\rc: 2\n'
    assert _directives(text) == [(1, 20, "line", 1, ("OKR441",)), (3, 1, "line", 4, ("OKR430",))]


def test_an_own_line_comment_skips_comments_but_not_block_scalar_text() -> None:
    text = "# okrctl: disable=OKR430\n# more\n  \nd: |\n  # text, not a comment\n"
    assert _directives(text)[0][3] == 4
    text = "a: |\n  x\n# okrctl: disable=OKR430\n"
    assert _directives(text)[0][3] == 0  # nothing follows


def test_a_file_the_scanner_rejects_has_no_directives() -> None:
    assert scan("a: b: c\n# okrctl: disable=OKR430\n") == Scan()


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("# okrctl: enable=OKR430", "not an okrctl directive"),
        ("# okrctl: disable=", "not an okrctl directive"),
        ("# okrctl: disable=OKR430;OKR441", "not an okrctl directive"),
        ("# okrctl: disable=OKR4300", "unknown code 'OKR4300'"),
        ("# okrctl: disable=few-focused", "unknown code 'few-focused'"),
        ("# okrctl: disable=OKR812", "OKR812 cannot be suppressed"),
        ("# okrctl: disable=okr304", "OKR304 cannot be suppressed"),
        ("# okrctl: disable=OKR100", "OKR100 cannot be suppressed"),
        ("# okrctl: disable=unused-suppression", "cannot be suppressed by a comment"),
    ],
)
def test_malformed_directives_are_problems(comment: str, problem: str) -> None:
    found = scan(f"a: 1  {comment}\n")
    assert [(line, column) for line, column, _ in found.problems] == [(1, 7)]
    assert problem in found.problems[0][2]


def _diagnostic(line: int, code: str, file: str = "f.yaml") -> Diagnostic:
    return Diagnostic(file, line, 1, code, Severity.WARNING, "m")


def test_apply_silences_matching_codes_and_reports_the_rest() -> None:
    scans = {
        "f.yaml": Scan(
            (
                Directive(
                    3, 9, "line", 3, (("OKR430", "OKR430"), ("OKR441", "qualitative-objective"))
                ),
                Directive(1, 1, "file", 1, (("OKR700", "OKR700"),)),
                Directive(9, 1, "line", 10, (("OKR610", "OKR610"),)),
            )
        ),
    }
    diagnostics = [
        _diagnostic(3, "OKR430"),
        _diagnostic(4, "OKR430"),
        _diagnostic(3, "OKR304"),
        _diagnostic(20, "OKR700"),
        _diagnostic(21, "OKR700"),
        _diagnostic(3, "OKR430", "g.yaml"),
    ]
    kept = suppress.apply(diagnostics, scans, lambda code: code != "OKR610", Severity.INFO)
    assert [(d.file, d.line, d.column, d.code, d.severity) for d in kept] == [
        ("f.yaml", 4, 1, "OKR430", Severity.WARNING),
        ("f.yaml", 3, 1, "OKR304", Severity.WARNING),
        ("g.yaml", 3, 1, "OKR430", Severity.WARNING),
        ("f.yaml", 3, 9, "OKR900", Severity.INFO),
    ]
    assert "qualitative-objective silences nothing on line 3" in kept[-1].message
    assert suppress.apply(diagnostics, scans, lambda code: True, None) == kept[:3]


def test_built_in_codes_are_never_silenced_even_in_a_forged_scan() -> None:
    scans = {"f.yaml": Scan((Directive(1, 1, "file", 1, (("OKR304", "OKR304"),)),))}
    assert suppress.apply([_diagnostic(2, "OKR304")], scans, lambda c: True, None) == [
        _diagnostic(2, "OKR304")
    ]


def test_the_suppressions_case_needs_its_comments(tmp_path: Path) -> None:
    """Without its comments, the passing suppression case has the findings they silence."""
    case = CASES / "unused-suppression" / "passes-suppressions-that-silence"
    root = tmp_path / "repo"
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected.yaml"))
    shutil.copyfile(SHARED_ORG, root / "okrs" / "org.yaml")
    today = dt.date(2026, 11, 22)
    assert engine.check_repository(root, config=Config(), today=today).diagnostics == []
    comments = {
        "company/grow-revenue.yaml": [
            "# okrctl: disable=qualitative-objective   The product is called Kit 3000.\n",
            "  # okrctl: disable=OKR430,OKR600 one key result says it all this quarter",
        ],
        "sales/sell-kits.yaml": [
            "# okrctl: disable-file=stale-key-result   Sales reports monthly until the CRM "
            "import works.\n"
        ],
    }
    for name, removed in comments.items():
        path = root / "okrs" / "2026-Q4" / name
        text = path.read_text(encoding="utf-8")
        for comment in removed:
            assert comment in text
            text = text.replace(comment, "")
        path.write_text(text, encoding="utf-8")
    found = engine.check_repository(root, config=Config(), today=today).diagnostics
    assert sorted({(d.file.rsplit("/", 1)[1], d.code) for d in found}) == [
        ("grow-revenue.yaml", "OKR430"),
        ("grow-revenue.yaml", "OKR441"),
        ("grow-revenue.yaml", "OKR600"),
        ("sell-kits.yaml", "OKR700"),
    ]
