#!/bin/sh
# bench-prism.sh: the bench-compare load (V1-signed CreateEditingProject,
# 107-byte Timeline) against the bare handler, icefake and Prism 5 mocking
# openapi/ice.yaml, in one interleaved run; prints icefake/Prism.
# Skipped (exit 0) without npm. Prism is installed once into $PRISM_CACHE
# (default ~/.cache/icefake/prism). Extra arguments go to benchcompare.
set -eu
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
	echo "bench-prism: npm not found; skipped"
	exit 0
fi
CACHE=${PRISM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/icefake/prism}
PRISM="$CACHE/node_modules/.bin/prism"
if [ ! -x "$PRISM" ]; then
	mkdir -p "$CACHE"
	npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error @stoplight/prism-cli@5 >&2
fi
GO=${GO:-go}
$GO build -o bin/icefake ./cmd/icefake
$GO build -o bin/benchcompare ./internal/loadtest/cmd/benchcompare
PORT=$(bin/benchcompare -free-port)
"$PRISM" mock -h 127.0.0.1 -p "$PORT" openapi/ice.yaml >bin/prism.log 2>&1 &
PRISM_PID=$!
trap 'kill $PRISM_PID 2>/dev/null || true; wait $PRISM_PID 2>/dev/null || true' EXIT INT TERM
bin/benchcompare -wait "http://127.0.0.1:$PORT/" -wait-timeout 60s
bin/benchcompare -icefake bin/icefake -target "prism=http://127.0.0.1:$PORT/CreateEditingProject" "$@"
