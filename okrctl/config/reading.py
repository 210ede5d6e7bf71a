"""Finding and reading the configuration: `okrctl.yaml` at the repository root, or `[tool.okrctl]`
in its `pyproject.toml` (having both is an error), or a file named on the command line.

The only part of `okrctl.config` that touches files; every problem, down to an unreadable or
oversized file, is a `ConfigError` with a position.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from okrctl import codes, paths
from okrctl.config.record import Config, ConfigError, error
from okrctl.config.toml_positions import toml_position, toml_positions
from okrctl.config.validation import from_data
from okrctl.load import MAX_BYTES, decode, parse_text, relative_name

CONFIG_FILE = "okrctl.yaml"
PYPROJECT = "pyproject.toml"


def parse_yaml(text: str, file: str) -> Config:
    """The configuration in an `okrctl.yaml` text."""
    parsed = parse_text(text, file)
    if any(d.code == codes.EMPTY_FILE.code for d in parsed.diagnostics):
        return Config(file=file)  # only comments: the defaults
    if any(d.code == codes.NOT_A_MAPPING.code for d in parsed.diagnostics):
        line, column = parsed.source.locate(())
        raise ConfigError(
            [
                error(
                    file,
                    line,
                    column,
                    "the configuration must be a mapping, e.g. `rules:` followed by rule settings",
                )
            ]
        )
    if parsed.data is None:
        raise ConfigError(parsed.diagnostics)
    return from_data(parsed.data, file, parsed.source.locate)


def parse_pyproject(text: str, file: str) -> Config | None:
    """The configuration in `[tool.okrctl]` of a pyproject.toml text, or None if it has none."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError([error(file, line, column, f"TOML syntax error: {message}")]) from None
    tool = document.get("tool")
    section = tool.get("okrctl") if isinstance(tool, dict) else None
    if section is None:
        return None
    positions = toml_positions(text)

    def locate(path: tuple[str | int, ...], where: str) -> tuple[int, int]:
        probe = ("tool", "okrctl", *(str(p) for p in path))
        while len(probe) > 2 and probe not in positions:
            probe = probe[:-1]
        return toml_position(positions, probe)

    if not isinstance(section, dict):
        line, column = locate((), "key")
        raise ConfigError([error(file, line, column, "`tool.okrctl` must be a table")])
    return from_data(section, file, locate)


def load(root: Path, explicit: Path | None = None) -> Config:
    """The configuration of the repository at `root`, or of `explicit` when given.

    An explicit `.toml` file is read as a pyproject.toml (its `[tool.okrctl]` table).
    """
    if explicit is not None:
        return _load_explicit(root, explicit)
    yaml_file, toml_file = root / CONFIG_FILE, root / PYPROJECT
    for path, name in ((yaml_file, CONFIG_FILE), (toml_file, PYPROJECT)):
        why = paths.refused(root, path) if path.is_symlink() else None
        if why is not None:
            raise ConfigError([error(name, 1, 1, f"{name} {why}; okrctl does not read it")])
    from_toml = (
        parse_pyproject(_read(toml_file, PYPROJECT), PYPROJECT) if toml_file.is_file() else None
    )
    if not yaml_file.is_file():
        return from_toml or Config()
    if from_toml is not None:
        raise _configured_twice(toml_file)
    return parse_yaml(_read(yaml_file, CONFIG_FILE), CONFIG_FILE)


def _load_explicit(root: Path, explicit: Path) -> Config:
    """The configuration in a file named on the command line."""
    name = relative_name(explicit.resolve(), root.resolve())
    text = _read(explicit, name)
    if explicit.suffix != ".toml":
        return parse_yaml(text, name)
    config = parse_pyproject(text, name)
    if config is None:
        raise ConfigError([error(name, 1, 1, "there is no [tool.okrctl] table here")])
    return config


def _configured_twice(toml_file: Path) -> ConfigError:
    """Both okrctl.yaml and `[tool.okrctl]`: the error points at the pyproject.toml table."""
    line, column = toml_position(toml_positions(_read(toml_file, PYPROJECT)), ("tool", "okrctl"))
    return ConfigError(
        [
            error(
                PYPROJECT,
                line,
                column,
                f"okrctl is configured both here and in {CONFIG_FILE}; keep one of the two",
            )
        ]
    )


def _read(path: Path, name: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigError(
            [error(name, 1, 1, f"cannot read the configuration: {exc.strerror or exc}")]
        ) from None
    if len(data) > MAX_BYTES:
        raise ConfigError([error(name, 1, 1, "the configuration file is too large")])
    text, problems = decode(data, name)
    if text is None:
        raise ConfigError(problems)
    return text
