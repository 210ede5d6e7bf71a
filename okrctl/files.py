"""Writing files so that nothing already written is ever lost or half-replaced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, content: str | bytes, *, durable: bool = True) -> None:
    """Replace `target` with `content`: a reader sees the old file or the new one, never half.

    The content goes to a temporary file in the same folder, is flushed to disk, and is renamed
    over the target; if anything fails (or the process is killed) the target is untouched.
    `durable=False` skips the flush to disk, for a file whose loss costs nothing (a cache, which
    a power cut may leave empty: it is then read as a miss).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
