# Python 3.12 or newer: on 3.11, PySide6 6.12 runs None's reference count down until
# the interpreter aborts (README.md, "Known problems"). The first of these that is 3.12+
# builds .venv; `make PYTHON=/path/to/python3.12 ...` names one.
PYTHON_CANDIDATES := python3.14 python3.13 python3.12 python3 \
	$(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) \
	$(wildcard /usr/local/bin/python3.1[2-9] /opt/homebrew/bin/python3.1[2-9])
ifeq ($(origin PYTHON),undefined)
PYTHON := $(firstword $(foreach p,$(PYTHON_CANDIDATES),$(shell $(p) -c 'import sys; print(sys.version_info >= (3, 12) and "$(p)" or "")' 2>/dev/null)))
endif
VENV := .venv
BIN := $(VENV)/bin
DB ?=

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
APP_DIR := dist/commonground-$(VERSION)

.PHONY: run test test-fast bench dist dist-test clean

# A .venv made by an older Python is made again.
VENV_OK := $(shell $(BIN)/python -c 'import sys; print(sys.version_info >= (3, 12) or "")' 2>/dev/null)
ifneq ($(VENV_OK),True)
$(shell rm -rf $(VENV))
endif

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Common Ground needs Python 3.12 or newer, and none was found (python3 is $$(python3 --version 2>&1))."; \
		echo "Install Python 3.12+ (python.org, your package manager, or pyenv), then run make again,"; \
		echo "or name it: make PYTHON=/path/to/python3.12 run"; \
		exit 1; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.installed-run

$(VENV)/.installed-dist: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dist]'
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/commonground $(if $(DB),--db "$(DB)")

# The linter first (its rules in pyproject.toml), then the suite.
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The suite without the tests marked slow (other processes, locks held, shares, the soak).
test-fast: $(VENV)/.installed-test
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow"

# Every script in benchmarks/, one table (benchmarks/_table.py; README.md carries the latest).
bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/_table.py

# The installed app, one folder: $(APP_DIR)/commonground (see README.md, "The installed app").
dist: $(VENV)/.installed-dist
	QT_QPA_PLATFORM=offscreen $(BIN)/pyinstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build build.spec

# The self-test on the built program, as CI runs it.
dist-test: dist
	QT_QPA_PLATFORM=offscreen $(APP_DIR)/commonground --self-test

clean:
	rm -rf $(VENV) build dist *.egg-info
