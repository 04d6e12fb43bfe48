# strikewatch: `make demo` and `make test` are the two set-up commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/strikewatch ingest examples/articles --db demo.db
	$(BIN)/strikewatch events --db demo.db

test: install
	$(BIN)/ruff check strikewatch tests
	$(BIN)/python -m pytest -q tests

lint: install
	$(BIN)/ruff check strikewatch tests

bench: install
	$(BIN)/python bench/gazetteer.py
	$(BIN)/python bench/geocode_accuracy.py
	$(BIN)/python bench/resolve_scaling.py
	$(BIN)/python bench/throughput.py --dask

clean:
	rm -rf $(VENV) demo.db* .pytest_cache
