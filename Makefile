# Kursbro — the two commands that matter:
#   make run    build everything and serve the app with demo data on http://127.0.0.1:8080
#   make test   every check and every test (what CI runs)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CARGO_TERM_COLOR ?= never

WASM := scripts/wasm-env
WASM_TARGET := --target wasm32-unknown-unknown
RUN_FLAGS ?=

.PHONY: help setup app server build run test lint test-unit test-server test-wasm test-e2e soak size lighthouse bench scale-data bench-scale fmt clean

help:
	@echo "make run     build and serve Kursbro with demo data (http://127.0.0.1:8080)"
	@echo "make test    run every check and test"
	@echo "make size    sizes of the built app (raw / gzip / brotli) and the first load per entry route"
	@echo "make lighthouse   Lighthouse's mobile performance figures for /, /katalog and a module page"
	@echo "make bench   server benchmarks (catalogue search, grid, threads, competence, HTTP and event writes with wrk)"
	@echo "make scale-data   a region's data (500,000 learners) in target/scale/region.db"
	@echo "make bench-scale  every page's API calls timed on it, on SQLite and PostgreSQL"
	@echo "make soak    the long chaos test of the offline sync (1,000 cycles)"
	@echo "make fmt     format the code"

setup:
	@scripts/setup.sh

# The release wasm app in dist/, cut into parts (src/parts.rs; opt-level z, LTO, wasm-opt),
# precompressed.
app: setup
	scripts/build-app.sh

# The server, optimised for speed (profile `server` in Cargo.toml).
server: setup
	cargo build --profile server -p kursbro-server

build: app server

run: build
	target/server/kursbro-server --demo-data --dist dist $(RUN_FLAGS)

test: setup lint test-unit test-server test-wasm test-e2e
	@echo "make test: all checks and tests passed"

lint:
	cargo fmt --all --check
	scripts/check-sql-location.sh
	cargo clippy -p kursbro-shared -p kursbro-server --all-targets -- -D warnings
	$(WASM) cargo clippy -p kursbro-app -p kursbro-shared $(WASM_TARGET) --all-targets -- -D warnings
	$(WASM) cargo clippy -p kursbro-app $(WASM_TARGET) --features split -- -D warnings

test-unit:
	cargo test -p kursbro-shared

# The whole server suite twice: on SQLite files, then on a throwaway PostgreSQL cluster
# (started in a temporary folder and removed afterwards, also when a test fails); then
# schemathesis checks the running server against its OpenAPI document, as a learner, as a
# facilitator and as an organisation's admin (bounded examples per operation; ST_EXAMPLES=100
# for a longer run).
test-server:
	cargo test -p kursbro-server
	scripts/with-postgres.sh cargo test -p kursbro-server --test api
	cargo build -p kursbro-server
	scripts/schemathesis.sh

# Components in headless Chromium (wasm-bindgen-test-runner + chromedriver, started by
# scripts/wasm-test-runner on a fresh profile).
test-wasm:
	$(WASM) cargo test -p kursbro-app $(WASM_TARGET)

# The real server binary serving the real release build, driven by Playwright in Chromium.
test-e2e: app
	cargo build -p kursbro-server
	CI=$${CI:-} playwright test || { status=$$?; cat test-results/page-errors.txt 2>/dev/null || true; exit $$status; }

# The long chaos soak of the offline sync (a short run of it is part of test-e2e): 1,000
# cycles of random learning, offline/online, reloads and SIGKILLed servers. Figures for
# BENCHMARKS.md. SOAK_SEED=… repeats a run.
soak: app
	cargo build -p kursbro-server
	SOAK_CYCLES=$${SOAK_CYCLES:-1000} SOAK_MINUTES=$${SOAK_MINUTES:-60} playwright test soak --project desktop

size: app
	scripts/size-report.sh dist

# Lighthouse's mobile performance run on /, /katalog and a module page (median of 3 each;
# RUNS=5 for more), against the release build and server with the demo data.
lighthouse: app server
	scripts/lighthouse.sh

# Benchmarks (figures for BENCHMARKS.md; not part of make test): catalogue search over
# 10,000 modules, a thread of 1,000 replies, learning events posted with wrk next to raw
# SQLite running the same statements (needs wrk, as the HTTP benchmark does), the cohort
# grid for 1,000 learners x 20 modules on the server and the same grid rendered in
# headless Chromium, and the competence overview for 2,000 and 50,000 employees.
bench: app server
	cargo bench -p kursbro-server --bench catalogue_search
	cargo bench -p kursbro-server --bench thread_page
	KURSBRO_BENCH_DB=$(CURDIR)/target/bench-grid.db cargo bench -p kursbro-server --bench cohort_grid
	node scripts/measure-grid-render.cjs target/bench-grid.db
	cargo bench -p kursbro-server --bench compliance
	scripts/bench-http.sh
	cargo bench -p kursbro-server --bench ingest

# A region's data for the benchmarks (issue 15): 500,000 learners in 10 organisations, 1,000
# cohorts, 200 modules, ~50 million completions and learning events, in a fresh SQLite file
# (target/scale/region.db; whom to sign in as in region.db.who.json). Several GB; minutes.
scale-data: setup
	scripts/bench-scale.sh fill

# Every page's API calls timed (p50 / p95) on that data with the release server: on the SQLite
# file (made first if missing), then on a throwaway PostgreSQL cluster filled the same way;
# and the grid of a 1,000-learner cohort of that region in Chromium (CPU 4x slower).
bench-scale: app server
	scripts/bench-scale.sh sqlite
	node scripts/measure-grid-render.cjs target/scale/region.db
	scripts/bench-scale.sh postgres

fmt:
	cargo fmt --all

clean:
	cargo clean
	rm -rf dist test-results node_modules
