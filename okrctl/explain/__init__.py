"""`okrctl explain`: every diagnostic code's documentation, from the catalogue (`okrctl.codes`)
and, for the rules of good OKRs, from their modules' docstrings (`okrctl.checks`).

`entries` joins the two into one `Explained` per code; `render` writes an entry or the whole
catalogue as terminal text, JSON or Markdown, and the documentation's tables and codes page,
which a test holds equal to the committed `docs/`.
"""
