"""Every user-written string reaches the site as text: nothing a title, a name or a note holds is
run, followed, interpreted as Markdown or evaluated as a template."""

from __future__ import annotations

import json
from pathlib import Path

from okrctl.site.build import build_site
from tests.site.conftest import HOSTILE_TITLE, TODAY
from tests.site.html_tree import Node, parse

HOSTILE_PAGE = "objectives/hostile-q4.html"
HOSTILE_UNIT = "units/red-team/2026-Q4.html"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def injected(doc: Node) -> list[str]:
    """Elements and attributes that only an injection could have put there."""
    found = []
    for node in doc.iter():
        if node.tag in ("iframe", "img") or (node.tag == "script" and "alert" in node.text()):
            found.append(node.tag)
        for name, value in node.attrs.items():
            if name.startswith("on"):
                found.append(f"{node.tag}[{name}]")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                found.append(f"{node.tag}[{name}={value}]")
    return found


def test_no_page_carries_an_injected_element_or_handler(acme_site: Path) -> None:
    for path in html_files(acme_site):
        assert injected(parse(path.read_text(encoding="utf-8"))) == [], path


def test_hostile_strings_show_as_literal_text(acme_site: Path) -> None:
    doc = parse((acme_site / HOSTILE_PAGE).read_text(encoding="utf-8"))
    assert doc.find("h1", id="hostile-q4").text() == HOSTILE_TITLE
    assert (
        doc.find("nav", class_="okr-breadcrumb")
        .words()
        .startswith("Acme Widgets › Engineering › <img src=x onerror=alert(1)> Red Team")
    )
    words = doc.words()
    assert "{{ 7*7 }}" in words  # not evaluated by any template engine
    assert "[click](javascript:alert(1))" in words  # not turned into a link
    assert "Mallory <script>alert(2)</script>" in words
    assert "[x](javascript:alert(1)) <iframe src=javascript:alert(1)></iframe> {% raw %}" in words
    assert '--8<-- "/etc/passwd"' in words  # no snippet was included
    assert "root:" not in words
    assert "Quarantine <b onmouseover=alert(1)>payloads</b> from 10 to 0 a week" in words
    assert doc.find("title").text() == f"{HOSTILE_TITLE} - Acme Widgets"
    unit = parse((acme_site / HOSTILE_UNIT).read_text(encoding="utf-8"))
    assert unit.find("li", id="hostile-q4").find("a", class_="okr-row-title").text() == (
        HOSTILE_TITLE
    )
    assert unit.find("h1").words().startswith("<img src=x onerror=alert(1)> Red Team")
    title = unit.find("title").text()
    assert title == "<img src=x onerror=alert(1)> Red Team · Q4 2026 - Acme Widgets"
    topic = unit.find("div", class_="md-header__topic", **{"data-md-component": "header-topic"})
    assert topic.words() == "<img src=x onerror=alert(1)> Red Team · Q4 2026"


def test_hostile_strings_in_the_cascade_people_and_search_index(acme_site: Path) -> None:
    cascade = parse((acme_site / "cascade/2026-Q4.html").read_text(encoding="utf-8"))
    assert HOSTILE_TITLE in cascade.find("li", id="obj-hostile-q4").find("a").words()
    people = parse((acme_site / "people.html").read_text(encoding="utf-8"))
    assert people.find("h2", id="person-mallory").text() == "Mallory <script>alert(2)</script>"
    index = json.loads((acme_site / "search/search_index.json").read_text(encoding="utf-8"))
    entries = {e["location"]: e for e in index["docs"]}
    # The search UI renders titles as HTML: they must be escaped there.
    hostile = entries[HOSTILE_PAGE]["title"]
    assert "<" not in hostile and "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert all("<script" not in e["title"] + e["text"] for e in index["docs"])


def test_a_hostile_organisation_name_and_markdown_extensions(acme: Path) -> None:
    org = acme / "okrs/org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace(
            "name: Acme Widgets\n", 'name: "Acme </title><script>alert(3)</script> \\" x=\\""\n', 1
        ),
        encoding="utf-8",
    )
    # An organisation enables Markdown extensions that would act on user text if it ever
    # reached Markdown: toc would replace [TOC], attr_list add attributes, superfences run
    # fences. (pymdownx.snippets, which would include /etc/passwd, is refused outright:
    # tests/hostile/test_repository_reads.py.)
    (acme / "site").mkdir()
    (acme / "site/mkdocs.yml").write_text(
        "markdown_extensions:\n  - toc\n  - attr_list\n  - pymdownx.superfences\n",
        encoding="utf-8",
    )
    result = build_site(acme, acme / "public", today=TODAY)
    assert result.built
    for path in html_files(acme / "public"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(3)" not in text, path
        assert "root:x:" not in text, path
        doc = parse(text)
        assert injected(doc) == [], path
        assert doc.find("title").text().endswith('Acme </title><script>alert(3)</script> " x="')
    home = parse((acme / "public/index.html").read_text(encoding="utf-8"))
    assert home.find("h1").text() == 'Acme </title><script>alert(3)</script> " x="'
    hostile = parse((acme / "public" / HOSTILE_PAGE).read_text(encoding="utf-8"))
    assert "[TOC]" in hostile.words()
    stamp = home.find("div", class_="okr-asof")
    assert stamp.find("time").text() == "2026-11-22"  # the stamp is on every page, escaped


def test_the_organisations_name_is_escaped_once_everywhere(acme: Path) -> None:
    """`R&D <Labs>`: text in the header, the tooltip, the title and the navigation; never
    `R&amp;amp;D` (escaped twice) and never a tag (not escaped)."""
    org = acme / "okrs" / "org.yaml"
    text = org.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    org.write_text(text.replace(name, 'name: "R&D <Labs>"', 1), encoding="utf-8")
    assert build_site(acme, acme / "public", today=TODAY).built
    raw = (acme / "public" / "index.html").read_text(encoding="utf-8")
    assert "&amp;amp;" not in raw and "<Labs>" not in raw
    doc = parse(raw)
    logo = doc.find("a", class_="md-header__button")
    assert logo.attrs["title"] == "R&D <Labs>"
    assert logo.attrs["aria-label"] == "R&D <Labs>"
    assert doc.find("title").text().endswith("R&D <Labs>")
    assert "R&D <Labs>" in doc.find("div", class_="md-header__topic").words()
