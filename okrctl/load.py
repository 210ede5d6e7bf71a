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

`parse_text` is pure (text in, data and diagnostics out); `read_source` and `discover` are the only
functions that touch the file system.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import yaml

from okrctl.diagnostics import Diagnostic, Severity

MAX_BYTES = 4 * 1024 * 1024
"""Largest OKR file read: an objective is a few KiB; the organisation file of a company of
20,000 people is about 3 MiB."""
MAX_DEPTH = 32
"""Deepest nesting of mappings and sequences accepted; the format needs five levels."""
YAML_SUFFIXES = (".yaml", ".yml")
NOT_AN_OKR_FILE = "OKR115"
"""A file under okrs/ that is not an OKR file (hidden files, such as .gitkeep, are left alone)."""
_NOT_OKR = (
    "not an OKR file: okrs/ holds OKR files (.yaml) only, which each unit's lead reviews as "
    "OKRs; keep scripts, data and documents elsewhere (metric files in metrics/, for instance)"
)

Path_ = tuple[str | int, ...]
"""A field path inside a document: keys and list indices, e.g. `("key_results", 0, "target")`."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ALLOWED_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


# --------------------------------------------------------------------------- positions


Entry_ = tuple[int, int, int, int, str | None]


class SourceMap:
    """Line and column (1-based) of every key and value of one document, keyed by field path.

    Each entry is `(key_line, key_column, value_line, value_column, source_text)`; the key
    position equals the value position for list items and the document root. `source_text` is the
    author's text for a plain scalar that resolved to a non-string, else None.

    Positions are only needed when a finding must be placed, so a map may be lazy: `loader` is
    called on first use to compute the entries (for a file that validated, usually never).
    """

    __slots__ = ("_entries", "_loader")

    def __init__(
        self,
        entries: dict[Path_, Entry_] | None = None,
        loader: Callable[[], dict[Path_, Entry_]] | None = None,
    ) -> None:
        self._entries = entries if entries is not None or loader is not None else {}
        self._loader = loader

    @property
    def entries(self) -> dict[Path_, Entry_]:
        if self._entries is None:
            assert self._loader is not None
            try:
                self._entries = self._loader()
            except (OSError, ValueError):  # the file changed or vanished since it was checked
                self._entries = {}
            self._loader = None
        return self._entries

    @classmethod
    def of_file(cls, path: Path) -> SourceMap:
        """Positions of `path`, read and computed when first asked for."""

        def compute() -> dict[Path_, Entry_]:
            with open(path, "rb") as handle:
                text, _ = decode(handle.read(MAX_BYTES + 1), "")
            return parse_text(text, "").source.entries if text is not None else {}

        return cls(loader=compute)

    def locate(
        self, path: Sequence[str | int], at: Literal["key", "value"] = "value"
    ) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that exists in the file.

        A field that is missing is reported at the key of the mapping that should hold it.
        """
        entries = self.entries
        probe: Path_ = tuple(path)
        exact = True
        while probe not in entries and probe:
            probe = probe[:-1]
            exact = False
        entry = entries.get(probe)
        if entry is None:
            return (1, 1)
        if at == "key" or not exact:
            return (entry[0], entry[1])
        return (entry[2], entry[3])

    def source_text(self, path: Sequence[str | int]) -> str | None:
        """What the author typed for a plain scalar that was not read as a string."""
        entry = self.entries.get(tuple(path))
        return entry[4] if entry else None


class Parsed:
    """One file after loading: its data (None when it could not be read) and what went wrong.

    `source` (positions) is computed on first use when the file was parsed without positions.
    """

    __slots__ = ("_source", "_text", "data", "diagnostics", "file")

    def __init__(
        self,
        file: str,
        data: dict[str, Any] | None,
        source: SourceMap | None,
        diagnostics: list[Diagnostic],
        text: str | None = None,
    ) -> None:
        self.file = file
        self.data = data
        self.diagnostics = diagnostics
        self._source = source
        self._text = text

    @property
    def source(self) -> SourceMap:
        if self._source is None:
            self._source = parse_text(self._text, self.file).source if self._text else SourceMap()
        return self._source


# --------------------------------------------------------------------------- scalars

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NOT_STRING_START = frozenset("0123456789+-.~tTfFnN")
_MAX_NUMBER_TEXT = 64


