"""The `sources:` section: the allow-list of commands that metric sources may run.

`okrctl sync` runs an OKR file's `source.command` only when it is listed here, exactly as written.
A command must not run a script under `okrs/`, where a unit's lead alone reviews changes.
"""

from __future__ import annotations

from okrctl.config.record import Problem

_SHAPE = "`sources` holds `commands:`, a list of commands, each a list: [program, args...]"


def read_commands(raw: object, problem: Problem) -> tuple[tuple[str, ...], ...]:
    """`sources: {commands: [[program, arg, ...], ...]}`, validated."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problem(("sources",), _SHAPE, "value")
        return ()
    for key in raw:
        if key != "commands":
            problem(("sources", key), f"unknown setting {key!r}; {_SHAPE}", "key")
    listed = raw.get("commands") or []
    if not isinstance(listed, list):
        problem(("sources", "commands"), _SHAPE, "value")
        return ()
    commands = (_command(i, command, problem) for i, command in enumerate(listed))
    return tuple(command for command in commands if command is not None)


def _command(i: int, command: object, problem: Problem) -> tuple[str, ...] | None:
    """The `i`th listed command, or None (with a problem) when it is not a list of non-empty
    texts or when one of its parts lies in `okrs/`."""
    if (
        not isinstance(command, list)
        or not command
        or not all(isinstance(part, str) and part for part in command)
    ):
        problem(("sources", "commands", i), f"{_SHAPE}, of non-empty texts", "value")
        return None
    in_okrs = [j for j, part in enumerate(command) if _in_okrs(part)]
    if in_okrs:
        problem(
            ("sources", "commands", i, in_okrs[0]),
            f"{command[in_okrs[0]]!r} lies in okrs/, where a unit's lead alone reviews "
            "changes; keep the scripts that read metrics outside okrs/ (e.g. metrics/)",
            "value",
        )
        return None
    return tuple(command)


def _in_okrs(part: str) -> bool:
    """True when a command's part names a path under `okrs/` (`okrs/x`, `./okrs/x`, `okrs\\x`)."""
    return part.replace("\\", "/").lstrip("./").startswith("okrs/")
