#!/usr/bin/env bash
# Installs the Python agent example's packages (examples/agents/python/requirements.txt: temporalio
# and OpenTelemetry from PyPI) into a virtual environment under .tools/python-agents, once per
# version of the requirements (a stamp file). Prints the venv's python on success.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.tools/python-agents"
REQUIREMENTS="$ROOT/examples/agents/python/requirements.txt"
STAMP="$VENV/.agenthub-requirements"
if ! command -v python3 >/dev/null 2>&1; then
  echo "install-python-agents: MISSING python3 (the Python agent example needs Python 3.9+)" >&2
  exit 1
fi
if [ ! -f "$STAMP" ] || ! cmp -s "$REQUIREMENTS" "$STAMP"; then
  echo "install-python-agents: pip install -r examples/agents/python/requirements.txt" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS" >&2
  cp "$REQUIREMENTS" "$STAMP"
fi
echo "$VENV/bin/python"