def resolve_plain(text: str) -> Any:
    """The value of a plain (unquoted) scalar under YAML 1.2's core schema, plus ISO dates."""
    if not text:
        return None
    if text[0] not in _NOT_STRING_START or len(text) > _MAX_NUMBER_TEXT:
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text)
    if text.startswith(("0o", "0x")):
        try:
            return int(text[2:], 8 if text[1] == "o" else 16)
        except ValueError:
            return text
    if _FLOAT.match(text):
        return float(text)
    if text in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[text]
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


# --------------------------------------------------------------------------- parsing


class _Stop(Exception):
    """Ends parsing of a file after a diagnostic that makes the rest meaningless."""


class _Frame:
    """An open mapping or sequence. `orphan`: it hangs under a duplicate key and is dropped."""

    __slots__ = ("container", "duplicate", "key", "key_lines", "key_pos", "orphan", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path_, orphan: bool) -> None:
        self.container = container
        self.path = path
        self.orphan = orphan
        self.key: str | None = None
        self.key_pos = (0, 0)
        self.key_lines: dict[str, int] = {}
        self.duplicate = False


def parse_text(text: str, file: str, positions: bool = True) -> Parsed:
    """Parse one document from `text`, reporting problems as diagnostics against `file`.

    With `positions=False` the data is built without recording where each value stands (the fast
    path for files that turn out valid); the returned `Parsed.source` then computes positions
    from the text on first use.
    """
    source = SourceMap()
    diagnostics: list[Diagnostic] = []

    def fail(code: str, mark: Any, message: str) -> _Stop:
        diagnostics.append(
            Diagnostic(file, mark.line + 1, mark.column + 1, code, Severity.ERROR, message)
        )
        return _Stop()

    entries = source.entries
    root: Any = None
    have_root = False
    stack: list[_Frame] = []
    documents = 0
    try:
        event: Any
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail(
                        "OKR105",
                        event.start_mark,
                        "a second YAML document starts here; put one entity in each file "
                        "(remove the `---` line and move the rest to a file of its own)",
                    )
                continue
            if kind is yaml.AliasEvent:
                raise fail(
                    "OKR102",
                    event.start_mark,
                    f"alias `*{event.anchor}` is not allowed; write the value out in full",
                )
            if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                continue
            if event.anchor is not None:
                raise fail(
                    "OKR102",
                    event.start_mark,
                    f"anchor `&{event.anchor}` is not allowed; OKR files repeat values "
                    "instead of sharing them",
                )
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise fail(
                    "OKR104",
                    event.start_mark,
                    f"tag `{shown}` is not allowed; remove it (quote the value if it must "
                    "stay text)",
                )
            pos = (event.start_mark.line + 1, event.start_mark.column + 1)
            top = stack[-1] if stack else None

            if top is not None and isinstance(top.container, dict) and top.key is None:
                # A mapping key.
                if kind is not yaml.ScalarEvent:
                    raise fail(
                        "OKR100",
                        event.start_mark,
                        "a key must be a plain name, not a list or a mapping",
                    )
                key = event.value
                if key == "<<" and event.implicit[0]:
                    raise fail(
                        "OKR103",
                        event.start_mark,
                        "merge key `<<` is not allowed; write the fields out in full",
                    )
                if key in top.key_lines:
                    diagnostics.append(
                        Diagnostic(
                            file,
                            pos[0],
                            pos[1],
                            "OKR101",
                            Severity.ERROR,
                            f"duplicate key {key!r}: it is already set at line "
                            f"{top.key_lines[key]}; keep one of the two",
                        )
                    )
                    top.duplicate = True
                else:
                    top.key_lines[key] = pos[0]
                top.key = key
                top.key_pos = pos
                continue

            # A value: the document root, a mapping value or a list item.
            raw: str | None = None
            value: Any
            if kind is yaml.ScalarEvent:
                if event.implicit[0] and tag is None:
                    value = resolve_plain(event.value)
                    if not isinstance(value, str):
                        raw = event.value
                else:
                    value = event.value
            elif kind is yaml.MappingStartEvent:
                value = {}
            else:
                value = []

            discard = False
            if top is None:
                path: Path_ = ()
                key_pos = pos
                root, have_root = value, True
            elif isinstance(top.container, dict):
                assert top.key is not None
                path = (*top.path, top.key)
                key_pos = top.key_pos
                discard = top.orphan or top.duplicate
                if not discard:
                    top.container[top.key] = value
                top.key = None
                top.duplicate = False
            else:
                path = (*top.path, len(top.container))
                key_pos = pos
                discard = top.orphan
                top.container.append(value)
            if (positions or not path) and not discard:
                entries[path] = (key_pos[0], key_pos[1], pos[0], pos[1], raw)
            if kind is not yaml.ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    raise fail(
                        "OKR111",
                        event.start_mark,
                        f"nesting is deeper than {MAX_DEPTH} levels; OKR files need far fewer",
                    )
                stack.append(_Frame(value, path, discard))
    except _Stop:
        return Parsed(file, None, source, diagnostics)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        if "maximum nesting depth" in problem and mark is not None:
            # PyYAML 6.0.4 and later cap nesting in libyaml's scanner, which reads ahead of the
            # events and so can refuse a file before okrctl's own, lower limit is reached.
            diagnostics.append(
                Diagnostic(
                    file,
                    mark.line + 1,
                    mark.column + 1,
                    "OKR111",
                    Severity.ERROR,
                    f"nesting is deeper than the YAML parser allows (okrctl accepts "
                    f"{MAX_DEPTH} levels); OKR files need far fewer",
                )
            )
            return Parsed(file, None, source, diagnostics)
        context = f" ({error.context})" if error.context else ""
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            problem, context = "a tab character; YAML indents with spaces, so replace it", ""
        elif "block" in (error.context or "") or "block" in problem:
            context += (
                "; check the indentation here: the fields of one mapping, and the `-` items of "
                "one list, start in the same column"
            )
        diagnostics.append(
            Diagnostic(
                file,
                line,
                column,
                "OKR100",
                Severity.ERROR,
                f"YAML syntax error: {problem}{context}",
            )
        )
        return Parsed(file, None, source, diagnostics)
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always gives a mark
        diagnostics.append(
            Diagnostic(file, 1, 1, "OKR100", Severity.ERROR, f"YAML syntax error: {error}")
        )
        return Parsed(file, None, source, diagnostics)

    if not have_root or root is None:
        diagnostics.append(
            Diagnostic(
                file,
                1,
                1,
                "OKR106",
                Severity.ERROR,
                "the file is empty; start it with `apiVersion: okrctl/v1` and a `kind`, or "
                "delete it",
            )
        )
        return Parsed(file, None, source, diagnostics)
    if not isinstance(root, dict):
        line, column = source.locate(())
        diagnostics.append(
            Diagnostic(
                file,
                line,
                column,
                "OKR112",
                Severity.ERROR,
                "the file must be a mapping of fields (`apiVersion: okrctl/v1`, `kind: ...`), "
                f"not a {'list' if isinstance(root, list) else 'single value'}",
            )
        )
        return Parsed(file, None, source, diagnostics)
    if diagnostics:  # duplicate keys make the data ambiguous: report them, validate nothing
        return Parsed(file, None, source, diagnostics)
    return Parsed(file, root, source if positions else None, diagnostics, text)


