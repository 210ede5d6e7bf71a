"""From a file's bytes to text: the size cap, encodings and NUL bytes (OKR107, OKR108, OKR110)."""

from __future__ import annotations

import codecs
import os

from okrctl.diagnostics import Diagnostic
from okrctl.load import refusals
from okrctl.load.discovery import SourceFile
from okrctl.load.parsed import Parsed
from okrctl.load.positions import SourceMap

MAX_BYTES = 4 * 1024 * 1024
"""Largest OKR file read: an objective is a few KiB; the organisation file of a company of
20,000 people is about 3 MiB."""

_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)  # fmt: skip


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def decode(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text from a file's bytes (a UTF-8 byte order mark is dropped), or a diagnostic."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return None, [refusals.wrong_encoding(file, *_position(data, 0), name)]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, [refusals.nul_byte(file, *_position(data, nul))]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        return None, [refusals.not_utf8(file, line, column, data[exc.start])]


def read_capped(location: str, cap: int) -> bytes:
    """A file's bytes, at most `cap + 1` of them (one more than allowed tells it is too large).

    The buffer is sized from the file's length, not the cap: most OKR files are a few KiB. Read
    with `os.read`, without a buffered file object: a check reads every file of the repository
    (10,000 of them on a warm run, to know that nothing changed), and the file object's layers
    cost more than the read itself.
    """
    handle = os.open(location, os.O_RDONLY | getattr(os, "O_BINARY", 0))  # no newline translation
    try:
        size = os.fstat(handle).st_size
        data = os.read(handle, min(size, cap) + 1)
        # a short read, or the file grew since fstat: read on up to the cap, or to its end
        while len(data) != size and len(data) <= cap:
            more = os.read(handle, cap + 1 - len(data))
            if not more:
                break
            data += more
        return data
    finally:
        os.close(handle)


def read_source(
    source: SourceFile, max_bytes: int = MAX_BYTES
) -> tuple[bytes | None, Parsed | None]:
    """A file's bytes, or a `Parsed` carrying the diagnostic that stopped us from reading them."""

    def refuse(diagnostic: Diagnostic) -> tuple[None, Parsed]:
        return None, Parsed(source.rel, None, SourceMap(), [diagnostic])

    try:
        data = read_capped(source.location, max_bytes)
    except OSError as exc:
        return refuse(refusals.unreadable(source.rel, str(exc.strerror or exc)))
    if len(data) > max_bytes:
        return refuse(refusals.too_large(source.rel, max_bytes))
    return data, None
