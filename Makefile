# Quick start: `make site` (set up, check the example OKRs, build the site) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= public
# The example organisation's check-ins are dated for this day; leave it empty for your own OKRs.
TODAY  ?= 2026-11-22
TODAY_FLAG := $(if $(TODAY),--today $(TODAY))

.PHONY: setup site check test lint serve bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

check: setup
	$(BIN)/okrctl check okrs $(TODAY_FLAG)

site: check
	$(BIN)/okrctl build --strict --out $(OUT) $(TODAY_FLAG)

serve: setup
	$(BIN)/okrctl serve

lint: setup
	$(BIN)/ruff check okrctl tests bench
	$(BIN)/ruff format --check okrctl tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/okrctl schema --check
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress --persona auditor .github/workflows .github/dependabot.yml action.yml

test: lint
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
