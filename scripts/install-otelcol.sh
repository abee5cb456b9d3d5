#!/usr/bin/env bash
# Builds Agent Hub's OpenTelemetry Collector into .tools/bin/agenthub-otelcol of this checkout, and
# reuses it when it was built from the same sources. Prints the binary's path on success.
#
# The sources are observability/otel-collector/distribution: a main.go like the one the collector
# builder (ocb) generates, listing exactly the components observability/otel-collector/config.yaml
# uses, and a go.mod/go.sum that pin them to one collector release (core v0.165.0 / v1.71.0,
# contrib v0.165.0) - the release of the compose stack's collector image. Change the components
# there (and the image tag in docker-compose.observability.yml with the release).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/observability/otel-collector/distribution"
BIN_DIR="$ROOT/.tools/bin"
BIN="$BIN_DIR/agenthub-otelcol"
STAMP="$BIN_DIR/.agenthub-otelcol-version"
RELEASE="v0.165.0"
# The release plus a digest of the sources, so an edited go.mod or component list rebuilds.
VERSION="$RELEASE+$(cat "$SRC/go.mod" "$SRC/go.sum" "$SRC"/*.go | sha256sum | cut -c1-12)"

if [ -x "$BIN" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ]; then
  echo "$BIN"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "install-otelcol: Go is not installed; install Go 1.26+ (https://go.dev/dl or your package" \
       "manager) to build the collector" >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
echo "install-otelcol: go build the collector $RELEASE (takes a few minutes the first time)" >&2
(cd "$SRC" && GOFLAGS="${GOFLAGS:-} -trimpath -mod=readonly" \
  go build -ldflags="-s -w -X main.version=$RELEASE" -o "$BIN" .) >&2
echo "$VERSION" > "$STAMP"
echo "$BIN"
