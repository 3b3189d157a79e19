# icefake — one entry point for humans and CI. `make help` lists targets.
GO        ?= go
ADDR      ?= 127.0.0.1:18930
FUZZTIME  ?= 10s
BIN       ?= bin/icefake
OLDGO     ?= go1.25.5

.PHONY: help run build test node-deps compat bench-smoke vet fmt-check tidy-check fuzz bench bench-compare bench-prism check
help:      ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "%-11s %s\n", $$1, $$2}'
run:       ## start the standalone server on $(ADDR) (Ctrl-C stops it)
	$(GO) run ./cmd/icefake -addr $(ADDR) $(ARGS)
build:     ## build the standalone binary into $(BIN)
	$(GO) build -o $(BIN) ./cmd/icefake
test: node-deps ## all tests (unit, examples, contract: embedded, binary, Node clients) under the race detector
	$(GO) test -race -count=1 ./...
node-deps: ## install the pinned Node.js contract-test clients (npm ci in contract/node; skipped without npm)
	@if command -v npm >/dev/null 2>&1; then cd contract/node && npm ci --no-audit --no-fund; \
	elif [ -n "$$CI" ]; then echo "node-deps: npm not found (Node.js >= 20 required in CI)" >&2; exit 1; \
	else echo "node-deps: npm not found; TestNodeClients will be skipped"; fi
compat:    ## type-check everything with the older supported Go release ($(OLDGO), fetched by the go command)
	GOTOOLCHAIN=$(OLDGO) $(GO) vet ./...
vet:       ## go vet
	$(GO) vet ./...
fmt-check: ## gofmt must be clean
	@out="$$(gofmt -l $$(git ls-files '*.go'))"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
tidy-check: ## go.mod/go.sum must be tidy
	$(GO) mod tidy && git diff --exit-code go.mod go.sum
fuzz:      ## every fuzz target, $(FUZZTIME) each (found crashers land in testdata/fuzz: commit them as regression tests)
	@set -e; for pkg in ./fake ./fake/popsign ./scenarios; do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run='^$$' -fuzz="^$$f\$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done
bench-smoke: ## run every benchmark once, so a broken benchmark fails CI
	$(GO) test -run='^$$' -bench=. -benchtime=1x ./...
bench:     ## benchmarks (StartT to first SDK response, SDK throughput)
	$(GO) test -run='^$$' -bench=. -benchmem ./contract ./fake
bench-compare: ## bare net/http handler vs icefake (defaults), one Go load client, c=1 and c=4, interleaved rounds; BENCHARGS passes flags (e.g. -rounds 1 -duration 2s)
	$(GO) build -o $(BIN) ./cmd/icefake
	$(GO) build -o bin/benchcompare ./internal/loadtest/cmd/benchcompare
	bin/benchcompare -icefake $(BIN) $(BENCHARGS)
bench-prism: ## bench-compare plus Prism 5 mocking openapi/ice.yaml (installs @stoplight/prism-cli into ~/.cache/icefake/prism; skipped without npm)
	GO=$(GO) scripts/bench-prism.sh $(BENCHARGS)
check: fmt-check vet test ## what CI runs
