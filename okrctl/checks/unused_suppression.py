"""A suppression comment suppresses something.

A finding of a rule can be silenced in the file where it is reported, with a comment:

* `# okrctl: disable=CODE[,CODE...]` at the end of a line silences those rules on that line;
  on a line of its own it silences them on the next line that holds YAML;
* `# okrctl: disable-file=CODE[,CODE...]` anywhere in a file silences them in the whole file.

Rules are named by code (`OKR430`) or by name (`few-and-focused`). Text after the list,
separated by a space, is a free-form reason. Only the rules of good OKRs (OKR400 and up) can be
silenced: a file that cannot be read (OKR1xx), breaks the file format (OKR2xx) or breaks the
cascade (OKR3xx) is never silenced. To turn a rule off everywhere, use the configuration file.

This rule reports, at the comment, every rule in a suppression that silenced nothing (the
problem was fixed, or the comment is on the wrong line), a name that is not a rule, and a
comment that starts with `okrctl:` but is not a directive. Suppressions of rules that are
turned off in the configuration are not reported. It is itself reported by okrctl after all
other rules ran, and cannot be silenced by a comment.

## Failing example

```yaml
# The title has no number left, so the suppression silences nothing.
title: Grow revenue with the starter kit  # okrctl: disable=qualitative-objective
```

## Passing example

```yaml
title: Grow revenue with the Kit 3000  # okrctl: disable=qualitative-objective  (a product name)
```
"""

from __future__ import annotations

from okrctl import codes
from okrctl.checks.base import NoOptions, Rule

RULE = Rule(
    entry=codes.UNUSED_SUPPRESSION,
    doc=__doc__ or "",
    options=NoOptions,
    check=None,
)
