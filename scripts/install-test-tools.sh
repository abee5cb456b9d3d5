#!/usr/bin/env bash
# Installs what the test suite needs beyond a JDK, reusing what is already there:
#   - Debian packages: chromium (Temporal UI browser test)
#   - playwright-core from npm, into ui-tests/node_modules (drives the Debian chromium; no browser download)
#   - the Temporal CLI (the real Temporal server for the integration tier), via go install
#   - promtool, prometheus, amtool and alertmanager at the releases the compose stack deploys, built
#     from their Go modules (scripts/install-prometheus-tools.sh)
#   - the Go modules of tools/compose-config (the compose check that ComposeConfigTest builds)
#   - kustomize via go install, when there is no kubectl (Kubernetes manifest renders)
#   - a Python venv in .tools/python-agents with temporalio (scripts/install-python-agents.sh)
# A tool that cannot be installed here is reported; the tests that need it then say so, and fail
# under CI=true.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
status=0

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "install-test-tools: apt-get install ${need_apt[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
      || { echo "install-test-tools: apt-get install failed" >&2; status=1; }
  else
    echo "install-test-tools: MISSING ${need_apt[*]} (install them with your package manager)" >&2
    status=1
  fi
fi

if command -v npm >/dev/null 2>&1; then
  lock="$ROOT/ui-tests/package-lock.json"
  stamp="$ROOT/ui-tests/node_modules/.agenthub-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
    echo "install-test-tools: npm ci (ui-tests)"
    (cd "$ROOT/ui-tests" && npm ci --no-audit --no-fund --loglevel=error) && cp "$lock" "$stamp" \
      || { echo "install-test-tools: npm ci failed" >&2; status=1; }
  fi
else
  echo "install-test-tools: MISSING node/npm (browser tests need them)" >&2
  status=1
fi

"$ROOT/scripts/install-temporal-cli.sh" >/dev/null || status=1
"$ROOT/scripts/install-prometheus-tools.sh" >/dev/null || status=1
# The Python agent example's venv (temporalio and OpenTelemetry from PyPI) for OwnAgentsIT.
"$ROOT/scripts/install-python-agents.sh" >/dev/null || status=1

# ComposeConfigTest builds tools/compose-config with go build; fetch and compile its modules here,
# so that the test only links.
if command -v go >/dev/null 2>&1; then
  (cd "$ROOT/tools/compose-config" && go build -trimpath -o /dev/null .) \
    || { echo "install-test-tools: tools/compose-config does not build" >&2; status=1; }
fi

# kustomize renders for the Kubernetes manifests (KustomizeTest): kubectl's built-in one when there
# is a kubectl, otherwise kustomize itself, built with go install into .tools/bin.
KUSTOMIZE_VERSION=v5.5.0
if ! command -v kubectl >/dev/null 2>&1 && [ ! -x "$ROOT/.tools/bin/kustomize" ]; then
  if command -v go >/dev/null 2>&1; then
    echo "install-test-tools: go install kustomize $KUSTOMIZE_VERSION"
    GOBIN="$ROOT/.tools/bin" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" \
      || { echo "install-test-tools: kustomize install failed" >&2; status=1; }
  else
    echo "install-test-tools: MISSING kubectl or kustomize (and Go to build kustomize)" >&2
    status=1
  fi
fi

for tool in otelcol jaeger; do "$ROOT/scripts/install-$tool.sh" >/dev/null || status=1; done # collector and Jaeger v2 (CollectorToJaegerIT)
exit $status
