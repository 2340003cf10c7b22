# Everything a fresh machine needs: `make test` and `make e2e` create .venv and install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test e2e e2e-latency fidelity fidelity-latency lint bench fuzz clean docs-steps

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest tests

E2E_ARGS ?=
E2E_REPORTS := --junitxml=reports/junit.xml --cucumberjson=reports/cucumber.json \
	--html=reports/e2e.html --self-contained-html

e2e: $(STAMP)
	mkdir -p reports
	$(BIN)/python -m pytest tests/e2e $(E2E_REPORTS) --gherkin-terminal-reporter -v $(E2E_ARGS)

e2e-latency: $(STAMP)
	mkdir -p reports
	$(BIN)/python -m pytest tests/e2e $(E2E_REPORTS) --latency-ms 150 $(E2E_ARGS)

# Each documented case's scenarios with its mechanism off: every one must fail at its symptom step.
FIDELITY_ARGS ?=
fidelity: $(STAMP)
	$(BIN)/python -m fidelity $(FIDELITY_ARGS)

fidelity-latency: $(STAMP)
	$(BIN)/python -m fidelity --latency-ms 150 $(FIDELITY_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

docs-steps: $(STAMP)  # regenerate the step catalogue after adding or changing steps
	$(BIN)/kundenapp-sim steps --markdown > docs/steps.md

bench: $(STAMP)
	$(BIN)/python -m bench --real
	$(BIN)/python -m bench scenario

fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,fuzz]'
	$(BIN)/python -m bench.hostile
	$(BIN)/python -m bench.openapi_fuzz

clean:
	rm -rf $(VENV) reports .pytest_cache .mypy_cache .ruff_cache
