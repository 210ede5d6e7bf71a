"""Every rule's documentation examples, run through the rule: the docs cannot drift from it.

Each example is a fragment of a file of the example organisation (`okrs/`, checked for
2026-11-22). The fragment's fields replace the host file's (`units` entries are merged by id);
the host is the file a leading `# okrs/...yaml` comment names, else the objective whose `id` the
fragment gives, else a team objective of the open period. The failing example must make the rule
report the host file; the passing one must not.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrctl import engine
from okrctl.checks.registry import RULES
from okrctl.config import Config

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE = re.compile(r"## (Failing|Passing) example\n\n```yaml\n(.*?)```", re.DOTALL)
NAMED = re.compile(r"\A# (okrs/\S+\.yaml|org\.yaml)")
TODAY = dt.date(2026, 11, 22)
DEFAULT_HOST = "okrs/2026-Q4/field-sales/lite-conversion-q4.yaml"

OPPOSING_KEY_RESULT = {
    "id": "discount",
    "title": "Average discount falls from 5% to 3%",
    "metric": "average-discount",
    "unit": "%",
    "baseline": 5,
    "target": 3,
}

Q3_OPEN = [
    {"id": "2026-Q3", "start": dt.date(2026, 7, 1), "end": dt.date(2026, 9, 30)},
    {"id": "2026-Q4", "start": dt.date(2026, 10, 1), "end": dt.date(2026, 12, 31)},
]

SETUP: dict[tuple[str, str], dict[str, dict[str, Any] | None]] = {
    # "... and no objective has `parent: repeat-business-q4`"
    ("OKR502", "Failing"): {
        "okrs/2026-Q4/customer-support/proactive-repeat-business-q4.yaml": None
    },
    # "marketing's objective, which has no `acknowledges` entry for it"
    ("OKR510", "Failing"): {"okrs/2026-Q4/marketing/lite-leads-q4.yaml": {"acknowledges": None}},
    # "finance's margin-q4, also for 2026-Q4, has a key result on `average-discount` that falls"
    ("OKR511", "Failing"): {
        "okrs/2026-Q4/brightpath/margin-q4.yaml": {
            "unit": "brightpath",
            "level": "strategic",
            "parent": None,
            "key_results": [OPPOSING_KEY_RESULT],
        }
    },
    # "... and marketing has 3 objectives in 2026-Q4"
    ("OKR512", "Failing"): {
        "okrs/2026-Q4/marketing/third-q4.yaml": {
            "unit": "marketing",
            "level": "strategic",
            "parent": "lite-package-revenue-q4",
            "depends_on": None,
        }
    },
    # "2026-Q3 ended on 2026-09-30" and is not closed yet: both examples need it open
    ("OKR705", "Failing"): {"okrs/org.yaml": {"periods": Q3_OPEN}},
    ("OKR705", "Passing"): {"okrs/org.yaml": {"periods": Q3_OPEN}},
}
"""What an example's prose says about the rest of the repository: fields to change in a file
(None removes a field; a file that does not exist is a copy of the default host, with its name as
id), or None to remove the file, before the example is applied."""


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


def _merge(host: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    merged = dict(host)
    for key, value in fragment.items():
        if key == "units" and isinstance(value, list):
            by_id = {u["id"]: u for u in value}
            merged[key] = [{**u, **by_id.pop(u["id"], {})} for u in host.get(key, [])]
            merged[key] += list(by_id.values())
        elif value is None:  # only a setup removes a field, examples never write null
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def _run(tmp_path: Path, code: str, kind: str, fragment: str) -> tuple[str, list[str]]:
    root = tmp_path / "repo"
    shutil.copytree(REPOSITORY / "okrs", root / "okrs")
    (root / ".git").mkdir()
    for name, changes in SETUP.get((code, kind), {}).items():
        if changes is None:
            (root / name).unlink()
        else:
            _write(root / name, _merge(_existing(root, root / name), changes), "")
    data = yaml.safe_load(fragment)
    host = _host(root, fragment, data)
    _write(host, _merge(_existing(root, host), data), fragment)
    result = engine.check_repository(root, [root / "okrs"], config=Config(), today=TODAY, jobs=1)
    name = host.relative_to(root).as_posix()
    return name, [f"{d.code} {d.file}" for d in result.diagnostics]


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


CASES = [
    pytest.param(code, kind, text, id=f"{code}-{kind.lower()}")
    for code, rule in sorted(RULES.items())
    for kind, text in EXAMPLE.findall(rule.documentation)
]


@pytest.mark.parametrize(("code", "kind", "fragment"), CASES)
def test_the_documentation_example_does_what_it_says(
    tmp_path: Path, code: str, kind: str, fragment: str
) -> None:
    host, found = _run(tmp_path, code, kind, fragment)
    reported = f"{code} {host}" in found
    assert reported == (kind == "Failing"), found
