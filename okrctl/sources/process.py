"""Running a metric source's command so that it cannot harm the run that started it.

As an argument list without a shell, from the repository root, with no input, with a stripped
environment (`ENVIRONMENT`: no GitHub Actions variables, so no `GITHUB_ENV`, `GITHUB_PATH` or
`GITHUB_OUTPUT` file to write commands for later steps into, and no token a job put in its
environment), and stopped (with every process it started) after its timeout or as soon as it
prints more than `MAX_STDOUT` bytes; only the last `MAX_OUTPUT` bytes of its stderr are kept.
What the output means is `okrctl.sources.reading`' business.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

MAX_STDOUT = 64 * 1024
"""Most bytes a command may print on stdout (a number is a few); past it the command is stopped."""
MAX_OUTPUT = 4096
"""Most bytes of a command's stderr kept (its last line explains a failure)."""
CHUNK = 64 * 1024


ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SYSTEMROOT")
"""The only environment variables a source command gets (when set): what finding programs,
decoding text and telling the time need. A command that needs a secret reads it from a file
the workflow writes, outside the repository."""


def command_environment() -> dict[str, str]:
    return {name: os.environ[name] for name in ENVIRONMENT if name in os.environ}


class Output:
    """What a command printed: the first `cap` bytes of stdout, the last `MAX_OUTPUT` bytes of
    stderr. Reading stops (and the command is stopped) as soon as stdout passes the cap, so a
    command that prints without end costs a few kilobytes, never the machine's memory."""

    def __init__(self, stop: Callable[[], None]) -> None:
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.too_long = False
        self._stop = stop

    def read_stdout(self, stream: IO[bytes]) -> None:
        while chunk := stream.read1(CHUNK):  # type: ignore[attr-defined]
            if len(self.stdout) + len(chunk) > MAX_STDOUT:
                self.too_long = True
                self._stop()
                return
            self.stdout += chunk

    def read_stderr(self, stream: IO[bytes]) -> None:
        while chunk := stream.read1(CHUNK):  # type: ignore[attr-defined]
            self.stderr = (self.stderr + chunk)[-MAX_OUTPUT:]


def _stopper(process: subprocess.Popen[bytes]) -> Callable[[], None]:
    """Kill the command and whatever it started (its own process group, on POSIX), so that no
    child keeps the pipes open."""

    def stop() -> None:
        if os.name == "posix":
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            process.kill()

    return stop


def run(command: list[str], root: Path, timeout: float) -> tuple[int | None, Output]:
    """Run `command`; its exit code (None when it ran out of time) and output. Raises OSError
    when it cannot start."""
    process = subprocess.Popen(
        command,
        cwd=root,
        env=command_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=os.name == "posix",
    )
    assert process.stdout is not None and process.stderr is not None
    stop = _stopper(process)
    output = Output(stop)
    readers = [
        threading.Thread(target=output.read_stdout, args=(process.stdout,), daemon=True),
        threading.Thread(target=output.read_stderr, args=(process.stderr,), daemon=True),
    ]
    for reader in readers:
        reader.start()
    code: int | None
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        code = None
    stop()  # the command, or children it left behind still holding the pipes
    process.wait()
    for reader in readers:
        reader.join()
    process.stdout.close()
    process.stderr.close()
    return code, output
