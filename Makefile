# Two entry points a new user needs: `make try` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TRY_DB := sqlite:///comitiva-try.db

.PHONY: install try test lint bench lock clean

$(BIN)/comitiva: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(BIN)/comitiva

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
	rm -rf $(VENV) comitiva-try.db .pytest_cache .mypy_cache .ruff_cache
