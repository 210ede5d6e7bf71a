"""Reading the files an import is given: bounded in size, UTF-8 (with or without a byte-order
mark) only; anything else is a finding with the file and line, never a guess at another encoding.
`markdown_sources` and `table_source` turn the files into sources for `session.execute`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from okrctl.adopt.records import Category, Note, Source

MAX_MAPPING_BYTES = 1024 * 1024


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


def _text_of(path: Path, cap: int) -> tuple[str | None, list[Note]]:
    name = path.as_posix()
    data, notes = read_bytes(path, name, cap)
    if data is None:
        return None, notes
    return decode(data, name)


def markdown_sources(
    files: Sequence[Path],
    choice: tuple[str | None, str | None, str | None] = (None, None, None),
    year: str | None = None,
) -> list[Source]:
    """Each Markdown file read into a source (a file that cannot be read: its findings).
    `choice`: the objectives, key results and owners markers the user chose, else detected;
    `year`: the year of a quarter written without one on a page that names no year."""
    from okrctl.adopt import markdown

    sources = []
    for path in files:
        text, notes = _text_of(path, markdown.MAX_BYTES)
        name = path.as_posix()
        source = (
            markdown.read(text, name, choice=choice, year=year) if text is not None else Source()
        )
        source.notes[:0] = notes
        sources.append(source)
    return sources


def table_source(
    path: Path, preset: str | None, mapping: Path | None, sheet: str | None = None
) -> Source:
    """A spreadsheet (a workbook's first visible sheet, or `sheet`) read with a preset's
    layout or a mapping file's (default: allyio)."""
    from okrctl.adopt import sheets, table
    from okrctl.adopt.presets import PRESETS, load_mapping

    layout = PRESETS[preset or "allyio"]
    if mapping is not None:
        text, notes = _text_of(mapping, MAX_MAPPING_BYTES)
        found, more = load_mapping(text, mapping.as_posix()) if text is not None else (None, [])
        if found is None:
            return Source(notes=notes + more)
        layout = found
    rows, notes = sheets.read_rows(path, path.as_posix(), sheet)
    if any(n.category == Category.ERROR for n in notes):
        return Source(notes=notes)
    source = table.read(rows, path.as_posix(), layout)
    source.notes[:0] = notes
    return source


def reading_file(path: Path) -> tuple[tuple[str | None, str | None, str | None], list[Note]]:
    """The markers a reading file chooses (`objectives:`, `key_results:`, `owners:`), or
    findings with their lines."""
    from okrctl.adopt.markers import KEY_RESULT_MARKERS, OBJECTIVE_MARKERS, OWNER_MARKERS
    from okrctl.load import parse_text

    name = path.as_posix()
    text, notes = _text_of(path, MAX_MAPPING_BYTES)
    if text is None:
        return (None, None, None), notes
    parsed = parse_text(text, name)
    data = parsed.data
    if parsed.diagnostics or not isinstance(data, dict):
        first = parsed.diagnostics[0] if parsed.diagnostics else None
        message = (
            first.message if first else "a reading file maps objectives, key_results and owners"
        )
        return (None, None, None), [Note(name, first.line if first else 1, Category.ERROR, message)]
    allowed = {
        "objectives": OBJECTIVE_MARKERS,
        "key_results": KEY_RESULT_MARKERS,
        "owners": OWNER_MARKERS,
    }
    chosen: dict[str, str | None] = dict.fromkeys(allowed)
    for key, value in data.items():
        line = parsed.source.locate((key,), "key")[0]
        if key not in allowed:
            notes.append(
                Note(name, line, Category.ERROR, f"unknown key {key!r}: use {', '.join(allowed)}")
            )
        elif not isinstance(value, str) or value.partition(":")[0] not in allowed[key]:
            options = ", ".join(allowed[key])
            notes.append(
                Note(name, line, Category.ERROR, f"{key}: {value!r} is not one of {options}")
            )
        else:
            chosen[key] = value
    return (chosen["objectives"], chosen["key_results"], chosen["owners"]), notes
