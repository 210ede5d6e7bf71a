"""Reading a source file's bytes: bounded in size, UTF-8 (with or without a byte-order mark)
only. Anything else is a finding with the file and line, never a guess at another encoding."""

from __future__ import annotations

from pathlib import Path

from okrctl.adopt.records import Category, Note


def read_bytes(path: Path, name: str, cap: int) -> tuple[bytes | None, list[Note]]:
    """The file's bytes, or None and a finding (missing, unreadable, larger than `cap`)."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(cap + 1)
    except OSError as exc:
        return None, [Note(name, 1, Category.ERROR, f"cannot read the file: {exc.strerror or exc}")]
    if len(data) > cap:
        return None, [
            Note(
                name,
                1,
                Category.ERROR,
                f"the file is larger than {cap // (1024 * 1024)} MiB: split it, or import the "
                "parts one by one",
            )
        ]
    return data, []


def decode(data: bytes, name: str) -> tuple[str | None, list[Note]]:
    """UTF-8 text (a leading byte-order mark dropped), or None and a finding at the first line
    that is not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Note(name, 1, Category.ERROR, "the file is UTF-16: save it as UTF-8")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Note(
                name,
                line,
                Category.ERROR,
                f"byte 0x{data[exc.start]:02x} is not UTF-8: save the file as UTF-8 (okrctl "
                "reads no other encoding)",
            )
        ]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Note(name, line, Category.ERROR, "the file holds a NUL character: not text")]
    return text, []
