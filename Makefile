# `make demo` and `make test` set everything up from nothing but Python 3.11 and run.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench bench-store bench-dask hostile fuzz accuracy currencies lock clean chromium screenshot report-bench

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The demo corpus has conflicts on purpose: `check` exits 1 there, which is the demo succeeding.
demo: $(STAMP)
	$(BIN)/claimcheck extract fixtures/corpus
	$(BIN)/claimcheck check fixtures/corpus || [ $$? -eq 1 ]
	$(BIN)/claimcheck report fixtures/corpus -o demo-report.html
	@echo "report: file://$(CURDIR)/demo-report.html"

# The browser tests of the HTML report drive Debian's Chromium through Playwright (the Playwright browser
# download is not used). Installed here when missing (sudo when not root); where it cannot be installed the
# tests skip and say so.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo -n ); \
	    command -v apt-get >/dev/null 2>&1 && $$SUDO apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    { $$SUDO apt-get update -qq >/dev/null 2>&1 && $$SUDO apt-get install -y -qq chromium >/dev/null 2>&1; } || \
	    echo "make: no Chromium could be installed: the browser tests of the HTML report will be skipped"; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest

# docs/report.png, the README's picture of the demo report.
screenshot: $(STAMP) chromium
	$(BIN)/claimcheck report fixtures/corpus -o demo-report.html
	$(BIN)/python benchmarks/screenshot.py demo-report.html -o docs/report.png

# Report build time against check on a generated corpus, and filter latency with 5,000 findings in Chromium.
report-bench: $(STAMP) chromium
	$(BIN)/python benchmarks/report.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/run.py --sparse --cold-runs 3
	$(BIN)/python benchmarks/memory.py
	$(BIN)/python benchmarks/jobs.py

# The claim store over 10,000 articles: index throughput, re-index with nothing changed, cold check of a draft.
bench-store: $(STAMP)
	$(BIN)/python benchmarks/store.py

# check --engine dask with 1 and 2 local workers on a generated 4 MB corpus, against the local engine (docs/scale.md).
bench-dask: $(STAMP)
	$(BIN)/python benchmarks/dask_engine.py

# The pathological inputs of issue 8 through `claimcheck check`: wall time, peak RSS, exit status (benchmarks/README.md).
hostile: $(STAMP)
	$(BIN)/python benchmarks/hostile.py

# The whole pipeline over 100,000 generated hostile inputs (tests/fuzz_inputs.py; about 12 minutes on one core).
# Prints figures; exits 1 only when an input raised.
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py

# Per-field accuracy and findings precision/recall on the development corpus (fixtures/dev/), then on the
# holdout and on the fresh blind corpora (fixtures/fresh*/README.md), whose figures are tracked, not asserted.
accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py --verbose
	$(BIN)/python benchmarks/accuracy.py fixtures/holdout
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh2
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh3
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh4
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh5
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh6
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh7
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh8
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh9
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh10
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh11
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh12
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh13
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh14
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh15
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh16
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh17
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh18
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh19
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh20
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh21
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh22
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh23
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh24
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh25
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh26
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh27
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh28
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh29
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh30
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh31
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh32
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh33
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh34
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh35
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh36
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh37
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh38
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh39
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh40
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh41
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh42
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh43
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh44
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh45
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh46
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh47
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh48
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh49
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh50
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh51
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh52
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh53
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh54
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh55
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh56
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh57
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh58
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh59
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh60
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh61
	$(BIN)/python benchmarks/accuracy.py fixtures/fresh62

# Regenerate claimcheck/mentions/currencies.json from CLDR (Babel) and the newsroom overlay in the same file.
currencies: $(STAMP)
	$(BIN)/python claimcheck/mentions/currency_data.py

lock:
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v "^pip==" | sed '1i # Exact versions used by `make demo` and `make test` (Python 3.11). Regenerate with `make lock`.' > requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info
