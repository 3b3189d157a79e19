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
XVERSION   = $(if $(VERSION),-X main.version=$(VERSION)) $(if $(REVISION),-X main.revision=$(REVISION))

.PHONY: help run build test node-deps compat bench-smoke vet fmt-check tidy-check fuzz bench mutate check image image-check dist
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
mutate:    ## mutation testing (gremlins v0.6.0) of the fast pure-logic packages, one at a time (MUTATE_PKGS); prints efficacy per package, fails below 95% (minutes per package; not in test)
	@sh scripts/mutate.sh $(MUTATE_PKGS)
check: fmt-check vet test ## what CI runs
