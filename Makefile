# kzlib: every target sets itself up; nothing is installed outside .venv/.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= reports

.PHONY: setup report test lint lab bench clean golden

setup: $(STAMP)

# Re-install only when the pins change; `make setup` twice does nothing the second time.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "pip==26.3"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev,bench,scale]"
	touch $(STAMP)

# make report [OUT=DIR] [PARAMS=FILE.yaml] [ARGS="--force ..."]: every notebook, HTML,
# tables, index.html, run.json; notebooks whose inputs are unchanged since the last
# report at OUT are reused (ARGS=--force runs them all)
report: setup
	$(BIN)/kzlib report --out $(OUT)$(if $(PARAMS), --params $(PARAMS)) $(ARGS)

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check kzlib tests bench
	$(BIN)/mypy

# make lab [ARGS="--port 8899 --no-browser"]: arguments go to jupyter lab; as root,
# --allow-root is added (JupyterLab refuses to start as root without it).
LAB_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
lab: setup
	$(BIN)/jupyter lab notebooks/ $(LAB_ROOT) $(ARGS)

bench: setup
	$(BIN)/python bench/segment.py
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) reports .pytest_cache .mypy_cache .ruff_cache

# Regenerate tests/golden/ (the tables of every command and of the report on seeds/);
# commit the diff when an analysis output changes on purpose.
golden: setup
	$(BIN)/python tests/golden.py tests/golden
