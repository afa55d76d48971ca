# The whole set-up: `make run` (build the corpus and serve it) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8001

.PHONY: run build serve test lint clean

# Installs the product and the test tools (one venv serves both commands).
$(BIN)/statecraft: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python >= 3.11 is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: build serve

# A source problem is reported and the build exits non-zero; the rest is stored and served.
build: $(BIN)/statecraft
	-$(BIN)/statecraft build corpus --db db/statecraft.db

serve: $(BIN)/statecraft
	$(BIN)/statecraft serve --db db/statecraft.db --host $(HOST) --port $(PORT)

lint: $(BIN)/statecraft
	$(BIN)/ruff check pipeline db tests

test: lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) db/*.db db/*.db-* export .pytest_cache
