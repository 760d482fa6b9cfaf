# Two commands, from a fresh clone: `make demo` and `make test`. Each creates the virtualenv it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_FLAGS := --quiet --disable-pip-version-check
CONSTRAINTS := constraints/test.txt

.PHONY: demo test lint typecheck pytest browser test-aioboto3 bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate setup.cfg pyproject.toml $(CONSTRAINTS)
	$(BIN)/python -m pip install $(PIP_FLAGS) -c $(CONSTRAINTS) -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/python examples/demo.py

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

# The AWS SDK for JavaScript v3 for tests/test_server_js.py, pinned by tests/js/package-lock.json.
# Without npm the step is skipped and those tests skip, saying node is missing.
JS_DEPS := tests/js/node_modules/.installed

$(JS_DEPS): tests/js/package.json tests/js/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/js --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the JavaScript SDK tests will be skipped"; fi

# Debian's chromium and its driver for tests/test_server_inbox.py (Selenium drives them; the test fails without
# them, it never skips). Installed with apt-get when missing and we are root; otherwise say what to install.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
		else echo "chromium or chromedriver missing: apt-get install chromium chromium-driver (as root)"; fi; \
	fi

pytest: $(VENV)/.installed $(JS_DEPS) browser
	$(BIN)/pytest -n 2 -q

test: lint typecheck pytest test-aioboto3

# aioboto3 pins an older aiobotocore and botocore than the main environment's, so it gets a venv of its own,
# pinned by constraints/aioboto3.txt; tests_aioboto3/ sits outside tests/ so the main run never collects it.
AIOBOTO3_VENV := .venv-aioboto3

$(AIOBOTO3_VENV)/.installed: setup.cfg pyproject.toml constraints/aioboto3.txt
	$(PYTHON) -m venv $(AIOBOTO3_VENV)
	$(AIOBOTO3_VENV)/bin/python -m pip install $(PIP_FLAGS) -c constraints/aioboto3.txt -e . aioboto3 pytest pytest-asyncio
	touch $@

test-aioboto3: $(AIOBOTO3_VENV)/.installed
	$(AIOBOTO3_VENV)/bin/pytest -q -p no:cacheprovider tests_aioboto3

bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) $(AIOBOTO3_VENV) .mypy_cache .ruff_cache .pytest_cache
