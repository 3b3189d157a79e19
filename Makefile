# icefake — one entry point for humans and CI. `make help` lists targets.
GO        ?= go
ADDR      ?= 127.0.0.1:18930
FUZZTIME  ?= 20s
BIN       ?= bin/icefake
OLDGO     ?= go1.25.5

.PHONY: help run build test node-deps compat vet fmt-check tidy-check fuzz bench check
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
fuzz:      ## bounded fuzz runs ($(FUZZTIME) each)
	$(GO) test -run='^$$' -fuzz=FuzzParse -fuzztime=$(FUZZTIME) ./scenarios
	$(GO) test -run='^$$' -fuzz=FuzzHandler -fuzztime=$(FUZZTIME) ./fake
	$(GO) test -run='^$$' -fuzz=FuzzAuthenticate -fuzztime=$(FUZZTIME) ./fake
	$(GO) test -run='^$$' -fuzz=FuzzVerifyV1 -fuzztime=$(FUZZTIME) ./fake/popsign
	$(GO) test -run='^$$' -fuzz=FuzzParseAuthorization -fuzztime=$(FUZZTIME) ./fake/popsign
bench:     ## benchmarks (StartT to first SDK response, SDK throughput)
	$(GO) test -run='^$$' -bench=. -benchmem ./contract ./fake
check: fmt-check vet test ## what CI runs
