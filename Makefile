# The two commands that set everything up on a fresh machine (README.md):
#   make run    install into .venv and start the app on its default SQLite register
#   make test   install with test extras and run the whole suite headless
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TS := $(wildcard resources/i18n/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: run test install install-test translations lupdate bench mutate screenshots package package-test clean

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

# Mutation testing of the safety-critical modules ([tool.mutmut] in pyproject.toml): every mutant
# that survives is listed at the end; `mutmut show NAME` prints its change.
$(VENV)/.installed-mutate: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,mutate]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-test

mutate: $(VENV)/.installed-mutate translations
	rm -rf mutants
	QT_QPA_PLATFORM=offscreen $(BIN)/mutmut run
	$(BIN)/mutmut results

screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/screenshots.py docs

# The frozen app (PyInstaller, one folder) packed as a tarball with a .desktop file, icon and
# install.sh; the Windows workflow runs the same spec and wraps the folder in the Inno Setup
# installer (README.md, "Installing"). package-test runs the frozen app's smoke test.
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"$$/\1/p' src/bra_desktop/__init__.py)
FROZEN := dist/bra-desktop/bra-desktop
TARBALL := dist/bra-desktop-$(VERSION)-linux-x86_64.tar.gz
FROZEN_INPUTS := packaging/bra_desktop.spec pyproject.toml $(QM) \
	$(shell find src/bra_desktop resources/data resources/icons -type f -not -path '*/__pycache__/*')

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $@ $(VENV)/.installed

$(FROZEN): $(FROZEN_INPUTS) | $(VENV)/.installed-package
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/bra_desktop.spec
	touch $@

$(TARBALL): $(FROZEN) packaging/linux/bra-desktop.desktop packaging/linux/install.sh
	rm -rf build/tarball && mkdir -p build/tarball/bra-desktop-$(VERSION)
	cp -a dist/bra-desktop/. packaging/linux/bra-desktop.desktop packaging/linux/install.sh \
		resources/icons/bra-desktop.png build/tarball/bra-desktop-$(VERSION)/
	tar -C build/tarball --owner=0 --group=0 -czf $@ bra-desktop-$(VERSION)
	@echo "$@: $$(du -h $@ | cut -f1)"

package: $(TARBALL)

package-test: $(TARBALL)
	rm -rf build/tarball-test && mkdir -p build/tarball-test
	tar -C build/tarball-test -xzf $(TARBALL)
	$(BIN)/python packaging/smoke_test.py --exe build/tarball-test/bra-desktop-$(VERSION)/bra-desktop \
		--compare-with $(BIN)/bra-desktop

clean:
	rm -rf $(VENV) build dist resources/i18n/*.qm .pytest_cache
