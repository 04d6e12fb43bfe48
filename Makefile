# strikewatch: `make demo` and `make test` are the two set-up commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDOR := strikewatch/web/static/vendor
ASSETS := $(VENDOR)/.installed

.PHONY: install assets demo test lint bench clean

install: $(STAMP) $(ASSETS)

# The web app's front-end libraries, from npm (exact versions in package-lock.json), copied into
# the package so that the pages load nothing from the internet.
assets: $(ASSETS)

$(ASSETS): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/images
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp node_modules/leaflet/dist/images/* $(VENDOR)/images/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js $(VENDOR)/
	cp node_modules/leaflet.markercluster/dist/MarkerCluster.css node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css $(VENDOR)/
	cp node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp node_modules/world-atlas/countries-50m.json $(VENDOR)/
	cp node_modules/leaflet/LICENSE $(VENDOR)/LICENSE.leaflet
	cp node_modules/world-atlas/LICENSE $(VENDOR)/LICENSE.world-atlas
	touch $@

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
	$(BIN)/mypy
	$(BIN)/python -m pytest -q tests

lint: install
	$(BIN)/ruff check strikewatch tests
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/gazetteer.py
	$(BIN)/python bench/geocode_accuracy.py
	$(BIN)/python bench/detection.py
	$(BIN)/python bench/glocon_events.py
	$(BIN)/python bench/resolve_scaling.py
	$(BIN)/python bench/throughput.py --dask
	$(BIN)/python bench/web.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/long_article.py
	$(BIN)/python bench/language.py
	$(BIN)/python bench/russian.py
	$(BIN)/python bench/sources.py

clean:
	rm -rf $(VENV) demo.db* .pytest_cache node_modules $(VENDOR)
