# icefake — one entry point for humans and CI. `make help` lists targets.
GO        ?= go
ADDR      ?= 127.0.0.1:18930
FUZZTIME  ?= 10s
BIN       ?= bin/icefake
OLDGO     ?= go1.25.5
# VERSION and REVISION are stamped into every binary (-X main.version, -X main.revision) for
# `icefake -version`; by default from git (git describe, e.g. v0.1.0-3-g0123abc or 0123abc-dirty).
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null)
REVISION  ?= $(shell git rev-parse --short=7 HEAD 2>/dev/null)
IMAGE     ?= icefake:latest
# ENGINE is the container engine command for `make image` (e.g. docker, podman, or
# 'podman --storage-driver vfs'); unset, the first of docker and podman whose `info` works.
ENGINE    ?=
IMAGE_ARCH ?= $(shell $(GO) env GOARCH)
SOURCE    ?= https://github.com/icefake/icefake
DIST_PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
# MUTATE_PKGS are the fast pure-logic packages `make mutate` runs gremlins on.
MUTATE_PKGS ?= ./fake/popsign ./openapi ./scenarios
# SOAK is how long `make soak` runs.
SOAK      ?= 2m
XVERSION   = $(if $(VERSION),-X main.version=$(VERSION)) $(if $(REVISION),-X main.revision=$(REVISION))

.PHONY: help run build validate-examples proxy-smoke test node-deps compat bench-smoke vet fmt-check tidy-check fuzz bench bench-compare bench-prism mutate soak check image image-check dist
help:      ## list targets and the variables they use
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "%-11s %s\n", $$1, $$2}'
	@echo
	@echo 'Variables (override as make TARGET VAR=value):'
	@printf '  %s\n' 'ADDR=$(ADDR)' 'BIN=$(BIN)' 'OLDGO=$(OLDGO)' 'FUZZTIME=$(FUZZTIME)' 'ARGS=$(ARGS)' 'VERSION=$(VERSION)' 'REVISION=$(REVISION)' 'IMAGE=$(IMAGE)' 'ENGINE=$(ENGINE)'
run: build ## build, then start the standalone server on $(ADDR) with $(ARGS) (Ctrl-C stops it, quietly)
	exec $(BIN) -addr $(ADDR) $(ARGS)
build:     ## build the standalone binary into $(BIN)
	$(GO) build -ldflags '$(XVERSION)' -o $(BIN) ./cmd/icefake
image:     ## build the container image $(IMAGE) (FROM scratch, static binary) with docker or podman
	CGO_ENABLED=0 GOOS=linux GOARCH=$(IMAGE_ARCH) $(GO) build -trimpath -ldflags '-s -w $(XVERSION)' -o bin/image/icefake ./cmd/icefake
	@set -e; engine='$(ENGINE)'; \
	if [ -z "$$engine" ]; then for e in docker podman; do \
	  if command -v $$e >/dev/null 2>&1 && $$e info >/dev/null 2>&1; then engine=$$e; break; fi; done; fi; \
	if [ -z "$$engine" ]; then echo "image: no working docker or podman ('docker info' and 'podman info' fail); install one or set ENGINE" >&2; exit 1; fi; \
	format=; case "$$engine" in *podman*) format='--format docker';; esac; \
	version='$(VERSION)'; [ -n "$$version" ] || version=unknown; revision=$$(git rev-parse HEAD 2>/dev/null || echo unknown); \
	set -x; $$engine build $$format --build-arg VERSION=$$version \
	  --build-arg REVISION=$$revision --build-arg SOURCE=$(SOURCE) -t $(IMAGE) .
image-check: ## build the image, then run its binary from the exported filesystem (-version, one SDK call)
	ENGINE='$(ENGINE)' IMAGE='$(IMAGE)' .ci/image-check
dist:      ## cross-build release archives for $(DIST_PLATFORMS) and SHA256SUMS into dist/ (VERSION=v1.2.3)
	@set -e; v='$(VERSION)'; [ -n "$$v" ] || v=dev; \
	rm -rf dist; mkdir -p dist; \
	for p in $(DIST_PLATFORMS); do os=$${p%/*}; arch=$${p#*/}; name=icefake_$${v}_$${os}_$${arch}; exe=; \
	  [ $$os = windows ] && exe=.exe; echo "dist/$$name"; mkdir -p dist/$$name; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "-s -w -X main.version=$$v $(if $(REVISION),-X main.revision=$(REVISION))" -o dist/$$name/icefake$$exe ./cmd/icefake; \
	  cp README.md dist/$$name/; \
	  if [ $$os = windows ] && command -v zip >/dev/null 2>&1; then (cd dist && zip -qr $$name.zip $$name); \
	  else tar -C dist -czf dist/$$name.tar.gz $$name; fi; \
	  rm -rf dist/$$name; \
	done; \
	cd dist; if command -v sha256sum >/dev/null 2>&1; then sha256sum icefake_* > SHA256SUMS; else shasum -a 256 icefake_* > SHA256SUMS; fi; \
	cat SHA256SUMS
validate-examples: ## icefake validate on the example scenario and the corpus Timelines that must stay clean
	$(GO) run ./cmd/icefake validate -scenario scenarios/example.yaml scenarios/example.yaml \
	  $$(ls contract/testdata/timelines/*.json | grep -v -e 14-skill -e 16-skill -e 19-skill)
proxy-smoke: build ## icefake proxy in front of the icefake binary: one call through it, no drift (needs curl)
	@set -e; d=$$(mktemp -d); trap 'kill $$fp $$pp 2>/dev/null || true; rm -rf $$d' EXIT; \
	$(BIN) -addr 127.0.0.1:0 -auth-mode off -log-level error > $$d/fake.out & fp=$$!; \
	for i in $$(seq 50); do grep -q listening $$d/fake.out && break; sleep 0.1; done; \
	fake=$$(sed -n 's/^icefake listening on //p' $$d/fake.out); \
	$(BIN) proxy -upstream $$fake -addr 127.0.0.1:0 -report $$d/report.jsonl > $$d/proxy.out 2> $$d/proxy.err & pp=$$!; \
	for i in $$(seq 50); do grep -q listening $$d/proxy.out && break; sleep 0.1; done; \
	proxy=$$(sed -n 's/^icefake proxy listening on //p' $$d/proxy.out); \
	curl -sS --fail-with-body -X POST "$$proxy/?Action=CreateEditingProject&Version=2020-11-09&Title=smoke" > /dev/null; \
	kill -INT $$pp; wait $$pp || { cat $$d/proxy.err $$d/report.jsonl; exit 1; }; \
	cat $$d/proxy.err; tail -1 $$d/report.jsonl; grep -q '"summary":{"calls":1,"callsWithDrift":0' $$d/report.jsonl
test: node-deps ## all tests (unit, examples, contract: embedded, binary, Node clients) under the race detector
	$(GO) test -race -count=1 -timeout 45m ./...
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
mutate:    ## mutation testing (gremlins v0.6.0) of the fast pure-logic packages, one at a time (MUTATE_PKGS); prints efficacy per package, fails below 95% (minutes per package; not in test)
	@sh scripts/mutate.sh $(MUTATE_PKGS)
soak:      ## run the binary under a mixed SDK workload with admin churn for $(SOAK) (not in test); fails on lost writes, unscripted 5xx, unexplained heap growth
	ICEFAKE_SOAK=$(SOAK) $(GO) test -run '^TestSoak$$' -count=1 -v -timeout 0 ./soak
check: fmt-check vet test ## what CI runs
