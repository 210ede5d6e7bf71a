"""`okrctl checkin --from-issue-form FILE --author HANDLE`: GitHub's rendering of the check-in
form read strictly, recorded as `okrctl checkin` records it, only from an owner or the lead;
anything else is one line, exit 1 or 2, and nothing written."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from okrctl.errors import UsageError
from okrctl.lifecycle import issue_form
from tests.conftest import REPO, Run
from tests.lifecycle.conftest import snapshot

FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "checkin.yml"
OBJECTIVE = "okrs/2026-Q4/field-sales/lite-conversion-q4.yaml"


def body(
    objective: str = "lite-conversion-q4",
    key_result: str = "demo-to-proposal",
    value: str = "3.5",
    confidence: str = "0.8",
    note: str = "_No response_",
) -> str:
    """A form as GitHub renders it (no newline at the end)."""
    fields = [
        ("Objective", objective),
        ("Key result", key_result),
        ("Value", value),
        ("Confidence", confidence),
        ("Note", note),
    ]
    return "\n\n".join(f"### {label}\n\n{text}" for label, text in fields)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example organisation, as the current folder."""
    shutil.copytree(REPO / "okrs", tmp_path / "okrs")
    shutil.copy(REPO / "okrctl.yaml", tmp_path / "okrctl.yaml")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _submit(root: Path, okrctl: Run, text: str | bytes, author: str, *extra: str):
    form = root.parent / "form.md"
    form.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return okrctl(
        "checkin",
        "--from-issue-form",
        str(form),
        "--author",
        author,
        "--date",
        "2026-11-22",
        *extra,
    )


def _checkins(root: Path, kr_id: str = "demo-to-proposal") -> list[dict[str, object]]:
    data = yaml.safe_load((root / OBJECTIVE).read_text(encoding="utf-8"))
    kr = next(k for k in data["key_results"] if k["id"] == kr_id)
    return list(kr["checkins"])


def test_the_form_template_has_the_fields_the_site_and_okrctl_use() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    fields = [(f["id"], f["attributes"]["label"]) for f in form["body"] if "id" in f]
    assert tuple(fields) == issue_form.FIELDS
    assert form["labels"] == ["okr-checkin-form"]
    required = {
        f["id"]: f.get("validations", {}).get("required") for f in form["body"] if "id" in f
    }
    assert required == {
        "objective": True,
        "key_result": True,
        "value": False,
        "confidence": False,
        "note": False,
    }
    written = REPO / "okrctl/lifecycle/skeleton/checkin-form.yml.tmpl"
    assert written.read_text(encoding="utf-8") == "# Written by `okrctl init`.\n" + FORM.read_text(
        encoding="utf-8"
    )


def test_the_key_results_owner_checks_in(example: Path, okrctl: Run) -> None:
    note = "Two reps send the one-pager\nthe same day."
    result = _submit(example, okrctl, body(note=note), "TBecker-Brightpath")
    assert result == (0, f"{OBJECTIVE}: demo-to-proposal 4 days -> 3.5 days on 2026-11-22\n", "")
    assert _checkins(example)[-1] == {
        "date": dt.date(2026, 11, 22),
        "value": 3.5,
        "confidence": 0.8,
        "note": note,
    }


@pytest.mark.parametrize(
    ("author", "by"),
    [("pnair-brightpath", "priya-nair"), ("mreyes-brightpath", None)],
    ids=["objective-owner-and-lead", "not-allowed"],
)
def test_the_objective_owner_or_the_lead_checks_in_with_by(
    example: Path, okrctl: Run, author: str, by: str | None
) -> None:
    result = _submit(example, okrctl, body(value="_No response_", note="Waiting for data."), author)
    if by is None:  # the lead of the unit above is not the unit's lead
        assert result.code == 2
        return
    assert result.code == 0, result.err
    assert _checkins(example)[-1] == {
        "date": dt.date(2026, 11, 22),
        "confidence": 0.8,
        "note": "Waiting for data.",
        "by": by,
    }


