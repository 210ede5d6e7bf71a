"""Finding OKR files, reading them safely, and knowing the line and column of every value.

YAML is read from libyaml's event stream rather than through a constructor, so that nothing in a
file can run code, allocate without bound or change meaning silently:

* anchors, aliases and merge keys are refused at the event that introduces them (no alias is ever
  expanded, so "billion laughs" costs nothing);
* only the plain YAML 1.2 core types are resolved (`yes`, `no`, `on` stay strings), plus
  `YYYY-MM-DD` dates; the source text of every plain scalar that became a number, boolean, null or
  date is kept, so a field that expects a string gets the text the author typed (`1.10`, not 1.1);
* duplicate keys, custom tags, several documents, empty files, nesting deeper than `MAX_DEPTH`,
  files over the size cap, non-UTF-8 bytes and NUL bytes are diagnostics, never exceptions.

The package, module by module: `positions` (the source map and its locator), `scalars` (plain
scalar resolution), `refusals` (each OKR100-OKR112 refusal, one named check each), `bidi`
(bidirectional control characters, OKR113 and OKR114, which do not stop a file), `events` (the
exact event reader), `fast` (the C composer's fast path), `decoding` (bytes to text, the size
cap) and `discovery` (finding files). `parse_text` is pure (text in, data and diagnostics out);
`read_source` and `discover` are the only functions that touch the file system.
"""

from __future__ import annotations

from okrctl.load.decoding import MAX_BYTES, decode, read_capped, read_source
from okrctl.load.discovery import (
    YAML_SUFFIXES,
    SourceFile,
    discover,
    is_utf8,
    relative_name,
    undecodable_name,
)
from okrctl.load.events import parse_text
from okrctl.load.fast import MarkedSource, Marks, compose, parse_fast
from okrctl.load.parsed import Parsed
from okrctl.load.positions import Entry_, Path_, SourceMap
from okrctl.load.refusals import MAX_DEPTH
from okrctl.load.scalars import resolve_plain

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "YAML_SUFFIXES",
    "Entry_",
    "MarkedSource",
    "Marks",
    "Parsed",
    "Path_",
    "SourceFile",
    "SourceMap",
    "compose",
    "decode",
    "discover",
    "is_utf8",
    "load_bytes",
    "load_file",
    "parse",
    "parse_fast",
    "parse_text",
    "read_capped",
    "read_source",
    "relative_name",
    "resolve_plain",
    "undecodable_name",
]


def parse(text: str, file: str) -> Parsed:
    """Parse one document: the C composer's fast path for a plain document, else the exact event
    reader; either way with the positions of every field, from this one parse."""
    return compose(text, file) or parse_text(text, file)


def load_bytes(data: bytes, file: str) -> Parsed:
    """Decode and parse one file's bytes."""
    text, problems = decode(data, file)
    if text is None:
        return Parsed(file, None, SourceMap(), problems)
    return parse(text, file)


def load_file(source: SourceFile, max_bytes: int = MAX_BYTES) -> Parsed:
    """Read, decode and parse one file."""
    data, refused = read_source(source, max_bytes)
    if refused is not None:
        return refused
    assert data is not None
    return load_bytes(data, source.rel)
