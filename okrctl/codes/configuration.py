"""The code of the configuration (OKR090): okrctl.yaml, or `[tool.okrctl]` in pyproject.toml.

A configuration error stops every command before it reads an OKR file: it is a usage error
(exit 2), listed one problem a line with its file, line and column.
"""

from __future__ import annotations

from okrctl.codes.entry import Code, Phase
from okrctl.codes.severity import Severity

INVALID_CONFIGURATION = Code(
    code="OKR090",
    name="invalid-configuration",
    phase=Phase.CONFIGURATION,
    severity=Severity.ERROR,
    doc="""
    The configuration (okrctl.yaml, or `[tool.okrctl]` in pyproject.toml) is not valid.

    It does not parse (YAML or TOML syntax), names a rule, an option or a setting okrctl does not
    have, gives a value of the wrong type or out of range, or cannot be read. okrctl checks nothing
    with a configuration it does not understand, so that a typo never turns a rule off in silence:
    the command stops with exit code 2 and lists every problem at its line and column. Fix the
    field the message names; `okrctl rules` lists the rules and their options.

    ## Failing example

    ```yaml title="okrctl.yaml"
    rules:
      stale-key-result:
        max-days: 14
    ```

    ## Passing example

    ```yaml title="okrctl.yaml"
    rules:
      stale-key-result:
        max_days: 14
    ```
    """,
)

ENTRIES = (INVALID_CONFIGURATION,)
