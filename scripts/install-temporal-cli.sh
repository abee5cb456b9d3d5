#!/usr/bin/env bash
# Finds or installs the Temporal CLI (the real Temporal server as `temporal server start-dev`, with
# SQLite persistence and the Temporal UI) and prints the binary's path. In order:
#   1. $AGENTHUB_TEMPORAL_CLI, when set (it must be executable);
#   2. a `temporal` on the PATH whose dev server is recent enough (Temporal Server 1.25 or newer,
#      as `temporal --version` reports it);
#   3. the one this script installed before, in .tools/bin of this checkout;
#   4. `go install` of the CLI into .tools/bin (a few minutes the first time).
# Without any of these it says how to get the CLI without Go, and exits 1.
#
# v1.5.1 is the newest CLI release whose go.mod has no `replace` directive; later releases cannot
# be installed with `go install`.
set -euo pipefail

VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
MIN_SERVER_VERSION="1.25.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="${TEMPORAL_CLI_BIN_DIR:-$ROOT/.tools/bin}"
BIN="$BIN_DIR/temporal"
STAMP="$BIN_DIR/.temporal-version"

# Whether version $1 is at least version $2 (both X.Y.Z).
at_least() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

# The Temporal Server version that the CLI at $1 embeds ("temporal version 1.5.1 (Server 1.29.1,
# UI 2.42.1)"), or nothing when it does not say.
server_version() {
  "$1" --version 2>/dev/null | grep -oE 'Server [0-9]+\.[0-9]+\.[0-9]+' | head -n 1 | cut -d' ' -f2
}

if [ -n "${AGENTHUB_TEMPORAL_CLI:-}" ]; then
  if [ ! -x "$AGENTHUB_TEMPORAL_CLI" ]; then
    echo "install-temporal-cli: AGENTHUB_TEMPORAL_CLI=$AGENTHUB_TEMPORAL_CLI is not an executable file" >&2
    exit 1
  fi
  echo "$AGENTHUB_TEMPORAL_CLI"
  exit 0
fi

too_old=""
if on_path="$(command -v temporal 2>/dev/null)" && [ -n "$on_path" ]; then
  server="$(server_version "$on_path")"
  if [ -n "$server" ] && at_least "$server" "$MIN_SERVER_VERSION"; then
    echo "$on_path"
    exit 0
  fi
  too_old="$on_path (Temporal Server ${server:-version unknown}; $MIN_SERVER_VERSION or newer needed)"
fi

if [ -x "$BIN" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ]; then
  echo "$BIN"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  {
    echo "install-temporal-cli: no Temporal CLI found, and Go is not installed to build one."
    if [ -n "$too_old" ]; then
      echo "  The temporal on the PATH is too old: $too_old."
    fi
    echo "  Get the CLI without Go, then run this again:"
    echo "    - macOS or Linux with Homebrew: brew install temporal"
    echo "    - or download a release archive from https://github.com/temporalio/cli/releases"
    echo "      (or https://temporal.download/cli/archive/latest?platform=linux&arch=amd64),"
    echo "      unpack it and put \`temporal\` on the PATH or in $BIN_DIR;"
    echo "    - or point AGENTHUB_TEMPORAL_CLI at the binary."
    echo "  With Go 1.23+ installed, this script builds it (go install)."
  } >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
echo "install-temporal-cli: go install github.com/temporalio/cli/cmd/temporal@$VERSION (takes a few minutes the first time)" >&2
GOBIN="$BIN_DIR" GOFLAGS="${GOFLAGS:-} -trimpath" go install "github.com/temporalio/cli/cmd/temporal@$VERSION" >&2
echo "$VERSION" > "$STAMP"
echo "$BIN"
