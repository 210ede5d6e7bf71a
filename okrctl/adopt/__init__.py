"""`okrctl import`: bring an organisation's existing OKRs into git.

`inputs` reads the given files (bounded, UTF-8 only); one module per source turns them into
`Item` records with their source line or row (`markdown` from the tree `mdtree` builds with
markdown-it-py, with `text` reading titles and numbers and `periods` period labels; `table` for
CSV and XLSX, laid out by `presets` or a mapping file, each row read by `row`); `assemble` turns
the items into a plan, phase by phase (`organisation` builds the units, people, periods and the
organisation file; `objectives` the data of each objective's file), and the import report;
`session` checks the plan with `okrctl check` in a scratch folder and writes it into the
repository in one transaction (`okrctl.transaction`), all files or none. Everything but `inputs`
and `session` is pure.
"""
