# The two commands of the README: `make demo` and `make test`. Both install what is missing,
# build what changed, and can be rerun.
PORT ?= 8080
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_DB ?= var/demo.db

.PHONY: setup build server web demo test bench clean

setup:
	@bash scripts/setup.sh

server: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The UI is rebuilt only when its sources are newer than the last build.
web: setup
	@if [ ! -f web/dist/index.html ] || [ -n "$$(find web/src web/index.html web/package-lock.json web/vite.config.js -newer web/dist/index.html -print -quit)" ]; then \
	  cd web && npm run build --silent; \
	fi

build: server web

# Creates the demo database once (RESET=1 recreates it), prints the accounts, then serves.
demo: build
	@mkdir -p var
	@$(BUILD)/jiceng demo --db $(DEMO_DB) $(if $(RESET),--reset) $(if $(PASSWORD),--password '$(PASSWORD)')
	@echo "Jiceng is starting on http://127.0.0.1:$(PORT)"
	@exec $(BUILD)/jiceng serve --db $(DEMO_DB) --port $(PORT)

# Every test: unit and API tests on SQLite and on a throwaway PostgreSQL 15, web unit tests,
# and the browser tests in Debian's Chromium.
test: build
	@cd web && npm test --silent
	@bash scripts/with-postgres.sh ctest --test-dir $(BUILD) --output-on-failure

bench: build
	@bash bench/run.sh

clean:
	rm -rf $(BUILD) web/dist
