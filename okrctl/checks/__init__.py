"""The rules of good OKRs: one module per rule, listed in `registry.RULES`.

Checks read the validated cascade only; they never open files, decide a severity or compute a
line number. `runner.run` applies the configured rules, `docs.rule_docs` describes them.
"""
