"""`okrctl check` from start to finish: the cache first, then the full check.

An unchanged repository is answered from the run cache without importing the models, the rules or
the configuration; anything else runs `engine.check_repository`, the one check every command runs,
with the configuration (edits made to closed periods included, which git knows about). Everything
that can change the answer is in the key: okrctl's code, the configuration files, `--today`, the
commit checked out (for closed periods) and the content of every file read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrctl import gitcmd
from okrctl.cache import RunCache, content_digest, default_directory
from okrctl.diagnostics import Diagnostic
from okrctl.load import MAX_BYTES, SourceFile, discover, read_capped
from okrctl.workspace import CONFIG_FILES, context_of


def _key(
    root: Path,
    targets: list[Path],
    config_file: Path | None,
    today: dt.date,
    discovered: tuple[list[SourceFile], list[Diagnostic]],
) -> str:
    context = context_of(root, targets)
    sources, found = discovered
    parts = [f"today={today.isoformat()}", f"context={[str(p) for p in context]}"]
    parts += [f"targets={[str(t.resolve()) for t in targets]}"]
    for config in [config_file] if config_file else [root / name for name in CONFIG_FILES]:
        try:
            parts.append(f"config:{config}:{content_digest(config.read_bytes())}")
        except OSError:
            parts.append(f"config:{config}:-")
    try:
        parts.append(f"head={gitcmd.resolve(gitcmd.toplevel(root), 'HEAD')}")
    except gitcmd.GitError:
        parts.append("head=-")
    parts += [repr(d) for d in found]
    for source in sources:
        try:
            digest = content_digest(read_capped(source.location, MAX_BYTES))
        except OSError as exc:
            digest = f"unreadable:{exc.errno}"
        parts.append(f"{source.rel}\0{digest}")
    return RunCache.key(parts)


def check_cached(
    root: Path,
    targets: list[Path],
    *,
    config_file: Path | None = None,
    today: dt.date | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
) -> tuple[list[Diagnostic], list[str]]:
    """The diagnostics of a whole check and the files it reported on."""
    day = today or dt.date.today()
    cache = key = None
    discovered: tuple[list[SourceFile], list[Diagnostic]] | None = None
    if use_cache:
        scope = [str(config_file or ""), *(str(t) for t in targets)]
        cache = RunCache(default_directory(), root, scope)
        discovered = discover(root, context_of(root, targets))
        key = _key(root, targets, config_file, day, discovered)
        hit = cache.get(key)
        if hit is not None:
            return hit

    from okrctl import config as configuration  # the slow path: models, rules, configuration
    from okrctl import engine

    config = configuration.load(root, config_file)
    result = engine.check_repository(
        root, targets, config=config, today=day, jobs=jobs, discovered=discovered
    )
    diagnostics = result.diagnostics
    if cache is not None and key is not None:
        cache.put(key, diagnostics, result.files)
    return diagnostics, result.files
