# The two commands of the README: `make demo` (main job on the bundled samples) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint bench

$(BIN)/kronik: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/kronik

# the pipeline's modules compiled by mypyc (kronik/compiled.py); again whenever a source changes
kronik/_compiled.json: $(BIN)/kronik $(wildcard kronik/*.py)
	KRONIK_FROM_SOURCE=1 $(BIN)/python -c 'import sys; from kronik.compiled import build; sys.exit(build())' || true

setup: $(BIN)/kronik kronik/_compiled.json

demo: setup
	$(BIN)/kronik extract samples/pages -o out/samples.jsonl --no-progress
	rm -f out/demo.duckdb
	$(BIN)/kronik ingest samples/pages --db out/demo.duckdb --no-progress
	$(BIN)/kronik top --db out/demo.duckdb --limit 8
	$(BIN)/kronik timeline IDN JPN --freq month --db out/demo.duckdb --plot out/idn-jpn.png
	$(BIN)/kronik export --db out/demo.duckdb --format csv --schema polecat -o out/demo-polecat.csv
	@echo
	@echo "Records: out/samples.jsonl   Database: out/demo.duckdb   Chart: out/idn-jpn.png   POLECAT CSV: out/demo-polecat.csv"
	@echo "Dashboard: $(BIN)/kronik serve --db out/demo.duckdb   then open http://127.0.0.1:8765/"

test: setup
	bash scripts/browser-deps.sh
	$(BIN)/ruff check kronik tests bench tools
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check kronik tests bench tools
