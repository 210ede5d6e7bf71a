"""The pull-request side: `okrctl diff`, a semantic diff of the OKR files between two revisions
(the base and the head of a pull request, or a revision and the work tree), with the findings it
introduces and fixes, for a review comment or a CI job.

Git itself is run by `okrctl.gitcmd` only; what history says about the branch being checked
(as planned vs now, edits to a closed period, the digest) is `okrctl.git_history`.

The modules, in the order data flows through them:

* `sides`: the OKR files of one side, a commit read through git or the work tree read from disk;
* `documents`: loading and checking a set of files, with a parse cache shared by both sides;
* `scope`: which files a diff must load so that findings compare exactly, without reading all;
* `changes`: the records a diff is made of (a field changed, an objective added, removed or
  changed, a file that cannot be read);
* `compare`: the pure semantic comparison of two sets of objectives and two organisations, which
  `field_changes` does field by field for one objective and its key results;
* `findings`: findings introduced and fixed;
* `command_files`: the code `okrctl sync` runs, changed: its allow-list, and the files the
  allowed commands name, found on each side through `tree_paths` (a path followed through
  symbolic links inside the repository);
* `diff`: the whole computation, from two revision names to a `Report`;
* `wording`: how each kind of change is put in words, and the escaping for Markdown and text;
* `formats`: Markdown, text and JSON output.
"""
