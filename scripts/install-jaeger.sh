#!/usr/bin/env bash
# Builds Jaeger v2 (github.com/jaegertracing/jaeger/cmd/jaeger: a collector distribution with trace
# stores and the query API) into .tools/bin/jaeger of this checkout, and reuses it when it was built
# from the same go.mod/go.sum. Prints the binary's path on success. Run it with
# observability/jaeger/config.yaml (in-memory store, query API on 16686).
#
# Jaeger's go.mod has a replace directive, so `go install ...@version` refuses it; it is built as a
# tool of the small module in observability/jaeger instead, whose go.sum pins every dependency.
# The Go module ships no UI assets: the binary serves Jaeger's placeholder page at /, and the query
# API (/api/v3/traces/{id}, /api/traces/{id}) works in full.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/observability/jaeger"
BIN_DIR="$ROOT/.tools/bin"
BIN="$BIN_DIR/jaeger"
STAMP="$BIN_DIR/.jaeger-version"
MODULE_VERSION="$(cd "$SRC" && awk '$1 == "github.com/jaegertracing/jaeger" {print $2}' go.mod)"
VERSION="$MODULE_VERSION+$(cat "$SRC/go.mod" "$SRC/go.sum" | sha256sum | cut -c1-12)"

if [ -x "$BIN" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ]; then
  echo "$BIN"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "install-jaeger: Go is not installed; install Go 1.26+ (https://go.dev/dl or your package" \
       "manager) to build Jaeger" >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
echo "install-jaeger: go build jaeger (module $MODULE_VERSION; takes a few minutes the first time)" >&2
(cd "$SRC" && GOFLAGS="${GOFLAGS:-} -trimpath -mod=readonly" \
  go build -ldflags="-s -w -X github.com/jaegertracing/jaeger/internal/version.latestVersion=$MODULE_VERSION" \
    -o "$BIN" github.com/jaegertracing/jaeger/cmd/jaeger) >&2
echo "$VERSION" > "$STAMP"
echo "$BIN"
