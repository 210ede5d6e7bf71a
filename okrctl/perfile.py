"""The per-file phases (read, parse, validate) for many files, on every core that pays.

Every file is parsed once, and the parse records where each field stands (`okrctl.load.parse`):
a finding in the cross-file phases is placed without reading the file again. In worker processes,
each valid document goes to the parent as compact JSON that pydantic-core validates again into
models (pickling pydantic models is several times slower), with the marks of its nodes beside it;
the parent builds positions from the two only for a file with a finding. Any file that is not
plainly valid goes through the exact path (`exact`: YAML 1.1 text restoration, every diagnostic),
so the fast path never changes what a user is told.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import pickle
import sys
from array import array
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from pydantic import ValidationError

from okrctl import suppress
from okrctl.load import (
    MAX_BYTES,
    MarkedSource,
    Marks,
    SourceFile,
    SourceMap,
    bidi,
    decode,
    parse,
    read_source,
)
from okrctl.load.events import parse_text
from okrctl.load.fast import compose_marked, marks_from, positions_of
from okrctl.loaded import LoadedFile, declared
from okrctl.model import KINDS
from okrctl.validate import validate
from okrctl.workers import jobs_for, pool_context

CHUNK = 200


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading builds millions of acyclic objects; the cycle collector only slows that down.

    What was built is then frozen (moved out of the collector's generations) before the
    collector resumes: otherwise its first pass after the pause walks every object the pause
    let accumulate, and each later full pass walks the loaded files again, for nothing (they
    are freed by reference counting like any other object). A process that checks again and
    again (`okrctl serve`) calls `unfreeze` between rounds, so that what one round left for the
    collector is not kept for good.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def unfreeze() -> None:
    """Hand what earlier checks froze back to the collector (a long-running process calls this
    between checks; a command that ends after one check need not)."""
    gc.unfreeze()


def examine(data: bytes, name: str) -> LoadedFile:
    """Decode, parse and validate one file's bytes; every diagnostic at its position."""
    text, undecodable = decode(data, name)
    if text is None:
        return LoadedFile(name=name, model=None, diagnostics=tuple(undecodable))
    parsed = parse(text, name)
    model, problems = validate(parsed)
    kind, declared_id = declared(parsed.data)
    controls = [*bidi.in_file_name(name), *bidi.in_text(text, name, parsed.source)]
    return LoadedFile(
        name=name,
        model=model,
        positions=parsed.source,
        diagnostics=(*parsed.diagnostics, *problems, *controls),
        kind=kind,
        declared_id=declared_id,
        comments=suppress.scan(text) if model is not None else suppress.Scan(),
    )


def exact(source: SourceFile, max_bytes: int = MAX_BYTES) -> LoadedFile:
    """The authoritative path: every diagnostic, at its position."""
    data, refused = read_source(source, max_bytes)
    if refused is not None:
        return LoadedFile(name=source.rel, model=None, diagnostics=tuple(refused.diagnostics))
    assert data is not None
    return examine(data, source.rel)


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


Parcel = tuple[str | None, bytes | None, bytes, bytes, suppress.Scan]
"""(kind, JSON of the data, the positions of its nodes, the nodes' keys and sizes (`_layout`),
suppression comments)."""


def _data_and_marks(text: str) -> tuple[dict[str, Any] | None, Marks | None]:
    """One parse, recording where each node stands: the fast path, else the event reader."""
    composed = compose_marked(text)
    if composed is not None:
        return composed
    parsed = parse_text(text, "")
    if parsed.data is None or parsed.diagnostics:
        return None, None
    return parsed.data, marks_from(parsed.data, positions_of(parsed.source))


def _layout(marks: Marks) -> bytes:
    """The keys and sizes of the nodes, for the parent to place findings without walking the
    data again: `(keys, [node, size, node, size, ...])`, pickled (as everything that comes
    back from a worker is) with each key interned, so that a key is written once per file and
    read back by reference: three times faster to read than JSON, half the bytes."""
    sizes = [value for item in marks.sizes.items() for value in item]
    keys = [key if key is None else sys.intern(key) for key in marks.keys]
    return pickle.dumps((keys, sizes), protocol=pickle.HIGHEST_PROTOCOL)


def _parse_chunk(chunk: Sequence[tuple[SourceFile, int]]) -> list[Parcel]:
    """In a worker: a parcel per file that parsed cleanly; files that did not are sent back
    empty, for the parent's exact path."""
    out: list[Parcel] = []
    empty: Parcel = (None, None, b"", b"", suppress.Scan())
    with paused_gc():
        for source, max_bytes in chunk:
            raw, refused = read_source(source, max_bytes)
            text = decode(raw, source.rel)[0] if raw is not None and refused is None else None
            if text is None or bidi.needs_scan(text) or bidi.BIDI.search(source.rel):
                out.append(empty)
                continue
            data, marks = _data_and_marks(text)
            kind = data.get("kind") if data is not None else None
            if data is None or marks is None or kind not in KINDS:
                out.append(empty)
                continue
            try:
                blob = json.dumps(data, default=_json_default, separators=(",", ":"))
                layout = _layout(marks)
            except (TypeError, ValueError):
                out.append(empty)
                continue
            parcel = (kind, blob.encode(), marks.positions.tobytes(), layout, suppress.scan(text))
            out.append(parcel)
    return out


def _from_json(source: SourceFile, parcel: Parcel, max_bytes: int) -> LoadedFile:
    kind, blob, positions, layout, comments = parcel
    if kind is not None and blob is not None:
        try:
            model = KINDS[kind].model_validate_json(blob)
        except ValidationError:
            pass
        else:
            return LoadedFile(
                name=source.rel,
                model=model,
                positions=_positions(positions, layout),
                kind=kind,
                declared_id=getattr(model, "id", None),
                comments=comments,
            )
    return exact(source, max_bytes)


def _positions(positions: bytes, layout: bytes) -> SourceMap:
    """Where the fields of a file a worker parsed stand, decoded only when a finding needs a
    position (two C-level decodes: no walk over the data)."""

    def load() -> Marks:
        recorded = array("i")
        recorded.frombytes(positions)
        keys, sizes = pickle.loads(layout)  # from our own worker, like the parcel around it
        return Marks(recorded, keys, dict(zip(sizes[::2], sizes[1::2], strict=True)), {})

    return MarkedSource(load)


def check_files(
    sources: Sequence[SourceFile], max_bytes: int = MAX_BYTES, jobs: int | None = None
) -> list[LoadedFile]:
    """The loaded files of `sources`, in the same order."""
    workers = jobs_for(len(sources), jobs)
    with paused_gc():
        if workers == 1:
            return [exact(source, max_bytes) for source in sources]
        tasks = [(source, max_bytes) for source in sources]
        chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
        outcomes: list[LoadedFile] = []
        with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as pool:
            for chunk, results in zip(chunks, pool.map(_parse_chunk, chunks), strict=True):
                for (source, _), parcel in zip(chunk, results, strict=True):
                    outcomes.append(_from_json(source, parcel, max_bytes))
        return outcomes