_NEEDS_EVENTS = ("&", "*", "!", "<<")
"""Text that may hold an anchor, alias, tag or merge key: only the event path judges those."""


class _Unusual(Exception):
    """The fast path met something only the event path reports exactly."""


def parse_fast(text: str) -> dict[str, Any] | None:
    """The data of a plainly valid document, built by libyaml's C composer; None when the exact
    event path must decide (anything unusual, or any error), never a different answer.

    Most files in a repository are plain mappings of scalars; composing them in C and walking
    the node tree is faster than handling every event in Python. Files whose text could contain
    an anchor, alias, tag or merge key are left to `parse_text`.
    """
    if any(marker in text for marker in _NEEDS_EVENTS):
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if node is None or node.__class__ is not yaml.MappingNode:
        return None
    try:
        data = _walk(node, 0)
    except (_Unusual, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _walk(node: Any, depth: int) -> Any:
    kind = node.__class__
    if kind is yaml.ScalarNode:
        return node.value if node.style else resolve_plain(node.value)
    if depth >= MAX_DEPTH:
        raise _Unusual
    if kind is yaml.MappingNode:
        mapping: dict[str, Any] = {}
        for key, value in node.value:
            if key.__class__ is not yaml.ScalarNode or key.value in mapping:
                raise _Unusual  # a complex or duplicate key: the event path reports it
            mapping[key.value] = _walk(value, depth + 1)
        return mapping
    return [_walk(item, depth + 1) for item in node.value]


# --------------------------------------------------------------------------- bytes to text


def decode(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text from a file's bytes (a UTF-8 byte order mark is dropped), or a diagnostic."""

    def error(offset: int, message: str, code: str = "OKR107") -> tuple[None, list[Diagnostic]]:
        line = data.count(b"\n", 0, offset) + 1
        line_start = data.rfind(b"\n", 0, offset) + 1
        column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
        return None, [Diagnostic(file, line, column, code, Severity.ERROR, message)]

    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
    ):  # fmt: skip
        if data.startswith(bom):
            return error(0, f"the file is encoded as {name}; save it as UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        return error(
            nul,
            "the file contains a NUL byte: it is binary or UTF-16; save it as UTF-8 text",
            "OKR110",
        )
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return error(
            exc.start,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
        )


# --------------------------------------------------------------------------- the file system


class SourceFile:
    """An OKR file found on disk: where it is, and its name relative to the repository.

    The location is kept as text and turned into a `Path` on first use: a large repository
    finds tens of thousands of files, most of which are only read.
    """

    __slots__ = ("_path", "location", "rel")

    def __init__(self, path: Path | str, rel: str) -> None:
        self.location = str(path)
        self.rel = rel
        self._path = path if isinstance(path, Path) else None

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(self.location)
        return self._path

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceFile):
            return NotImplemented
        return (self.location, self.rel) == (other.location, other.rel)

    def __hash__(self) -> int:
        return hash((self.location, self.rel))

    def __repr__(self) -> str:
        return f"SourceFile({self.location!r}, {self.rel!r})"

    def __getstate__(self) -> tuple[str, str]:
        return (self.location, self.rel)

    def __setstate__(self, state: tuple[str, str]) -> None:
        self.location, self.rel = state
        self._path = None


