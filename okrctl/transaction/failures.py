"""What can stop a transaction, as the exceptions okrctl's commands map to exit codes.

A `Conflict` (exit code 1) is the repository changing under okrctl; a `WriteFailed` (exit code 2)
is the machine refusing the write. Either way nothing was changed.
"""

from __future__ import annotations

import errno

from okrctl.errors import UsageError

ENVIRONMENT_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO}
)
"""Errors of the machine, not of okrctl: a full disk, a read-only file system, no permission."""


class WriteFailed(UsageError):
    """The repository could not be written (a full disk, a read-only file system); nothing was
    changed. Exit code 2, like any other problem of the environment okrctl runs in."""


class Conflict(Exception):
    """A file changed on disk after okrctl read it; nothing was written (exit code 1)."""


def describe(error: OSError) -> str:
    """An OSError as one line: `No space left on device`."""
    return error.strerror or str(error)
