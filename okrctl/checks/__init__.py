"""The rules of good OKRs: one module per rule, listed in `registry.RULES`.

Checks read the validated cascade only; they never open files, decide a severity or compute a
line number. `runner.run_rules` applies the configured rules, `documentation.rule_docs`
describes them.
"""