def relative_name(path: Path, root: Path) -> str:
    """The name a user sees: relative to the repository when inside it, posix separators."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_utf8(name: str) -> bool:
    """A file name os.scandir decoded without surrogate escapes (its bytes are UTF-8)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable_name(name: str) -> str:
    """A file name that is not UTF-8, with each undecodable byte shown as `\\xNN`."""
    return "".join(f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else c for c in name)


def undecodable_name(name: str) -> Diagnostic:
    """The finding for a file or folder whose name is not UTF-8 (it is skipped)."""
    return Diagnostic(
        printable_name(name),
        1,
        1,
        "OKR109",
        Severity.ERROR,
        "the name is not valid UTF-8 text, so okrctl cannot show or link it; rename it "
        "(okrctl skipped it)",
    )


def discover(root: Path, targets: Iterable[Path]) -> tuple[list[SourceFile], list[Diagnostic]]:
    """YAML files under `targets` (files or folders), sorted; symlinks checked against `root`.

    A symlink that loops, dangles, leads out of the repository or into its `.git/` is a
    diagnostic (the rule of `okrctl.paths`, which every other reader applies). So is any other
    file in a folder walked (`NOT_AN_OKR_FILE`): a script kept beside the OKR files would be
    reviewed by the unit's lead alone, as OKRs are. A symlinked
    folder is followed when it leads to a part of the repository not walked otherwise. Folders
    whose names start with a dot are skipped.
    """
    root_abs = os.path.abspath(root)
    root_real = os.path.realpath(root_abs)
    prefix = root_abs.rstrip(os.sep) + os.sep
    found: dict[str, SourceFile] = {}
    diagnostics: list[Diagnostic] = []
    covered: list[str] = []
    """Real paths of the folders walked so far: a link into one of them adds nothing."""

    def rel_of(path: str) -> str:
        if path.startswith(prefix):
            return path[len(prefix) :].replace(os.sep, "/")
        return relative_name(Path(path), root)

    def bad_link(path: str, message: str) -> None:
        diagnostics.append(Diagnostic(rel_of(path), 1, 1, "OKR109", Severity.ERROR, message))

    def bad_name(path: str) -> None:
        diagnostics.append(undecodable_name(rel_of(path)))

    def check_link(path: str) -> str | None:
        try:
            real = str(Path(path).resolve(strict=True))
        except (OSError, RuntimeError) as exc:
            loop = "loop" in str(exc).lower() or isinstance(exc, RuntimeError)
            bad_link(
                path,
                "symlink loop: the link points back to itself; remove it"
                if loop
                else "broken symlink: its target does not exist; remove it or fix the target",
            )
            return None
        if real != root_real and not real.startswith(root_real.rstrip(os.sep) + os.sep):
            bad_link(
                path,
                "symlink leads outside the repository; OKR files must live in the repository "
                "(copy the file in instead of linking it)",
            )
            return None
        if ".git" in real[len(root_real) :].split(os.sep):
            bad_link(
                path,
                "symlink leads into .git/, git's own files (which can hold credentials); "
                "OKR files must live in the repository's work tree",
            )
            return None
        return real

    def not_okr(path: str) -> None:
        diagnostics.append(
            Diagnostic(rel_of(path), 1, 1, NOT_AN_OKR_FILE, Severity.ERROR, _NOT_OKR)
        )

    def inside(path: str, folder: str) -> bool:
        return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)

    def is_covered(real: str) -> bool:
        """True when walking `real` would revisit a folder: it lies in one already walked, or
        holds one (a link to an ancestor is a loop)."""
        return any(inside(real, c) or inside(c, real) for c in covered)

    def add_file(path: str) -> None:
        rel = rel_of(path)
        if rel not in found:
            found[rel] = SourceFile(path, rel)

    def entries_of(folder: str) -> Iterator[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as listing:
                return iter(sorted(listing, key=lambda e: e.name))
        except OSError as exc:
            bad_link(folder, f"cannot read the folder: {exc.strerror or exc}")
            return iter(())

    def walk(top: str) -> None:
        """Depth first, in name order, with an explicit stack (folders nested thousands deep
        are fine)."""
        stack = [entries_of(top)]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            if not is_utf8(entry.name):
                if not entry.name.startswith(".") and (
                    entry.is_dir() or entry.name.endswith(YAML_SUFFIXES)
                ):
                    bad_name(entry.path)
                continue
            if entry.is_symlink():
                target = check_link(entry.path)
                if target is None:
                    continue
                if os.path.isdir(target):
                    if not entry.name.startswith(".") and not is_covered(target):
                        covered.append(target)
                        stack.append(entries_of(entry.path))
                elif entry.name.endswith(YAML_SUFFIXES):
                    add_file(entry.path)
                elif not entry.name.startswith("."):
                    not_okr(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    stack.append(entries_of(entry.path))
            elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file(follow_symlinks=False):
                add_file(entry.path)
            elif not entry.name.startswith("."):
                not_okr(entry.path)

    for target in targets:
        path = os.path.abspath(target)
        if os.path.islink(path) and check_link(path) is None:
            continue
        if os.path.isdir(path):
            real = os.path.realpath(path)
            if not is_covered(real):
                covered.append(real)
                walk(path)
        else:
            add_file(path)
    return [found[name] for name in sorted(found)], diagnostics


def read_capped(location: str, cap: int) -> bytes:
    """A file's bytes, at most `cap + 1` of them (one more than allowed tells it is too large).

    The buffer is sized from the file's length, not the cap: most OKR files are a few KiB.
    """
    with open(location, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(min(size, cap) + 1)
        if size < len(data) <= cap:  # the file grew since fstat: read on up to the cap
            data += handle.read(cap + 1 - len(data))
        return data


def read_source(
    source: SourceFile, max_bytes: int = MAX_BYTES
) -> tuple[bytes | None, Parsed | None]:
    """A file's bytes, or a `Parsed` carrying the diagnostic that stopped us from reading them."""

    def refuse(message: str, code: str) -> tuple[None, Parsed]:
        diagnostic = Diagnostic(source.rel, 1, 1, code, Severity.ERROR, message)
        return None, Parsed(source.rel, None, SourceMap(), [diagnostic])

    try:
        data = read_capped(source.location, max_bytes)
    except OSError as exc:
        return refuse(f"cannot read the file: {exc.strerror or exc}", "OKR109")
    if len(data) > max_bytes:
        return refuse(
            f"the file is larger than {max_bytes // 1024} KiB, the most okrctl reads: an "
            "objective file is a few KiB and even a large organisation file far less; check "
            "that it is the file you meant",
            "OKR108",
        )
    return data, None


def load_bytes(data: bytes, file: str, positions: bool = True) -> Parsed:
    """Decode and parse one file's bytes."""
    text, problems = decode(data, file)
    if text is None:
        return Parsed(file, None, SourceMap(), problems)
    return parse_text(text, file, positions)


def load_file(source: SourceFile, max_bytes: int = MAX_BYTES, positions: bool = True) -> Parsed:
    """Read, decode and parse one file."""
    data, refused = read_source(source, max_bytes)
    if refused is not None:
        return refused
    assert data is not None
    return load_bytes(data, source.rel, positions)
