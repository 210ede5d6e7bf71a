# Quick start: `make site` (set up, check the example OKRs, build the site) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= public
# The example organisation's check-ins are dated for this day; leave it empty for your own OKRs.
TODAY  ?= 2026-11-22
TODAY_FLAG := $(if $(TODAY),--today $(TODAY))

.PHONY: setup lock site check test test-fast lint docs serve bench fuzz clean

setup: $(STAMP)

# Installs exactly the versions in uv.lock (with their hashes), so a fresh machine gets what the
# tests passed with. uv itself is pinned here; `make lock` refreshes the lock.
UV_VERSION := 0.13.9
UV := $(BIN)/uv

$(STAMP): pyproject.toml uv.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'uv==$(UV_VERSION)'
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --quiet --frozen --inexact --extra dev
	@touch $(STAMP)

# Refresh uv.lock after changing a dependency in pyproject.toml, or to take new releases
# (`make lock UPGRADE=1`); commit the lock with the change, and `make test` before pushing.
lock: $(STAMP)
	$(UV) lock $(if $(UPGRADE),--upgrade)

check: setup
	$(BIN)/okrctl check okrs $(TODAY_FLAG)

# `okrctl build` checks first and prints the findings itself (and refuses to build on errors),
# so the site target runs it alone: every finding is printed once.
site: setup
	$(BIN)/okrctl build --strict --out $(OUT) $(TODAY_FLAG)

serve: setup
	$(BIN)/okrctl serve

lint: setup
	$(UV) lock --check --offline
	$(BIN)/ruff check okrctl tests bench
	$(BIN)/ruff format --check okrctl tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/okrctl schema --check
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress --persona auditor .github/workflows .github/dependabot.yml action.yml

# okrctl's own documentation (docs/*.md, configured by the root mkdocs.yml; not the OKR site, whose
# configuration is site/mkdocs.yml), built strictly into build/docs/: a broken link or anchor fails.
# (Not with --quiet: it hides the warnings that --strict counts, and the build then passes.)
docs: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

test: lint docs
	$(BIN)/python -m pytest

# The suite without the tests marked slow (the kill-at-every-step loops, the wheel and the path from
# `init` to a green pull request, the real-world import builds) or browser (headless Chromium):
# a fraction of `make test`'s time, to run while working. `make test` (or CI) before pushing.
# PYTEST_ARGS passes more, e.g. `make test-fast PYTEST_ARGS="-x tests/lifecycle"`.
test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser" $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/okr440_bench.py
	$(BIN)/python bench/run

# Property-based fuzzing (hypothesis) of the loader, Markdown and table import and the site build,
# for FUZZ_SECONDS in all (shared by the four targets). `make test` runs each target's smoke batch
# only. A failing input is written to test-artifacts/fuzz/; hypothesis keeps it in .hypothesis/.
FUZZ_SECONDS ?= 240
fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest tests/fuzz -q -p no:cacheprovider \
		-W ignore::hypothesis.errors.HypothesisWarning

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
