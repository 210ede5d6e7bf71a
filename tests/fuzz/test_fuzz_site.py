"""Fuzzing `okrctl build`: the fixture organisation with generated titles, notes and values, a
generated site/mkdocs.yml (plugins, Markdown extensions and their options, supported or not) and
generated pages of the organisation's own (a blog post's front matter included)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from okrctl.site.allowed_extensions import EXTENSIONS
from okrctl.site.allowed_plugins import PLUGINS
from tests.fuzz import strategies as s
from tests.fuzz.harness import batch, for_the_budget, keep, okrctl, sandbox, within_bounds

FIXTURE = Path(__file__).resolve().parents[1] / "gitops" / "fixture"
OBJECTIVE = "okrs/2026-Q4/sales/more-deals-q4.yaml"

option_values = st.one_of(s.scalars, st.sampled_from(["{slug}", "{date}/{slug}", "news", "yyyy"]))


@st.composite
def plugin(draw: st.DrawFn) -> object:
    name = draw(
        st.sampled_from(
            [*PLUGINS, "blog", "tags", "search", "/search", "privacy", "minify", "material/info"]
        )
    )
    table = PLUGINS.get(name if "/" in name else f"material/{name}", {})
    keys = draw(st.lists(st.sampled_from([*table, "jieba_dict", "x_dir"]) | s.text, max_size=4))
    options = {key: draw(option_values) for key in keys}
    return {name: options} if options else name


@st.composite
def extension(draw: st.DrawFn) -> object:
    name = draw(st.sampled_from([*EXTENSIONS, "toc", "extra", "pymdownx.snippets", "nope"]))
    table = EXTENSIONS.get(name, {})
    keys = draw(st.lists(st.sampled_from([*table, "base_path"]) if table else s.text, max_size=3))
    options = {key: draw(option_values) for key in keys}
    return {name: options} if options else name


settings_files = st.fixed_dictionaries(
    {},
    optional={
        "plugins": st.lists(plugin(), max_size=4),
        "markdown_extensions": st.lists(extension(), max_size=4),
        "extra_css": st.lists(s.text, max_size=2),
        "theme": st.fixed_dictionaries(
            {}, optional={"palette": s.documents, "features": s.documents}
        ),
        "copyright": s.text,
        "extra": s.documents,
        "extra_templates": st.lists(s.text, max_size=1),
        "edit_uri_template": s.text,
    },
)


@st.composite
def pages(draw: st.DrawFn) -> dict[str, str]:
    front = draw(
        st.fixed_dictionaries(
            {"date": st.sampled_from(["2026-01-02", "2026-13-40", "x"])},
            optional={"slug": s.text, "categories": st.lists(s.text, max_size=2), "title": s.text},
        )
    )
    body = draw(s.text) + s.repeat(draw(s.text) + "\n", draw(s.amplifier))
    post = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    return {"blog/index.md": "# Blog\n", "blog/posts/post.md": s.under_cap(post), "page.md": body}


def _objective(values: dict[str, Any]) -> str:
    data = yaml.safe_load((FIXTURE / OBJECTIVE).read_text())
    data.update({k: v for k, v in values.items() if k in ("title", "description", "retrospective")})
    for kr in data["key_results"]:
        for checkin in kr.get("checkins", []):
            checkin["note"] = values.get("note", checkin.get("note"))
    return yaml.safe_dump(data, allow_unicode=True)


texts = st.fixed_dictionaries(
    {}, optional=dict.fromkeys(("title", "description", "retrospective", "note"), s.text)
)


@batch(12)
@given(texts, settings_files, pages())
def _site(values: dict[str, Any], config: dict[str, Any], own: dict[str, str]) -> None:
    settings_text = yaml.safe_dump(config, allow_unicode=True)
    inputs = {"mkdocs.yml": settings_text.encode(), "objective.yaml": _objective(values).encode()}
    inputs |= {
        name.replace("/", "_"): text.encode("utf-8", "surrogatepass") for name, text in own.items()
    }
    with keep("site", inputs), sandbox() as repo:
        shutil.copytree(FIXTURE / "okrs", repo / "okrs")
        (repo / OBJECTIVE).write_bytes(inputs["objective.yaml"])
        (repo / "site").mkdir()
        (repo / "site/mkdocs.yml").write_bytes(inputs["mkdocs.yml"])
        for name, text in own.items():
            (repo / "site" / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / "site" / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        outcome = okrctl(
            ["build", "--strict", "--out", str(repo / "public"), "--today", "2026-11-22"], repo
        )
        within_bounds(outcome, "build")
        assert outcome.code in (0, 1, 2), outcome.err


def test_the_site_builds_from_any_settings_and_pages() -> None:
    assert for_the_budget(_site) >= 1
