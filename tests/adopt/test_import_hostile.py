"""Hostile and odd input: control characters never reach the terminal raw, deep nesting is no
RecursionError, YAML-looking titles stay text, and links keep only http(s) addresses."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.adopt.conftest import Run
from tests.adopt.report import at
from tests.adopt.test_import_e2e import checked


def test_control_characters_are_escaped_in_the_report(tmp_path: Path, okrctl: Run) -> None:
    page = tmp_path / "okrs.md"
    page.write_text(
        "# Q3 2026\n\nstray \x1b[31mred\x1b[0m text\n\n## Grow\n\n- Revenue from 1 to 2\n"
    )
    result = okrctl("import", "markdown", str(page), "--into", str(tmp_path / "repo"))
    assert result.code == 0
    assert "\x1b" not in result.out
    assert "stray \\x1b[31mred\\x1b[0m text" in result.out


def test_deeply_nested_lists_are_walked_without_recursion(tmp_path: Path, okrctl: Run) -> None:
    page = tmp_path / "deep.md"
    lines = ["# Q3 2026", "", "- Grow", "  - Revenue from 1 to 2"]
    lines += ["  " * (i + 2) + f"- level {i}" for i in range(3000)]
    page.write_text("\n".join(lines) + "\n")
    result = okrctl("import", "markdown", str(page), "--into", str(tmp_path / "repo"), "--dry-run")
    assert result.code in (0, 1)
    assert "Traceback" not in result.out + result.err


def test_titles_that_look_like_yaml_stay_text(tmp_path: Path, okrctl: Run) -> None:
    page = tmp_path / "okrs.md"
    page.write_text(
        "# 2026-Q3\n\n## 'yes': {no: [1, 2]} & *alias\n\n"
        '- "null" <script>alert(1)</script> from 1 to 2\n'
        "- [x] `true` # not a comment\n"
    )
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(page), "--into", str(target), "--today", "2026-09-01")
    assert result.code == 0, result.out
    checked(target, "2026-09-01")
    data = yaml.safe_load(next((target / "okrs/2026-Q3").rglob("*.yaml")).read_text())
    assert data["title"] == "'yes': {no: [1, 2]} & *alias"
    assert data["key_results"][0]["title"] == '"null" <script>alert(1)</script> from 1 to 2'
    assert data["key_results"][1]["title"] == "true # not a comment"


def test_links_other_than_http_are_reported_not_kept(tmp_path: Path, okrctl: Run) -> None:
    page = tmp_path / "okrs.md"
    page.write_text(
        "# Q3 2026\n\n## Grow\n\n- [ ] Read [the plan](mailto:ops@example.com) ([x](javascript:alert(1))) and "
        "[the wiki](https://wiki.example.com/plan)\n"
    )
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(page), "--into", str(target))
    assert result.code == 0
    assert (
        "okrs.md:5: unread: link 'mailto:ops@example.com' is not an http(s) address" in result.out
    )
    data = yaml.safe_load(next((target / "okrs/2026-Q3").rglob("*.yaml")).read_text())
    assert data["key_results"][0]["links"] == [
        {"title": "the wiki", "url": "https://wiki.example.com/plan"}
    ]


def test_words_struck_inside_a_line_are_corrections_not_dropped_work(
    tmp_path: Path, okrctl: Run
) -> None:
    page = tmp_path / "okrs.md"
    page.write_text(
        "# Q3 2026\n\n## Grow\n\n- Raise NPS from ~~30~~ 32 to 45\n- ~~KR: Launch in DE~~ (moved to Q4)\n"
    )
    target = tmp_path / "repo"
    result = okrctl("import", "markdown", str(page), "--into", str(target))
    assert result.code == 0
    assert "struck-through" in at(result.out, "okrs.md", 5, "guessed")
    nps, germany = yaml.safe_load(next((target / "okrs/2026-Q3").rglob("*.yaml")).read_text())[
        "key_results"
    ]
    assert (nps["title"], nps["baseline"], nps["target"], nps.get("status")) == (
        "Raise NPS from 32 to 45",
        32,
        45,
        None,
    )
    assert (germany["title"], germany["status"], germany["dropped_reason"]) == (
        "Launch in DE",
        "dropped",
        "moved to Q4",
    )


def test_a_name_prefix_that_names_a_unit_heading_is_the_unit(tmp_path: Path, okrctl: Run) -> None:
    page = tmp_path / "okrs.md"
    page.write_text("# Q3 2026\n\n## Platform\n\n### Make deploys boring\n\n"
                    "- Platform: Deploy time from 40 to 10 minutes\n- Anna: Failed deploys below 2%\n")  # fmt: skip
    result = okrctl("import", "markdown", str(page), "--into", str(tmp_path / "repo"), "--dry-run")
    assert "'Platform' read as a unit" in at(result.out, "okrs.md", 7, "mapped")
    assert "'Anna' read as a person" in at(result.out, "okrs.md", 8, "guessed")
