"""Running a workflow job's steps the way GitHub's runner does, for the steps okrctl's workflows
and action use, so that tests run the very commands of the YAML instead of copies of them.

- a `run:` step runs in bash (`-e -o pipefail`, as on a Linux runner) in the workspace, with its
  `env:` and the runner's variables (`GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`, `RUNNER_TEMP`...);
  what it writes to `GITHUB_OUTPUT` becomes its outputs;
- a `uses:` of okrctl's action (`./` or `<owner>/okrctl@<commit>`) runs the action's composite
  steps from the folder `action_path(ref)` gives, with its inputs (the step's `with:` over the
  defaults) and its outputs; its install step runs for real (pinned uv, `uv sync --frozen`), or,
  with `installed`, is replaced by that okrctl (fast tests);
- any other `uses:` (checkout, setup-python, Pages, artifacts) is the runner's business: it
  succeeds, with the outputs given in `outputs` (setup-python's `python-path` is this Python).

Expressions are evaluated for the forms the workflows use, and only those: `inputs.X`,
`steps.X.outputs.Y`, `steps.X.outcome`, `github.action_path`, `github.token` (a fake one),
`github.repository`, `github.ref_name`, `github.event...` (from `event`), `vars.X`,
`runner.temp`, `!cancelled()`, `always()`, `success()`, `failure()`, `==`, `!=`, `&&` and `||`.
Anything else fails the test, so a workflow cannot grow an expression these tests silently
misread. Job-level `if:` and `needs:` are not evaluated: a test runs the jobs it names.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
OKRCTL_ACTION = re.compile(r"^(?:\./?|[\w.-]+/okrctl@[0-9a-f]{40})$")
STATUS = re.compile(r"\b(?:cancelled|always|success|failure)\(\)")
GITHUB = {"github.token": "ghs_fake", "github.repository": "acme/okrs", "github.ref_name": "main"}


@dataclass
class StepResult:
    """What one step did (`run:` steps and the okrctl action; other actions succeed)."""

    name: str
    outcome: str
    """`success`, `failure` or `skipped`."""
    outputs: dict[str, str] = field(default_factory=dict)
    stdout: str = ""
    stderr: str = ""
    script: str = ""
    inner: list[StepResult] = field(default_factory=list)
    """A composite action's own steps."""


@dataclass
class Scope:
    """What expressions see: a job's (or a composite action's) inputs and steps."""

    inputs: dict[str, str] = field(default_factory=dict)
    steps: dict[str, StepResult] = field(default_factory=dict)
    action_path: str = ""
    failed: bool = False


