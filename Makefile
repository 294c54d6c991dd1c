# The two commands that set everything up on a fresh machine (README.md):
#   make run    install into .venv and start the app on its default SQLite register
#   make test   install with test extras and run the whole suite headless
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TS := $(wildcard resources/i18n/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: run test install install-test translations lupdate bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed translations
install-test: $(VENV)/.installed-test translations

# Compiled translations are build output (not committed); the .ts sources are.
translations: $(QM)
resources/i18n/%.qm: resources/i18n/%.ts | $(VENV)/.installed
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Refresh the .ts sources from the code after changing user-visible strings.
lupdate: | $(VENV)/.installed
	$(BIN)/pyside6-lupdate -no-obsolete $$(find src/bra_desktop/ui -name '*.py') -ts $(TS)

run: install
	$(BIN)/bra-desktop

test: install-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: install-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/screenshots.py docs

clean:
	rm -rf $(VENV) build dist resources/i18n/*.qm .pytest_cache
