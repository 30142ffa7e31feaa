# Copydesk developer commands. `make run` and `make test` set up .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench screenshots lint clean venv dist dist-test install-desktop uninstall-desktop \
	translations

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Copydesk needs Python 3.11 or newer (set PYTHON=python3.11)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Compiled translations (.qm, not committed) for the targets that run or ship the app.
QM := $(patsubst %.ts,%.qm,$(wildcard resources/translations/copydesk_*.ts))

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# The .qm too: a copydesk run straight from .venv speaks the user's language.
venv: $(STAMP) $(QM)

# After changing UI strings: update every .ts from the source, compile them, and name what still
# needs a translation (the check that `make test` runs too).
translations: $(STAMP)
	$(BIN)/python -m tools.translations update
	$(BIN)/python -m tools.translations release
	$(BIN)/python -m tools.translations check

run: $(STAMP) $(QM)
	$(BIN)/copydesk $(ARGS)

test: $(STAMP) $(QM)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

screenshots: $(STAMP) $(QM)
	$(BIN)/python -m tools.screenshots docs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# A one-folder app built by PyInstaller, and a .tar.gz of it with the desktop files (share/).
DIST_NAME = copydesk-$(shell $(BIN)/python -c 'import editor; print(editor.__version__)' 2>/dev/null)
dist: $(STAMP) $(QM)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/pyinstaller packaging/copydesk.spec
	$(BIN)/python -m tools.desktop install --share build/dist/$(DIST_NAME)/share --exec copydesk
	tar -C build/dist -czf build/$(DIST_NAME)-linux-$(shell uname -m).tar.gz $(DIST_NAME)
	@echo "Built build/dist/$(DIST_NAME)/copydesk and build/$(DIST_NAME)-linux-$(shell uname -m).tar.gz"

# The built app's smoke tests (--version, the bundled samples, a window offscreen).
dist-test: dist
	$(BIN)/python -m pytest -q -m dist tests/test_dist.py

install-desktop: $(STAMP)
	$(BIN)/python -m tools.desktop install --exec "$(abspath $(BIN))/copydesk"

uninstall-desktop: $(STAMP)
	$(BIN)/python -m tools.desktop uninstall

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis .ruff_cache .bench $(QM)
