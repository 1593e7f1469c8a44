# `make demo` and `make test` set everything up from nothing but Python 3.11 and run.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench bench-store hostile accuracy currencies lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The demo corpus has conflicts on purpose: `check` exits 1 there, which is the demo succeeding.
demo: $(STAMP)
	$(BIN)/claimcheck extract fixtures/corpus
	$(BIN)/claimcheck check fixtures/corpus || [ $$? -eq 1 ]

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/run.py --sparse --cold-runs 3

# The claim store over 10,000 articles: index throughput, re-index with nothing changed, cold check of a draft.
bench-store: $(STAMP)
	$(BIN)/python benchmarks/store.py

# The pathological inputs of issue 8 through `claimcheck check`: wall time, peak RSS, exit status (benchmarks/README.md).
hostile: $(STAMP)
	$(BIN)/python benchmarks/hostile.py

# Per-field accuracy and findings precision/recall on the development corpus (fixtures/dev/).
accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py --verbose

# Regenerate claimcheck/mentions/currencies.json from CLDR (Babel) and the newsroom overlay in the same file.
currencies: $(STAMP)
	$(BIN)/python claimcheck/mentions/currency_data.py

lock:
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v "^pip==" | sed '1i # Exact versions used by `make demo` and `make test` (Python 3.11). Regenerate with `make lock`.' > requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info
