"""`okrctl import`: bring an organisation's existing OKRs into git.

`inputs` reads the given files (bounded, UTF-8 only); one module per source turns them into
`Item` records with their source line or row (`markdown` through markdown-it-py's tokens, with
`text` reading titles and numbers and `periods` period labels; `table` for CSV and XLSX, laid
out by `presets` or a mapping file); `assemble` turns the items into a plan (the organisation
file and one file per objective, with ids, units, people and periods) and the import report;
`session` checks the plan with `okrctl check` in a scratch folder and writes it into the
repository in one transaction (`okrctl.transaction`), all files or none. Everything but `inputs`
and `session` is pure.
"""
