"""A small stand-in for the GitHub Actions runner: it runs a workflow's jobs from its YAML, each
`run:` script with bash as GitHub does (`bash --noprofile --norc -eo pipefail`), its `${{ }}`
expressions and `if:` conditions evaluated, outputs read from GITHUB_OUTPUT, artifacts passed
between jobs, checkouts cloned from a local `origin`, and `gh` (and `curl`) replaced by a
recording stand-in on PATH. GitHub cannot be reached from the tests; this runs what GitHub runs.

Only what the workflows of this repository use is supported: anything else fails the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BIN = Path(sys.executable).parent
OKRCTL_ACTION = re.compile(r"^(?:\./?|[\w.-]+/okrctl@[0-9a-f]{40})$")
"""okrctl's own action: `./` in okrctl's workflows, pinned by commit in the ones init writes."""

# --------------------------------------------------------------------------- expressions

_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
    r"|(?P<name>[A-Za-z_][\w.*-]*))"
)


class Expression:
    """GitHub's expression language, as far as the workflows use it."""

    def __init__(self, text: str, context: dict[str, Any]) -> None:
        self.tokens: list[tuple[str, str]] = []
        position = 0
        text = text.strip()
        while position < len(text):
            match = _TOKEN.match(text, position)
            assert match and match.end() > position, f"cannot read expression {text!r}"
            kind = match.lastgroup
            assert kind is not None
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
        self.context = context
        self.index = 0

    def value(self) -> Any:
        result = self._or()
        assert self.index == len(self.tokens), f"unexpected {self.tokens[self.index :]}"
        return result

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _or(self) -> Any:
        left = self._and()
        while self._peek() == ("op", "||"):
            self._take()
            right = self._and()
            left = left or right
        return left

    def _and(self) -> Any:
        left = self._compare()
        while self._peek() == ("op", "&&"):
            self._take()
            right = self._compare()
            left = left and right
        return left

    def _compare(self) -> Any:
        left = self._unary()
        while self._peek() in (("op", "=="), ("op", "!=")):
            _, op = self._take()
            right = self._unary()
            same = str(left if left is not None else "") == str(right if right is not None else "")
            left = same if op == "==" else not same
        return left

    def _unary(self) -> Any:
        if self._peek() == ("op", "!"):
            self._take()
            return not self._unary()
        return self._primary()

    def _primary(self) -> Any:
        kind, text = self._take()
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if text == "(":
            inner = self._or()
            assert self._take() == ("op", ")")
            return inner
        assert kind == "name", f"unexpected {text!r}"
        if self._peek() == ("op", "("):
            self._take()
            args = []
            while self._peek() != ("op", ")"):
                args.append(self._or())
                if self._peek() == ("op", ","):
                    self._take()
            self._take()
            return self._call(text, args)
        return self._lookup(text)

    def _call(self, name: str, args: list[Any]) -> Any:
        if name == "contains":
            haystack, needle = args
            return needle in (haystack or [])
        if name in ("always", "success"):
            return name == "always" or self.context.get("_failed") is not True
        if name == "cancelled":
            return False
        raise AssertionError(f"unsupported function {name}()")

    def _lookup(self, path: str) -> Any:
        value: Any = self.context
        parts = path.split(".")
        for i, part in enumerate(parts):
            if part == "*":  # an object filter: the rest of the path on every element
                rest = ".".join(parts[i + 1 :])
                return [Expression(rest, item).value() for item in value]
            assert isinstance(value, dict), f"{path}: {part} of {value!r}"
            if part not in value and parts[0] in ("steps", "needs", "vars", "secrets"):
                return None
            assert part in value, f"unknown {path}"
            value = value[part]
        return value


_TEMPLATE = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def interpolate(text: str, context: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        found = Expression(match.group(1), context).value()
        if isinstance(found, bool):
            return "true" if found else "false"
        return "" if found is None else str(found)

    return _TEMPLATE.sub(value, text)


_STATUS = re.compile(r"\b(success|failure|always|cancelled)\(")


def condition(text: str | bool | None, context: dict[str, Any]) -> bool:
    """An `if:`; without a status function GitHub adds `success() &&` in front."""
    if text is None:
        return bool(Expression("success()", context).value())
    if isinstance(text, bool):
        return text
    inner = text.strip()
    if inner.startswith("${{") and inner.endswith("}}"):
        inner = inner[3:-2]
    if not _STATUS.search(inner):
        inner = f"success() && ({inner})"
    found = Expression(inner, context).value()
    return found is True or found == "true"


# --------------------------------------------------------------------------- the runner


@dataclass
class StepRun:
    job: str
    name: str
    code: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    env_file: str


@dataclass
class Run:
    """What a workflow did: each job's result and outputs, each script's run."""

    results: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    steps: list[StepRun] = field(default_factory=list)
    workspaces: dict[str, Path] = field(default_factory=dict)


def _read_outputs(path: Path) -> dict[str, str]:
    outputs: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and "=" not in line.split("<<", 1)[0]:
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)
            outputs[name] = "\n".join(lines[i + 1 : end])
            i = end + 1
            continue
        if line:
            name, _, value = line.partition("=")
            outputs[name] = value
        i += 1
    return outputs


