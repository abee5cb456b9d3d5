#!/usr/bin/env bash
# Installs the Temporal CLI (the real Temporal server as `temporal server start-dev`, with SQLite
# persistence and the Temporal UI) into .tools/bin of this checkout, with `go install`, and reuses
# it when present. Prints the binary's path on success.
#
# v1.5.1 is the newest CLI release whose go.mod has no `replace` directive; later releases cannot
# be installed with `go install`.
set -euo pipefail

VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="$ROOT/.tools/bin"
BIN="$BIN_DIR/temporal"
STAMP="$BIN_DIR/.temporal-version"

if [ -x "$BIN" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ]; then
  echo "$BIN"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "install-temporal-cli: Go is not installed; install Go 1.23+ (https://go.dev/dl or your" \
       "package manager), or download a Temporal CLI release binary into $BIN" >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
echo "install-temporal-cli: go install github.com/temporalio/cli/cmd/temporal@$VERSION (takes a few minutes the first time)" >&2
GOBIN="$BIN_DIR" GOFLAGS="${GOFLAGS:-} -trimpath" go install "github.com/temporalio/cli/cmd/temporal@$VERSION" >&2
echo "$VERSION" > "$STAMP"
echo "$BIN"
