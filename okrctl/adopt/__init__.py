"""`okrctl import`: bring an organisation's existing OKRs into git.

Each source has one module that reads it into `Item` records (`markdown`, `table`, with the
column layouts in `presets`); `assemble` turns the items into a plan (the organisation file and
one file per objective, with ids, units, people and periods) and the import report; `write`
writes a plan into a repository, all files or none. Everything but `write` is pure.
"""
