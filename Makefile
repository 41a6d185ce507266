# The two commands of the README: `make demo` and `make test`. Both install what is missing,
# build only what they need, and can be rerun. `make bench` builds the benchmarks too.
PORT ?= 8080
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_DB ?= var/demo.db
CMAKE_FLAGS ?=

.PHONY: setup configure server tests web demo test bench soak fuzz fuzz-smoke format format-check clean

setup:
	@bash scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

# The server binary only: what the demo needs.
server: configure
	@cmake --build $(BUILD) -j $(JOBS) --target jiceng

# The unit and API test binary (and the server the CLI and browser tests drive).
tests: configure
	@cmake --build $(BUILD) -j $(JOBS) --target jiceng jiceng_tests

# The UI is rebuilt only when its sources are newer than the last build.
web: setup
	@if [ ! -f web/dist/index.html ] || [ -n "$$(find web/src web/index.html web/package-lock.json web/vite.config.js -newer web/dist/index.html -print -quit)" ]; then \
	  cd web && npm run build --silent; \
	fi

# Creates the demo database once (RESET=1 recreates it), prints the accounts, then serves.
demo: server web
	@mkdir -p var
	@$(BUILD)/jiceng demo --db $(DEMO_DB) $(if $(RESET),--reset) $(if $(PASSWORD),--password '$(PASSWORD)')
	@echo "Jiceng is starting on http://127.0.0.1:$(PORT)"
	@exec $(BUILD)/jiceng serve --db $(DEMO_DB) --port $(PORT)

# Every test: the format check, unit and API tests on SQLite and on a throwaway PostgreSQL 15,
# web unit tests, the browser tests in Debian's Chromium, and the fuzzers' smoke run.
test: setup format-check tests web
	@cd web && npm test --silent
	@bash scripts/with-postgres.sh ctest --test-dir $(BUILD) --output-on-failure --parallel $(JOBS)
	@bash fuzz/run.sh smoke

# libFuzzer targets under ASan + UBSan (fuzz/, built with clang in build-fuzz): `make fuzz` runs
# each for FUZZ_SECONDS, two at a time, keeping what it finds in build-fuzz/corpus;
# `make fuzz-smoke` runs the seeds and 15 s of new inputs each (part of `make test`).
FUZZ_SECONDS ?= 180
fuzz: setup
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash fuzz/run.sh long
fuzz-smoke: setup
	@bash fuzz/run.sh smoke

# The crash-safety test with 1,000 SIGKILLs on each driver (make test runs 50), then
# SOAK_MINUTES of mixed load at half the measured capacity on each driver, reporting errors and
# the server's RSS over time (bench/soak_load.mjs; reports in $(BUILD)/soak-*.json).
SOAK_MINUTES ?= 30
soak: setup tests
	@JICENG_TEST_CRASH_KILLS=1000 JICENG_TEST_DRIVER=sqlite $(BUILD)/jiceng_tests --gtest_filter='CrashSafety.*'
	@JICENG_TEST_CRASH_KILLS=1000 bash scripts/with-postgres.sh env JICENG_TEST_DRIVER=postgres \
	  $(BUILD)/jiceng_tests --gtest_filter='CrashSafety.*'
	@node bench/soak_load.mjs --jiceng $(BUILD)/jiceng --minutes $(SOAK_MINUTES) --out $(BUILD)/soak-sqlite.json
	@JICENG_SECURITY_KEY_FILE=$(abspath $(BUILD))/soak-pg.key bash scripts/with-postgres.sh sh -c \
	  'node bench/soak_load.mjs --jiceng $(BUILD)/jiceng --db "$$JICENG_TEST_PG" --minutes $(SOAK_MINUTES) --out $(BUILD)/soak-postgres.json'

bench: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJICENG_BENCH=ON $(CMAKE_FLAGS) >/dev/null
	@bash bench/run.sh

# clang-format (.clang-format) over the C++ tree: `make format` rewrites, the check only reads.
format:
	@bash scripts/format.sh --fix
format-check:
	@bash scripts/format.sh

clean:
	rm -rf $(BUILD) build-fuzz web/dist
