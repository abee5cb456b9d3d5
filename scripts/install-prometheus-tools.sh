#!/usr/bin/env bash
# Builds the Prometheus and Alertmanager binaries the tests run (promtool and prometheus, amtool and
# alertmanager) into .tools/bin of this checkout, at the versions docker-compose.observability.yml
# deploys, and reuses them while their recipe is unchanged. Prints the binaries' directory.
#
# The versions live in one place each: the wrapper modules tools/prometheus/go.mod and
# tools/alertmanager/go.mod (ToolVersionsTest fails when they and the compose images disagree).
# `go install module@version` refuses Prometheus (its go.mod has a replace directive), so each
# wrapper requires the release's module (Prometheus 3.X.Y is module version v0.3XX.Y), repeats its
# replace lines, and lists the commands as `tool`s; `go install tool` then builds them with the
# release's own dependency versions. Built as upstream's release builds are (tag netgo, no cgo),
# without the web UI assets (tag builtinassets), which no test needs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="$ROOT/.tools/bin"

if ! command -v go >/dev/null 2>&1; then
  echo "install-prometheus-tools: Go is not installed; install Go 1.24+ (https://go.dev/dl or your package manager)" >&2
  exit 1
fi
mkdir -p "$BIN_DIR"

# build NAME MODULE VERSION_OF_RELEASE: go install the tools of tools/NAME, stamped with the release
# version; skipped when the stamp matches the wrapper module, its checksums and these flags.
build() {
  local name="$1" module="$2" release="$3"
  local dir="$ROOT/tools/$name"
  local tags=netgo
  local ldflags="-s -w -X github.com/prometheus/common/version.Version=$release -X github.com/prometheus/common/version.Branch=go-module -X github.com/prometheus/common/version.Revision=$module"
  local stamp="$BIN_DIR/.$name-version"
  local recipe
  recipe="$release $(cat "$dir/go.mod" "$dir/go.sum" | sha256sum | cut -c1-16) $tags $ldflags"
  local bins
  bins="$(sed -n '/^tool (/,/^)/p; /^tool [^(]/p' "$dir/go.mod" | grep -o '[^/ ]*$' | grep -v '^[()]$')"
  local missing=0
  for bin in $bins; do [ -x "$BIN_DIR/$bin" ] || missing=1; done
  if [ "$missing" = 0 ] && [ "$(cat "$stamp" 2>/dev/null)" = "$recipe" ]; then
    return 0
  fi
  echo "install-prometheus-tools: building $(echo $bins) $release (takes minutes the first time)" >&2
  local start=$SECONDS
  (cd "$dir" && GOBIN="$BIN_DIR" CGO_ENABLED=0 go install -trimpath -tags "$tags" -ldflags "$ldflags" tool) >&2
  echo "$recipe" > "$stamp"
  echo "install-prometheus-tools: built $(echo $bins) $release in $((SECONDS - start)) s" >&2
}

# The release a wrapper module requires, as go.mod writes it.
required() {
  sed -n "s#^[[:space:]]*\(require[[:space:]]\)\{0,1\}$1 \(v[^[:space:]]*\).*#\2#p" "$ROOT/tools/$2/go.mod" | head -1
}

prometheus_module="$(required github.com/prometheus/prometheus prometheus)"
# v0.305.0 -> 3.5.0: Prometheus publishes release X.Y.Z as Go module version v0.(100X+Y).Z.
prometheus_release="$(echo "$prometheus_module" | awk -F'[v.]' '{printf "%d.%d.%s", int($3 / 100), $3 % 100, $4}')"
alertmanager_module="$(required github.com/prometheus/alertmanager alertmanager)"

build prometheus "github.com/prometheus/prometheus@$prometheus_module" "$prometheus_release"
build alertmanager "github.com/prometheus/alertmanager@$alertmanager_module" "${alertmanager_module#v}"
echo "$BIN_DIR"
