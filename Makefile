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

setup: $(BIN)/kronik

demo: setup
	$(BIN)/kronik extract samples/pages -o out/samples.jsonl
	@echo "records written to out/samples.jsonl"

test: setup
	bash scripts/browser-deps.sh
	$(BIN)/ruff check kronik tests bench
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check kronik tests bench
