"""The kinds of values a plugin or Markdown extension option may take, each with its rule.

The allow-lists (`allowed_plugins`, `allowed_extensions`) give every option okrctl supports one of
these kinds. A kind is a function of the repository's root and the option's value that says why
the value is refused (a phrase to put after the option's name), or None when it is kept:

- `value`: a plain value (a word, a number, a flag, a list of them): nothing to confine;
- `site_path`: a path inside the site's own folders (the docs folder okrctl writes, or the built
  site): relative, never up out of them (`..`), no drive, no placeholder but the ones named;
- `url_pattern`: the pattern of a page's address, which is also the file the page is written
  to: the same rule, with only the placeholders the plugin fills in;
- `repository_path`: a file or folder an extension reads (images inlined, icons): inside the
  repository and never in `.git/`, through every link (`okrctl.paths`);
- `separator` and `url_date_format`: text that goes into a page's file name: no `/`, `\\` or `.`
  that could make a path of it;
- `only(value)`: the one value okrctl supports (a flag that, set otherwise, reads or runs
  something the checks cannot see).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from pathlib import Path, PureWindowsPath

from okrctl import paths

Kind = Callable[[Path, object], str | None]
"""A rule for one option's value: why it is refused, or None."""

OUT = "leads out of the site's folders (absolute, or up with `..`); give a path inside them"


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def external(given: object) -> bool:
    r"""True when a browser (or mkdocs) reads the address as another host's: browsers drop tabs
    and line breaks anywhere, leading and trailing control characters and spaces, and read `\`
    as `/`, so `" //host/x.js"` and `"/\t/host"` are `//host`; `https:/host` (one slash) is
    another host from a page of another scheme, and any scheme is refused with it."""
    path = given.get("path") if isinstance(given, Mapping) else given
    if not isinstance(path, str):
        return False
    url = re.sub(r"[\t\n\r]", "", path).strip(_C0_OR_SPACE).replace("\\", "/")
    return url.startswith("//") or _SCHEME.match(url) is not None


def value(root: Path, given: object) -> str | None:
    """Any value: the option names nothing on disk and no address."""
    return None


def _placeholders(text: str) -> list[str] | None:
    """The `{name}` fields of a format string; None when it is not one (`{`, `{0}`, `{a.b}`,
    `{a!r}` or `{a:>9}`: attribute and index access, conversions and specs are refused)."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return None
    names: list[str] = []
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            return None
        names.append(name)
    return names


def placeholders_only(text: str, allowed: set[str] | frozenset[str]) -> bool:
    """True when `text` is a format string whose fields are plain names among `allowed`."""
    names = _placeholders(text)
    return names is not None and set(names) <= allowed


def leaves(text: str) -> bool:
    """True when a relative path would lead out of the folder it is relative to: absolute (a
    slash, a backslash or a drive first), or a `..` part, with either slash as separator."""
    if text.startswith(("/", "\\")) or PureWindowsPath(text).drive or "\x00" in text:
        return True
    return ".." in re.split(r"[/\\]", text)


def _confined(given: object, allowed: frozenset[str]) -> str | None:
    if not isinstance(given, str) or not given.strip():
        return "must be a path (text)"
    if leaves(given):
        return OUT
    names = _placeholders(given) if allowed else []
    if allowed and names is None:
        return "is not a pattern of `{name}` placeholders"
    unknown = sorted(set(names or ()) - allowed)
    if unknown:
        return (
            f"has the placeholder `{{{unknown[0]}}}`, which the plugin does not fill in "
            f"(it fills in {', '.join(f'`{{{n}}}`' for n in sorted(allowed))})"
        )
    return None


def site_path(*placeholders: str) -> Kind:
    """A path inside the site's folders, with these `{placeholders}` (none: braces are text)."""
    allowed = frozenset(placeholders)

    def kind(root: Path, given: object) -> str | None:
        return _confined(given, allowed)

    return kind


def url_pattern(*placeholders: str) -> Kind:
    """The pattern of a page's address and file name, with these `{placeholders}`."""
    allowed = frozenset(placeholders)

    def kind(root: Path, given: object) -> str | None:
        if isinstance(given, str) and (":" in given or "\\" in given):
            return "may not hold `:` or `\\` (an address is a relative path with `/`)"
        return _confined(given, allowed)

    return kind


def repository_path(root: Path, given: object) -> str | None:
    """A file or folder an extension reads, or a list of them: inside the repository."""
    for path in given if isinstance(given, list) else [given]:
        if not isinstance(path, str):
            return "must be a path (text)"
        if leaves(path):
            return f"{path!r} leads out of the repository"
        if (root / path).exists() or (root / path).is_symlink():
            why = paths.refused(root, root / path)
            if why is not None:
                return f"{path!r} {why}"
    return None


_IN_FILE_NAME = re.compile(r"[/\\.\x00]")


def separator(root: Path, given: object) -> str | None:
    """Text put between the words of a slug, which becomes part of a file name."""
    if not isinstance(given, str) or _IN_FILE_NAME.search(given):
        return "must be text without `/`, `\\` or `.` (it goes into file names)"
    return None


_DATE_FORMAT = re.compile(r"[A-Za-z/_-]+\Z")


def url_date_format(root: Path, given: object) -> str | None:
    """A date format whose output goes into a page's file name (`yyyy/MM/dd`): pattern
    letters, `/`, `-` and `_` only (a quoted literal or a `.` could spell `..`)."""
    if not isinstance(given, str) or not _DATE_FORMAT.match(given):
        return "must be date pattern letters with `/`, `-` or `_` between them (like yyyy/MM/dd)"
    return None


def only(expected: object, why: str) -> Kind:
    """The one value okrctl supports; `why` says what another value would do."""

    def kind(root: Path, given: object) -> str | None:
        return None if given == expected else f"must be {expected!r}: {why}"

    return kind


def refused_option(why: str) -> Kind:
    """An option okrctl does not support at all, whatever its value; `why` says what it does."""

    def kind(root: Path, given: object) -> str | None:
        return why

    return kind


Table = Mapping[str, Kind]
"""A plugin's or an extension's options okrctl supports, each with its kind."""


def refused(root: Path, table: Table, options: object) -> tuple[str, str] | None:
    """The first option of `options` (a mapping, or nothing) that `table` refuses, and why;
    an option missing from the table is refused as unsupported."""
    if not isinstance(options, Mapping):
        return None
    for key, given in options.items():
        kind = table.get(str(key))
        if kind is None:
            supported = ", ".join(f"`{name}`" for name in sorted(table)) or "none"
            return str(key), f"is not an option okrctl supports (it supports {supported})"
        why = kind(root, given)
        if why is not None:
            return str(key), why
    return None
