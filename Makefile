# Two commands, from a fresh clone: `make demo` and `make test`. Each creates the virtualenv it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_FLAGS := --quiet --disable-pip-version-check
CONSTRAINTS := constraints/test.txt

.PHONY: demo test check lint typecheck pytest browser test-aioboto3 compat docs dist bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate setup.cfg pyproject.toml $(CONSTRAINTS) requirements/test.in
	$(BIN)/python -m pip install $(PIP_FLAGS) -c $(CONSTRAINTS) -e . -r requirements/test.in
	touch $@

demo: $(VENV)/.installed
	$(BIN)/python examples/demo.py

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.installed
	$(BIN)/mypy

# The AWS SDK for JavaScript v3 for tests/server/test_server_js.py, pinned by tests/server/js/package-lock.json.
# Without npm the step is skipped and those tests skip, saying node is missing.
JS_DEPS := tests/server/js/node_modules/.installed

$(JS_DEPS): tests/server/js/package.json tests/server/js/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/server/js --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the JavaScript SDK tests will be skipped"; fi

# Debian's chromium and its driver for tests/server/test_server_inbox.py (Selenium drives them; the test fails without
# them, it never skips). Installed with apt-get when missing and we are root; otherwise say what to install.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
		else echo "chromium or chromedriver missing: apt-get install chromium chromium-driver (as root)"; fi; \
	fi

# MOCK_PARTNER_EVENTS_FULL_RUN: tests that need another venv (.venv-docs) fail instead of skipping when it is missing.
pytest: $(VENV)/.installed $(JS_DEPS) browser
	MOCK_PARTNER_EVENTS_FULL_RUN=1 $(BIN)/pytest -n 2 -q

# The quick loop while working: lint, types and the fast tests (no browser, no other venvs, nothing marked slow
# in tests/conftest.py). Under three minutes on two cores; `make test` is the full gate.
check: lint typecheck
	$(BIN)/pytest -n 2 -q -m "not slow"

# docs before pytest: it builds .venv-docs, which tests/docs/test_docs_strict.py runs MkDocs from.
test: lint typecheck docs pytest test-aioboto3 compat

# aioboto3 pins an older aiobotocore and botocore than the main environment's, so it gets a venv of its own,
# pinned by constraints/aioboto3.txt; tests_aioboto3/ sits outside tests/ so the main run never collects it.
AIOBOTO3_VENV := .venv-aioboto3

$(AIOBOTO3_VENV)/.installed: setup.cfg pyproject.toml constraints/aioboto3.txt
	$(PYTHON) -m venv $(AIOBOTO3_VENV)
	$(AIOBOTO3_VENV)/bin/python -m pip install $(PIP_FLAGS) -c constraints/aioboto3.txt -e . aioboto3 pytest pytest-asyncio
	touch $@

test-aioboto3: $(AIOBOTO3_VENV)/.installed
	$(AIOBOTO3_VENV)/bin/pytest -q -p no:cacheprovider tests_aioboto3

# The compatibility job: small venvs pinned by constraints/compat/*.txt, each running tests_compat/ (which adapts
# to the versions it finds): botocore oldest supported and newest, moto 5.0.x and 5.1.x (outside the supported
# range: plain moto works, one warning names the version) and the supported moto.
COMPAT_ENVS := botocore-oldest moto-5.0 moto-5.1 newest

.venv-compat/%/.installed: constraints/compat/%.txt setup.cfg pyproject.toml
	rm -rf .venv-compat/$*
	$(PYTHON) -m venv .venv-compat/$*
	.venv-compat/$*/bin/python -m pip install $(PIP_FLAGS) -r constraints/compat/$*.txt -e .
	touch $@

compat: $(COMPAT_ENVS:%=.venv-compat/%/.installed)
	@for env in $(COMPAT_ENVS); do \
		echo "compat: $$env"; \
		.venv-compat/$$env/bin/python -m pytest -q -p no:cacheprovider -W ignore::pytest.PytestConfigWarning \
			tests_compat || exit 1; \
	done

# The documentation site (MkDocs, Material theme, mkdocstrings) in a venv of its own, pinned by constraints/docs.txt.
# Strict: a broken link, anchor or API reference fails the build, and so `make test`. Builds offline. No --quiet:
# with it MkDocs never sees its warnings, so --strict has none to count and a broken link passes.
DOCS_VENV := .venv-docs

$(DOCS_VENV)/.installed: requirements/docs.in constraints/docs.txt
	$(PYTHON) -m venv $(DOCS_VENV)
	$(DOCS_VENV)/bin/python -m pip install $(PIP_FLAGS) -c constraints/docs.txt -r requirements/docs.in
	touch $@

docs: $(DOCS_VENV)/.installed
	NO_MKDOCS_2_WARNING=1 $(DOCS_VENV)/bin/mkdocs build --strict --site-dir site

# sdist and wheel, built without network (setuptools comes from .venv) and checked as PyPI renders them.
dist: $(VENV)/.installed
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*

bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) $(AIOBOTO3_VENV) $(DOCS_VENV) .venv-compat site dist build .mypy_cache .ruff_cache .pytest_cache
