"""What git history says about the OKRs: read by `okrctl check` and by the site, written by no one.

`as_planned` finds each key result's baseline and target when its period started ("as planned vs
now"); `closed_periods` finds edits made to a period after the commit that closed it (OKR820);
`digest` says what changed after a day (`okrctl digest`, the site's "what changed"), from the
OKRs of that day that `baseline` reads.

It reads OKR files from past commits of the branch being checked or built, through
`okrctl.gitcmd` (which alone runs git). It does not compare two revisions named by a user:
that is `okrctl diff`, in `okrctl.gitops`.
"""
