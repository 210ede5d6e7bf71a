"""The published site: the validated cascade rendered into pages for mkdocs-material.

`view` gathers what the pages show (with `ordering`, `unit_tree` and `objective_groups`),
`pages/` renders one kind of page per module (HTML through jinja2 with autoescaping, set up in
`templates`), `docs_folder` writes mkdocs' docs folder, `site_config` reads the organisation's
`site/mkdocs.yml` safely, `refused_settings` refuses what would run its code or reach another
host, `mkdocs_settings` layers the configuration, `mkdocs_build` runs mkdocs with it, `publish`
swaps the new site into place, and `build.build_site` runs them in that order. Default
templates, the mkdocs configuration and the stylesheet ship with the package (`templates/`,
`assets/`); an organisation customises its site in the repository's `site/` folder.
"""