def text(value: object) -> str:
    """A YAML value as the runner passes it to an action or a variable (`true`, not `True`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _parse_outputs(text: str) -> dict[str, str]:
    """`name=value` lines and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT."""
    outputs: dict[str, str] = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body: list[str] = []
            while index < len(lines) and lines[index] != delimiter:
                body.append(lines[index])
                index += 1
            index += 1
            outputs[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


@dataclass
class Runner:
    """Runs jobs of workflows in `workspace`; `tmp` holds the runner's own files."""

    workspace: Path
    tmp: Path
    action_path: Callable[[str], Path]
    """The folder of okrctl's action for a `uses:` reference (`./` or `owner/okrctl@commit`)."""
    env: Mapping[str, str] = field(default_factory=dict)
    """Variables added to every step's environment (PATH, HOME, git's configuration...)."""
    installed: Path | None = None
    """An installed `okrctl` executable to use instead of running the action's install step."""
    outputs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Outputs of other actions, by the start of their `uses:` (`actions/configure-pages`)."""
    event: dict[str, Any] = field(default_factory=dict)
    """The event that started the workflow (`GITHUB_EVENT_PATH`, `github.event`)."""
    variables: Mapping[str, str] = field(default_factory=dict)
    """The repository's variables (`vars`)."""
    summary: Path = field(init=False)
    runner_temp: Path = field(init=False)
    _count: int = 0

    def __post_init__(self) -> None:
        self.summary = self.tmp / "step-summary.md"
        self.runner_temp = self.tmp / "runner-temp"
        self.runner_temp.mkdir(parents=True, exist_ok=True)
        self.event_path = self.tmp / "event.json"
        self.event_path.write_text(json.dumps(self.event), encoding="utf-8")

    # ------------------------------------------------------------------ expressions

    def _value(self, name: str, scope: Scope) -> str:
        if name.startswith("'") and name.endswith("'"):
            return name[1:-1].replace("''", "'")
        if name in ("true", "false"):
            return name
        if name.startswith("inputs."):
            return scope.inputs[name.removeprefix("inputs.")]
        if name == "github.action_path":
            assert scope.action_path, "github.action_path outside an action"
            return scope.action_path
        if name == "runner.temp":
            return str(self.runner_temp)
        if name.startswith("vars."):
            return self.variables.get(name.removeprefix("vars."), "")
        if name in GITHUB:
            return GITHUB[name]
        if name.startswith("github.event."):
            value: Any = self.event
            for part in name.removeprefix("github.event.").split("."):
                value = value.get(part) if isinstance(value, dict) else None
            return text(value)
        found = re.fullmatch(r"steps\.([\w-]+)\.(outcome|conclusion|outputs\.([\w-]+))", name)
        assert found, f"an expression these tests do not know: {name}"
        step = scope.steps.get(found[1])
        if step is None:
            return ""
        if found[3] is None:
            return step.outcome
        return step.outputs.get(found[3], "")

    def _truth(self, text: str, scope: Scope) -> bool:
        text = text.strip()
        if "||" in text:
            return any(self._truth(part, scope) for part in text.split("||"))
        if "&&" in text:
            return all(self._truth(part, scope) for part in text.split("&&"))
        if text in ("!cancelled()", "always()", "success()"):
            return text != "success()" or not scope.failed
        if text == "failure()":
            return scope.failed
        for operator in ("==", "!="):
            if operator in text:
                left, right = (self._value(p.strip(), scope) for p in text.split(operator, 1))
                return (left == right) == (operator == "==")
        return self._value(text, scope) not in ("", "false", "0")

    def evaluate(self, text: str, scope: Scope) -> str:
        return EXPRESSION.sub(lambda m: self._value(m.group(1), scope), text)

    def condition(self, text: str | bool | None, scope: Scope) -> bool:
        if text is None:
            return not scope.failed
        raw = str(text).strip()
        found = EXPRESSION.fullmatch(raw)
        inner = found.group(1) if found else raw
        implicit = STATUS.search(inner) is None  # no status function: `success() && ...`
        return (not implicit or not scope.failed) and self._truth(inner, scope)

    # ------------------------------------------------------------------ steps

    def _bash(
        self, script: str, env: Mapping[str, str]
    ) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
        self._count += 1
        output = self.tmp / f"output-{self._count}"
        output.write_text("")
        full = {
            **os.environ,
            **self.env,
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(output),
            "RUNNER_TEMP": str(self.runner_temp),
            "RUNNER_OS": "Linux",
            "GITHUB_EVENT_PATH": str(self.event_path),
            **env,
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=self.workspace,
            env=full,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        return done, _parse_outputs(output.read_text())

    def _run_step(self, step: dict[str, Any], scope: Scope) -> StepResult:
        name = str(step.get("name") or step.get("run") or step.get("uses"))
        env = {k: self.evaluate(text(v), scope) for k, v in (step.get("env") or {}).items()}
        if "run" in step:
            assert step.get("shell", "bash") == "bash", name
            done, outputs = self._bash(str(step["run"]), env)
            outcome = "success" if done.returncode == 0 else "failure"
            return StepResult(name, outcome, outputs, done.stdout, done.stderr, str(step["run"]))
        uses = str(step["uses"])
        given = {k: self.evaluate(text(v), scope) for k, v in (step.get("with") or {}).items()}
        if OKRCTL_ACTION.match(uses.split(" #")[0].strip()):
            return self.run_action(self.action_path(uses), given, name)
        outputs = dict(next((v for k, v in self.outputs.items() if uses.startswith(k)), {}))
        if uses.startswith("actions/setup-python@"):
            outputs.setdefault("python-path", sys.executable)
        return StepResult(name, "success", outputs)

    def run_steps(self, steps: list[dict[str, Any]], scope: Scope) -> list[StepResult]:
        results = []
        for step in steps:
            if not self.condition(step.get("if"), scope):
                result = StepResult(str(step.get("name", step.get("uses", ""))), "skipped")
            else:
                result = self._run_step(step, scope)
                if result.outcome == "failure" and not step.get("continue-on-error"):
                    scope.failed = True
            if "id" in step:
                scope.steps[str(step["id"])] = result
            results.append(result)
        return results

    def run_action(self, folder: Path, given: dict[str, str], name: str = "okrctl") -> StepResult:
        """okrctl's composite action from `folder`, with the inputs `given`."""
        action = load(folder / "action.yml")
        unknown = set(given) - set(action["inputs"])
        assert not unknown, f"inputs the action does not define: {sorted(unknown)}"
        inputs = {k: text(v.get("default", "")) for k, v in action["inputs"].items()} | given
        scope = Scope(inputs=inputs, action_path=str(folder))
        steps = list(action["runs"]["steps"])
        if self.installed is not None:
            bin_dir = self.installed.parent
            scope.steps["install"] = StepResult(
                "install (already installed)",
                "success",
                {"okrctl": str(self.installed), "python": str(bin_dir / "python")},
            )
            steps = [s for s in steps if s.get("id") != "install"]
        inner = self.run_steps(steps, scope)
        outputs = {
            key: self.evaluate(str(spec["value"]), scope)
            for key, spec in action.get("outputs", {}).items()
        }
        outcome = "failure" if scope.failed else "success"
        return StepResult(name, outcome, outputs, inner=inner)

    def run_job(self, workflow: Path, job: str | None = None) -> list[StepResult]:
        """The steps of `job` (default: the workflow's only job) in order."""
        jobs = load(workflow)["jobs"]
        chosen = jobs[job] if job is not None else next(iter(jobs.values()))
        return self.run_steps(list(chosen["steps"]), Scope())


def failures(results: list[StepResult]) -> str:
    """The output of every step (and inner step) that failed, for assertion messages."""
    lines = []
    for result in results:
        if result.outcome == "failure":
            lines.append(f"{result.name}: {result.stdout}{result.stderr}")
        lines.extend(failures(result.inner).splitlines())
    return "\n".join(lines)