def test_a_milestone_and_a_numeric_value_are_read_as_checkin_reads_them(
    example: Path, okrctl: Run
) -> None:
    path = "okrs/2026-Q4/marketing/lite-sales-kit-q4.yaml"
    data = yaml.safe_load((example / path).read_text(encoding="utf-8"))
    milestone = next(k for k in data["key_results"] if k.get("kind") == "milestone")
    result = _submit(
        example,
        okrctl,
        body("lite-sales-kit-q4", milestone["id"], "true", "_No response_"),
        "epetrova-brightpath",
    )
    assert result.code == 0, result.err
    assert result.out.endswith("-> done on 2026-11-22\n")


HOSTILE = [
    (
        "someone who owns nothing",
        body(),
        "jweber-brightpath",
        2,
        "okrctl: @jweber-brightpath may not check in lite-conversion-q4/demo-to-proposal: only "
        "the key result's owner, the objective's owner or the lead of unit 'field-sales' may",
    ),
    ("a handle nobody has", body(), "octocat", 2, "okrctl: @octocat may not check in"),
    (
        "a bot",
        body(),
        "github-actions[bot]",
        2,
        "okrctl: --author 'github-actions[bot]' is not a GitHub user name",
    ),
    (
        "an unknown objective",
        body(objective="nope-q4"),
        "tbecker-brightpath",
        2,
        "okrctl: no objective 'nope-q4' in ",
    ),
    (
        "an unknown key result",
        body(key_result="nope"),
        "tbecker-brightpath",
        2,
        "okrctl: objective 'lite-conversion-q4' has no key result 'nope'; its key results: ",
    ),
    (
        "an id with ../",
        body(objective="../../etc/passwd"),
        "tbecker-brightpath",
        2,
        "okrctl: Objective '../../etc/passwd' is not an id",
    ),
    (
        "a value that is not a number",
        body(value="about 3 days"),
        "tbecker-brightpath",
        2,
        "okrctl: key result 'demo-to-proposal' measures days: its value must be a number",
    ),
    (
        "a confidence out of range",
        body(confidence="80%"),
        "tbecker-brightpath",
        2,
        "okrctl: Confidence must be a number from 0 to 1, not '80%'",
    ),
    (
        "no value and no note",
        body(value="_No response_"),
        "tbecker-brightpath",
        2,
        "okrctl: the form has neither a Value nor a Note",
    ),
    (
        "not the form",
        "Please update my OKR to 5",
        "tbecker-brightpath",
        2,
        "okrctl: the issue body is not the check-in form: it must start with `### Objective`",
    ),
    (
        "a missing field",
        body().replace("### Confidence\n\n0.8\n\n", ""),
        "tbecker-brightpath",
        2,
        "okrctl: the issue body has no `### Confidence` field where the form puts it",
    ),
    (
        "a heading repeated in a value",
        body(value="3.5\n\n### Value\n\n1"),
        "tbecker-brightpath",
        2,
        "okrctl: Value must be one line",
    ),
    (
        "a forged objective line",
        body(objective="lite-conversion-q4\n### Key result"),
        "tbecker-brightpath",
        2,
        "okrctl: Objective must be one line",
    ),
    (
        "expressions and substitutions",
        body(value="${{ github.token }}`id`$(id)"),
        "tbecker-brightpath",
        2,
        "okrctl: key result 'demo-to-proposal' measures days",
    ),
    (
        "a control character",
        body(value="3.5\x1b[31m"),
        "tbecker-brightpath",
        2,
        "okrctl: Value holds a control character (U+001B); remove it",
    ),
    (
        "a control character in the note",
        body(note="ok\x07"),
        "tbecker-brightpath",
        2,
        "okrctl: the Note holds a control character (U+0007); remove it",
    ),
    (
        "a bidirectional override",
        body(note="ok \u202e evil"),
        "tbecker-brightpath",
        2,
        "okrctl: the Note holds a control character (U+202E); remove it",
    ),
    (
        "a 1 MB body",
        body(note="x" * 1_000_000),
        "tbecker-brightpath",
        2,
        "okrctl: the issue body is larger than 256 KiB",
    ),
    (
        "a long note",
        body(note="x" * 20_001),
        "tbecker-brightpath",
        2,
        "okrctl: the Note is longer than 20,000 characters",
    ),
    (
        "output aimed at GITHUB_OUTPUT",
        body(value="1\nrecorded=true"),
        "tbecker-brightpath",
        2,
        "okrctl: Value must be one line",
    ),
    (
        "a date before the last check-in",
        body(),
        "tbecker-brightpath",
        2,
        "okrctl: key result 'demo-to-proposal' already has a check-in of 2026-11-23",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "author", "code", "message"), HOSTILE, ids=[h[0] for h in HOSTILE]
)
def test_anything_else_is_one_line_and_nothing_written(
    example: Path, okrctl: Run, case: str, text: str, author: str, code: int, message: str
) -> None:
    if case == "a date before the last check-in":
        assert _submit(example, okrctl, body(), "tbecker-brightpath", "--date", "2026-11-23")
        before = snapshot(example)
    else:
        before = snapshot(example)
    result = _submit(example, okrctl, text, author)
    assert result.code == code
    assert result.out == ""
    assert result.err.startswith(message), result.err
    assert result.err.count("\n") == 1 and len(result.err) < 600
    assert snapshot(example) == before


