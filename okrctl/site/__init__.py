"""The published site: the validated cascade rendered into pages for mkdocs-material.

`view` gathers what the pages show, `pages/` renders one kind of page per module (HTML through
jinja2 with autoescaping), `docs` writes mkdocs' docs folder, `mkdocs_build` runs mkdocs with the
layered configuration, `publish` swaps the new site into place, and `build.build_site` runs them
in that order. Default templates, the mkdocs configuration and the stylesheet ship with the package
(`templates/`, `assets/`); an organisation customises its site in the repository's `site/` folder.
"""
