# newsgraph — the two commands a person needs:
#   make run    set up everything, start the local Neo4j, load ARTICLES, serve the API
#   make test   set up everything, run the test suite against a throw-away Neo4j
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
NG := $(VENV)/bin/newsgraph
ARTICLES ?= ../shared/data/seed/article.txt
PYTEST_ARGS ?=
# The throw-away server of the test suite: its own instance, data folder and ports.
TEST_INSTANCE ?= test
TEST_BOLT_PORT ?= 17687
TEST_HTTP_PORT ?= 17474

FUZZ_EXAMPLES ?= 60
FUZZ_MIN_CASES ?= 1000

.PHONY: setup web relay run test fuzz lint neo4j-start neo4j-stop neo4j-status bench clean

setup: $(VENV)/.installed web relay

# The Relay check of the test suite (tests/api/test_relay.py): relay-compiler, pinned by
# tests/api/relay/package-lock.json.
relay: tests/api/relay/node_modules/.package-lock.json
tests/api/relay/node_modules/.package-lock.json: tests/api/relay/package-lock.json
	@command -v npm >/dev/null || { echo "the Relay test needs Node 20 and npm" >&2; exit 1; }
	cd tests/api/relay && npm ci --no-audit --no-fund --loglevel=error

# The front end (web/): npm installs the versions pinned by web/package-lock.json, esbuild
# bundles them into api/static/ (git-ignored). The README's GraphQL examples go into GraphiQL.
WEB_SOURCES := $(wildcard web/src/*) web/build.mjs web/package.json web/tsconfig.json README.md
web: api/static/.built

web/node_modules/.package-lock.json: web/package-lock.json
	@command -v npm >/dev/null || { echo "newsgraph's front end needs Node 20 and npm (e.g. apt-get install nodejs npm)" >&2; exit 1; }
	cd web && npm ci --no-audit --no-fund --loglevel=error

api/static/.built: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run --silent build

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsgraph needs Python 3.11 or newer: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,model]'
	@touch $@

run: setup
	$(NG) neo4j start
	@if $(NG) --help | grep -q ' ingest '; then \
	  $(NG) ingest $(ARTICLES); \
	else echo "not yet built: 'newsgraph ingest' (loading $(ARTICLES) into the graph)"; fi
	@if $(NG) --help | grep -q ' serve '; then \
	  echo "Explorer:      http://$${NEWSGRAPH_API_HOST:-127.0.0.1}:$${NEWSGRAPH_API_PORT:-8000}/"; \
	  echo "GraphQL:       http://$${NEWSGRAPH_API_HOST:-127.0.0.1}:$${NEWSGRAPH_API_PORT:-8000}/graphql"; \
	  echo "Neo4j Browser: $$($(NG) neo4j status | awk '$$1=="browser"{print $$2}')"; \
	  echo "  its guide:   log in, then run  $$($(NG) neo4j status | awk '$$1=="guide"{print $$2, $$3}')"; \
	  exec $(NG) serve; \
	else \
	  echo "not yet built: 'newsgraph serve' (the GraphQL API)"; \
	  $(NG) neo4j status; \
	fi

# Start a fresh throw-away Neo4j, run pytest against it, and stop it whatever happens.
test: setup
	@set -euo pipefail; \
	stop() { $(NG) neo4j stop --instance $(TEST_INSTANCE) --bolt-port $(TEST_BOLT_PORT) --http-port $(TEST_HTTP_PORT) >/dev/null 2>&1 || true; }; \
	trap stop EXIT; trap 'stop; exit 130' INT TERM; \
	exports=$$($(NG) neo4j start --fresh --env --instance $(TEST_INSTANCE) --bolt-port $(TEST_BOLT_PORT) --http-port $(TEST_HTTP_PORT)); \
	eval "$$exports"; \
	$(PY) -m pytest $(PYTEST_ARGS)

# Schemathesis against /graphql of a real `newsgraph serve` on a throw-away Neo4j:
# >= FUZZ_MIN_CASES cases, 0 server errors, 0 INTERNAL_SERVER_ERROR (fuzz/graphql.py).
fuzz: setup
	@set -euo pipefail; \
	stop() { $(NG) neo4j stop --instance $(TEST_INSTANCE) --bolt-port $(TEST_BOLT_PORT) --http-port $(TEST_HTTP_PORT) >/dev/null 2>&1 || true; }; \
	trap stop EXIT; trap 'stop; exit 130' INT TERM; \
	exports=$$($(NG) neo4j start --fresh --env --instance $(TEST_INSTANCE) --bolt-port $(TEST_BOLT_PORT) --http-port $(TEST_HTTP_PORT)); \
	eval "$$exports"; \
	$(PY) -m fuzz.graphql --max-examples $(FUZZ_EXAMPLES) --min-cases $(FUZZ_MIN_CASES)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	cd web && npm run --silent check

neo4j-start: setup
	$(NG) neo4j start
neo4j-stop: setup
	$(NG) neo4j stop
neo4j-status: setup
	$(NG) neo4j status

# bench/api.py's peer: @neo4j/graphql and Apollo Server, pinned by bench/peer/package-lock.json.
bench/peer/node_modules/.package-lock.json: bench/peer/package-lock.json
	cd bench/peer && npm ci --no-audit --no-fund --loglevel=error

bench: setup bench/peer/node_modules/.package-lock.json
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	-$(NG) neo4j stop
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info web/node_modules api/static \
	  tests/api/relay/node_modules bench/peer/node_modules
