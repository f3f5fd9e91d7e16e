# bilat: two commands for a fresh machine — `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: worker install demo test test-sqlite test-postgres browser-deps lint fuzz bench-trade bench-dashboard bench-claims bench-load bench-pages bench-water lock clean

$(BIN)/python:
	@PY=$$(scripts/find-python) && echo "Using $$PY" && "$$PY" -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/bilat demo

# Browser tests drive Debian's chromium (never a downloaded browser); install it when we may.
browser-deps:
	@if [ -x /usr/bin/chromium ] && command -v pdftotext >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium and poppler-utils for the browser tests"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; } \
			|| echo "Could not install chromium: the browser tests will be skipped (they fail under CI)."; \
	else \
		echo "chromium is not installed: the browser tests will be skipped, or fail under CI (sudo apt-get install chromium poppler-utils)"; \
	fi

# With PostgreSQL, the two suites run side by side (scripts/run-suites: each keeps about one core
# busy, so two cores take the longer one's time, not the sum); TEST_SIDE_BY_SIDE=0 runs them
# one after the other.
TEST_SIDE_BY_SIDE ?= 1
test: $(STAMP) browser-deps
	$(BIN)/python -m ruff check bilat tests benchmarks
	@if ! $(BIN)/python scripts/pg-answers "$${DATABASE_URL:-}"; then \
		echo "PostgreSQL does not answer at DATABASE_URL; the PostgreSQL run is skipped."; \
		$(MAKE) --no-print-directory test-sqlite; \
	elif [ "$(TEST_SIDE_BY_SIDE)" = 1 ]; then \
		$(BIN)/python scripts/run-suites \
			"sqlite=$(MAKE) --no-print-directory test-sqlite" \
			"postgres=$(MAKE) --no-print-directory test-postgres"; \
	else \
		$(MAKE) --no-print-directory test-sqlite && $(MAKE) --no-print-directory test-postgres; \
	fi

test-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

# What pages and packs show in every language (the page walk, the PDF layout, the charts) is the
# same on any database: those tests run once, on SQLite.
test-postgres: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not engine_neutral" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/python -m ruff check bilat tests benchmarks

# The API fuzzed from its schema as every demo role, longer than in make test and with fresh
# random examples each run (docs/api.md); FUZZ_EXAMPLES per operation, mode and role.
FUZZ_EXAMPLES ?= 40
fuzz: $(STAMP)
	env -u DATABASE_URL BILAT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) BILAT_FUZZ_RANDOM=1 \
		$(BIN)/python -m pytest -m fuzz tests/test_api_fuzz.py $(PYTEST_ARGS)

bench-trade: $(STAMP)
	$(BIN)/python benchmarks/bench_trade.py $(ARGS)

bench-dashboard: $(STAMP)
	$(BIN)/python benchmarks/bench_dashboard.py $(ARGS)

bench-claims: $(STAMP)
	$(BIN)/python benchmarks/bench_claims.py $(ARGS)

# Load on PostgreSQL: bilat serve (2 processes), the worker and Redis under a locust mix of
# roles (docs/benchmarks.md); BILAT_BENCH_DATABASE names the database it drops and re-creates.
bench-load: $(STAMP)
	$(BIN)/python benchmarks/bench_load.py $(ARGS)

# CPU per request of each page of the load's mix, in one process (docs/benchmarks.md), on the
# installation DATABASE_URL and BILAT_DATA_DIR name (the demo).
bench-pages: $(STAMP)
	$(BIN)/python benchmarks/page_cpu.py $(ARGS)

bench-water: $(STAMP)
	$(BIN)/python benchmarks/bench_water.py $(ARGS)

# The background worker on its own (make demo starts one alongside the server).
worker: $(STAMP)
	$(BIN)/bilat worker

# Regenerate the lock file from a fresh resolution of pyproject.toml.
lock:
	rm -rf /tmp/bilat-lock && $$(scripts/find-python) -m venv /tmp/bilat-lock
	/tmp/bilat-lock/bin/pip install --quiet '.[dev]'
	/tmp/bilat-lock/bin/pip freeze --exclude bilat > requirements.lock

clean:
	rm -rf $(VENV) var
