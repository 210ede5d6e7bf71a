"""URLs in free text become links; nothing else becomes markup, whatever the text holds."""

from __future__ import annotations

import re

import pytest

from okrctl.linkify import Part, split, to_html


def test_urls_become_links_and_the_rest_is_escaped() -> None:
    text = "See https://example.com/rfc/12?a=1&b=2 and <b>bold</b>."
    assert to_html(text) == (
        'See <a href="https://example.com/rfc/12?a=1&amp;b=2" rel="noopener noreferrer">'
        "https://example.com/rfc/12?a=1&amp;b=2</a> and &lt;b&gt;bold&lt;/b&gt;."
    )


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("Dashboard: https://dash.example.com/q4.", ["https://dash.example.com/q4"]),
        ("(see http://example.com/a)", ["http://example.com/a"]),
        ("https://en.wikipedia.org/wiki/OKR_(management)!", ["https://en.wikipedia.org/wiki/OKR_(management)"]),
        ("two: https://a.example/x, https://b.example/y;", ["https://a.example/x", "https://b.example/y"]),
        ("HTTPS://EXAMPLE.COM/UP", ["HTTPS://EXAMPLE.COM/UP"]),
        ("no host: https:///path and http://", []),
        ("javascript:alert(1) and data:text/html,<script>x</script>", []),
        ("ftp://example.com/file and mailto:a@example.com", []),
        ("xhttps://example.com", []),
    ],
)  # fmt: skip
def test_only_http_urls_with_a_host_are_found(text: str, urls: list[str]) -> None:
    parts = split(text)
    assert "".join(p.value for p in parts) == text
    assert [p.value for p in parts if p.kind == "url"] == urls


@pytest.mark.parametrize(
    "text",
    [
        'https://example.com/"onmouseover="alert(1)',
        "https://example.com/'onmouseover='alert(1)",
        "https://example.com/<script>alert(1)</script>",
        "https://example.com/`x`",
        '<a href="javascript:alert(1)">click</a>',
        "https://example.com/\u202e\u0000evil",
        "&lt;already escaped&gt; https://example.com/?q=<img src=x onerror=alert(1)>",
    ],
)
def test_hostile_text_never_becomes_markup(text: str) -> None:
    rendered = to_html(text)
    for part in split(text):
        if part.kind == "url":
            assert '"' not in part.value and "<" not in part.value and "'" not in part.value
    # The only tags are the links okrctl made, each with a quoted, escaped href.
    tags = re.findall(r"<[^>]*>", rendered)
    assert all(
        re.fullmatch(r'<a href="https?://[^"<>]*" rel="noopener noreferrer">|</a>', tag)
        for tag in tags
    ), tags
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', rendered))


def test_parts_are_values() -> None:
    assert split("a https://x.example b") == [
        Part("text", "a "),
        Part("url", "https://x.example"),
        Part("text", " b"),
    ]
    assert split("") == [] and to_html("") == ""


class _Counting(str):
    """A URL that counts the work done on it: calls of `count` (each reads the whole text)
    and characters looked at one by one."""

    counts = 0
    reads = 0

    def count(self, *args: object) -> int:  # type: ignore[override]
        type(self).counts += 1
        return super().count(*args)  # type: ignore[arg-type]

    def __getitem__(self, key: object) -> str:  # type: ignore[override]
        type(self).reads += 1
        return super().__getitem__(key)  # type: ignore[index]


@pytest.mark.parametrize("closers", [1_000, 100_000])
def test_trimming_brackets_reads_the_url_a_constant_number_of_times(closers: int) -> None:
    from okrctl.linkify import _trim

    _Counting.counts = _Counting.reads = 0
    url = _Counting("https://a.example/(x)" + ")." * closers)
    assert _trim(url) == "https://a.example/(x)"
    # counting brackets at every step (as before) read the whole URL twice per character trimmed
    assert _Counting.counts == 6
    assert _Counting.reads <= 2 * closers + 2


def test_a_megabyte_of_closing_brackets_is_linked_in_one_pass() -> None:
    # quadratic trimming took minutes on this (a 0.9 MB note took `build` from 1.3 s to 18 s)
    text = "see https://a.example/" + ")" * 2_000_000 + " done"
    parts = split(text)
    assert [p.kind for p in parts] == ["text", "url", "text"]
    assert parts[1].value == "https://a.example/"
