"""Every code's documentation examples, run through `okrctl check`: the docs cannot drift from
the code. The catalogue's entries (`okrctl.codes`) and the rules' docstrings alike.

An example with a file name (a fence's `title="..."`) is that whole file, written as it is.
Otherwise it is a fragment of a file of the example organisation (`okrs/`, checked for
2026-11-22): a load-phase fragment (about the YAML text itself) replaces the host file's
top-level fields of the same names as text and is added at the end; any other fragment's fields
replace the host file's (entries of `units`, `people` and `periods` are merged by id, and an id
given twice adds a second entry). The host is the file a leading `# okrs/...yaml` comment names,
else the objective whose `id` the fragment gives, else a team objective of the open period.

The failing example must report the code on the file it wrote, at the catalogue's severity;
the passing one must not report it on any file it (or its setup) wrote.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrctl import codes, config, engine
from okrctl.codes import Example, Phase
from okrctl.explain.entries import everything

REPOSITORY = Path(__file__).resolve().parents[2]
NAMED = re.compile(r"\A# (okrs/\S+\.yaml|org\.yaml)")
TOP_KEY = re.compile(r"([A-Za-z_][\w-]*):")
TODAY = dt.date(2026, 11, 22)
DEFAULT_HOST = "okrs/2026-Q4/field-sales/lite-conversion-q4.yaml"
MERGED_BY_ID = ("units", "people", "periods")

OPPOSING_KEY_RESULT = {
    "id": "discount",
    "title": "Average discount falls from 5% to 3%",
    "metric": "average-discount",
    "unit": "%",
    "baseline": 5,
    "target": 3,
}
COMMAND_KEY_RESULT = {
    "id": "conversion-rate",
    "title": "Lead-to-customer conversion rate rises from 12.0% to 14.4%",
    "metric": "conversion-rate",
    "unit": "%",
    "baseline": 12.0,
    "target": 14.4,
    "source": {"command": ["python3", "scripts/conversion.py"]},
}

Q3_OPEN = [
    {"id": "2026-Q3", "start": dt.date(2026, 7, 1), "end": dt.date(2026, 9, 30), "closed": False},
    {"id": "2026-Q4", "start": dt.date(2026, 10, 1), "end": dt.date(2026, 12, 31)},
]

SETUP: dict[tuple[str, str], dict[str, dict[str, Any] | None]] = {
    # "... and no objective has `parent: repeat-business-q4`"
    ("OKR502", "failing"): {
        "okrs/2026-Q4/customer-support/proactive-repeat-business-q4.yaml": None
    },
    # "marketing's objective, which has no `acknowledges` entry for it"
    ("OKR510", "failing"): {"okrs/2026-Q4/marketing/lite-leads-q4.yaml": {"acknowledges": None}},
    # "finance's margin-q4, also for 2026-Q4, has a key result on `average-discount` that falls"
    ("OKR511", "failing"): {
        "okrs/2026-Q4/brightpath/margin-q4.yaml": {
            "unit": "brightpath",
            "level": "strategic",
            "parent": None,
            "key_results": [OPPOSING_KEY_RESULT],
        }
    },
    # "... and marketing has 3 objectives in 2026-Q4"
    ("OKR512", "failing"): {
        "okrs/2026-Q4/marketing/third-q4.yaml": {
            "unit": "marketing",
            "level": "strategic",
            "parent": None,
            "depends_on": None,
        }
    },
    # "2026-Q3 ended on 2026-09-30" and is not closed yet: both examples need it open
    ("OKR705", "failing"): {"okrs/org.yaml": {"periods": Q3_OPEN}},
    ("OKR705", "passing"): {"okrs/org.yaml": {"periods": Q3_OPEN}},
    # the okrctl.yaml that lists the command of the failing example's key result
    ("OKR814", "passing"): {DEFAULT_HOST: {"key_results": [COMMAND_KEY_RESULT]}},
}
"""What an example's prose says about the rest of the repository: fields to change in a file
(None removes a field; a file that does not exist is a copy of the default host, with its name as
id), or None to remove the file, before the example is applied."""

WITHOUT_EXAMPLES = {
    "OKR099": "about where okrctl looks, not about a file",
    "OKR107": "about bytes a text example cannot hold (UTF-16, invalid UTF-8)",
    "OKR108": "about a file's size (4 MiB)",
    "OKR109": "about the file system: permissions, names that are not UTF-8, symlinks",
    "OKR110": "about a NUL byte, which a text example cannot hold",
    "OKR300": "about a file that is missing",
    "OKR800": "reported by the commands that edit files, not by okrctl check",
    "OKR801": "reported by okrctl close --carry, about a file that exists",
    "OKR810": "reported by okrctl sync, about a metric file",
    "OKR811": "reported by okrctl sync, about a metric file",
    "OKR812": "reported by okrctl sync, about a metric file",
    "OKR813": "reported by okrctl sync, about a command it runs",
    "OKR815": "reported by okrctl sync, about the day it syncs for",
    "OKR820": "about git history",
}
"""The codes that are not about what one file holds, or that `okrctl check` does not report,
and why; every other code has a failing and a passing example (`test_codes_have_examples`)."""


def _host(root: Path, fragment: str, data: dict[str, Any]) -> Path:
    named = NAMED.match(fragment)
    if named:
        name = named[1] if named[1].startswith("okrs/") else f"okrs/{named[1]}"
        return root / name
    if "id" in data:
        found = list((root / "okrs").rglob(f"{data['id']}.yaml"))
        if found:
            return found[0]
    return root / DEFAULT_HOST


def _by_id(host: list[dict[str, Any]], entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`entries` merged into `host`'s entries of the same id; an id given again, or unknown, is
    a new entry at the end."""
    merged = [dict(entry) for entry in host]
    index = {entry["id"]: i for i, entry in enumerate(merged)}
    for entry in entries:
        i = index.pop(entry["id"], None)
        if i is None:
            merged.append(entry)
        else:
            merged[i] = {**merged[i], **entry}
    return merged