@dataclass
class Runner:
    """Runs workflows in `root` (a temporary folder) for one event."""

    root: Path
    origin: Path
    """A bare repository: what actions/checkout clones and `git push` pushes to."""
    event: dict[str, Any]
    secrets: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    stand_ins: Path | None = None
    """A folder put first on PATH: the recording `gh` and `curl`."""

    def run(self, workflow: Path) -> Run:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        run = Run()
        for name, job in data["jobs"].items():
            self._job(name, job, run)
        return run

    def _context(self, run: Run, steps: dict[str, Any], temp: Path) -> dict[str, Any]:
        return {
            "github": {
                "event": self.event,
                "token": "ghs_fake_token",
                "repository": "acme/okrs",
                "ref_name": "main",
            },
            "runner": {"temp": str(temp)},
            "vars": self.variables,
            "secrets": self.secrets,
            "steps": steps,
            "needs": {
                job: {"result": run.results[job], "outputs": run.outputs.get(job, {})}
                for job in run.results
            },
        }

    def _job(self, name: str, job: dict[str, Any], run: Run) -> None:
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        temp = self.root / "runner" / name / "temp"
        workspace = self.root / "runner" / name / "workspace"
        temp.mkdir(parents=True)
        workspace.mkdir(parents=True)
        run.workspaces[name] = workspace
        steps: dict[str, Any] = {}
        context = self._context(run, steps, temp)
        failed_needs = any(run.results.get(n) != "success" for n in needs)
        context["_failed"] = failed_needs
        if not condition(job.get("if"), context):
            run.results[name] = "skipped"
            return
        failed = False
        for index, step in enumerate(job["steps"]):
            context = self._context(run, steps, temp)
            context["_failed"] = failed
            if not condition(step.get("if"), context):
                continue
            ok = self._step(name, index, step, context, workspace, temp, run, steps)
            failed = failed or not ok
        run.results[name] = "failure" if failed else "success"
        context = self._context(run, steps, temp)
        run.outputs[name] = {
            key: interpolate(str(value), context) for key, value in job.get("outputs", {}).items()
        }

    def _step(
        self,
        job: str,
        index: int,
        step: dict[str, Any],
        context: dict[str, Any],
        workspace: Path,
        temp: Path,
        run: Run,
        steps: dict[str, Any],
    ) -> bool:
        uses = str(step.get("uses", ""))
        given = {k: interpolate(str(v), context) for k, v in step.get("with", {}).items()}
        artifacts = self.root / "artifacts"
        if uses.startswith("actions/checkout@"):
            subprocess.run(["git", "clone", "-q", str(self.origin), str(workspace)], check=True)
            return True
        if uses.startswith("actions/setup-python@"):
            return True
        if uses.startswith("actions/upload-artifact@"):
            source = workspace / given["path"]
            target = artifacts / given["name"]
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                target.mkdir(parents=True)
                shutil.copy(source, target / source.name)
            return True
        if uses.startswith("actions/download-artifact@"):
            target = workspace / given.get("path", ".")
            shutil.copytree(artifacts / given["name"], target, dirs_exist_ok=True)
            return True
        if OKRCTL_ACTION.match(uses):
            # okrctl's action installing okrctl, and nothing else (`check: false`): the test's
            # own okrctl is its `okrctl` output (tests/test_wheel.py runs the real install)
            assert step.get("name") == "Install okrctl" and given == {"check": "False"}, step
            if "id" in step:
                okrctl = str(BIN / "okrctl")
                steps[step["id"]] = {"outputs": {"okrctl": okrctl}, "outcome": "success"}
            return True
        assert not uses, f"unsupported action {uses}"
        return self._script(job, index, step, context, workspace, temp, run, steps)

    def _script(
        self,
        job: str,
        index: int,
        step: dict[str, Any],
        context: dict[str, Any],
        workspace: Path,
        temp: Path,
        run: Run,
        steps: dict[str, Any],
    ) -> bool:
        script = step["run"]
        assert "${{" not in script, f"an expression inside a script: {step.get('name')}"
        files = self.root / "runner" / job / f"step-{index}"
        files.mkdir()
        event = files / "event.json"
        event.write_text(json.dumps(self.event), encoding="utf-8")
        output, env_file, summary = files / "output", files / "env", files / "summary"
        for path in (output, env_file, summary):
            path.touch()
        path = f"{BIN}{os.pathsep}/usr/bin{os.pathsep}/bin"
        if self.stand_ins is not None:
            path = f"{self.stand_ins}{os.pathsep}{path}"
        env = {
            "PATH": path,
            "HOME": str(self.root / "home"),
            "LANG": "C.UTF-8",
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_ENV": str(env_file),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(temp),
            "GIT_CONFIG_GLOBAL": str(self.root / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "OKRCTL_CACHE_DIR": str(self.root / "cache"),
            "FAKE_GH_STATE": str(self.root / "gh-state.json"),
        }
        env.update({k: interpolate(str(v), context) for k, v in step.get("env", {}).items()})
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        outputs = _read_outputs(output)
        if "id" in step:
            steps[step["id"]] = {
                "outputs": outputs,
                "outcome": "success" if done.returncode == 0 else "failure",
            }
        run.steps.append(
            StepRun(
                job,
                str(step.get("name", "")),
                done.returncode,
                done.stdout,
                done.stderr,
                outputs,
                env_file.read_text(encoding="utf-8"),
            )
        )
        return done.returncode == 0


# --------------------------------------------------------------------------- gh and curl

GH = '''#!{python}
"""A recording stand-in for the GitHub CLI: every call is logged with the bodies it sends."""
import json, os, subprocess, sys

state_path = os.environ["FAKE_GH_STATE"]
with open(state_path, encoding="utf-8") as f:
    state = json.load(f)
args = sys.argv[1:]
call = {{"args": args}}


def option(name):
    return args[args.index(name) + 1] if name in args else None


for name in ("--body-file",):
    if name in args:
        with open(option(name), encoding="utf-8") as f:
            call["body"] = f.read()
state["calls"].append(call)
out = ""
url = "https://github.com/acme/okrs"
if args[:2] == ["label", "create"] or args[:2] == ["auth", "setup-git"]:
    pass
elif args[:2] == ["issue", "list"]:
    found = [i for i in state["issues"] if i["state"] == "open" and option("--label") in i["labels"]]
    out = json.dumps([{{"number": i["number"], "title": i["title"]}} for i in found])
elif args[:2] == ["issue", "create"]:
    number = state["next"]
    state["next"] += 1
    state["issues"].append({{"number": number, "title": option("--title"), "labels": [option("--label")],
                            "state": "open", "body": call["body"]}})
    out = f"{{url}}/issues/{{number}}\\n"
elif args[:2] == ["issue", "view"]:
    issue = next(i for i in state["issues"] if str(i["number"]) == args[2])
    out = json.dumps({{"body": issue["body"]}})
elif args[:2] == ["issue", "edit"]:
    issue = next(i for i in state["issues"] if str(i["number"]) == args[2])
    issue["body"] = call["body"]
elif args[:2] == ["issue", "comment"]:
    pass
elif args[:2] == ["issue", "close"]:
    issue = next(i for i in state["issues"] if str(i["number"]) == args[2])
    issue["state"] = "closed"
elif args[:2] == ["pr", "list"]:
    found = [p for p in state["prs"] if p["head"] == option("--head") and p["state"] == "open"]
    out = json.dumps([{{"url": p["url"]}} for p in found])
elif args[:2] == ["pr", "create"]:
    number = state["next"]
    state["next"] += 1
    pr = {{"number": number, "head": option("--head"), "state": "open", "url": f"{{url}}/pull/{{number}}"}}
    state["prs"].append(pr)
    out = pr["url"] + "\\n"
else:
    print(f"fake gh: unsupported call {{args}}", file=sys.stderr)
    sys.exit(1)
with open(state_path, "w", encoding="utf-8") as f:
    json.dump(state, f)
jq = option("--jq")
if jq is not None:
    out = subprocess.run(["jq", "-r", jq], input=out, capture_output=True, text=True, check=True).stdout
sys.stdout.write(out)
'''

CURL = '''#!{python}
"""A recording stand-in for curl: logs its arguments and the payload it would POST."""
import json, os, sys

args = sys.argv[1:]
payload = next(a for a in args if a.startswith("@"))[1:] if any(a.startswith("@") for a in args) else None
with open(os.environ["FAKE_GH_STATE"], encoding="utf-8") as f:
    state = json.load(f)
call = {{"args": args}}
if payload:
    with open(payload, encoding="utf-8") as f:
        call["payload"] = json.load(f)
state["curl"].append(call)
with open(os.environ["FAKE_GH_STATE"], "w", encoding="utf-8") as f:
    json.dump(state, f)
'''


def stand_ins(
    folder: Path,
    issues: list[dict[str, Any]] | None = None,
    prs: list[dict[str, Any]] | None = None,
) -> Path:
    """`gh` and `curl` that record their calls in `folder/../gh-state.json`."""
    folder.mkdir(parents=True)
    for name, text in (("gh", GH), ("curl", CURL)):
        path = folder / name
        path.write_text(text.format(python=sys.executable), encoding="utf-8")
        path.chmod(0o755)
    state = {"issues": issues or [], "prs": prs or [], "next": 100, "calls": [], "curl": []}
    (folder.parent / "gh-state.json").write_text(json.dumps(state), encoding="utf-8")
    return folder


def state(root: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((root / "gh-state.json").read_text(encoding="utf-8"))
    return loaded
