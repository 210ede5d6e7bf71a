"""Metric sources: reading, checking and running what a key result's `source:` names.

A key result may take its value from a CSV or JSON file in the repository, or from a command that
`okrctl sync` runs. This package holds everything that touches such a source:

- `listed`: which commands may run (exactly those `okrctl.yaml` lists under `sources: commands:`),
  and OKR814 at each `source.command` that is not listed (run by `okrctl check`, in
  `okrctl.engine`);
- `process`: running a command in a bounded process (no shell, no input, a stripped environment,
  stopped after its timeout or too much output, with everything it started);
- `reading`: a source's current value read from its file or from what its command printed, or the
  `Problem` (code and field) that stopped the reading.

It does not hold the `source:` model (`okrctl.model.key_results.MetricSource`: the model is the
bottom layer), recording the values as check-ins (`okrctl.lifecycle.sync`, which edits OKR files
the way `okrctl checkin` does) or the `okrctl sync` command (`okrctl.commands.sync`). It sits
below the pipeline (the check reports OKR814) and the life cycle (sync reads values), so it
imports neither: only the model, the index, the diagnostic codes and `okrctl.paths`.
"""
