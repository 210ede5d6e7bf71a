"""site/mkdocs.yml can neither run code nor write outside the site: `extra_templates` is refused,
and every plugin and Markdown extension, with each of its options, is on an allow-list that
gives it a kind (a path inside the site's folders, an address pattern, a plain value)."""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from material.extensions.emoji import to_svg, twemoji
from mkdocs.config.config_options import Deprecated

from okrctl.errors import UsageError
from okrctl.site import allowed_extensions, allowed_plugins, refused_settings
from tests.site.test_build import build

# The Jinja "sandbox escape" every SSTI write-up starts from: reach `open` through a class.
WRITES_A_FILE = (
    "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
    "{% if c.__name__ == 'catch_warnings' %}"
    "{{ c()._module.__builtins__['open']('PWNED', 'w').write('x') }}"
    "{% endif %}{% endfor %}"
)


def _site(root: Path, config: str, files: dict[str, str] | None = None) -> None:
    (root / "site").mkdir(exist_ok=True)
    (root / "site/mkdocs.yml").write_text(config)
    for name, text in (files or {}).items():
        (root / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "site" / name).write_text(text)


def test_extra_templates_are_refused_and_run_nothing(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(acme, "extra_templates:\n  - notes.html\n", {"notes.html": WRITES_A_FILE})
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 2, err
    assert "site/mkdocs.yml: `extra_templates` renders files of site/ as Jinja templates" in err
    assert not (acme / "PWNED").exists()
    assert not (acme / "public").exists()


@pytest.mark.parametrize(
    "template", ["{path.__class__.__mro__}", "{path[0]}", "{path!r}", "{0}", "{other}", "{"]
)
def test_an_edit_uri_template_reading_attributes_is_refused(tmp_path: Path, template: str) -> None:
    with pytest.raises(UsageError, match="`edit_uri_template` may only use the placeholders"):
        refused_settings.refuse_code(tmp_path, {"edit_uri_template": template})


def test_an_edit_uri_template_of_paths_is_kept(tmp_path: Path) -> None:
    refused_settings.refuse_code(tmp_path, {"edit_uri_template": "edit/main/{path}?q={path_noext}"})


def test_a_blog_address_pattern_leading_out_is_refused_before_anything_is_written(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = 'plugins:\n  - blog:\n      post_url_format: "../../../../{slug}"\n'
    post = "---\ndate: 2026-01-02\n---\n# Escaped\n\ntext\n"
    _site(acme, config, {"blog/index.md": "# Blog\n", "blog/posts/p.md": post})
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 2, err
    assert "the 'blog' plugin's `post_url_format` leads out of the site's folders" in err
    assert not list(acme.parent.glob("*.html")) and not (acme / "public").exists()


def test_a_blog_post_whose_slug_leads_out_stops_the_build_before_it_is_written(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    post = "---\ndate: 2026-01-02\nslug: ../../../../../../escaped\n---\n# Escaped\n\ntext\n"
    _site(
        acme,
        "plugins:\n  - search\n  - blog\n",
        {"blog/index.md": "# Blog\n", "blog/posts/p.md": post},
    )
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 1, err
    assert "error: site/blog/posts/p.md would be written outside the site" in err
    assert not list(acme.parent.parent.rglob("escaped.html"))
    assert not (acme / "public").exists()


def test_a_blog_with_supported_options_builds(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = (
        "plugins:\n  - search\n  - blog:\n      blog_dir: news\n"
        '      post_url_format: "{date}/{slug}"\n      post_url_date_format: yyyy/MM\n'
        "      categories_slugify_separator: _\n  - tags:\n      export_file: meta/tags.json\n"
    )
    post = "---\ndate: 2026-01-02\ncategories: [Big News]\n---\n# Launch day\n\ntext\n"
    _site(acme, config, {"news/index.md": "# News\n", "news/posts/p.md": post})
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 0, err
    assert (acme / "public/news/2026/01/launch-day.html").is_file()
    assert (acme / "public/news/category/big_news.html").is_file()
    assert (acme / "public/meta/tags.json").is_file()


@pytest.mark.parametrize(
    ("plugins", "message"),
    [
        (["minify"], "the 'minify' plugin is not one okrctl supports"),
        ([{"search": {"jieba_dict": "/etc/passwd"}}], "'search' plugin's `jieba_dict` is not an option"),
        ([{"tags": {"tags_file": "tags.md"}}], "'tags' plugin's `tags_file` is not an option"),
        ([{"/search": {"prebuild_index": True}}], "`prebuild_index` must be False: it runs Node.js"),
        ([{"blog": {"authors_profiles": True}}], "`authors_profiles` must be False"),
        ([{"blog": {"post_slugify": "x"}}], "`post_slugify` takes a function"),
        ([{"blog": {"post_url_format": "{date}/{slug.__class__}"}}], "is not a pattern of `{name}`"),
        ([{"blog": {"post_url_format": "{date}/{title}"}}], "has the placeholder `{title}`"),
        ([{"blog": {"post_url_format": "C:/x/{slug}"}}], "may not hold `:`"),
        ([{"blog": {"archive_url_format": "/abs/{date}"}}], "leads out of the site's folders"),
        ([{"blog": {"post_dir": "{blog}/../../posts"}}], "leads out of the site's folders"),
        ([{"blog": {"blog_dir": "..\\..\\x"}}], "leads out of the site's folders"),
        ([{"blog": {"post_url_date_format": "'..'"}}], "must be date pattern letters"),
        ([{"blog": {"post_url_date_format": "yyyy.'.'"}}], "must be date pattern letters"),
        ([{"blog": {"categories_slugify_separator": "/../"}}], "must be text without `/`"),
        ([{"material/meta": {"meta_file": "/etc/x.yml"}}], "leads out of the site's folders"),
        ({"tags": {"export_file": "../x.json"}}, "leads out of the site's folders"),
    ],
)  # fmt: skip
def test_plugins_and_options_off_the_allow_list_are_refused(
    tmp_path: Path, plugins: object, message: str
) -> None:
    with pytest.raises(UsageError, match=None) as raised:
        refused_settings.refuse_code(tmp_path, {"plugins": plugins})
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("extensions", "message"),
    [
        (["pymdownx.pathconverter"], "'pymdownx.pathconverter' is not one okrctl supports"),
        ([{"toc": {"unknown": 1}}], "the 'toc' extension's `unknown` is not an option"),
        ([{"pymdownx.b64": {"restrict_path": False}}], "`restrict_path` must be True"),
        ([{"extra": {"footnotes": {"nope": 1}}}], "the 'footnotes' extension's `nope`"),
        (["pymdownx.emoji"], "draws emoji as images from another host"),
        (
            [{"pymdownx.emoji": {"options": {"image_path": "https://cdn.example/"}}}],
            "`options` `image_path` points to another host",
        ),
    ],
)
def test_extensions_and_options_off_the_allow_list_are_refused(
    tmp_path: Path, extensions: object, message: str
) -> None:
    with pytest.raises(UsageError) as raised:
        refused_settings.refuse_code(tmp_path, {"markdown_extensions": extensions})
    assert message in str(raised.value)


def test_supported_extensions_are_kept(tmp_path: Path) -> None:
    extensions = [
        "toc",
        "markdown.extensions.toc:TocExtension",
        {"pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg}},
        {"pymdownx.extra": {"pymdownx.superfences": {"css_class": "x"}}},
        {"extra": {"footnotes": {"UNIQUE_IDS": True}}},
        "pymdownx.details",
    ]
    refused_settings.refuse_code(tmp_path, {"markdown_extensions": extensions})


# --------------------------------------------------------------------------- the tables


LEFT_OUT = {
    "material/search": {"jieba_dict", "jieba_dict_user"},  # read a file from the build's folder
    "material/blog": {  # profiles are off (`authors_profiles: false`): their options mean nothing
        "authors_profiles_name",
        "authors_profiles_url_format",
        "authors_profiles_pagination",
        "authors_profiles_pagination_per_page",
        "authors_profiles_toc",
    },
}
"""Options the plugins have that okrctl deliberately leaves off its allow-list (refused)."""


@pytest.mark.parametrize("name", sorted(allowed_plugins.PLUGINS))
def test_the_plugin_table_matches_the_installed_plugin(name: str) -> None:
    point = next(p for p in entry_points(group="mkdocs.plugins") if p.name == name)
    plugin = point.load()
    schema = dict(
        plugin.config_class._schema if hasattr(plugin, "config_class") else plugin.config_scheme
    )
    listed = set(allowed_plugins.PLUGINS[name])
    assert listed <= set(schema) | {"enabled"}, "an option okrctl lists does not exist"
    current = {key for key, option in schema.items() if not isinstance(option, Deprecated)}
    assert current - listed == LEFT_OUT.get(name, set()), "a new option needs a kind"


@pytest.mark.parametrize("module", sorted(allowed_extensions.EXTENSIONS))
def test_the_extension_table_matches_the_installed_extension(module: str) -> None:
    extension = importlib.import_module(module).makeExtension()
    options = {key for key in extension.getConfigs() if not key.startswith("_")}
    assert set(allowed_extensions.EXTENSIONS[module]) == options


def test_a_page_too_large_for_markdown_to_read_quickly_is_refused(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # found by `make fuzz`: a megabyte of `<script>` lines in a page of site/ took ten seconds
    # of processor time in Python-Markdown's raw-HTML parser
    _site(acme, "", {"notes/big.md": "<script>alert(1)</script>\n" * 40_000})
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 2, err
    assert "site/notes/big.md is 1015 KiB, larger than the 256 KiB a page of the site may be" in err
    assert not (acme / "public").exists()


@pytest.mark.parametrize(
    "page",
    [
        # found by `make fuzz`: lines each opening a `[` (a 230 KB page) took 456 s of processor
        # time in Python-Markdown, which scans to a paragraph's end from every unclosed `[`
        "\u00a0[x9\n" * 4000,
        "[" * 5000 + "]" * 5000,  # nested: each scans to its far partner
        "<a " * 4000,
    ],
    ids=["unclosed", "nested", "angles"],
)
def test_brackets_markdown_would_scan_for_long_are_refused(
    acme: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], page: str
) -> None:
    _site(acme, "", {"notes.md": page})
    code, _, err = build(acme, monkeypatch, capsys)
    assert code == 2, err
    assert "site/notes.md has so many `[` or `<` without their `]` or `>`" in err
    assert not (acme / "public").exists()


def test_ordinary_pages_scan_little() -> None:
    from okrctl.site.own_pages import MAX_SCANNED, scanned

    docs = Path(__file__).resolve().parents[2] / "docs"
    total = sum(scanned(page.read_text(encoding="utf-8")) for page in docs.glob("*.md"))
    assert 0 < total < MAX_SCANNED // 100  # this project's own documentation, links and tables
    # `[` at 4 to `]` at 13, `<` at 28 and 35 to their `>`, then an unclosed `[` to its end
    assert scanned("see [the plan](plan.md) and <b>this</b>\n\n[x") == 9 + 2 + 3 + 2
