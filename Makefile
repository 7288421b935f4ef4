# Two entry points a new user needs: `make try` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TRY_DB := sqlite:///comitiva-try.db

.PHONY: install js try test lint bench lock clean

$(BIN)/comitiva: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(BIN)/comitiva js

# Mozilla's ical.js, a second parser the calendar tests read the .ics with, pinned by
# package-lock.json. Without node the step is skipped and so is that one test.
js:
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
		test node_modules/.package-lock.json -nt package-lock.json || \
			npm ci --no-audit --no-fund --loglevel=error; \
	else \
		echo "node not found: skipping ical.js (its calendar test will be skipped)"; \
	fi

try: install
	rm -f comitiva-try.db  # a fresh sample every time
	$(BIN)/comitiva --db $(TRY_DB) chat --at "2021-06-08 07:50"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Speed goals, measured (not part of the test run): prints a table, writes bench/results.json.
bench: install
	$(BIN)/python bench/run.py

# Re-pin every dependency with hashes after editing pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules comitiva-try.db .pytest_cache .mypy_cache .ruff_cache
