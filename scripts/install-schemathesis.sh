#!/usr/bin/env bash
# Installs schemathesis (the OpenAPI conformance checker that OpenApiConformanceIT runs) from PyPI
# into a virtual environment under .tools/venvs/schemathesis of this checkout, and links its `st`
# command as .tools/bin/st. A stamp holds the pinned version, so a rerun with the same pin does
# nothing. Prints the command's path on success.
set -euo pipefail

VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
# Hypothesis, which schemathesis generates cases with, pinned too: its releases change what a fixed
# seed generates.
HYPOTHESIS_VERSION="6.170.17"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.tools/venvs/schemathesis"
BIN="$ROOT/.tools/bin/st"
STAMP="$VENV/.agenthub-version"

if [ -x "$BIN" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ]; then
  echo "$BIN"
  exit 0
fi

if ! command -v python3 >/dev/null 2>&1; then
  echo "install-schemathesis: python3 is not installed (3.9+ with the venv module)" >&2
  exit 1
fi

echo "install-schemathesis: pip install schemathesis==$VERSION into $VENV" >&2
rm -rf "$VENV"
python3 -m venv "$VENV" >&2
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
  "schemathesis==$VERSION" "hypothesis==$HYPOTHESIS_VERSION" >&2
mkdir -p "$(dirname "$BIN")"
ln -sfn "$VENV/bin/st" "$BIN"
echo "$VERSION" > "$STAMP"
echo "$BIN"