def _merge(host: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    merged = dict(host)
    for key, value in fragment.items():
        if key in MERGED_BY_ID and isinstance(value, list):
            merged[key] = _by_id(host.get(key, []), value)
        elif value is None:  # only a setup removes a field, examples never write null
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def _replace_text(host: str, fragment: str) -> str:
    """The host's text without its top-level fields that the fragment sets, and the fragment
    at the end (for examples about the YAML text, which parsing would lose)."""
    keys = set(TOP_KEY.findall("\n".join(re.findall(r"^\S.*", fragment, re.M))))
    kept, skipping = [], False
    for line in host.splitlines(keepends=True):
        if line.strip() and line[0] not in " \t-":
            top = TOP_KEY.match(line)
            skipping = top is not None and top[1] in keys
        if not skipping:
            kept.append(line)
    return "".join(kept) + fragment


def _existing(root: Path, path: Path) -> dict[str, Any]:
    if path.exists():
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        return data
    # a file the example adds: a copy of the default host under the file's name
    copy: dict[str, Any] = yaml.safe_load((root / DEFAULT_HOST).read_text(encoding="utf-8"))
    return {**copy, "id": path.stem}


def _write(path: Path, data: dict[str, Any], fragment: str) -> None:
    """Write `data`, with the example's suppression comments at the end of the line of the
    top-level field they follow (YAML drops comments)."""
    lines = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000).splitlines()
    for key, comment in re.findall(r"^(\w+):[^\n#]*(#\s*okrctl:[^\n]*)", fragment, re.M):
        lines = [f"{line}  {comment}" if line.startswith(f"{key}:") else line for line in lines]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _apply(root: Path, phase: Phase, example: Example) -> Path:
    """Write the example into the repository at `root`; the file it wrote."""
    if example.file is not None:
        path = root / example.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(example.text, encoding="utf-8")
        return path
    if phase is Phase.LOAD:
        host = _host(root, example.text, {})
        host.write_text(_replace_text(host.read_text(encoding="utf-8"), example.text), "utf-8")
        return host
    data = yaml.safe_load(example.text)
    host = _host(root, example.text, data)
    _write(host, _merge(_existing(root, host), data), example.text)
    return host


def _run(tmp_path: Path, code: str, phase: Phase, example: Example) -> tuple[set[str], list[Any]]:
    """The files the example and its setup wrote, and what `okrctl check` reports."""
    root = tmp_path / "repo"
    shutil.copytree(REPOSITORY / "okrs", root / "okrs")
    (root / ".git").mkdir()
    written = set()
    for name, changes in SETUP.get((code, example.kind), {}).items():
        if changes is None:
            (root / name).unlink()
        else:
            _write(root / name, _merge(_existing(root, root / name), changes), "")
            written.add(name)
    written.add(_apply(root, phase, example).relative_to(root).as_posix())
    try:
        settings = config.load(root)
    except config.ConfigError as error:  # OKR090: nothing is checked
        return written, error.problems
    result = engine.check_repository(root, [root / "okrs"], config=settings, today=TODAY, jobs=1)
    return written, result.diagnostics


CASES = [
    pytest.param(entry.code, entry.phase, example, id=f"{entry.code}-{example.kind}")
    for entry in everything()
    for example in entry.examples
]


@pytest.mark.parametrize(("code", "phase", "example"), CASES)
def test_the_documentation_example_does_what_it_says(
    tmp_path: Path, code: str, phase: Phase, example: Example
) -> None:
    written, found = _run(tmp_path, code, phase, example)
    mine = [d for d in found if d.code == code and d.file in written]
    if example.kind == "passing":
        assert mine == [], found
        return
    assert mine, found
    assert {d.severity for d in mine} == {codes.CATALOGUE[code].severity}


@pytest.mark.parametrize("entry", everything(), ids=lambda e: e.code)
def test_codes_have_examples(entry: Any) -> None:
    """A failing and a passing example, in that order, for every code about what a file holds."""
    kinds = [example.kind for example in entry.examples]
    assert kinds == ([] if entry.code in WITHOUT_EXAMPLES else ["failing", "passing"])
