PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?=

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
APP_DIR := dist/commonground-$(VERSION)

.PHONY: run test bench dist dist-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

$(VENV)/.installed-dist: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dist]'
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/commonground $(if $(DB),--db "$(DB)")

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

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
