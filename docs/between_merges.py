"""The week docs/between-merges.md shows, and its screenshots: the reminder issue, the digest and
a check-in from the issue form, rendered from okrctl's own Markdown in headless Chromium.

    .venv/bin/python docs/between_merges.py            # writes docs/between-merges-*.png
    .venv/bin/python docs/between_merges.py --text     # prints the Markdown only

The week happens in a temporary copy of the example organisation (okrs/): committed as it is on
2026-11-14, then check-ins during the following days (one of them from the issue form, by its
key result's owner) and a moved goalpost, each committed on its day. On 2026-11-30, `okrctl
remind --format markdown` writes the reminder issue and `okrctl digest --since 7d` the week's
digest. Each Markdown text is rendered to HTML by markdown-it-py (CommonMark, tables and task
lists, as GitHub renders them) and screenshotted at 1000 pixels wide.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin
from playwright.sync_api import sync_playwright

from okrctl import cli

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = "2026-11-30"
SITE = "https://brightpath.example/okrs/"
FORM = """### Objective

lite-conversion-q4

### Key result

demo-to-proposal

### Value

3.5

### Confidence

0.8

### Note

Two reps now send the Lite one-pager the same day as the demo."""

STYLE = """
body { font: 15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328;
       background: #f6f8fa; margin: 0; padding: 24px; }
.issue { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; max-width: 920px;
         margin: 0 auto 16px; }
.head { padding: 10px 16px; background: #f6f8fa; border-bottom: 1px solid #d0d7de;
        border-radius: 6px 6px 0 0; color: #59636e; }
.head strong { color: #1f2328; }
.title { max-width: 920px; margin: 0 auto 16px; font-size: 26px; }
.title span { color: #59636e; font-weight: 300; }
.label { display: inline-block; padding: 0 8px; border-radius: 2em; font-size: 12px;
         font-weight: 500; line-height: 20px; background: #fbca04; color: #1f2328; }
.body { padding: 8px 16px 16px; }
h1, h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; } h3 { font-size: 1.1em; }
code { background: #eff1f3; padding: .2em .4em; border-radius: 6px; font-size: 85%; }
pre { background: #f6f8fa; padding: 12px; border-radius: 6px; white-space: pre-wrap; }
pre code { background: none; padding: 0; }
a { color: #0969da; text-decoration: none; }
table { border-collapse: collapse; } th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
ul.contains-task-list { list-style: none; padding-left: 1em; }
"""


HEIGHTS = {
    "between-merges-reminder.png": 900,
    "between-merges-digest.png": 1500,
    "between-merges-checkin.png": 900,
}
"""How much of each page the screenshot shows, from the top (the issue goes on below)."""


def _okrctl(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.run(list(args))
    if code != 0:
        raise SystemExit(f"okrctl {' '.join(args)} exited {code}")
    return out.getvalue()


def _git(root: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "Brightpath",
           "GIT_AUTHOR_EMAIL": "okrs@brightpath.example", "GIT_COMMITTER_NAME": "Brightpath",
           "GIT_COMMITTER_EMAIL": "okrs@brightpath.example"}  # fmt: skip
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@contextlib.contextmanager
def week() -> Iterator[Path]:
    """The example organisation with a week of history, as the current folder."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "okrs-repo"
        root.mkdir()
        shutil.copytree(ROOT / "okrs", root / "okrs")
        shutil.copy(ROOT / "okrctl.yaml", root / "okrctl.yaml")
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "The OKRs of Q4", day="2026-11-14")
        os.chdir(root)
        try:
            for day, args in (
                ("2026-11-24", ("lite-leads-q4", "lite-mqls", "190", "--confidence", "0.7")),
                ("2026-11-25", ("lite-conversion-q4", "conversion-rate", "13.9")),
                ("2026-11-25", ("lite-conversion-q4", "reps-on-target", "3")),
                ("2026-11-26", ("lite-package-revenue-q4", "lite-bookings", "71000")),
            ):
                _okrctl("checkin", *args, "--date", day)
                _git(root, "commit", "-q", "-am", f"Check-in {args[0]} {args[1]}", day=day)
            # a goalpost moved: two webinars instead of four, with the room for the sizing tool
            leads = root / "okrs/2026-Q4/marketing/lite-leads-q4.yaml"
            text = leads.read_text(encoding="utf-8")
            webinars = text.index("  - id: webinars")
            moved = text[webinars:].replace("    target: 4\n", "    target: 2\n", 1)
            leads.write_text(text[:webinars] + moved, encoding="utf-8")
            _git(root, "commit", "-q", "-am", "Webinars: two this quarter", day="2026-11-26")
            form = Path(work) / "form.md"
            form.write_text(FORM, encoding="utf-8")
            answer = _okrctl("checkin", "--from-issue-form", str(form), "--author",
                             "tbecker-brightpath", "--date", "2026-11-27")  # fmt: skip
            _git(root, "commit", "-q", "-am", "Check-in from issue #42", day="2026-11-27")
            (root / "answer.txt").write_text(answer, encoding="utf-8")
            yield root
        finally:
            os.chdir(before)


def texts() -> dict[str, str]:
    """The Markdown of the reminder issue, the digest and the check-in issue with its answer."""
    with week() as root:
        remind = _okrctl("remind", "--today", TODAY, "--format", "markdown", "--site-url", SITE)
        digest = _okrctl("digest", "--since", "7d", "--today", TODAY)
        answer = (root / "answer.txt").read_text(encoding="utf-8")
    comment = (
        "The check-in is ready for review in https://github.com/brightpath/okrs/pull/43; this "
        "issue closes when it is merged.\n\n"
        + "".join(f"    {line}\n" for line in answer.splitlines())
    )
    return {"remind": remind, "digest": digest, "form": FORM, "comment": comment}


def _render(markdown: str) -> str:
    parser = MarkdownIt("commonmark").enable("table").use(tasklists_plugin)
    return parser.render(markdown)


def _page(title: str, number: int, label: str, posts: list[tuple[str, str]]) -> str:
    """An issue as GitHub lays it out: its title, then each post (who and what, as Markdown)."""
    parts = [f'<h1 class="title">{html.escape(title)} <span>#{number}</span></h1>']
    for who, markdown in posts:
        parts.append(
            f'<div class="issue"><div class="head"><strong>{html.escape(who)}</strong> '
            f'<span class="label">{html.escape(label)}</span></div>'
            f'<div class="body">{_render(markdown)}</div></div>'
        )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{STYLE}</style></head>"
        f"<body>{''.join(parts)}</body></html>"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--text", action="store_true", help="print the Markdown only")
    args = parser.parse_args()
    found = texts()
    if args.text:
        for name, text in found.items():
            print(f"===== {name}\n{text}")
        return
    pages = {
        "between-merges-reminder.png": _page(
            "OKR check-ins due: 2026-Q4", 41, "okr-checkin",
            [("github-actions (bot)", found["remind"])]),
        "between-merges-digest.png": _page(
            "OKR check-ins due: 2026-Q4", 41, "okr-checkin",
            [("github-actions (bot) commented", found["digest"])]),
        "between-merges-checkin.png": _page(
            "Check-in", 42, "okr-checkin-form",
            [("tbecker-brightpath opened", found["form"]),
             ("github-actions (bot) commented", found["comment"])]),
    }  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        for name, document in pages.items():
            page.set_content(document)
            height = min(HEIGHTS[name], page.evaluate("document.body.scrollHeight"))
            page.screenshot(
                path=str(HERE / name),
                full_page=True,
                clip={"x": 0, "y": 0, "width": 1000, "height": height},
            )
            print(f"saved {HERE / name}")
        browser.close()


if __name__ == "__main__":
    main()
