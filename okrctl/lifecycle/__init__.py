"""The OKR life cycle: scaffolding, check-ins, grading, closing a period, export and recording
metric sources' values as check-ins (reading and running the sources is in `okrctl.sources`; what
git history says is in `okrctl.git_history`).

Every command that changes a file goes through `edit`: a change is a list of text edits computed
from the positions of the parsed document, so comments, key order, quoting and blank lines stay as
the author wrote them; the new text is parsed and validated again before anything is written.
"""
