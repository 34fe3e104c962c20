# Tocsin: `make run` starts the demo service, `make test` runs the whole suite, `make bench` the benchmarks.
SHELL := /bin/bash
DEBIAN_PACKAGES := libpcre2-dev libsqlite3-dev pkg-config
BENCH_PACKAGES := wrk sqlite3
# The PostgreSQL tests run against a throwaway local server (scripts/postgres.sh).
TEST_PACKAGES := postgresql
SWIFT ?= swift

.PHONY: deps bench-deps test-deps build run test bench clean

# Installs the Debian packages the build needs when any is missing (as root), or says how to.
deps:
	@bash scripts/ensure-packages.sh $(DEBIAN_PACKAGES)

bench-deps:
	@bash scripts/ensure-packages.sh $(DEBIAN_PACKAGES) $(BENCH_PACKAGES) $(TEST_PACKAGES)

test-deps:
	@bash scripts/ensure-packages.sh $(DEBIAN_PACKAGES) $(TEST_PACKAGES)

build: deps
	$(SWIFT) build --product tocsin

run: build
	$(SWIFT) run tocsin serve --config Examples/demo.yaml

# Starts a throwaway PostgreSQL (scripts/postgres.sh) for the PostgreSQL tests, runs the whole suite, and
# stops the server afterwards, keeping the suite's exit status. Fails when PostgreSQL cannot start.
test: test-deps
	@pgdir=$$(mktemp -d /tmp/tocsin-pg.XXXXXX); \
	out=$$(bash scripts/postgres.sh start "$$pgdir") && url=$$(echo "$$out" | tail -n 1) && [ -n "$$url" ] || { \
		echo "make test: could not start a local PostgreSQL for the PostgreSQL tests (see above); they cannot be skipped" >&2; \
		rm -rf "$$pgdir"; exit 1; }; \
	trap 'bash scripts/postgres.sh stop "$$pgdir" >/dev/null 2>&1; rm -rf "$$pgdir"' EXIT; \
	echo "make test: PostgreSQL at $$url"; \
	export TOCSIN_TEST_POSTGRES_URL="$$url"; \
	$(SWIFT) build --build-tests && $(SWIFT) test --skip-build

bench: bench-deps
	$(SWIFT) build -c release --product TocsinBench
	$(SWIFT) build -c release --product tocsin
	bash scripts/bench.sh

clean:
	rm -rf .build tocsin-demo.sqlite* mock-outbox.jsonl