def test_not_utf8_and_crlf(example: Path, okrctl: Run) -> None:
    result = _submit(example, okrctl, b"### Objective\n\n\xff", "tbecker-brightpath")
    assert (result.code, result.err) == (2, "okrctl: the issue body is not UTF-8 text\n")
    crlf = body(note="line one\nline two").replace("\n", "\r\n")
    assert _submit(example, okrctl, crlf, "tbecker-brightpath").code == 0
    assert _checkins(example)[-1]["note"] == "line one\nline two"


def _bounded(limit: int) -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs a device that never ends")
def test_an_endless_body_is_refused_without_reading_it_whole(example: Path) -> None:
    # the whole file was read before its size was checked: `--from-issue-form /dev/zero` (or a
    # pipe) ran out of memory and exited 3 (run apart, its memory bounded, should it come back)
    before = snapshot(example)
    command = ["checkin", "--from-issue-form", "/dev/zero", "--author", "tbecker-brightpath"]
    result = subprocess.run(
        [sys.executable, "-m", "okrctl", *command],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: _bounded(1 << 30),
        check=False,
    )
    assert (result.returncode, result.stderr) == (
        2,
        "okrctl: the issue body is larger than 256 KiB\n",
    )
    assert snapshot(example) == before


def test_the_form_options_go_alone(example: Path, okrctl: Run) -> None:
    form = example.parent / "form.md"
    form.write_text(body())
    for args in (
        ("lite-conversion-q4", "demo-to-proposal", "--from-issue-form", str(form), "--author", "x"),
        ("--from-issue-form", str(form)),
        ("--author", "tbecker-brightpath"),
        ("--from-issue-form", str(form), "--author", "x", "--note", "n"),
    ):
        result = okrctl("checkin", *args)
        assert result.code == 2
        assert result.err.startswith(
            "okrctl: --from-issue-form FILE and --author HANDLE go together"
        )
    assert okrctl("checkin", "lite-conversion-q4").err.startswith(
        "okrctl: name the OBJECTIVE and the KEY_RESULT"
    )


def test_the_parser_reads_exactly_githubs_rendering() -> None:
    parsed = issue_form.parse(body(note="_No response_", confidence="_No response_"))
    assert parsed == issue_form.FormCheckIn(
        objective="lite-conversion-q4",
        key_result="demo-to-proposal",
        value="3.5",
        confidence=None,
        note=None,
    )
    # a note may hold anything after its heading, headings included
    note = "Done.\n\n### Objective\n\nother-q4"
    assert issue_form.parse(body(note=note)).note == note
    with pytest.raises(UsageError, match="Key result is empty"):
        issue_form.parse(body(key_result=""))
