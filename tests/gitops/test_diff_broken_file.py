"""A pull request that breaks a file does not "fix" the findings it had (issue 14, item 15)."""

from __future__ import annotations

import json

from tests.gitops.conftest import TODAY

LATE = "2026-12-20"
"""A day on which the fixture's check-ins are stale: warnings to begin with."""
SALES = "okrs/2026-Q4/sales/more-deals-q4.yaml"


def test_breaking_a_file_fixes_none_of_its_findings(repo, okrctl):
    before = okrctl("check", "--today", LATE, "--format", "json")
    earlier = [f for f in json.loads(before.out)["findings"] if f["file"] == SALES]
    assert len(earlier) >= 2  # the file had warnings before it broke
    repo.write(SALES, repo.read(SALES) + "  - id: [\n")  # a YAML syntax error
    result = okrctl("diff", "--format", "json", "--today", LATE)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["findings"]["fixed"] == []
    assert [(d["file"], d["code"]) for d in document["findings"]["introduced"]] == [
        (SALES, "OKR100")
    ]
    summary = okrctl("diff", "--today", LATE).out.splitlines()[1]
    assert "1 finding introduced, 0 fixed" in summary


def test_a_file_fixed_for_real_still_counts(repo, okrctl):
    repo.edit(SALES, "current: 11\n", "current: 11\n    bogus: 1\n")
    repo.commit("a bogus field")
    repo.git("branch", "-f", "main", "HEAD")
    repo.edit(SALES, "current: 11\n    bogus: 1\n", "current: 11\n")
    result = okrctl("diff", "--format", "json", "--today", TODAY)
    fixed = json.loads(result.out)["findings"]["fixed"]
    assert [(d["file"], d["code"]) for d in fixed] == [(SALES, "OKR201")]
