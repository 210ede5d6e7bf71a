"""Whether the site's colour palette is readable: WCAG 2.1 AA asks 4.5:1 for text.

mkdocs-material colours links and the header with the palette's `primary` colour. Several of its
named colours (teal, cyan, green, amber, ...) fall below 4.5:1 on the light background or under
the header's text, so `okrctl build` warns about them. The colours are read from the installed
mkdocs-material's own stylesheet, so the check follows the version that draws the site; a
`custom` colour (set in the organisation's stylesheet) is not checked.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any, NamedTuple

AA = 4.5
WHITE = "#ffffff"
SLATE_BACKGROUND = "#1e2129"
"""mkdocs-material's slate background, hsl(232, 15%, 14%)."""
_GENERAL = re.compile(
    r"\[data-md-color-primary=([a-z-]+)\](:not\(\[data-md-color-scheme=slate\]\))?"
)
_SLATE = re.compile(r"\[data-md-color-scheme=slate\]\[data-md-color-primary=([a-z-]+)\]")
_HEX = re.compile(r"#[0-9a-fA-F]{8}\b|#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two `#rrggbb` colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class Colours(NamedTuple):
    primary: str | None
    """The header's background and, in the light palette, the links' colour."""
    light_link: str | None
    slate_link: str | None
    header_text: str


Properties = dict[str, dict[str, str]]
"""The `--md-*` custom properties of each named colour."""


@functools.cache
def material_colours() -> dict[str, Colours]:
    """The named primary colours of the installed mkdocs-material."""
    folder = resources.files("material").joinpath("templates", "assets", "stylesheets")
    css = "".join(
        entry.read_text("utf-8")
        for entry in folder.iterdir()
        if entry.name.startswith("palette.") and entry.name.endswith(".css")
    )
    general, light, slate = _properties(css)
    found: dict[str, Colours] = {}
    for name, values in general.items():
        primary = _hex(values.get("--md-primary-fg-color"))
        link = _hex(values.get("--md-typeset-a-color"))
        found[name] = Colours(
            primary=primary,
            light_link=_hex(light.get(name, {}).get("--md-typeset-a-color")) or link or primary,
            slate_link=_hex(slate.get(name, {}).get("--md-typeset-a-color")) or link or primary,
            header_text=_hex(values.get("--md-primary-bg-color")) or WHITE,
        )
    return found


def _properties(css: str) -> tuple[Properties, Properties, Properties]:
    """The properties material's palette stylesheet sets for each named primary colour: for
    both schemes, for the light scheme only, and for the slate (dark) scheme."""
    general: Properties = {}
    light: Properties = {}
    slate: Properties = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        values = dict(re.findall(r"(--md-[a-z-]+):([^;}]+)", body))
        for selector in selectors.split(","):
            if match := _GENERAL.fullmatch(selector.strip()):
                target = light if match.group(2) else general
                target.setdefault(match.group(1), {}).update(values)
            elif match := _SLATE.fullmatch(selector.strip()):
                slate.setdefault(match.group(1), {}).update(values)
    return general, light, slate


def _hex(value: str | None) -> str | None:
    match = _HEX.search(value or "")
    return match.group(0)[:7] if match else None  # #rrggbbaa: the colour, its alpha ignored


def warnings(settings: Mapping[str, Any]) -> list[str]:
    """What falls below 4.5:1 in the palettes of the merged site settings."""
    palettes = _palettes(settings)
    if not palettes:
        return []
    known = material_colours()
    found: list[str] = []
    for palette in palettes:
        warning = _warning(palette, known)
        if warning is not None:
            found.append(warning)
    return found


def _palettes(settings: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The palettes of `theme.palette`: one, or a list of them (one per scheme)."""
    theme = settings.get("theme") or {}
    palettes = theme.get("palette") if isinstance(theme, Mapping) else None
    if isinstance(palettes, Mapping):
        palettes = [palettes]
    if not isinstance(palettes, list):
        return []
    return [palette for palette in palettes if isinstance(palette, Mapping)]


def _warning(palette: Mapping[str, Any], known: Mapping[str, Colours]) -> str | None:
    """What falls below 4.5:1 in one palette, as a message; None when all is readable or its
    primary colour is not one of material's (`custom`: the organisation's stylesheet sets it)."""
    scheme = str(palette.get("scheme") or "default")
    name = str(palette.get("primary") or "indigo").replace(" ", "-").lower()
    colours = known.get(name)
    if colours is None or colours.primary is None:
        return None
    low = [
        f"{what} {ratio:.2f}:1"
        for what, fg, bg in _pairs(colours, colours.primary, scheme)
        if (ratio := contrast(fg, bg)) < AA
    ]
    if not low:
        return None
    kind = "dark" if scheme == "slate" else "light"
    return (
        f"site/mkdocs.yml: the {kind} palette's primary colour {name!r} is below the "
        f"4.5:1 contrast WCAG 2.1 AA asks for text ({', '.join(low)}); choose another "
        "primary (e.g. 'indigo'), or 'custom' with your own shade in a stylesheet"
    )


def _pairs(colours: Colours, primary: str, scheme: str) -> list[tuple[str, str, str]]:
    """What a palette draws as (what, text colour, background colour): the header's text on
    the `primary` colour, and the links on the scheme's background."""
    pairs = [("the header's text on it", colours.header_text, primary)]
    link, background = (
        (colours.slate_link, SLATE_BACKGROUND) if scheme == "slate" else (colours.light_link, WHITE)
    )
    if link:
        pairs.append(("links", link, background))
    return pairs
