#!/usr/bin/env bash
# The one check command: lint, types, tests (the README's test command; CI runs it too).
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check .
mypy
python -m pytest -q "$@"
