# Set-up and everyday commands. `make run` and `make test` create .venv when needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501

.PHONY: run test quick lint bench bench-test loadtest validate browser-test clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run app.py --server.port $(PORT)

lint: $(STAMP)
	$(PY) -m ruff check app.py indicators tests scripts
	$(PY) -m ruff format --check app.py indicators tests scripts
	$(PY) -m mypy

test: lint
	$(VENV)/bin/frictionless validate data/datapackage.json
	$(PY) -m pytest

# The developer's loop: lint and the in-process tests of the contract, arithmetic and views (marker quick,
# tests/conftest.py), about a minute; `make test` (what CI runs) is the whole suite.
quick: lint
	$(PY) -m pytest -q -m quick

validate: $(STAMP)
	$(PY) -m indicators validate

browser-test: $(STAMP)
	$(PY) -m pytest -m browser

bench: $(STAMP)
	$(PY) scripts/bench.py

# 10 browser sessions at once on one server (scripts/loadtest.py; SESSIONS=2 for a quick one).
SESSIONS ?= 10
loadtest: $(STAMP)
	$(PY) scripts/loadtest.py --sessions $(SESSIONS)

# The benchmark's sections run and report (one quick run each; no timing is asserted).
bench-test: $(STAMP)
	$(PY) -m pytest -m slow

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
