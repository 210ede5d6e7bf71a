"""The per-file phases (read, parse, validate) for many files, on every core that pays.

Most files in a repository are valid, so the fast path parses without recording positions and, in
worker processes, hands each valid document to the parent as compact JSON that pydantic-core
validates again into models (pickling pydantic models is several times slower). Any file that is
not plainly valid goes through the exact path (`exact`: positions, YAML 1.1 text restoration,
every diagnostic), so the fast path never changes what a user is told.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from typing import Any

from pydantic import ValidationError

from okrctl import suppress
from okrctl.diagnostics import Diagnostic
from okrctl.load import (
    MAX_BYTES,
    Entry_,
    Parsed,
    Path_,
    SourceFile,
    SourceMap,
    decode,
    parse_fast,
    parse_text,
    read_source,
)
from okrctl.model import KINDS, Objective, Organization
from okrctl.validate import validate

PARALLEL_FROM = 2000
"""Fewer files than this are checked in one process: starting workers costs more than it saves."""
CHUNK = 200


@dataclass
class Outcome:
    """What the per-file phases made of one file."""

    source: SourceFile
    model: Organization | Objective | None
    diagnostics: list[Diagnostic]
    kind: str | None
    """The `kind` the file declares, when it could be read (even if it did not validate)."""
    declared_id: str | None
    """The `id` the file declares, when it is text (for files that did not validate)."""
    positions: SourceMap
    comments: suppress.Scan
    """Suppression comments of a file that validated."""


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading builds millions of acyclic objects; the cycle collector only slows that down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Examined:
    """One file's bytes through the per-file phases."""

    parsed: Parsed
    """The parse; its `source` computes positions from the text on first use."""
    model: Organization | Objective | None
    diagnostics: list[Diagnostic]
    comments: suppress.Scan
    """Suppression comments, read from files that validated."""

    @property
    def declared(self) -> tuple[str | None, str | None]:
        """(kind, id) the file declares, when they are text: for files that did not validate."""
        data = self.parsed.data or {}
        kind, ident = data.get("kind"), data.get("id")
        return (kind if isinstance(kind, str) else None, ident if isinstance(ident, str) else None)


def examine(data: bytes, name: str) -> Examined:
    """Decode, parse and validate one file's bytes; every diagnostic at its position."""
    text, undecodable = decode(data, name)
    if text is None:
        unreadable = Parsed(name, None, SourceMap(), undecodable)
        return Examined(unreadable, None, undecodable, suppress.Scan())
    parsed = _parse(text, name)
    model, problems = validate(parsed)
    comments = suppress.scan(text) if model is not None else suppress.Scan()
    return Examined(parsed, model, [*parsed.diagnostics, *problems], comments)


def _parse(text: str, name: str) -> Parsed:
    """The fast C-composed path for plain documents, the exact event path for anything else;
    positions are computed from the text only if a finding needs them."""
    data = parse_fast(text)
    if data is not None:
        return Parsed(name, data, None, [], text)
    return parse_text(text, name, positions=False)


def exact(source: SourceFile, max_bytes: int = MAX_BYTES) -> Outcome:
    """The authoritative path: every diagnostic, at its position."""
    data, refused = read_source(source, max_bytes)
    if refused is not None:
        return _outcome(source, refused, None, refused.diagnostics, suppress.Scan())
    assert data is not None
    found = examine(data, source.rel)
    return _outcome(source, found.parsed, found.model, found.diagnostics, found.comments)


def _outcome(
    source: SourceFile,
    parsed: Parsed,
    model: Organization | Objective | None,
    diagnostics: list[Diagnostic],
    comments: suppress.Scan,
) -> Outcome:
    data = parsed.data or {}
    kind = data.get("kind") if isinstance(data.get("kind"), str) else None
    declared = data.get("id") if isinstance(data.get("id"), str) else None
    return Outcome(
        source,
        model,
        diagnostics,
        kind,
        declared,
        SourceMap(loader=lambda: _positions_of(source)),
        comments,
    )


def _positions_of(source: SourceFile) -> dict[Path_, Entry_]:
    """Positions of a file, read and parsed again when a finding first needs them."""
    try:
        with open(source.location, "rb") as handle:
            text, _ = decode(handle.read(MAX_BYTES + 1), "")
    except OSError:  # the file vanished since it was checked
        return {}
    return parse_text(text, "").source.entries if text is not None else {}


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


Parcel = tuple[str | None, bytes | None, suppress.Scan]


def _parse_chunk(chunk: Sequence[tuple[SourceFile, int]]) -> list[Parcel]:
    """In a worker: (kind, JSON of the data, comments) per file that parsed cleanly; files that
    did not are sent back empty, for the parent's exact path."""
    out: list[Parcel] = []
    empty: Parcel = (None, None, suppress.Scan())
    with paused_gc():
        for source, max_bytes in chunk:
            raw, refused = read_source(source, max_bytes)
            text = decode(raw, source.rel)[0] if raw is not None and refused is None else None
            if text is None:
                out.append(empty)
                continue
            parsed = _parse(text, source.rel)
            data = parsed.data
            kind = data.get("kind") if data is not None else None
            if data is None or parsed.diagnostics or kind not in KINDS:
                out.append(empty)
                continue
            try:
                blob = json.dumps(data, default=_json_default, separators=(",", ":"))
            except (TypeError, ValueError):
                out.append(empty)
                continue
            out.append((kind, blob.encode(), suppress.scan(text)))
    return out


def _from_json(source: SourceFile, parcel: Parcel, max_bytes: int) -> Outcome:
    kind, blob, comments = parcel
    if kind is not None and blob is not None:
        try:
            model = KINDS[kind].model_validate_json(blob)
        except ValidationError:
            pass
        else:
            data: dict[str, Any] = {"kind": kind, "id": getattr(model, "id", None)}
            parsed = Parsed(source.rel, data, None, [])
            return _outcome(source, parsed, model, [], comments)
    return exact(source, max_bytes)


def jobs_for(count: int, jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), 8))


def check_files(
    sources: Sequence[SourceFile], max_bytes: int = MAX_BYTES, jobs: int | None = None
) -> list[Outcome]:
    """Outcomes for `sources`, in the same order."""
    workers = jobs_for(len(sources), jobs)
    with paused_gc():
        if workers == 1:
            return [exact(source, max_bytes) for source in sources]
        tasks = [(source, max_bytes) for source in sources]
        chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
        outcomes: list[Outcome] = []
        # fork: workers inherit the imported models instead of importing them again
        context = get_context("fork") if "fork" in get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for chunk, results in zip(chunks, pool.map(_parse_chunk, chunks), strict=True):
                for (source, _), parcel in zip(chunk, results, strict=True):
                    outcomes.append(_from_json(source, parcel, max_bytes))
        return outcomes
